"""Words of the briefing area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # --- slide selection (page and `cli.py export --slides`) ---
    "briefing_unknown_slide": ("Không có trang chiếu “{code}”: chọn số từ 1 đến {n} hoặc một mã: {codes}.",
                               "There is no slide “{code}”: choose a number from 1 to {n} or a code: {codes}."),
    "briefing_no_slides": ("Chưa chọn trang chiếu nào.", "No slide chosen."),
    "briefing_slides_pick": ("Trang chiếu, theo thứ tự trình bày", "Slides, in the order shown"),
    "briefing_slides_help": ("Bỏ bớt hoặc chọn lại để đổi thứ tự; trang bìa luôn đứng đầu. "
                             "Dòng lệnh: cli.py export --slides 1,3,2",
                             "Remove or re-add to change the order; the title slide always comes first. "
                             "Command line: cli.py export --slides 1,3,2"),
    "briefing_slides_none": ("Hãy chọn ít nhất một trang chiếu.", "Choose at least one slide."),
    "briefing_notes_caption": ("Lời bình dưới đây nằm trong phần ghi chú cho người trình bày của từng trang.",
                               "The commentary below is in each slide's speaker notes."),
    "briefing_file_report": ("⬇ Báo cáo nhanh {group} (A4, .pdf)", "⬇ Quick report {group} (A4, .pdf)"),
    # --- file name stems (Vietnamese, ASCII after slugify) ---
    "briefing_stem_overview": ("toan thanh pho", "city overview"),
    "briefing_stem_evaluation": ("xep loai", "evaluation"),
    # --- the PDF pack ---
    "briefing_cover_groups": ("Nhóm xếp hạng: {groups}", "Ranked groups: {groups}"),
    "briefing_cover_period": ("Kỳ báo cáo: {period}", "Period: {period}"),
    "briefing_cover_made": ("Ngày lập: {when}", "Made on: {when}"),
    "briefing_demo_label": ("DỮ LIỆU MINH HỌA — không phải số liệu thật", "DEMO DATA — not real figures"),
    "briefing_bm_cover": ("Trang bìa", "Cover"),
    "briefing_bm_commentary": ("Nhận định chung", "Key points"),
    "briefing_commentary_title": ("Nhận định chung — {period}", "Key points — {period}"),
    # --- "Báo cáo nhanh" (one A4 page) ---
    "briefing_report_title": ("Báo cáo nhanh — {group} — {period}", "Quick report — {group} — {period}"),
    "briefing_report_title_short": ("Báo cáo nhanh", "Quick report"),
    "briefing_report_made": ("Lập lúc {when}", "Made on {when}"),
    "briefing_report_kpis": ("Các chỉ số so với mục tiêu và kỳ trước", "Indicators against target and previous period"),
    "briefing_report_lower_note": ("↓ chỉ số càng thấp càng tốt; “—” là chưa có số liệu.",
                                   "↓ lower is better; “—” means no data."),
    "briefing_report_ends": ("Đơn vị tốt nhất và kém nhất ({n} mỗi đầu, theo chiều của chỉ số)",
                             "Best and worst units ({n} at each end, by the indicator's direction)"),
    "briefing_report_bullets": ("Nhận định", "Key points"),
    "briefing_col_indicator": ("Chỉ số", "Indicator"),
    "briefing_col_value": ("Kỳ này", "This period"),
    "briefing_col_target": ("Mục tiêu", "Target"),
    "briefing_col_prev": ("Kỳ trước", "Previous"),
    "briefing_col_change": ("Thay đổi", "Change"),
    "briefing_col_band": ("So với mục tiêu", "Against target"),
    "briefing_col_best": ("Tốt nhất", "Best"),
    "briefing_col_worst": ("Kém nhất", "Worst"),
    "briefing_change_better": ("tốt lên", "better"),
    "briefing_change_worse": ("xấu đi", "worse"),
    "briefing_change_same": ("không đổi", "unchanged"),
}
