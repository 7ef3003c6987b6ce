"""Words of the app shell and the leader pages: navigation, filters, banners, tables, charts."""

from __future__ import annotations

from i18n import labels

WORDS: dict[str, tuple[str, str]] = {
    # --- app and navigation ---
    "app_title": ("Chuyển đổi số Đà Nẵng", "Đà Nẵng digital transformation"),
    # Streamlit's own hint under a text or number box (ui/streamlit_words.py puts these in its place).
    "st_enter_apply": ("Nhấn Enter để áp dụng", "Press Enter to apply"),
    "st_enter_submit": ("Nhấn Enter để gửi", "Press Enter to submit form"),
    "st_no_results": ("Không có kết quả", "No results"),
    "st_select_all": ("Chọn tất cả", "Select all"),
    "st_select_matches": ("Chọn tất cả mục khớp", "Select all matches"),
    "st_upload_button": ("Chọn tệp", "Upload"),
    "st_upload_limit": ("Tối đa {mb} MB mỗi tệp • {types}", "{mb}MB per file • {types}"),
    "st_choose_options": ("Chọn…", "Choose options"),
    # plotly.js's own texts (its toolbar's camera button and the messages of a PNG download)
    "plotly_download_png": ("Tải ảnh PNG của biểu đồ", "Download plot as a PNG"),
    "plotly_image_wait": ("Đang chuẩn bị ảnh, xin chờ vài giây", "Preparing image - this may take a few seconds"),
    "plotly_image_ok": ("Đã tải ảnh xuống", "Image download succeeded"),
    "plotly_image_failed": ("Không tải được ảnh biểu đồ", "Sorry, there was a problem downloading your image!"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_rankings": ("Xếp hạng", "Rankings"),
    "page_unit_profile": ("Chi tiết đơn vị", "Unit details"),
    "page_evaluation": ("Đánh giá", "Evaluation"),
    "page_exports": ("Báo cáo", "Exports"),
    "page_upload": ("Tải dữ liệu lên", "Upload"),
    "page_batches": ("Lô dữ liệu", "Batches"),
    "page_admin": ("Quản trị", "Administration"),
    "page_audit": ("Nhật ký", "Audit log"),
    "page_sign_in": ("Đăng nhập", "Sign in"),
    "nav_dashboard": ("Bảng điều hành", "Dashboard"),
    "nav_work": ("Nghiệp vụ", "Data work"),
    # --- sidebar filters ---
    "filters": ("Bộ lọc", "Filters"),
    "language": ("Ngôn ngữ", "Language"),
    "period_kind": ("Loại kỳ", "Period type"),
    "kind_month": ("Tháng", "Month"),
    "kind_quarter": ("Quý", "Quarter"),
    "kind_year": ("Năm", "Year"),
    "kind_range": ("Lũy kế", "Year to date"),
    "period": ("Kỳ báo cáo", "Period"),
    "group": ("Nhóm đơn vị", "Unit group"),
    "field": ("Lĩnh vực", "Field"),
    "field_all": ("Tất cả lĩnh vực", "All fields"),
    # --- period names ---
    # --- banners ---
    "demo_banner": ("Đây là **dữ liệu minh họa** (demo), không phải số liệu thật của thành phố.",
                    "This is **demo data**, not the city's real figures."),
    "missing_banner": ("{n}/{total} đơn vị chưa báo cáo đủ {period}.",
                       "{n} of {total} units have not fully reported for {period}."),
    "missing_list": ("Danh sách đơn vị chưa báo cáo", "Units that have not reported"),
    "missing_months": ("Tháng thiếu", "Missing months"),
    "no_data_at_all": ("Chưa có dữ liệu nào. Cán bộ phân tích đăng nhập rồi tải báo cáo tháng lên ở trang "
                       "“Tải dữ liệu lên”, hoặc bộ phận kỹ thuật chạy `python cli.py import TỆP.xlsx`. "
                       "Dữ liệu mẫu (demo) chỉ có khi chạy `python cli.py demo` vào một tệp riêng.",
                       "No data yet. An analyst signs in and uploads the monthly reports on the Upload page, "
                       "or IT runs `python cli.py import FILE.xlsx`. Demo data exists only where "
                       "`python cli.py demo` was run, in a separate file."),
    "no_data_period": ("Chưa có dữ liệu {period}.", "No data for {period}."),
    "error_page": ("Đã xảy ra lỗi khi hiển thị trang này. Vui lòng thử lại hoặc chọn kỳ khác; "
                   "lỗi đã được ghi lại cho bộ phận kỹ thuật.",
                   "Something went wrong while drawing this page. Try again or choose another period; "
                   "the error has been logged for the technical team."),
    "error_section": ("Không hiển thị được phần này. Lỗi đã được ghi lại.",
                      "This part could not be shown. The error has been logged."),
    "field_not_applicable": ("Chỉ số này không chia theo lĩnh vực; bộ lọc lĩnh vực không áp dụng.",
                             "This indicator has no fields; the field filter does not apply."),
    # --- bands ---
    "target": ("Mục tiêu", "Target"),
    "target_line": ("Mục tiêu {v}", "Target {v}"),
    # --- overview ---
    "overview_title": ("Tổng quan", "Overview"),
    "vs_previous": ("so với kỳ trước", "vs previous period"),
    "vs_last_year": ("So với cùng kỳ năm trước", "Vs same period last year"),
    "volume_title": ("Khối lượng hồ sơ", "Dossier volume"),
    "received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "received_new": ("Tiếp nhận mới", "Newly received"),
    "resolved": ("Đã giải quyết", "Resolved"),
    "resolved_late": ("Giải quyết quá hạn", "Resolved late"),
    "pending_overdue": ("Đang giải quyết quá hạn", "In progress, overdue"),
    "trends_title": ("Xu hướng 24 tháng", "24-month trends"),
    "indicators_title": ("Các chỉ số", "Indicators"),
    "city": ("Toàn thành phố", "Whole city"),
    "month_axis": ("Tháng", "Month"),
    # --- rankings ---
    "rankings_title": ("Xếp hạng đơn vị", "Unit rankings"),
    "indicator": ("Chỉ số", "Indicator"),
    "show": ("Hiển thị", "Show"),
    "show_all": ("Tất cả", "All"),
    "show_top": ("{n} đứng đầu", "Top {n}"),
    "show_bottom": ("{n} đứng cuối", "Bottom {n}"),
    "min_volume_dossiers": ("Số hồ sơ tối thiểu để xếp hạng", "Minimum dossiers to be ranked"),
    "min_volume_documents": ("Số văn bản tối thiểu để xếp hạng", "Minimum documents to be ranked"),
    "min_volume_tasks": ("Số nhiệm vụ tối thiểu để xếp hạng", "Minimum tasks to be ranked"),
    "too_few_title_dossiers": ("Quá ít hồ sơ để xếp hạng (dưới {n})", "Too few dossiers to rank (under {n})"),
    "too_few_title_documents": ("Quá ít văn bản để xếp hạng (dưới {n})", "Too few documents to rank (under {n})"),
    "too_few_title_tasks": ("Quá ít nhiệm vụ để xếp hạng (dưới {n})", "Too few tasks to rank (under {n})"),
    "not_whole_period_units": ("Không xếp hạng vì không hoạt động trọn kỳ",
                               "Not ranked: not active for the whole period"),
    "no_data_units": ("Không có dữ liệu", "No data"),
    "stock_note": ("Số liệu cuối kỳ (đang giải quyết, quá hạn) lấy ở tháng {month}; đơn vị chưa báo cáo tháng {month} "
                   "không có số liệu cho chỉ số này (không lấy số của tháng trước).",
                   "End-of-period figures (in progress, overdue) are taken at {month}; a unit that did not report "
                   "{month} has no value for this indicator (an earlier month is never used)."),
    "download_xlsx": ("Tải bảng (.xlsx)", "Download table (.xlsx)"),
    "heatmap_title": ("Theo tháng: ai trễ hạn thường xuyên", "By month: who is persistently late"),
    "col_rank": ("Hạng", "Rank"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_value": ("Giá trị", "Value"),
    "col_num_den": ("Tử số / mẫu số", "Numerator / denominator"),
    "col_change": ("Thay đổi", "Change"),
    "col_rank_change": ("Thay đổi hạng", "Rank change"),
    "col_target": ("Mục tiêu", "Target"),
    "col_band": ("Kết quả", "Result"),
    "col_status": ("Trạng thái", "Status"),
    "col_numerator": ("Tử số", "Numerator"),
    "col_denominator": ("Mẫu số", "Denominator"),
    "col_prev_value": ("Kỳ trước", "Previous"),
    "col_prev_rank": ("Hạng kỳ trước", "Previous rank"),
    "status_ranked": ("Được xếp hạng", "Ranked"),
    "status_too_few": ("Chưa đủ số lượng", "Too few"),
    "status_not_whole_period": ("Không hoạt động trọn kỳ", "Not active the whole period"),
    "status_no_data": ("Không có dữ liệu", "No data"),
    "rank_of": ("hạng {r}/{n}", "rank {r} of {n}"),
    "units_count": ("{n} đơn vị", "{n} units"),
    # --- unit profile ---
    "unit_profile_title": ("Chi tiết đơn vị", "Unit details"),
    "choose_unit": ("Chọn đơn vị (gõ để tìm)", "Choose a unit (type to search)"),
    "no_units": ("Không có đơn vị nào trong nhóm này cho {period}.", "No units in this group for {period}."),
    "unit_vs_city": ("{unit} so với nhóm và toàn thành phố", "{unit} against its group and the city"),
    "col_group": ("Nhóm {group}", "Group: {group}"),
    "rank_history": ("Lịch sử xếp hạng", "Rank history"),
    "field_breakdown": ("Hồ sơ trễ hạn theo lĩnh vực", "Late dossiers by field"),
    "late_resolved": ("Giải quyết quá hạn", "Resolved late"),
    "late_pending": ("Đang quá hạn", "Overdue in progress"),
    "eval_history": ("Lịch sử đánh giá", "Evaluation history"),
    "no_late": ("Không có hồ sơ trễ hạn {period}.", "No late dossiers for {period}."),
    "rank_axis": ("Hạng (1 = tốt nhất)", "Rank (1 = best)"),
    # --- evaluation ---
    "evaluation_title": ("Đánh giá, xếp loại đơn vị", "Unit evaluation"),
    "level_counts": ("Số đơn vị theo mức xếp loại", "Units per level"),
    "col_score": ("Điểm", "Score"),
    "col_level": ("Xếp loại", "Level"),
    "col_capped": ("Bị giới hạn", "Capped"),
    "col_cap_reason": ("Lý do giới hạn", "Why capped"),
    "col_score_change": ("Thay đổi điểm so với kỳ trước", "Score change on previous period"),
    "col_prev_level": ("Xếp loại kỳ trước", "Previous level"),
    "col_missing": ("Chỉ số không báo cáo", "Indicators not reported"),
    "col_improvement": ("Điểm cải thiện", "Improvement points"),
    "col_coverage": ("Đã báo cáo", "Reported"),
    "coverage_value": ("{a}/{b} chỉ số, {c}/{d} tháng", "{a}/{b} indicators, {c}/{d} months"),
    "col_final": ("Chốt", "Final"),
    "final_yes": ("Đã chốt", "Final"),
    "final_changed": ("Đã chốt · số liệu thay đổi sau khi chốt", "Final · data changed since"),
    "points_title": ("Điểm từng chỉ số", "Points per indicator"),
    "finalise_button": ("Chốt kết quả đánh giá kỳ này", "Finalise this period's evaluation"),
    "finalise_confirm": ("Tôi hiểu: sau khi chốt, kết quả không thay đổi dù số liệu hay phương án chấm điểm "
                         "thay đổi", "I understand: once final, the ratings no longer change"),
    "finalised_ok": ("Đã chốt kết quả của {n} đơn vị.", "Finalised {n} units."),
    "final_banner": ("Kết quả kỳ này đã được chốt ngày {when}.", "This period was finalised on {when}."),
    "final_changed_banner": ("{n} đơn vị có số liệu thay đổi sau khi chốt; bảng vẫn giữ kết quả đã chốt.",
                             "{n} units' data changed after finalising; the table keeps the final ratings."),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "eval_note": ("Điểm 0–100: 90 điểm theo các chỉ số (chỉ số phải báo cáo mà không báo cáo được 0 điểm) và "
                  "10 điểm cải thiện so với cùng kỳ năm trước (hoặc kỳ trước). Đơn vị chưa báo cáo đủ, hoặc có nhiều "
                  "hồ sơ, nhiệm vụ trễ hạn không có lý do chính đáng, không được xếp trên “Hoàn thành nhiệm vụ”.",
                  "Score 0–100: 90 points from the indicators (an expected indicator not reported earns 0) and "
                  "10 for improvement on the same period last year (or the previous period). A unit that did "
                  "not report fully, or with many dossiers or tasks late without a legitimate reason, is rated "
                  "at most “Completed”."),
    "count_axis": ("Số đơn vị", "Units"),
    "chart_capped": ("Biểu đồ hiển thị {k} đơn vị đứng đầu và {k} đơn vị đứng cuối trong {n} đơn vị được xếp hạng; "
                     "bảng dưới đây có đủ tất cả. Bản đồ nhiệt hiển thị {k2} đơn vị đứng cuối.",
                     "The chart shows the top {k} and bottom {k} of {n} ranked units; the table below lists "
                     "them all. The heatmap shows the bottom {k2}."),
    # --- charts' downloads ---
    "download_image": ("⬇ Tải ảnh biểu đồ", "⬇ Download image"),
    "chromium_missing": ("Máy chủ chưa cài trình duyệt Chromium nên chưa tạo được tệp ảnh/PDF/PowerPoint "
                         "(nút tải ảnh PNG trên thanh công cụ của biểu đồ vẫn dùng được).",
                         "Chromium is not installed on the server, so image/PDF/PowerPoint files cannot be made "
                         "(the chart toolbar's own PNG download still works)."),
    # --- briefing pack (Báo cáo) ---
    "exports_title": ("Báo cáo giao ban", "Briefing pack"),
    "exports_intro": ("Kỳ {period}: bài trình chiếu 16:9, các biểu đồ dạng PDF và PNG, bảng xếp hạng Excel.",
                      "{period}: 16:9 slide deck, charts as PDF and PNG, ranking tables in Excel."),
    "exports_groups": ("Xếp hạng trong bài trình chiếu", "Rankings in the deck"),
    "exports_deck_groups": ("Phường, xã và sở, ban, ngành", "Communes/wards and departments"),
    "exports_computing": ("Đang tính số liệu…", "Computing figures…"),
    "exports_make": ("Tạo bộ tài liệu", "Make the pack"),
    "exports_drawing": ("Đang vẽ biểu đồ…", "Drawing charts…"),
    "exports_made": ("Đã tạo {n} biểu đồ.", "{n} charts made."),
    "exports_file_pptx": ("⬇ Bài trình chiếu (.pptx)", "⬇ Slide deck (.pptx)"),
    "exports_file_pdf": ("⬇ Biểu đồ (.pdf)", "⬇ Charts (.pdf)"),
    "exports_file_zip": ("⬇ Ảnh biểu đồ (.zip PNG)", "⬇ Chart images (.zip of PNG)"),
    "exports_file_xlsx": ("⬇ Bảng xếp hạng (.xlsx)", "⬇ Ranking tables (.xlsx)"),
    "exports_slides": ("Nội dung các trang", "Slides"),
    # Group names live with the period names in i18n.labels (shared with exports).
    **{f"group_{g.value}": names for g, names in labels.GROUP_LABELS.items()},
}
