"""Words of the unit area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # The comparison page (title key `page_<id>` read by the page registry).
    "page_compare": ("So sánh đơn vị", "Compare units"),
    # Finding a unit by name, with or without diacritics.
    "unit_search": ("Tìm đơn vị (gõ có dấu hoặc không dấu, ví dụ: hai chau)",
                    "Find a unit (with or without Vietnamese marks, e.g. hai chau)"),
    "unit_search_none": ("Không có đơn vị nào khớp với “{q}”.", "No unit matches “{q}”."),
    "unit_choose_placeholder": ("Chọn một đơn vị", "Choose a unit"),
    "unit_unknown_code": ("Không có đơn vị nào mang mã “{code}” (đường dẫn có thể sai hoặc đã cũ). "
                          "Hãy chọn đơn vị ở ô bên dưới.",
                          "There is no unit with the code “{code}” (the link may be wrong or out of date). "
                          "Please choose a unit below."),
    "unit_not_active": ("Đơn vị “{name}” không hoạt động trong {period}. Hãy chọn kỳ khác ở thanh bên hoặc đơn vị khác "
                        "ở ô bên dưới.",
                        "“{name}” was not active in {period}. Choose another period in the sidebar or another unit "
                        "below."),
    "unit_compare_link": ("So sánh với…", "Compare with…"),
    # Rank per indicator.
    "unit_ranks_title": ("Thứ hạng trong nhóm {group}, {period}", "Rank in the {group} group, {period}"),
    "unit_col_value": ("Giá trị", "Value"),
    "unit_col_of": ("Số đơn vị được xếp hạng", "Units ranked"),
    "unit_col_note": ("Ghi chú", "Note"),
    "unit_rank_help": ("Hạng 1 là tốt nhất; đơn vị bằng nhau cùng hạng. “3/23”: hạng 3 trong 23 đơn vị được xếp hạng.",
                       "Rank 1 is best; equal units share a rank. “3/23”: 3rd of 23 ranked units."),
    "unit_rank_legend": ("Thay đổi so với {previous}: ▲ lên hạng, ▼ xuống hạng, = giữ hạng, "
                         "— không được xếp hạng ở một trong hai kỳ.",
                         "Change on {previous}: ▲ moved up, ▼ moved down, = same rank, "
                         "— not ranked in one of the two periods."),
    # Trend against target.
    "unit_trend_title": ("{unit}: {indicator}, 12 tháng so với mục tiêu", "{unit}: {indicator}, 12 months against target"),
    "unit_trend_caption": ("Đường đậm: đơn vị; đường mảnh: cả nhóm {group} (tổng tử số / tổng mẫu số); "
                           "nét đứt: mục tiêu của từng năm. Tháng trống: đơn vị chưa báo cáo.",
                           "Thick line: the unit; thin line: the whole {group} group (sum over sum); "
                           "dashed: each year's target. A gap is a month not reported."),
    # Overdue per 100 dossiers.
    "unit_overdue_title": ("Hồ sơ quá hạn trên 100 hồ sơ đang giải quyết", "Overdue per 100 dossiers in progress"),
    "unit_overdue_group": ("Cả nhóm {group}", "Whole {group} group"),
    "unit_overdue_detail": ("{overdue} quá hạn / {total} đang giải quyết", "{overdue} overdue / {total} in progress"),
    "unit_overdue_note": ("Số liệu cuối kỳ ({period}). Số của nhóm = tổng hồ sơ quá hạn của các đơn vị / tổng hồ sơ "
                          "đang giải quyết × 100, không phải trung bình tỷ lệ của các đơn vị. Thấp hơn là tốt hơn.",
                          "At the end of {period}. The group's figure is all its units' overdue dossiers / all their "
                          "dossiers in progress × 100, not a mean of the units' own figures. Lower is better."),
    "unit_overdue_none": ("Không có hồ sơ đang giải quyết cuối kỳ để tính.", "No dossiers in progress at the end of the period."),
    # Evaluation history with its legend.
    "unit_eval_legend": ("Mỗi chấm là điểm đánh giá của một tháng; màu và hình của chấm cho biết mức xếp loại, "
                         "nền màu là khoảng điểm của từng mức theo bộ tiêu chí đang áp dụng.",
                         "Each dot is one month's evaluation score; its colour and shape give the level, and the "
                         "shaded bands the score range of each level under the scheme in force."),
    "unit_level_above": ("{level} (trên {low} điểm)", "{level} (above {low})"),
    "unit_level_above_to": ("{level} (trên {low} đến {high} điểm)", "{level} (above {low} to {high})"),
    "unit_level_from_to": ("{level} (từ {low} đến {high} điểm)", "{level} ({low} to {high})"),
    "unit_level_below": ("{level} (dưới {high} điểm)", "{level} (below {high})"),
    # The comparison page.
    "cmp_choose": ("Đơn vị so sánh (2–4 đơn vị)", "Units to compare (2 to 4)"),
    "cmp_need_two": ("Chọn ít nhất 2 đơn vị để so sánh (tối đa 4).", "Choose at least 2 units to compare (at most 4)."),
    "cmp_unknown": ("Bỏ qua mã đơn vị không có trong danh sách: {codes}.", "Ignored unit codes that do not exist: {codes}."),
    "cmp_table_title": ("Giá trị và thứ hạng, {period}", "Values and ranks, {period}"),
    "cmp_col_rank": ("Hạng · {unit}", "Rank · {unit}"),
    "cmp_rank_note": ("Hạng tính trong nhóm của từng đơn vị (phường với phường, sở với sở), “3/23” là hạng 3 trong "
                      "23 đơn vị được xếp hạng; giá trị của quý, năm = tổng tử số / tổng mẫu số.",
                      "Each unit is ranked within its own group (wards among wards, departments among departments); "
                      "“3/23” is 3rd of 23 ranked units; a quarter's or year's value is the sum of numerators over "
                      "the sum of denominators."),
    "cmp_trend_title": ("{indicator}: 12 tháng", "{indicator}: 12 months"),
    "cmp_trends": ("Diễn biến 12 tháng", "12-month trends"),
}
