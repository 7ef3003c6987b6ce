"""Downloadable templates: one .xlsx per family (Vietnamese headers, instructions, code lists) and CSV."""

from __future__ import annotations

import io

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from i18n.cells import spreadsheet_safe
from ingest.model import FAMILY_KEYS, FAMILY_VALUE_COLUMNS, OPTIONAL_COLUMNS, family_label
from ingest.safety import DEFAULT_MAX_UPLOAD_MB
from ingest.wording import column_label
from metrics.indicators import Family

DATA_SHEET = "Số liệu"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_columns(family: Family) -> tuple[str, ...]:
    return (*FAMILY_KEYS[family], *FAMILY_VALUE_COLUMNS[family])


def template_filename(family: Family, ext: str = "xlsx") -> str:
    return f"mau_{family.value}.{ext}"


def template_csv(family: Family) -> bytes:
    """The header line with snake_case names (UTF-8 with BOM, so Excel shows diacritics)."""
    return ("\ufeff" + ",".join(template_columns(family)) + "\r\n").encode("utf-8")


_RULES = {
    Family.DOSSIERS: [
        "Tổng số nhận = trực tuyến + trực tiếp/bưu chính + từ kỳ trước chuyển sang ((3) = (4) + (5) + (6)).",
        "Tổng số đã giải quyết = trước hạn + đúng hạn + quá hạn ((7) = (8) + (9) + (10)).",
        "Tổng số đang giải quyết = trong hạn + quá hạn ((11) = (12) + (13)).",
        "Nhận trực tuyến toàn trình ≤ nhận trực tuyến; thanh toán trực tuyến ≤ hồ sơ có phí; "
        "số hóa khi tiếp nhận ≤ tiếp nhận mới (trực tuyến + trực tiếp); trả kết quả điện tử ≤ đã giải quyết; "
        "giải quyết quá hạn không lý do ≤ giải quyết quá hạn; đang quá hạn không lý do ≤ đang quá hạn.",
        "Nếu không báo cáo số trễ hạn không có lý do chính đáng, mọi hồ sơ trễ hạn được tính là không có lý do "
        "(Chỉ thị: đơn vị phải chứng minh lý do).",
        "Nếu số nhận khác đã giải quyết + đang giải quyết (do hồ sơ trả lại, rút), hệ thống cảnh báo và cần xác nhận.",
    ],
    Family.DOCUMENTS: ["Văn bản đi ký số, gửi điện tử ≤ tổng số văn bản đi."],
    Family.TASKS: [
        "Hoàn thành đúng hạn + hoàn thành quá hạn ≤ nhiệm vụ đến hạn.",
        "Hoàn thành quá hạn không lý do ≤ hoàn thành quá hạn; quá hạn chưa hoàn thành không lý do ≤ "
        "chưa hoàn thành đã quá hạn. Để trống: mọi nhiệm vụ trễ hạn được tính là không có lý do.",
    ],
}


def template_xlsx(con: duckdb.DuckDBPyConnection, family: Family) -> bytes:
    """A workbook: the data sheet, instructions, and the unit (and field) code lists."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    columns = template_columns(family)
    for j, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=column_label(col))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = 22 if j <= len(FAMILY_KEYS[family]) else 16
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"

    guide = wb.create_sheet("Hướng dẫn")
    lines = [
        f"MẪU NẠP SỐ LIỆU: {family_label(family).upper()}",
        "",
        f"1. Nhập mỗi dòng một {'đơn vị – lĩnh vực – tháng' if family is Family.DOSSIERS else 'đơn vị – tháng'} "
        f"vào trang '{DATA_SHEET}', bắt đầu từ dòng 2; không đổi tên cột.",
        "2. Đơn vị, lĩnh vực: ghi mã hoặc tên (xem các trang mã). Tháng: dạng 2026-10 hoặc 10/2026.",
        "3. Các ô số liệu là số đếm (số nguyên, không âm). Số 0 phải ghi là 0: ô để trống (hoặc cột không có "
        "trong tệp) được hiểu là KHÔNG BÁO CÁO chỉ tiêu đó, không phải 0; chỉ tiêu không báo cáo được 0 điểm "
        "khi đánh giá và hiện là “—” trên bảng xếp hạng.",
        f"4. Tệp tối đa {DEFAULT_MAX_UPLOAD_MB} MB; có thể lưu dạng .xlsx, .xls hoặc CSV UTF-8 "
        "(dấu phẩy hoặc chấm phẩy).",
        f"5. Tải lên lại chỉ thay thế các dòng có trong tệp (cùng "
        f"{'đơn vị – lĩnh vực – tháng' if family is Family.DOSSIERS else 'đơn vị – tháng'}); các dòng khác "
        "được giữ nguyên" + ("; muốn thay thế toàn bộ đơn vị – tháng, hãy chọn ô tương ứng khi tải lên"
                             if family is Family.DOSSIERS else "") + " (bản cũ vẫn được lưu và có thể khôi phục).",
        "",
        "Ràng buộc kiểm tra:",
        *[f"  • {r}" for r in _RULES[family]],
        "",
        "Các cột:",
    ]
    for text in lines:
        guide.append([text])
    for col in columns:
        optional = " (không bắt buộc)" if col in OPTIONAL_COLUMNS else ""
        guide.append([f"  • {column_label(col)}{optional} — tên cột trong CSV: {col}"])
    guide.column_dimensions["A"].width = 120
    guide["A1"].font = Font(bold=True, size=13)

    units = wb.create_sheet("Mã đơn vị")
    units.append(["Mã đơn vị", "Tên đơn vị", "Loại", "Hoạt động từ", "Hoạt động đến"])
    for code, name, unit_type, valid_from, valid_to in con.execute(
        "SELECT code, name, unit_type, valid_from, valid_to FROM units ORDER BY unit_type, name"
    ).fetchall():
        units.append([spreadsheet_safe(code), spreadsheet_safe(name), unit_type, f"{valid_from:%d/%m/%Y}",
                      f"{valid_to:%d/%m/%Y}" if valid_to else ""])
    for letter, width in zip("ABCDE", (30, 45, 14, 14, 14), strict=True):
        units.column_dimensions[letter].width = width
    if family is Family.DOSSIERS:
        fields = wb.create_sheet("Mã lĩnh vực")
        fields.append(["Mã lĩnh vực", "Tên lĩnh vực"])
        for code, name in con.execute("SELECT code, name FROM fields WHERE active ORDER BY name").fetchall():
            fields.append([spreadsheet_safe(code), spreadsheet_safe(name)])
        fields.column_dimensions["A"].width = 25
        fields.column_dimensions["B"].width = 45
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- the blank official form ------------------------------------------------------------------

OFFICIAL_FORM_FILENAME = "bieu_06_VPCP_KSTT_trong.xlsx"
OFFICIAL_FORM_SHEET = "Biểu 06"
OFFICIAL_TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
# Columns (3)…(13) under their group headings, worded as Thông tư 01/2020/TT-VPCP prints them.
OFFICIAL_GROUPS = (
    ("Số hồ sơ nhận giải quyết", ("Tổng số", "Số mới tiếp nhận trực tuyến",
                                  "Số mới tiếp nhận trực tiếp và dịch vụ bưu chính công ích",
                                  "Số kỳ trước chuyển qua")),
    ("Số hồ sơ đã giải quyết", ("Tổng số", "Trả trước hạn", "Trả đúng thời hạn", "Trả quá hạn")),
    ("Số hồ sơ đang giải quyết", ("Tổng số", "Trong hạn", "Quá hạn")),
)
OFFICIAL_HEADER_ROW = 8           # the two header rows are 8 and 9, the (1)…(13) row is 10
OFFICIAL_FIRST_FIELD_ROW = 11


def official_form_xlsx(con: duckdb.DuckDBPyConnection) -> bytes:
    """A blank Biểu số 06/VPCP/KSTT: title block, the two-row merged header, the (1)…(13)
    row and one row per active field, ready to fill in and upload as it is.

    The unit and the month are left blank after "Đơn vị báo cáo:" and "Kỳ báo cáo:", so an
    unfilled form is refused with "không xác định được đơn vị / kỳ báo cáo" rather than
    read as some unit's figures.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = OFFICIAL_FORM_SHEET
    last = get_column_letter(13)
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    ws["A1"] = "Đơn vị báo cáo: "
    ws["A2"] = "Đơn vị nhận báo cáo: UBND thành phố Đà Nẵng"
    ws["J1"] = "Biểu số 06/VPCP/KSTT"
    ws["J2"] = "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP"
    for ref in ("A1", "J1"):
        ws[ref].font = bold
    ws["A4"] = OFFICIAL_TITLE
    ws.merge_cells(f"A4:{last}4")
    ws["A5"] = "Kỳ báo cáo: Tháng ……/20……"
    ws.merge_cells(f"A5:{last}5")
    for ref in ("A4", "A5"):
        ws[ref].alignment = centre
    ws["A4"].font = Font(bold=True, size=13)
    ws["K7"] = "Đơn vị tính: Số hồ sơ TTHC"

    top, sub, numbers = OFFICIAL_HEADER_ROW, OFFICIAL_HEADER_ROW + 1, OFFICIAL_HEADER_ROW + 2
    for j, text in ((1, "STT"), (2, "Lĩnh vực giải quyết")):
        ws.cell(row=top, column=j, value=text)
        ws.merge_cells(start_row=top, start_column=j, end_row=sub, end_column=j)
    j = 3
    for heading, columns in OFFICIAL_GROUPS:
        ws.cell(row=top, column=j, value=heading)
        ws.merge_cells(start_row=top, start_column=j, end_row=top, end_column=j + len(columns) - 1)
        for k, text in enumerate(columns):
            ws.cell(row=sub, column=j + k, value=text)
        j += len(columns)
    for j in range(1, 14):
        ws.cell(row=numbers, column=j, value=f"({j})")

    fields = con.execute("SELECT name FROM fields WHERE active ORDER BY name").fetchall()
    first = OFFICIAL_FIRST_FIELD_ROW
    for k, (name,) in enumerate(fields, start=1):
        ws.cell(row=first + k - 1, column=1, value=k)
        ws.cell(row=first + k - 1, column=2, value=spreadsheet_safe(name))
    total = first + len(fields)
    ws.cell(row=total, column=2, value="Tổng cộng").font = bold
    if fields:  # Excel recomputes these when the form is filled; the reader checks them
        for j in range(3, 14):
            col = get_column_letter(j)
            ws.cell(row=total, column=j, value=f"=SUM({col}{first}:{col}{total - 1})").font = bold
        counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                error="Chỉ nhập số nguyên không âm (số hồ sơ).", errorTitle="Số liệu không hợp lệ")
        counts.add(f"C{first}:{last}{total - 1}")
        ws.add_data_validation(counts)

    for row in ws.iter_rows(min_row=top, max_row=total, min_col=1, max_col=13):
        for cell in row:
            cell.border = box
            if cell.row <= numbers:
                cell.alignment = centre
                cell.font = bold if cell.row < numbers else Font(italic=True)
                if cell.row < numbers:
                    cell.fill = _HEADER_FILL
    sign = total + 2
    ws.cell(row=sign, column=10, value="…, ngày … tháng … năm 20…").font = Font(italic=True)
    ws.cell(row=sign + 1, column=2, value="NGƯỜI LẬP BIỂU").font = bold
    ws.cell(row=sign + 1, column=10, value="THỦ TRƯỞNG ĐƠN VỊ").font = bold
    ws.cell(row=sign + 2, column=10, value="(Ký, ghi rõ họ tên, đóng dấu)").font = Font(italic=True)

    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 38
    for j in range(3, 14):
        ws.column_dimensions[get_column_letter(j)].width = 13
    ws.row_dimensions[sub].height = 75
    ws.freeze_panes = f"C{first}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    guide = wb.create_sheet("Hướng dẫn")
    for text in (
        "BIỂU SỐ 06/VPCP/KSTT (MẪU TRỐNG)",
        "",
        "1. Ghi tên đơn vị ngay sau 'Đơn vị báo cáo:' (ví dụ: Đơn vị báo cáo: UBND phường Hải Châu).",
        "2. Ghi tháng sau 'Kỳ báo cáo:' (ví dụ: Kỳ báo cáo: Tháng 10/2026); mỗi biểu là một tháng.",
        "3. Nhập số hồ sơ vào các cột (3)…(13) của từng lĩnh vực; lĩnh vực để trống cả dòng được bỏ qua.",
        "4. Ràng buộc: (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13).",
        "5. Không đổi thứ tự cột, không xóa dòng số thứ tự cột (1)…(13).",
    ):
        guide.append([text])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 110
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
