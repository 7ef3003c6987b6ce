"""Words of the command line, `cli.py` (see `i18n.catalogue`).

Only what people read: help texts, table headings, one-line results and errors.
The CSV and JSON outputs keep their column names (`unit_code`, `value`, …): they
are an interface for scripts, not words.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # --- the boundary: one line on stderr ---------------------------------------------------
    "cli_error": ("Lỗi: {message}", "Error: {message}"),
    "cli_internal_error": ("Lỗi nội bộ ({kind}), xem nhật ký {log}",
                           "Internal error ({kind}), see the log {log}"),
    "cli_interrupted": ("Đã dừng.", "Stopped."),

    # --- periods as typed after --period (raised by vocab.periods) ---------------------------
    "period_bad_month": ("'{text}' không phải là tháng hợp lệ (dạng YYYY-MM, ví dụ 2026-10)",
                         "'{text}' is not a valid month (YYYY-MM, e.g. 2026-10)"),
    "period_range_backwards": ("Tháng kết thúc phải sau tháng bắt đầu",
                               "The last month must come after the first month"),
    "period_out_of_range": ("Kỳ '{text}' nằm ngoài khoảng năm {low}–{high}.",
                            "Period '{text}' is outside the years {low}–{high}."),
    "period_unknown": ("Không hiểu kỳ '{text}': dùng 2026-10 (tháng), 2026-Q3 (quý), 2026 (năm) "
                       "hoặc 2026-01..2026-10 (lũy kế)",
                       "Cannot read the period '{text}': use 2026-10 (month), 2026-Q3 (quarter), 2026 (year) "
                       "or 2026-01..2026-10 (year to date)"),

    # --- results ------------------------------------------------------------------------------
    "cli_no_units": ("(không có đơn vị nào)", "(no units)"),
    "cli_init_done": ("Cơ sở dữ liệu {path}: lược đồ phiên bản {version}",
                      "Database {path}: schema version {version}"),
    "cli_demo_kept": ("Đã có dữ liệu mẫu (DEMO) trong {path}: {range}",
                      "Demo data (DEMO) already in {path}: {range}"),
    "cli_demo_built": ("Đã tạo dữ liệu mẫu (DEMO) trong {path}: {range}",
                       "Built demo data (DEMO) in {path}: {range}"),
    "cli_finalised": ("Đã chốt kết quả đánh giá {period} cho {units} đơn vị (nhóm {group}).",
                      "Finalised the evaluation of {period} for {units} units (group {group})."),

    # --- the `rank` table -----------------------------------------------------------------------
    "cli_col_rank": ("Hạng", "Rank"),
    "cli_col_unit": ("Đơn vị", "Unit"),
    "cli_col_value": ("Giá trị", "Value"),
    "cli_col_fraction": ("Tử số/Mẫu số", "Numerator/Denominator"),
    "cli_col_change": ("Thay đổi", "Change"),
    "cli_col_rank_change": ("Đổi hạng", "Rank change"),
    "cli_col_note": ("Ghi chú", "Note"),
    "cli_noun_dossiers": ("hồ sơ", "dossiers"),
    "cli_noun_documents": ("văn bản", "documents"),
    "cli_noun_tasks": ("nhiệm vụ", "tasks"),
    "cli_status_too_few": ("quá ít {noun}", "too few {noun}"),
    "cli_status_not_whole_period": ("không hoạt động trọn kỳ", "not active for the whole period"),
    "cli_status_no_data": ("chưa có dữ liệu", "no data yet"),

    # --- the `evaluate` table -------------------------------------------------------------------
    "cli_col_score": ("Điểm", "Score"),
    "cli_col_improvement": ("Cải thiện", "Improvement"),
    "cli_col_level": ("Xếp loại", "Rating"),
    "cli_col_reported": ("Báo cáo", "Reported"),
    "cli_reported": ("{indicators}/{indicators_expected} chỉ số, {months}/{months_expected} tháng",
                     "{indicators}/{indicators_expected} indicators, {months}/{months_expected} months"),
    "cli_col_final": ("Chốt", "Final"),
    "cli_final": ("đã chốt", "finalised"),
    "cli_final_changed": ("đã chốt, số liệu đã thay đổi sau khi chốt",
                          "finalised, figures changed since"),
    "cli_col_cap": ("Giới hạn xếp loại", "Rating cap"),

    # --- help -------------------------------------------------------------------------------------
    "cli_help_description": ("Bảng điều hành chuyển đổi số Đà Nẵng", "Đà Nẵng digital transformation dashboard"),
    "cli_help_db": ("đường dẫn tệp DuckDB (mặc định $DASHBOARD_DB hoặc data/dashboard.duckdb)",
                    "DuckDB file path (default $DASHBOARD_DB or data/dashboard.duckdb)"),
    "cli_help_lang": ("ngôn ngữ của thông báo và bảng: vi (mặc định) hoặc en",
                      "language of messages and tables: vi (default) or en"),
    "cli_help_init": ("tạo hoặc nâng cấp cơ sở dữ liệu", "create or migrate the database"),
    "cli_help_demo": ("tạo lại dữ liệu mẫu (từ chối nếu cơ sở dữ liệu có số liệu thật)",
                      "rebuild the demo data (refused if the database holds real figures)"),
    "cli_help_if_missing": ("chỉ tạo nếu chưa có dữ liệu mẫu (scripts/start.sh)",
                            "build only if there is no demo data yet (scripts/start.sh)"),
    "cli_help_rank": ("xếp hạng đơn vị theo một chỉ số", "rank units by one indicator"),
    "cli_help_field": ("mã lĩnh vực", "field code"),
    "cli_help_min_volume": ("mặc định theo nhóm chỉ số: hồ sơ, văn bản 10; nhiệm vụ 5",
                            "default by indicator family: dossiers, documents 10; tasks 5"),
    "cli_help_evaluate": ("đánh giá, xếp loại đơn vị", "evaluate and rate units"),
    "cli_help_finalize": ("chốt kết quả đánh giá của một kỳ (không bị chấm lại sau đó)",
                          "finalise a period's evaluation (it is not re-scored afterwards)"),
    "cli_help_import": ("kiểm tra và nạp số liệu (xlsx, xls, csv, Biểu 06)",
                        "check and load figures (xlsx, xls, csv, Form 06)"),
    "cli_help_dry_run": ("chỉ kiểm tra, không ghi", "check only, write nothing"),
    "cli_help_unit": ("mã đơn vị cho Biểu 06 không ghi tên đơn vị",
                      "unit code for a Form 06 that does not name its unit"),
    "cli_help_import_period": ("tháng cho Biểu 06 không ghi kỳ báo cáo (YYYY-MM)",
                               "month for a Form 06 that does not state its period (YYYY-MM)"),
    "cli_help_confirm_warnings": ("chấp nhận các cảnh báo (không phải lỗi)", "accept the warnings (not the errors)"),
    "cli_help_replace_unit_month": (
        "thay thế toàn bộ số liệu của đơn vị – tháng (xóa các lĩnh vực không có trong tệp); "
        "mặc định chỉ thay các dòng có trong tệp",
        "replace all figures of each unit and month (deleting fields missing from the file); "
        "by default only the rows in the file are replaced"),
    "cli_help_problems_csv": ("ghi toàn bộ danh sách vấn đề ra tệp CSV (màn hình chỉ in 200 dòng đầu mỗi tệp)",
                              "write the full list of problems to a CSV file (the screen shows the first 200 "
                              "per file)"),
    "cli_help_batches": ("liệt kê các lô dữ liệu đã nạp", "list the loaded batches"),
    "cli_help_rollback": ("hoàn tác một lô (khôi phục số liệu mà lô đã thay thế)",
                          "roll back a batch (restoring the figures it replaced)"),
    "cli_help_batch": ("số lô (xem: cli.py batches)", "batch number (see: cli.py batches)"),
    "cli_help_yes": ("không hỏi xác nhận (bắt buộc khi không chạy trên terminal)",
                     "do not ask for confirmation (required when not on a terminal)"),
    "cli_help_export": ("xuất bộ tài liệu giao ban", "export the briefing pack"),
    "cli_help_export_lang": ("ngôn ngữ của bộ tài liệu (mặc định: --lang chung)",
                             "language of the pack (default: the global --lang)"),
    "cli_help_create_user": ("tạo tài khoản (mật khẩu nhập vào hoặc lấy từ biến môi trường)",
                             "create an account (password typed in or taken from an environment variable)"),
    "cli_help_password_env": ("biến môi trường chứa mật khẩu (nếu không có sẽ hỏi)",
                              "environment variable holding the password (asked for if absent)"),
    "cli_help_bench": ("đo hiệu năng", "measure performance"),
    "cli_help_sessions": ("bench load: số phiên trình duyệt giả lập", "bench load: number of simulated browser sessions"),
    "cli_help_seconds": ("bench load: thời gian chạy (giây)", "bench load: run time (seconds)"),
    "cli_help_workers": ("bench load: số tiến trình máy chủ", "bench load: number of server processes"),
    "cli_help_slides": ("chọn và sắp xếp trang chiếu, ví dụ 1,3,2 hoặc mã trang", "choose and order slides, e.g. 1,3,2 or slide codes"),
    "cli_help_only": ("metrics | ingest | pages | exports | load, một hoặc nhiều (mặc định: tất cả)",
                      "metrics | ingest | pages | exports | load, one or more (default: all)"),
}
