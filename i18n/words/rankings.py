"""Words of the rankings area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # Chart: what is drawn and how to read it.
    "rankings_order": ("Thứ tự", "Order"),
    "rankings_show_top": ("Tốt nhất trước", "Best first"),
    "rankings_show_bottom": ("Kém nhất trước", "Worst first"),
    "rankings_n": ("Số đơn vị", "Units shown"),
    "rankings_n_all": ("Tất cả", "All"),
    "rankings_break_row": ("⋯ {n} đơn vị ⋯", "⋯ {n} units ⋯"),
    "rankings_change_legend": ("▲/▼ số hạng lên/xuống so với kỳ trước", "▲/▼ places up/down since the previous period"),
    "rankings_tie": ("{n} đơn vị cùng hạng {rank}", "{n} units share rank {rank}"),
    "rankings_ties_note": ("Đồng hạng: {ties}.", "Ties: {ties}."),
    "rankings_extended": ("Hiển thị {shown} đơn vị thay vì {n} để không tách các đơn vị đồng hạng.",
                          "Showing {shown} units instead of {n} so that tied units stay together."),
    "rankings_elided": ("Biểu đồ hiển thị {head} đơn vị đầu và {tail} đơn vị cuối trong {total} đơn vị được xếp "
                        "hạng; {hidden} đơn vị ở giữa có trong bảng.",
                        "The chart shows the first {head} and the last {tail} of {total} ranked units; the "
                        "{hidden} in the middle are in the table."),
    "rankings_click_hint": ("Bấm vào một chấm, một dòng của bảng hoặc một ô theo tháng để mở chi tiết đơn vị "
                            "(cùng kỳ và bộ lọc).",
                            "Click a dot, a table row or a monthly cell to open the unit's details "
                            "(same period and filters)."),
    "rankings_unranked": ("Đơn vị không được xếp hạng", "Units not ranked"),
    "rankings_by_month": ("Theo tháng", "By month"),
    # The page's tabs (only the open one is built).
    "rankings_view_chart": ("Biểu đồ xếp hạng", "Ranking chart"),
    "rankings_view_table": ("Bảng xếp hạng", "Ranking table"),
    "rankings_view_months": ("Diễn biến 12 tháng", "Last 12 months"),
    "rankings_open_unit": ("Mở chi tiết đơn vị", "Open unit details"),
}
