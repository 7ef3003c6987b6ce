"""Words of the figures area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # Heatmap titles fitted to what the indicator means (charts.figures.heatmap_title).
    "figures_heatmap_late": ("Theo tháng: đơn vị nào thường xuyên trễ hạn", "By month: which units are often late"),
    "figures_heatmap_overdue": ("Theo tháng: đơn vị nào thường có hồ sơ quá hạn",
                                "By month: which units often have overdue dossiers"),
    "figures_heatmap_rate": ("Theo tháng: {short} của từng đơn vị so với mục tiêu",
                             "By month: {short} of each unit against the target"),
    "figures_heatmap_count": ("Theo tháng: {short} của từng đơn vị", "By month: {short} of each unit"),
    # Hover of a heatmap cell: unit · month: value — band.
    "figures_cell_hover": ("{unit} · {month}: {value} — {band}", "{unit} · {month}: {value} — {band}"),
    # One-sentence text alternatives of the figures (charts.summary), read by screen readers.
    "figures_chart": ("Biểu đồ", "Chart"),
    "figures_no_data": ("chưa có số liệu để vẽ", "no figures to draw"),
    "figures_sum_trend": ("{n} tháng; gần nhất ({month}) {last}; cao nhất {high} ({high_month}), "
                          "thấp nhất {low} ({low_month})",
                          "{n} months; latest ({month}) {last}; highest {high} ({high_month}), "
                          "lowest {low} ({low_month})"),
    "figures_sum_target": ("mục tiêu {v}", "target {v}"),
    "figures_sum_heatmap": ("{units} đơn vị × {months} tháng; {bands}", "{units} units × {months} months; {bands}"),
    "figures_sum_cells": ("{n} ô {band}", "{n} cells {band}"),
    "figures_sum_items": ("{n} mục; cao nhất {high}; thấp nhất {low}", "{n} items; highest {high}; lowest {low}"),
    "figures_sum_rank": ("hạng gần nhất {rank} ({month}); tốt nhất {best}, kém nhất {worst}",
                         "latest rank {rank} ({month}); best {best}, worst {worst}"),
    "figures_sum_score": ("điểm gần nhất {score} ({month}, {level}); cao nhất {high}, thấp nhất {low}",
                          "latest score {score} ({month}, {level}); highest {high}, lowest {low}"),
    "figures_sum_late": ("tổng {total} hồ sơ trễ ở {n} lĩnh vực; nhiều nhất: {top} ({top_n})",
                         "{total} late dossiers in {n} fields; most: {top} ({top_n})"),
    "figures_rank_of": ("{rank}/{of}", "{rank}/{of}"),
}
