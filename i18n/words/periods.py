"""Words of the periods area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # a period whose last month is not over or not yet reported: "quý 4/2026 — đến 31/10, tạm tính"
    "periods_partial": ("{period} — đến {day}, tạm tính", "{period} — to {day}, provisional"),
    # what the cards compare with, said for the kind of period chosen
    "periods_compare_month": ("Kỳ trước: tháng liền trước ({previous}). Cùng kỳ năm trước: {last_year}.",
                              "Previous period: the month before ({previous}). Same period last year: {last_year}."),
    "periods_compare_quarter": ("Kỳ trước: quý liền trước ({previous}). Cùng kỳ năm trước: {last_year}.",
                                "Previous period: the quarter before ({previous}). "
                                "Same period last year: {last_year}."),
    "periods_compare_quarter_partial": ("Quý chưa trọn nên so với cùng số tháng đầu của quý liền trước "
                                        "({previous}). Cùng kỳ năm trước: {last_year}.",
                                        "The quarter is not complete, so it is compared with the same number "
                                        "of months at the start of the quarter before ({previous}). "
                                        "Same period last year: {last_year}."),
    "periods_compare_year": ("Kỳ trước: năm liền trước ({previous}).",
                             "Previous period: the year before ({previous})."),
    "periods_compare_year_partial": ("Năm chưa trọn nên kỳ trước là cùng các tháng của năm trước ({previous}).",
                                     "The year is not complete, so the previous period is the same months "
                                     "of the year before ({previous})."),
    "periods_compare_range": ("Lũy kế: kỳ trước là cùng các tháng của năm trước ({previous}).",
                              "Year to date: the previous period is the same months of the year before "
                              "({previous})."),
    # the copy-link control of the sidebar
    "periods_share": ("Chia sẻ đường dẫn", "Share link"),
    "periods_copy_link": ("Đường dẫn đến đúng màn hình này (bấm biểu tượng sao chép ở góc ô):",
                          "Link to exactly this view (press the copy icon in the box's corner):"),
    "periods_copy_link_relative": ("Thêm phần này vào sau địa chỉ trang để mở đúng bộ lọc:",
                                   "Add this after the page address to open the same filters:"),
}
