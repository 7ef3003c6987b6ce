"""Words of ingestion (see `i18n.catalogue`): labels of families, columns and batch states, the
problem list's headers, and every problem a file can have, keyed `ingest.problem.*`.

A problem's sentence is formatted with the params its `ingest.model.Problem` carries; params that
read differently per language (a column, a count) are rendered by `ingest.model` first.
The Vietnamese sentences are the ones users and tests have always seen: change them with care.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # --- families, keys and columns ---
    "ingest.family.dossiers": ("Hồ sơ TTHC", "Administrative dossiers"),
    "ingest.family.documents": ("Văn bản điện tử", "Electronic documents"),
    "ingest.family.tasks": ("Nhiệm vụ được giao", "Assigned tasks"),
    "ingest.key.unit_code": ("Đơn vị (mã hoặc tên)", "Unit (code or name)"),
    "ingest.key.field_code": ("Lĩnh vực (mã hoặc tên)", "Field (code or name)"),
    "ingest.key.month": ("Tháng (YYYY-MM)", "Month (YYYY-MM)"),
    "ingest.column.received_total": ("Số hồ sơ nhận giải quyết – Tổng số", "Dossiers received – total"),
    "ingest.column.received_online": ("Nhận trực tuyến", "Received online"),
    "ingest.column.received_direct": ("Nhận trực tiếp, dịch vụ bưu chính", "Received in person or by post"),
    "ingest.column.received_carried_over": ("Từ kỳ trước chuyển sang", "Carried over from the previous period"),
    "ingest.column.resolved_total": ("Tổng số đã giải quyết", "Resolved – total"),
    "ingest.column.resolved_early": ("Giải quyết trước hạn", "Resolved early"),
    "ingest.column.resolved_on_time": ("Giải quyết đúng hạn", "Resolved on time"),
    "ingest.column.resolved_late": ("Giải quyết quá hạn", "Resolved late"),
    "ingest.column.pending_total": ("Tổng số đang giải quyết", "In progress – total"),
    "ingest.column.pending_on_time": ("Đang giải quyết trong hạn", "In progress, within the deadline"),
    "ingest.column.pending_overdue": ("Đang giải quyết quá hạn", "In progress, overdue"),
    "ingest.column.received_full_process": ("Nhận trực tuyến toàn trình", "Received fully online"),
    "ingest.column.fee_dossiers": ("Hồ sơ có phí, lệ phí", "Dossiers with fees"),
    "ingest.column.fee_paid_online": ("Hồ sơ thanh toán trực tuyến", "Fees paid online"),
    "ingest.column.electronic_results": ("Hồ sơ trả kết quả điện tử", "Results returned electronically"),
    "ingest.column.digitised": ("Hồ sơ được số hóa khi tiếp nhận", "Digitised on receipt"),
    "ingest.column.resolved_late_unexcused": ("Giải quyết quá hạn không có lý do chính đáng",
                                              "Resolved late without a valid reason"),
    "ingest.column.pending_overdue_unexcused": ("Đang quá hạn không có lý do chính đáng",
                                                "Overdue without a valid reason"),
    "ingest.column.docs_outgoing_total": ("Tổng số văn bản đi", "Outgoing documents – total"),
    "ingest.column.docs_outgoing_signed_electronic": ("Văn bản đi ký số, gửi điện tử",
                                                      "Outgoing documents signed digitally and sent electronically"),
    "ingest.column.tasks_due": ("Nhiệm vụ đến hạn", "Tasks due"),
    "ingest.column.tasks_done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "ingest.column.tasks_done_late": ("Hoàn thành quá hạn", "Done late"),
    "ingest.column.tasks_overdue_open": ("Chưa hoàn thành, đã quá hạn", "Not done, overdue"),
    "ingest.column.tasks_done_late_unexcused": ("Hoàn thành quá hạn không có lý do chính đáng",
                                                "Done late without a valid reason"),
    "ingest.column.tasks_overdue_unexcused": ("Quá hạn chưa hoàn thành không có lý do chính đáng",
                                              "Overdue and not done without a valid reason"),
    # --- batches ---
    "ingest.batch_status.active": ("đang dùng", "in use"),
    "ingest.batch_status.rolled_back": ("đã hoàn tác", "rolled back"),
    # --- the problem list and the preview tables ---
    "ingest.severity.error": ("Lỗi", "Error"),
    "ingest.severity.warning": ("Cảnh báo", "Warning"),
    "ingest.location.title": ("tiêu đề", "title"),
    "ingest.header.severity": ("Mức độ", "Severity"),
    "ingest.header.file": ("Tệp", "File"),
    "ingest.header.sheet": ("Trang tính", "Sheet"),
    "ingest.header.row": ("Dòng", "Row"),
    "ingest.header.column": ("Cột", "Column"),
    "ingest.header.message": ("Nội dung", "Problem"),
    "ingest.header.family": ("Nhóm số liệu", "Data family"),
    "ingest.header.unit_code": ("Đơn vị", "Unit"),
    "ingest.header.field_code": ("Lĩnh vực", "Field"),
    "ingest.header.month": ("Tháng", "Month"),
    "ingest.header.indicator": ("Chỉ tiêu", "Figure"),
    "ingest.header.old": ("Số cũ", "Old value"),
    "ingest.header.new": ("Số mới", "New value"),
    # --- pieces of sentences ---
    "ingest.what.unit": ("đơn vị", "unit"),
    "ingest.what.field": ("lĩnh vực", "field"),
    "ingest.what.unit_field_month": ("đơn vị – lĩnh vực – tháng", "unit – field – month"),
    "ingest.what.unit_month": ("đơn vị – tháng", "unit – month"),
    "ingest.problem.more_rows": (" — gặp ở {n} dòng", " — found on {n} rows"),
    "ingest.problem.candidate": ("{name} (mã {code})", "{name} (code {code})"),
    "ingest.problem.did_you_mean": (". Có phải: {listed}?", ". Did you mean: {listed}?"),
    "ingest.problem.odd_characters": (" (tên có ký tự lạ: {listed})", " (the name has unusual characters: {listed})"),
    # --- validation: columns, keys, months ---
    "ingest.problem.missing_column": ("Thiếu cột {column}", "Missing column {column}"),
    "ingest.problem.with_more": ("{sentence}{more}", "{sentence}{more}"),
    "ingest.problem.missing_key": ("Thiếu {what} (ô trống){more}", "Missing {what} (blank cell){more}"),
    "ingest.problem.unknown_name": ("Không tìm thấy {what} '{name}'{hint}{odd}", "No {what} named '{name}'{hint}{odd}"),
    "ingest.problem.ambiguous_name": (
        "Tên {what} '{name}' không rõ ràng, có thể là: {listed}. Hãy ghi mã {what}",
        "The {what} name '{name}' is ambiguous, it could be: {listed}. Write the {what} code instead"),
    "ingest.problem.month_excel_serial": (
        "Tháng '{text}' là số ngày kiểu Excel (= ngày {day:%d/%m/%Y}), đã hiểu là tháng {month:%m/%Y}; hãy xác "
        "nhận, hoặc định dạng cột tháng là Văn bản và ghi dạng {month:%Y-%m}{more}",
        "Month '{text}' is an Excel day number (= {day:%d/%m/%Y}), read as month {month:%m/%Y}; confirm it, or "
        "format the month column as Text and write {month:%Y-%m}{more}"),
    "ingest.problem.missing_month": ("Thiếu tháng báo cáo (ô trống){more}", "Missing reporting month (blank cell){more}"),
    "ingest.problem.bad_month": ("Tháng '{text}' không hợp lệ (dạng YYYY-MM, ví dụ 2026-10){more}",
                                 "Month '{text}' is not valid (write YYYY-MM, e.g. 2026-10){more}"),
    "ingest.problem.future_month": ("Tháng {month:%m/%Y} ở tương lai, chưa thể có số liệu{more}",
                                    "Month {month:%m/%Y} is in the future: it cannot have figures yet{more}"),
    "ingest.problem.unit_not_yet": (
        "Tháng {month:%m/%Y} nằm ngoài thời gian hoạt động của đơn vị '{unit}' (chỉ tồn tại từ {since:%d/%m/%Y})",
        "Month {month:%m/%Y} is outside the active period of unit '{unit}' (it exists only from {since:%d/%m/%Y})"),
    "ingest.problem.unit_ended": (
        "Tháng {month:%m/%Y} nằm ngoài thời gian hoạt động của đơn vị '{unit}' (đã thôi hoạt động sau "
        "{until:%d/%m/%Y})",
        "Month {month:%m/%Y} is outside the active period of unit '{unit}' (it ceased after {until:%d/%m/%Y})"),
    "ingest.problem.duplicate_key": ("Trùng {what} với dòng {row}", "Same {what} as row {row}"),
    "ingest.problem.duplicate_across_sheets": ("Trùng với dòng {row} của trang tính '{sheet}'",
                                               "Same as row {row} of sheet '{sheet}'"),
    # --- validation: counts and arithmetic ---
    "ingest.problem.not_a_number": ("Cột {column}: giá trị '{cell}' không phải là số",
                                    "Column {column}: value '{cell}' is not a number"),
    "ingest.problem.negative": ("Cột {column}: số âm '{cell}' không hợp lệ (số đếm phải từ 0 trở lên)",
                                "Column {column}: negative number '{cell}' is not valid (counts are 0 or more)"),
    "ingest.problem.not_integer": ("Cột {column}: '{cell}' không phải số nguyên (số hồ sơ phải là số đếm)",
                                   "Column {column}: '{cell}' is not a whole number (counts are whole numbers)"),
    "ingest.problem.sum_rule": ("Cột {total} = {total_value} nhưng {parts} = {parts_value} (phải có {rule})",
                                "Column {total} = {total_value} but {parts} = {parts_value} (must be {rule})"),
    "ingest.problem.at_most": ("{numerators} = {numerator} lớn hơn {denominators} = {denominator}",
                               "{numerators} = {numerator} is greater than {denominators} = {denominator}"),
    "ingest.problem.received_balance": (
        "Số nhận giải quyết (3) = {received} khác đã giải quyết (7) + đang giải quyết (11) = {settled}; "
        "có thể do hồ sơ bị trả lại hoặc rút — cần xác nhận",
        "Received (3) = {received} differs from resolved (7) + in progress (11) = {settled}; dossiers may "
        "have been returned or withdrawn — please confirm"),
    # --- refused files (ingest.safety) ---
    "ingest.unsafe.too_large": ("Tệp quá lớn: {size} MB, giới hạn là {limit} MB",
                                "The file is too large: {size} MB, the limit is {limit} MB"),
    "ingest.unsafe.empty": ("Tệp rỗng", "The file is empty"),
    "ingest.unsafe.broken_zip": ("Tệp .xlsx bị hỏng (không đọc được cấu trúc nén)",
                                 "The .xlsx file is damaged (its zip structure cannot be read)"),
    "ingest.unsafe.zip_renamed": ("Tệp không phải là bảng tính Excel (.xlsx) mà là một tệp nén .zip đổi đuôi",
                                  "The file is not an Excel workbook (.xlsx) but a renamed .zip archive"),
    "ingest.unsafe.unpacks_too_big": (
        "Tệp bị từ chối: khi giải nén sẽ chiếm {mb} MB, vượt giới hạn an toàn (nghi là 'bom nén')",
        "The file is refused: it would unpack to {mb} MB, over the safety limit (a suspected 'zip bomb')"),
    "ingest.unsafe.zip_ratio": (
        "Tệp bị từ chối: thành phần '{part}' nén với tỷ lệ bất thường ({ratio}:1), nghi là 'bom nén'",
        "The file is refused: part '{part}' is compressed at an abnormal ratio ({ratio}:1), a suspected 'zip bomb'"),
    "ingest.unsafe.password": ("Bảng tính được bảo vệ bằng mật khẩu: hãy bỏ mật khẩu rồi tải lên lại",
                               "The workbook is password-protected: remove the password and upload it again"),
    "ingest.unsafe.xlsx_is_xls": (
        "Tệp mang đuôi .xlsx nhưng thực chất là tệp Excel cũ (.xls): hãy đổi đuôi thành .xls",
        "The file is named .xlsx but is an old Excel file (.xls): rename it to .xls"),
    "ingest.unsafe.xlsx_is_html": (
        "Tệp mang đuôi .xlsx nhưng thực chất là một trang web (HTML), không phải bảng tính",
        "The file is named .xlsx but is a web page (HTML), not a workbook"),
    "ingest.unsafe.xlsx_not_excel": ("Tệp mang đuôi .xlsx nhưng không phải là bảng tính Excel",
                                     "The file is named .xlsx but is not an Excel workbook"),
    "ingest.unsafe.xls_is_zip": (
        "Tệp mang đuôi .xls nhưng thực chất là tệp .xlsx hoặc .zip: hãy đổi đuôi thành .xlsx",
        "The file is named .xls but is an .xlsx or .zip file: rename it to .xlsx"),
    "ingest.unsafe.xls_not_excel": ("Tệp mang đuôi .xls nhưng không phải là bảng tính Excel",
                                    "The file is named .xls but is not an Excel workbook"),
    "ingest.unsafe.csv_is_excel": (
        "Tệp mang đuôi .csv nhưng thực chất là bảng tính Excel: hãy đổi đuôi thành .xlsx hoặc .xls",
        "The file is named .csv but is an Excel workbook: rename it to .xlsx or .xls"),
    "ingest.unsafe.csv_is_binary": ("Tệp mang đuôi .csv nhưng chứa dữ liệu nhị phân, không phải văn bản",
                                    "The file is named .csv but holds binary data, not text"),
    "ingest.unsafe.unsupported": ("Không hỗ trợ định dạng '{kind}': chỉ nhận .xlsx, .xls hoặc .csv",
                                  "The format '{kind}' is not supported: only .xlsx, .xls or .csv"),
    # --- whole files and commits ---
    "ingest.problem.no_rows": ("Tệp không có dòng số liệu nào", "The file has no data rows"),
    "ingest.refusal.duplicate_upload": (
        "Tệp '{name}' giống hệt tệp '{source}' đã nạp (lô #{batch}, bởi {by}, lúc {at:%d/%m/%Y %H:%M}); không nạp lại",
        "File '{name}' is identical to '{source}', already uploaded (batch #{batch}, by {by}, at "
        "{at:%d/%m/%Y %H:%M}); not uploaded again"),
    "ingest.refusal.same_key_twice": ("Tệp {first} và {second} cùng ghi số liệu {what}; hãy bỏ một tệp",
                                      "Files {first} and {second} both write figures for {what}; drop one of them"),
    "ingest.refusal.same_keys_twice": (
        "Tệp {first} và {second} cùng ghi số liệu {what} (và {n} số liệu trùng khác); hãy bỏ một tệp",
        "Files {first} and {second} both write figures for {what} (and {n} other clashes); drop one of them"),
    "ingest.refusal.errors_left": ("Không thể ghi: còn lỗi trong tệp {files}",
                                   "Nothing can be written: file {files} still has errors"),
    "ingest.refusal.unconfirmed": ("Cần xác nhận các cảnh báo trong tệp {files} trước khi ghi",
                                   "Confirm the warnings of file {files} before writing"),
    "ingest.refusal.no_rows": ("Tệp {files} không có dòng số liệu nào", "File {files} has no data rows"),
    "ingest.refusal.no_batch": ("Không có lô #{batch}", "There is no batch #{batch}"),
    "ingest.refusal.already_rolled_back": ("Lô #{batch} đã được hoàn tác trước đó",
                                           "Batch #{batch} was already rolled back"),
    "ingest.refusal.rollback_needs_yes": (
        "Chưa hoàn tác lô #{batch}: không có terminal để hỏi xác nhận, hãy chạy lại với --yes",
        "Batch #{batch} was not rolled back: there is no terminal to ask for confirmation, run again with --yes"),
    # --- readers ---
    "ingest.problem.no_table": (
        "Không nhận ra bảng số liệu: dòng tiêu đề phải có cột đơn vị, tháng và các cột số liệu theo mẫu "
        "(tải mẫu trên trang Nạp dữ liệu), hoặc theo Biểu số 06/VPCP/KSTT",
        "No data table recognised: the header row must have the unit, month and figure columns of the template "
        "(download it on the Upload page), or follow Form 06/VPCP/KSTT"),
    "ingest.problem.csv_empty": ("Tệp CSV không có dữ liệu", "The CSV file has no data"),
    "ingest.problem.csv_row_width": (
        "Dòng {line} có {saw} cột trong khi dòng tiêu đề có {expected} cột (phân cách bằng {sep}): kiểm tra dấu "
        "phân cách, dấu ngoặc kép hoặc ô chứa {sep}",
        "Row {line} has {saw} columns while the header row has {expected} (separated by {sep}): check the "
        "separators, the quotes, or cells that contain a {sep}"),
    "ingest.problem.csv_unreadable": (
        "Không đọc được tệp CSV (phân cách bằng {sep}): kiểm tra dấu ngoặc kép và dấu phân cách, hoặc mở bằng "
        "Excel và lưu lại dạng 'CSV UTF-8'",
        "The CSV file cannot be read (separated by {sep}): check the quotes and separators, or open it in Excel "
        "and save it as 'CSV UTF-8'"),
    "ingest.sep.semicolon": ("dấu chấm phẩy", "semicolon"),
    "ingest.sep.comma": ("dấu phẩy", "comma"),
    "ingest.sep.tab": ("dấu tab", "tab"),
    "ingest.sep.bar": ("dấu |", "'|'"),
    "ingest.unsafe.csv_bad_utf16": (
        "Tệp CSV bắt đầu bằng dấu hiệu UTF-16 nhưng nội dung bị hỏng: hãy mở bằng Excel và lưu lại dạng 'CSV UTF-8'",
        "The CSV file starts with a UTF-16 mark but its content is damaged: open it in Excel and save it as "
        "'CSV UTF-8'"),
    "ingest.unsafe.csv_not_utf8": (
        "Tệp CSV không dùng bảng mã UTF-8: hãy mở bằng Excel và lưu lại dạng 'CSV UTF-8'",
        "The CSV file is not UTF-8 encoded: open it in Excel and save it as 'CSV UTF-8'"),
    # --- the sandboxed workbook reader ---
    "ingest.problem.sandbox_busy": (
        "Không đọc được tệp {file}: máy chủ đang quá tải, chưa mở được tiến trình đọc bảng tính; hãy thử tải lên "
        "lại sau ít phút",
        "File {file} cannot be read: the server is overloaded and could not start a workbook reader; try the "
        "upload again in a few minutes"),
    "ingest.problem.sandbox_failed": (
        "Không đọc được tệp {file}: tệp vượt giới hạn bộ nhớ/thời gian khi đọc ({reason}); hãy xóa các ô thừa "
        "ngoài bảng số liệu, hoặc tách thành nhiều tệp nhỏ hơn",
        "File {file} cannot be read: reading it exceeded the memory/time limit ({reason}); delete the stray "
        "cells outside the data table, or split it into smaller files"),
    "ingest.sandbox.timeout": ("quá {seconds} giây", "over {seconds} seconds"),
    "ingest.sandbox.signal": ("tiến trình đọc bị dừng bởi tín hiệu {name}", "the reader was stopped by signal {name}"),
    "ingest.sandbox.exit_code": ("tiến trình đọc kết thúc bất thường, mã {code}",
                                 "the reader ended abnormally, code {code}"),
    "ingest.sandbox.memory": ("cần hơn {mb} MB bộ nhớ", "it needs more than {mb} MB of memory"),
    "ingest.sandbox.result_memory": ("kết quả cần hơn {mb} MB bộ nhớ", "the result needs more than {mb} MB of memory"),
    "ingest.sandbox.error": ("lỗi {name}", "error {name}"),
    # --- the period of an official form (ingest.report_period, ingest.official_form) ---
    "ingest.period.months": ("{n} tháng", "{n} months"),
    "ingest.period.days": ("{n} ngày", "{n} days"),
    "ingest.period.at_row": ("dòng {row}: ", "row {row}: "),
    "ingest.problem.period_not_a_month": (
        "Kỳ báo cáo trong tệp là {span} ({length}; {where}'{source}'), không phải là một tháng; hệ thống chỉ nhận "
        "số liệu theo từng tháng và không thể tách số liệu nhiều tháng thành từng tháng: hãy xuất lại báo cáo cho "
        "từng tháng",
        "The file's reporting period is {span} ({length}; {where}'{source}'), not one month; figures are stored "
        "month by month and figures of several months cannot be split into months: export the report again for "
        "each month"),
    "ingest.problem.conflicting_periods": ("Tiêu đề ghi hai kỳ báo cáo khác nhau: '{first}' và '{second}'{others}",
                                           "The title states two different reporting periods: '{first}' and "
                                           "'{second}'{others}"),
    "ingest.note.period_closing_day": (
        "Kỳ báo cáo {first:%d/%m/%Y}–{last:%d/%m/%Y} (chốt số liệu ngày {day} hằng tháng) được ghi là tháng "
        "{last:%m/%Y}, tháng kết thúc kỳ",
        "Reporting period {first:%d/%m/%Y}–{last:%d/%m/%Y} (figures closed on day {day} of each month) is stored "
        "as month {last:%m/%Y}, the month it ends in"),
    "ingest.problem.chosen_month_invalid": ("Tháng đã chọn '{chosen}' không hợp lệ (dạng YYYY-MM, ví dụ 2026-10)",
                                            "The month chosen '{chosen}' is not valid (write YYYY-MM, e.g. 2026-10)"),
    "ingest.problem.chosen_month_unused": (
        "; tháng đã chọn khi tải lên ({month}) chỉ dùng khi tệp không ghi kỳ báo cáo",
        "; the month chosen on upload ({month}) is used only when the file states no reporting period"),
    "ingest.problem.period_vs_choice": ("Kỳ báo cáo trong tiêu đề ({title}) khác kỳ đã chọn ({chosen})",
                                        "The reporting period in the title ({title}) differs from the one chosen "
                                        "({chosen})"),
    "ingest.problem.period_partial": (
        "Kỳ báo cáo {span} chỉ là một phần của tháng {month:%m/%Y}: số liệu sẽ được ghi cho cả tháng — cần xác nhận",
        "Reporting period {span} is only part of month {month:%m/%Y}: the figures will be stored for the whole "
        "month — please confirm"),
    "ingest.problem.period_not_over": (
        "Kỳ báo cáo {first:%d/%m/%Y}–{last:%d/%m/%Y} chưa kết thúc (hôm nay {today:%d/%m/%Y}): số liệu có thể còn "
        "thay đổi — cần xác nhận",
        "Reporting period {first:%d/%m/%Y}–{last:%d/%m/%Y} has not ended (today is {today:%d/%m/%Y}): the figures "
        "may still change — please confirm"),
    "ingest.problem.period_unknown": (
        "Không xác định được kỳ báo cáo: tiêu đề không ghi tháng (ví dụ 'Kỳ báo cáo: Tháng 10 năm 2026'), hãy chọn "
        "tháng khi tải lên",
        "The reporting period is unknown: the title states no month (e.g. 'Kỳ báo cáo: Tháng 10 năm 2026'); "
        "choose the month when uploading"),
    # --- the official form's title, header and rows (ingest.official_form) ---
    "ingest.problem.form_layout": ("Biểu số 06: {detail}", "Form 06: {detail}"),
    "ingest.problem.unit_heading_vs_line": (
        "Đơn vị ở phần đầu biểu '{heading}' (dòng {heading_row}) khác đơn vị báo cáo '{line}' (dòng {line_row}): "
        "không biết số liệu thuộc đơn vị nào, hãy sửa tệp",
        "The unit in the form's heading '{heading}' (row {heading_row}) differs from the reporting unit '{line}' "
        "(row {line_row}): it is unclear whose figures these are; correct the file"),
    "ingest.problem.unit_title_vs_choice": ("Đơn vị trong tiêu đề '{title}' khác đơn vị đã chọn '{chosen}'",
                                            "The unit in the title '{title}' differs from the unit chosen '{chosen}'"),
    "ingest.problem.unit_unknown": (
        "Không xác định được đơn vị báo cáo: tiêu đề không ghi tên đơn vị (dòng 'Đơn vị báo cáo: …' hoặc tên cơ "
        "quan ở đầu biểu), hãy chọn đơn vị khi tải lên",
        "The reporting unit is unknown: the title does not name it (a line 'Đơn vị báo cáo: …' or the agency "
        "at the top of the form); choose the unit when uploading"),
    "ingest.problem.form_without_field": (
        "Biểu tổng hợp theo đơn vị không ghi lĩnh vực (không có cột 'Lĩnh vực' và không có dòng 'Lĩnh vực: …' "
        "trong tiêu đề): không biết số liệu thuộc lĩnh vực nào, hãy xuất biểu theo từng lĩnh vực",
        "The form by unit states no field (no 'Lĩnh vực' column and no 'Lĩnh vực: …' line in the title): it is "
        "unclear which field the figures belong to; export the form field by field"),
    "ingest.problem.form_all_fields": (
        "Biểu ghi '{stated}': số liệu gộp mọi lĩnh vực không tách được theo lĩnh vực, hãy xuất biểu có cột "
        "'Lĩnh vực' hoặc theo từng lĩnh vực",
        "The form states '{stated}': figures summed over all fields cannot be split by field; export the form "
        "with a 'Lĩnh vực' column or field by field"),
    "ingest.problem.row_without_name": ("Dòng có số liệu nhưng thiếu tên {what}",
                                        "The row has figures but no {what} name"),
    "ingest.problem.total_row_mismatch": ("Dòng 'Tổng cộng' ghi {stated} nhưng tổng các dòng của bảng là {body}",
                                          "The 'Tổng cộng' row states {stated} but the table's rows add up to {body}"),
    "ingest.note.column_not_in_form": ("Cột '{label}' không thuộc Biểu số 06, không được nạp",
                                       "Column '{label}' is not part of Form 06 and is not imported"),
    "ingest.note.no_early_column": (
        "Biểu không có cột 'Trước hạn' (kiểu biểu 07a): cột 'Đúng hạn' đã gồm hồ sơ trước hạn, nên được ghi vào "
        "'đúng hạn' và 'trước hạn' ghi 0; tỷ lệ đúng hạn không đổi",
        "The form has no 'Trước hạn' (early) column (form 07a style): its 'Đúng hạn' (on time) column includes "
        "early dossiers, so it is stored as on time with 0 early; the on-time rate is unchanged"),
    "ingest.note.unit_choice_unused": ("Đơn vị đã chọn khi tải lên ('{unit}') không dùng: biểu ghi đơn vị trên từng dòng",
                                       "The unit chosen on upload ('{unit}') is not used: the form names the unit "
                                       "on each row"),
    "ingest.note.group_rows": ("Bỏ qua {n} dòng nhóm/cộng nhóm (STT số La Mã hoặc chữ cái): dòng {rows}",
                               "Skipped {n} group/subtotal rows (numbered with Roman numerals or letters): rows {rows}"),
    # --- workbooks refused before or while reading (ingest.xlsx_guard, ingest.workbook) ---
    "ingest.guard.broken_zip": ("Tệp {file} bị hỏng (không đọc được cấu trúc nén)",
                                "File {file} is damaged (its zip structure cannot be read)"),
    "ingest.guard.unzip_failed": ("Tệp {file} bị hỏng: không giải nén được ({error})",
                                  "File {file} is damaged: it cannot be unpacked ({error})"),
    "ingest.guard.part_too_big_mb": ("Tệp {file} bị từ chối: phần '{part}' lớn bất thường ({mb} MB)",
                                     "File {file} is refused: part '{part}' is abnormally large ({mb} MB)"),
    "ingest.guard.part_too_big": ("Tệp {file} bị từ chối: phần '{part}' lớn bất thường",
                                  "File {file} is refused: part '{part}' is abnormally large"),
    "ingest.guard.part_doctype": (
        "Tệp {file} bị từ chối: phần '{part}' khai báo DOCTYPE/thực thể XML, điều mà bảng tính Excel thật không có",
        "File {file} is refused: part '{part}' declares an XML DOCTYPE/entities, which real Excel workbooks never do"),
    "ingest.guard.part_bad_xml": ("Tệp {file} bị hỏng: phần '{part}' không phải XML hợp lệ",
                                  "File {file} is damaged: part '{part}' is not valid XML"),
    "ingest.guard.no_workbook": ("Tệp {file} không phải là bảng tính Excel (.xlsx): thiếu xl/workbook.xml",
                                 "File {file} is not an Excel workbook (.xlsx): xl/workbook.xml is missing"),
    "ingest.guard.sheet_missing": ("Tệp {file} bị hỏng: không tìm thấy nội dung của trang tính '{sheet}'",
                                   "File {file} is damaged: the content of sheet '{sheet}' is missing"),
    "ingest.guard.shared_strings": (
        "Tệp {file} có hơn {limit} chuỗi văn bản dùng chung, vượt giới hạn an toàn; hãy tách thành nhiều tệp nhỏ hơn",
        "File {file} has more than {limit} shared strings, over the safety limit; split it into smaller files"),
    "ingest.guard.too_many_cells": (
        "Trang tính '{sheet}' của tệp {file} có hơn {limit} ô có dữ liệu, vượt giới hạn an toàn; hãy tách bảng số "
        "liệu thành nhiều tệp nhỏ hơn",
        "Sheet '{sheet}' of file {file} has more than {limit} filled cells, over the safety limit; split the data "
        "into smaller files"),
    "ingest.guard.grid_too_big": (
        "Trang tính '{sheet}' của tệp {file} trải trên vùng A1:{ref} ({rows} dòng × {columns} cột), vượt giới hạn "
        "{limit} ô; hãy xóa các ô thừa ngoài bảng số liệu rồi lưu lại",
        "Sheet '{sheet}' of file {file} spans A1:{ref} ({rows} rows × {columns} columns), over the limit of "
        "{limit} cells; delete the stray cells outside the data table and save again"),
    "ingest.guard.far_cell": (
        "Trang tính '{sheet}' của tệp {file} có ô ở vị trí {ref}, vượt giới hạn {limits}; hãy xóa các ô thừa ngoài "
        "bảng số liệu rồi lưu lại",
        "Sheet '{sheet}' of file {file} has a cell at {ref}, beyond the limit of {limits}; delete the stray cells "
        "outside the data table and save again"),
    "ingest.guard.limits": ("{columns} cột × {rows} dòng", "{columns} columns × {rows} rows"),
    "ingest.guard.sheet_doctype": (
        "Trang tính '{sheet}' của tệp {file} bị từ chối: XML khai báo DOCTYPE/thực thể, điều mà bảng tính Excel "
        "thật không có",
        "Sheet '{sheet}' of file {file} is refused: its XML declares a DOCTYPE/entities, which real Excel "
        "workbooks never do"),
    "ingest.guard.sheet_head_too_big": ("Trang tính '{sheet}' của tệp {file} có phần đầu lớn bất thường",
                                        "Sheet '{sheet}' of file {file} has an abnormally large header part"),
    "ingest.guard.sheet_bad_xml": ("Trang tính '{sheet}' của tệp {file} bị hỏng: XML không hợp lệ",
                                   "Sheet '{sheet}' of file {file} is damaged: invalid XML"),
    "ingest.unsafe.workbook_broken": ("Không đọc được bảng tính ({kind}): tệp bị hỏng hoặc không đúng định dạng",
                                      "The workbook ({kind}) cannot be read: the file is damaged or not in that format"),
    "ingest.unsafe.workbook_unreadable": ("Không đọc được bảng tính: {error}", "The workbook cannot be read: {error}"),
    "ingest.unsafe.sheet_not_checked": ("Tệp {file} bị từ chối: không kiểm tra được trang tính '{sheet}'",
                                        "File {file} is refused: sheet '{sheet}' could not be checked"),
    "ingest.unsafe.sheet_extent": (
        "Trang tính '{sheet}' của tệp {file} có vùng dữ liệu đến ô {ref}, vượt giới hạn {limits} (và {cells} ô); "
        "hãy xóa các ô thừa ngoài bảng số liệu rồi lưu lại",
        "Sheet '{sheet}' of file {file} has data up to cell {ref}, beyond the limit of {limits} (and {cells} "
        "cells); delete the stray cells outside the data table and save again"),
    # --- HTML pages saved as .xls (ingest.html_table) ---
    "ingest.html.unreadable": ("Không đọc được trang HTML: {error}", "The HTML page cannot be read: {error}"),
    "ingest.html.empty": ("Không đọc được trang HTML: tệp không có nội dung",
                          "The HTML page cannot be read: the file has no content"),
    "ingest.html.too_wide": ("Bảng trong trang HTML rộng hơn {columns} cột: không phải biểu báo cáo",
                             "The table in the HTML page is wider than {columns} columns: it is not a report form"),
    "ingest.html.too_many_cells": ("Bảng trong trang HTML có hơn {cells} ô: hãy tách thành nhiều tệp",
                                   "The table in the HTML page has more than {cells} cells: split it into several files"),
    "ingest.html.not_a_form": (
        "Tệp {file} mang đuôi .xls nhưng thực chất là một trang web (HTML) không chứa bảng Biểu số 06/VPCP/KSTT hay "
        "bảng theo mẫu nhập liệu: không tìm thấy dòng tiêu đề cột (STT, Lĩnh vực/Đơn vị, Số hồ sơ nhận giải quyết …)",
        "File {file} is named .xls but is a web page (HTML) without a Form 06/VPCP/KSTT table or a template table: "
        "no column header row was found (STT, Lĩnh vực/Đơn vị, Số hồ sơ nhận giải quyết …)"),
    "ingest.problem.formulas_without_value": (
        "Ô {cells}{more} chứa công thức nhưng tệp không lưu kết quả đã tính (thường do tệp được tạo bằng phần mềm "
        "khác, không phải Excel), nên không đọc được số liệu: hãy mở tệp bằng Excel, bấm Lưu rồi tải lên lại",
        "Cells {cells}{more} hold formulas but the file does not store their computed results (usually because it "
        "was made by software other than Excel), so the figures cannot be read: open the file in Excel, save it "
        "and upload it again"),
    "ingest.problem.more_cells": (" và {n} ô khác", " and {n} other cells"),
    # --- notes: what was read differently or left out (shown with the preview) ---
    "ingest.note.since": (" từ {day:%d/%m/%Y}", " from {day:%d/%m/%Y}"),
    "ingest.note.unit_merged": ("{old} đã sáp nhập vào {new}{since}; số liệu được ghi cho {new} (tháng {months})",
                                "{old} merged into {new}{since}; the figures are stored for {new} (months {months})"),
    "ingest.note.unit_split": ("{old} đã được sắp xếp vào nhiều đơn vị{since}: {names}; hãy ghi số liệu theo đơn vị mới",
                               "{old} was split into several units{since}: {names}; report the figures by the new "
                               "units"),
    "ingest.note.rows_summed": ("{n} dòng ({listed}) được cộng vào lĩnh vực {field} ({unit}, tháng {month:%m/%Y}; "
                                "dòng {rows})",
                                "{n} rows ({listed}) are added up into field {field} ({unit}, month {month:%m/%Y}; "
                                "rows {rows})"),
    "ingest.note.hidden_sheet": ("Bỏ qua trang tính ẩn '{sheet}'", "Skipped the hidden sheet '{sheet}'"),
    "ingest.note.hidden_rows": ("Bỏ qua {n} dòng ẩn (dòng {rows}) của trang tính '{sheet}'",
                                "Skipped {n} hidden rows (rows {rows}) of sheet '{sheet}'"),
    "ingest.note.hidden_column": ("Bỏ qua cột ẩn {column} của trang tính '{sheet}'",
                                  "Skipped the hidden column {column} of sheet '{sheet}'"),
    "ingest.note.hidden_columns": ("Bỏ qua {n} cột ẩn ({columns}) của trang tính '{sheet}'",
                                   "Skipped {n} hidden columns ({columns}) of sheet '{sheet}'"),
    # --- cli.py import, batches and rollback (ingest.cli) ---
    "ingest.cli.bad_period": (
        "--period '{period}' không hợp lệ: ghi một tháng dạng YYYY-MM (ví dụ 2026-10). Tháng này chỉ dùng cho Biểu 06 "
        "không ghi kỳ báo cáo; quý, 6 tháng hay cả năm không nạp được.",
        "--period '{period}' is not valid: write one month as YYYY-MM (e.g. 2026-10). It is used only for a Form 06 "
        "whose title states no period; quarters, half-years and years cannot be imported."),
    "ingest.cli.unreadable_file": ("{path} · - · - · -: Không đọc được tệp ({reason})",
                                   "{path} · - · - · -: The file cannot be read ({reason})"),
    "ingest.cli.file_summary": ("{name}: {rows} dòng, {errors} lỗi, {warnings} cảnh báo",
                                "{name}: rows {rows}, errors {errors}, warnings {warnings}"),
    "ingest.cli.note": ("  [GHI CHÚ] {note}", "  [NOTE] {note}"),
    "ingest.cli.prefix.error": ("LỖI", "ERROR"),
    "ingest.cli.prefix.warning": ("CẢNH BÁO", "WARNING"),
    "ingest.cli.more_problems": ("  … và {n} vấn đề khác (lỗi: {errors}, cảnh báo: {warnings}); {where}",
                                 "  … and {n} more problems (errors: {errors}, warnings: {warnings}); {where}"),
    "ingest.cli.full_list_in": ("danh sách đầy đủ trong {path}", "the full list is in {path}"),
    "ingest.cli.full_list_hint": ("danh sách đầy đủ: dùng --problems-csv FILE", "for the full list use --problems-csv FILE"),
    "ingest.cli.csv_not_written": ("{path} · - · - · -: Không ghi được danh sách vấn đề ({reason})",
                                   "{path} · - · - · -: The problem list cannot be written ({reason})"),
    "ingest.cli.fix_errors": ("Không ghi gì vào cơ sở dữ liệu: hãy sửa các lỗi trên rồi nạp lại.",
                              "Nothing was written to the database: fix the errors above and import again."),
    "ingest.cli.nothing_written": ("Không ghi gì vào cơ sở dữ liệu: {reason}", "Nothing was written to the database: {reason}"),
    "ingest.cli.preview": (
        "Sẽ thêm {new} dòng mới, thay thế {replaced} dòng ({changed} dòng có số liệu khác); các dòng khác của cùng "
        "đơn vị – tháng được giữ nguyên.",
        "Will add {new} new rows and replace {replaced} rows ({changed} with different figures); the other rows of "
        "the same unit – month are kept."),
    "ingest.cli.replace_unit_month": (
        "Thay thế toàn bộ đơn vị – tháng (--replace-unit-month): bỏ {n} dòng cũ không có trong tệp{end}",
        "Replacing whole unit – months (--replace-unit-month): dropping {n} old rows not in the file{end}"),
    "ingest.cli.dropped_row": ("  [BỎ] {where} ({file}): {values}", "  [DROPPED] {where} ({file}): {values}"),
    "ingest.cli.confirm_warnings": ("Có cảnh báo: xem lại rồi chạy lại với --confirm-warnings để ghi.",
                                    "There are warnings: review them, then run again with --confirm-warnings to write."),
    "ingest.cli.dry_run": ("Chạy thử (--dry-run): không ghi gì.", "Dry run (--dry-run): nothing written."),
    "ingest.cli.not_written": ("Không ghi được: {reason}", "Not written: {reason}"),
    "ingest.cli.written": ("Đã ghi các lô: {batches}", "Batches written: {batches}"),
    "ingest.cli.no_batches": ("(chưa có lô dữ liệu nào)", "(no batches yet)"),
    "ingest.cli.batch": ("Lô", "Batch"),
    "ingest.cli.uploaded_by": ("Người nạp", "Uploaded by"),
    "ingest.cli.uploaded_at": ("Thời điểm", "Uploaded at"),
    "ingest.cli.rows": ("Số dòng", "Rows"),
    "ingest.cli.status": ("Trạng thái", "Status"),
    "ingest.cli.rollback_question": (
        "Hoàn tác lô #{batch} — tệp '{file}', {rows} dòng, nạp bởi {by} lúc {at:%d/%m/%Y %H:%M}?\nSố liệu của lô bị "
        "gỡ, số liệu mà nó đã thay thế được khôi phục. Đồng ý? [c/K] ",
        "Roll back batch #{batch} — file '{file}', {rows} rows, uploaded by {by} at {at:%d/%m/%Y %H:%M}?\nThe "
        "batch's figures are withdrawn and the figures it replaced are restored. Agree? [y/N] "),
    "ingest.cli.cancelled": ("Đã hủy: không thay đổi gì.", "Cancelled: nothing changed."),
    "ingest.cli.rolled_back": ("Đã hoàn tác lô #{batch} ({file}).", "Batch #{batch} rolled back ({file})."),
}
