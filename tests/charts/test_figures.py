"""Figure builders and the theme: order, labels in Vietnamese format, colours, titles."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd

from charts import figures
from charts.theme import BAND_STYLES, FONT_FAMILY, LEVEL_STYLES, band_badge_html
from metrics.indicators import get_indicator
from metrics.targets import Band
from ui.downloads import xlsx_bytes

ON_TIME = get_indicator("on_time_rate")
OVERDUE = get_indicator("overdue_in_progress")


def value_texts(fig) -> dict[str, str]:
    """The value column at the right of a ranking chart: row label → text."""
    return {a.y: a.text for a in fig.layout.annotations if a.xref == "paper" and a.yref == "y"}


def ranking_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "rank": pd.array([1, 2, 2, 4], dtype="Int64"),
        "unit_name": ["Phường An", "Phường Bình", "Phường Cẩm", "Phường Đông"],
        "value": [0.987, 0.95, 0.95, 0.8],
        "target": [0.95] * 4,
        "band": ["met", "met", "met", "below"],
        "rank_change": pd.array([0, 1, -1, pd.NA], dtype="Int64"),
    })


def test_band_colours_are_distinct_and_each_band_has_an_icon():
    colours = [s.colour for s in BAND_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert all(s.icon for s in BAND_STYLES.values())
    assert all(s.icon for s in LEVEL_STYLES.values())
    assert "✓ Đạt mục tiêu" in band_badge_html("met")


def test_trend_line_has_target_and_percent_axis():
    frame = pd.DataFrame({"month": pd.date_range("2025-11-01", periods=12, freq="MS"),
                          "value": np.linspace(0.9, 0.99, 12)})
    fig = figures.trend_line(frame, ON_TIME, 0.99, "Đúng hạn", "Toàn thành phố")
    assert fig.layout.shapes[0].y0 == 0.99
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.data[0].text[-1] == "99,0 %"


def test_ranking_dots_keep_order_and_format_values_in_vietnamese():
    fig = figures.ranking_bar(ranking_frame(), ON_TIME, "Tỷ lệ đúng hạn — Phường · tháng 10/2026", "Nguồn")
    assert list(fig.layout.yaxis.categoryarray) == ["1. Phường An", "2. Phường Bình", "2. Phường Cẩm",
                                                    "4. Phường Đông"]
    assert fig.layout.yaxis.autorange == "reversed"  # first row at the top
    texts = value_texts(fig)
    assert texts["1. Phường An"] == "98,7 %  ="
    assert texts["2. Phường Bình"] == "95,0 %  ▲1" and texts["2. Phường Cẩm"] == "95,0 %  ▼1"
    assert texts["4. Phường Đông"] == "80,0 %"
    met = next(t for t in fig.data if t.name == "✓ Đạt mục tiêu")
    below = next(t for t in fig.data if t.name == "✗ Chưa đạt")
    assert met.marker.color == BAND_STYLES[Band.MET].colour
    assert met.marker.symbol != below.marker.symbol  # not colour alone
    assert fig.layout.shapes[0].x0 == 0.95  # target line
    assert any(t.name == "Mục tiêu 95,0 %" for t in fig.data)  # named in the legend
    assert fig.layout.title.text.startswith("Tỷ lệ đúng hạn")
    assert fig.layout.font.family == FONT_FAMILY and FONT_FAMILY.startswith("Noto Sans")


def test_ranking_dots_for_counts_use_integers():
    frame = ranking_frame().assign(value=[0, 3, 3, 1234], band="no_target", target=np.nan)
    fig = figures.ranking_bar(frame, OVERDUE, "Quá hạn", "")
    assert "1.234" in value_texts(fig)["4. Phường Đông"]
    assert not fig.layout.shapes
    assert fig.layout.xaxis.tickformat == ",d"


def test_ranking_dots_with_different_targets_mark_each_unit():
    frame = ranking_frame().assign(target=[0.8, 0.8, 0.7, 0.7])
    fig = figures.ranking_bar(frame, ON_TIME, "t", "")
    assert any(trace.type == "scatter" and trace.name == "Mục tiêu" for trace in fig.data)


def test_english_labels_and_separators():
    fig = figures.ranking_bar(ranking_frame(), ON_TIME, "On time", "", lang="en")
    assert value_texts(fig)["1. Phường An"] == "98.7 %  ="
    assert fig.layout.separators == ".,"
    assert any(trace.name == "✓ Target met" for trace in fig.data)


def test_heatmap_orders_units_and_colours_by_band():
    cells = pd.DataFrame({
        "unit_name": ["B", "B", "A", "A"],
        "month": pd.to_datetime(["2026-09-01", "2026-10-01"] * 2),
        "value": [0.5, 0.99, 0.97, np.nan],
        "band": ["below", "met", "near", "no_data"],
    })
    fig = figures.heatmap(cells, ON_TIME, "Đúng hạn theo tháng", "", unit_order=["B", "A"])
    hm = fig.data[0]
    assert list(hm.y) == ["B", "A"]
    assert list(hm.x) == ["09/2026", "10/2026"]
    # One decimal and the band's icon: a green and an amber 99,0 never look alike.
    assert list(hm.text[0]) == ["✗ 50,0", "✓ 99,0"]
    assert list(hm.text[1]) == ["! 97,0", "–"]
    assert hm.customdata[0][1] == "B · 10/2026: 99,0 % — Đạt mục tiêu"
    assert hm.customdata[1][1] == "A · 10/2026: — — Không có dữ liệu"  # not reported is not 0
    assert fig.layout.xaxis.side == "bottom"  # month labels under the cells, away from legend and subtitle
    order = list(Band)
    assert hm.z[0][0] == order.index(Band.BELOW) and hm.z[1][1] == order.index(Band.NO_DATA)


def test_level_counts_bar():
    counts = pd.DataFrame({"level": ["excellent", "good", "completed", "not_completed", "no_data"],
                           "count": [3, 5, 2, 1, 0]})
    fig = figures.level_counts_bar(counts, {"excellent": "Xuất sắc"}, "Số đơn vị theo mức", "")
    assert fig.data[0].y[0] == "Xuất sắc"
    assert list(fig.data[0].text) == ["3", "5", "2", "1", "0"]


def test_xlsx_bytes_keeps_numbers_with_formats_and_titles():
    frame = pd.DataFrame({"Đơn vị": ["Phường An"], "Giá trị": [0.987], "Hạng": [1.0]})
    data = xlsx_bytes({"Xếp hạng": frame}, percent_columns=["Giá trị"], int_columns=["Hạng"],
                      title_rows={"Xếp hạng": ["Tỷ lệ đúng hạn", "Phường · tháng 10/2026"]})
    ws = openpyxl.load_workbook(io.BytesIO(data))["Xếp hạng"]
    assert ws["A1"].value == "Tỷ lệ đúng hạn"
    assert [c.value for c in ws[4]] == ["Đơn vị", "Giá trị", "Hạng"]
    assert ws["B5"].value == 0.987 and ws["B5"].number_format == "0.0%"
    assert ws["C5"].number_format == "#,##0"


def test_same_value_in_different_bands_reads_differently_without_colour():
    cells = pd.DataFrame({"unit_name": ["A", "B"], "month": pd.to_datetime(["2026-10-01"] * 2),
                          "value": [0.9904, 0.9896], "band": ["met", "near"]})
    hm = figures.heatmap(cells, ON_TIME, "t", "").data[0]
    a, b = hm.text[0][0], hm.text[1][0]
    assert a != b and a.endswith("99,0") and b.endswith("99,0")


def test_heatmap_title_fits_the_indicator():
    online = get_indicator("online_rate")
    assert "trễ hạn" not in figures.heatmap_title(online) and "trực tuyến" in figures.heatmap_title(online)
    assert "trễ hạn" in figures.heatmap_title(ON_TIME)
    assert "quá hạn" in figures.heatmap_title(OVERDUE)
    assert figures.heatmap_title(online, "en").startswith("By month")


def test_rate_axes_end_at_100_percent_and_labels_get_a_right_margin():
    from charts.axes import value_axis

    fig = figures.go.Figure(figures.go.Bar(x=[1.0, 0.5], y=["a", "b"], orientation="h",
                                           text=["100,0 %  ▲12", "50,0 %"], textposition="outside"))
    value_axis(fig, ON_TIME, "x", 1.0)
    assert list(fig.layout.xaxis.range) == [0, 1.0]
    assert fig.layout.margin.r >= 100 and fig.data[0].cliponaxis is False
    counts = figures.go.Figure()
    value_axis(counts, OVERDUE, "x", 3)
    assert counts.layout.xaxis.dtick == 1  # ticks 0 1 2 3, never "0 0 1 1"
    trend = figures.trend_line(pd.DataFrame({"month": pd.date_range("2025-11-01", periods=3, freq="MS"),
                                             "value": [0.9, 1.0, 0.97]}), ON_TIME, 0.95, "t")
    assert trend.layout.yaxis.range[1] == 1.0
    bars = figures.comparison_bars(pd.DataFrame({"label": ["x"], "value": [1.0]}), [("value", "A")], "t")
    assert list(bars.layout.xaxis.range) == [0, 1.0]


def test_top_margin_grows_with_the_lines_of_title_and_subtitle():
    frame = pd.DataFrame({"level": ["good"], "count": [3]})
    short = figures.level_counts_bar(frame, {}, "Ngắn", "")
    long = figures.level_counts_bar(frame, {}, "Một tiêu đề dài " * 6, "Nguồn: báo cáo của các cơ quan " * 3)
    assert long.layout.title.text.count("<br>") >= 3  # wrapped to a phone's width
    assert long.layout.margin.t > short.layout.margin.t + 4 * 20
    # Left-aligned with a margin, never flush at x = 0 of the image.
    assert short.layout.title.xanchor == "left" and short.layout.title.pad.l >= 10


def test_the_target_is_named_in_the_legend_not_written_on_the_data():
    frame = pd.DataFrame({"month": pd.date_range("2025-11-01", periods=3, freq="MS"), "value": [0.9, 0.95, 0.97]})
    fig = figures.trend_line(frame, ON_TIME, 0.95, "t")
    assert not fig.layout.annotations
    assert any(t.name == "Mục tiêu 95,0 %" for t in fig.data)


def test_summaries_carry_the_key_numbers():
    from charts.summary import figure_summary

    frame = pd.DataFrame({"month": pd.date_range("2026-08-01", periods=3, freq="MS"), "value": [0.9, 0.974, 0.95]})
    fig = figures.trend_line(frame, ON_TIME, 0.95, "Đúng hạn — Phường")
    assert figure_summary(fig) == ("Biểu đồ Đúng hạn — Phường: 3 tháng; gần nhất (10/2026) 95,0 %; "
                                   "cao nhất 97,4 % (09/2026), thấp nhất 90,0 % (08/2026); mục tiêu 95,0 %.")
    counts = pd.DataFrame({"level": ["excellent", "good"], "count": [3, 1234]})
    assert figure_summary(figures.level_counts_bar(counts, {"excellent": "Xuất sắc", "good": "Tốt"}, "Mức", "")) \
        == "Biểu đồ Mức: Xuất sắc 3, Tốt 1.234."
    cells = pd.DataFrame({"unit_name": ["A", "A", "B", "B"], "month": pd.to_datetime(["2026-09-01", "2026-10-01"] * 2),
                          "value": [0.99, 0.5, 0.97, None], "band": ["met", "below", "met", "no_data"]})
    assert figure_summary(figures.heatmap(cells, ON_TIME, "H", "")) == (
        "Biểu đồ H: 2 đơn vị × 2 tháng; 2 ô đạt mục tiêu, 1 ô chưa đạt, 1 ô không có dữ liệu.")
    # Any other bar figure (the ranking): highest and lowest with their printed labels.
    ranking = figures.ranking_bar(ranking_frame(), ON_TIME, "Xếp hạng", "")
    text = figure_summary(ranking)
    assert text.startswith("Biểu đồ Xếp hạng: ") and "98,7 %" in text and "80,0 %" in text


def test_a_click_layer_over_month_categories_has_no_value_to_summarise():
    """Invisible points over heatmap cells (months on x) are not values: the summary must not crash on them."""
    import plotly.graph_objects as go

    from charts.summary import figure_summary

    layer = go.Figure(go.Scatter(x=["09/2026", "10/2026"], y=["Phường An", "Phường An"], mode="markers"))
    layer.update_layout(title="Theo tháng")
    assert figure_summary(layer) == "Biểu đồ Theo tháng: chưa có số liệu để vẽ."
