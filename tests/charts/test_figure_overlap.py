"""Every figure kind drawn by plotly.js in headless Chromium: no text box on another, none cut off.

Each builder of `charts.figures` (and the ranking of `charts.ranking`) is drawn at a laptop
width (1366 px), a phone width (390 px) and as the exported slide (1280×720 layout px = the
1920×1080 PNG). The bounding boxes of all SVG texts (title, subtitle/source, tick labels,
value labels, legend, cell values) are collected in the page and compared pairwise.
One browser (the session's `browser` fixture), one page, plotly.js from the plotly package.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs

from charts import figures
from charts.ranking import ranking_bar
from charts.unit import level_bands, score_history_bands
from exports.images import prepare
from metrics.indicators import get_indicator

ON_TIME = get_indicator("on_time_rate")
ONLINE = get_indicator("online_rate")
OVERDUE = get_indicator("overdue_in_progress")
SOURCE = "Nguồn: báo cáo của các cơ quan, đơn vị · dữ liệu cập nhật 26/11/2026 08:00"
WARDS = ["Phường Hải Châu", "Phường Thanh Khê", "Phường Hòa Cường", "Phường Sơn Trà", "Phường An Hải",
         "Phường Ngũ Hành Sơn", "Phường Hòa Khánh", "Phường Liên Chiểu", "Phường Cẩm Lệ", "Phường Hòa Xuân",
         "Xã Hòa Vang", "Xã Bà Nà"]
MONTHS = pd.date_range("2025-11-01", periods=12, freq="MS")


def _ranking_frame() -> pd.DataFrame:
    values = [1.0, 0.998, 0.991, 0.963, 0.955, 0.95, 0.93, 0.91, 0.88, 0.85]
    return pd.DataFrame({
        "rank": pd.array(range(1, 11), dtype="Int64"), "unit_name": WARDS[:10], "value": values,
        "target": [0.95] * 10, "band": ["met"] * 6 + ["near", "near", "below", "below"],
        "rank_change": pd.array([0, 2, -1, 1, 0, pd.NA, 3, -2, 0, 1], dtype="Int64"),
    })


def _heatmap_frame() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    for u in WARDS[:8]:
        for m in MONTHS:
            v = float(np.clip(rng.normal(0.95, 0.04), 0.7, 1.0))
            band = "met" if v >= 0.95 else "near" if v >= 0.9 else "below"
            rows.append((u, m, v, band))
    return pd.DataFrame(rows, columns=["unit_name", "month", "value", "band"])


def _title(what: str) -> str:
    return f"{what} — Phường · tháng 10/2026"


def figure_kinds(phone: bool) -> dict[str, go.Figure]:
    trend = pd.DataFrame({"month": MONTHS, "value": np.linspace(0.9, 1.0, 12)})
    counts = pd.DataFrame({"level": ["excellent", "good", "completed", "not_completed", "no_data"],
                           "count": [12, 48, 20, 3, 0]})
    labels = {"excellent": "Xuất sắc", "good": "Tốt", "completed": "Hoàn thành", "not_completed": "Chưa hoàn thành",
              "no_data": "Không có dữ liệu"}
    compare = pd.DataFrame({"label": ["Đúng hạn", "Trực tuyến", "Thanh toán trực tuyến", "Số hóa"],
                            "value": [1.0, 0.62, 0.12, 0.954], "group": [0.97, 0.55, 0.3, 0.9],
                            "city": [0.96, 0.5, 0.25, 0.88], "target": [0.95, 0.5, 0.3, 0.9]})
    ranks = pd.DataFrame({"month": MONTHS, "rank": [5, 4, 4, 3, 6, 2, 1, 1, 2, 3, 2, 1], "of": [23] * 12})
    late = pd.DataFrame({"field_name": ["Đất đai", "Hộ tịch", "Xây dựng", "Tư pháp", "Đăng ký kinh doanh"],
                         "late": [120, 3, 40, 0, 9], "overdue": [15, 1, 2, 4, 0]})
    scores = pd.DataFrame({"month": MONTHS, "score": np.linspace(62, 100, 12),
                           "level": ["completed"] * 4 + ["good"] * 5 + ["excellent"] * 3})
    return {
        "ranking_bar": ranking_bar(_ranking_frame(), ON_TIME, _title("Tỷ lệ hồ sơ giải quyết đúng hạn"), SOURCE),
        "trend_line": figures.trend_line(trend, ON_TIME, 0.95, _title("Tỷ lệ hồ sơ giải quyết đúng hạn"), SOURCE),
        "heatmap": figures.heatmap(_heatmap_frame(), ONLINE,
                                   f"{ONLINE.label('vi')} — Phường: {figures.heatmap_title(ONLINE)}", SOURCE,
                                   cell_labels=False if phone else None),
        "level_counts_bar": figures.level_counts_bar(counts, labels, _title("Số đơn vị theo mức xếp loại"), SOURCE,
                                                     axis_title="Số đơn vị"),
        "comparison_bars": figures.comparison_bars(
            compare, [("value", "Phường Ngũ Hành Sơn"), ("group", "Phường"), ("city", "Toàn thành phố")],
            _title("Phường Ngũ Hành Sơn so với nhóm và thành phố"), SOURCE),
        "rank_history_line": figures.rank_history_line(ranks, _title("Hạng theo tháng: Phường Hải Châu"), SOURCE,
                                                       axis_title="Hạng"),
        "field_late_bars": figures.field_late_bars(late, [("late", "Trễ hạn"), ("overdue", "Quá hạn")],
                                                   _title("Hồ sơ trễ hạn theo lĩnh vực"), SOURCE),
        "score_history_line": figures.score_history_line(scores, labels, _title("Điểm đánh giá theo tháng"), SOURCE),
        # The unit page's level chart: four long legend entries (one level without a dot) over level bands.
        "score_history_bands": score_history_bands(
            scores.assign(level=["completed"] * 4 + ["good"] * 8), level_bands(50, 80, 90), {
                "excellent": "Hoàn thành xuất sắc nhiệm vụ (từ 90 đến 100 điểm)",
                "good": "Hoàn thành tốt nhiệm vụ (từ 80 đến 90 điểm)",
                "completed": "Hoàn thành nhiệm vụ (từ 50 đến 80 điểm)",
                "not_completed": "Không hoàn thành nhiệm vụ (dưới 50 điểm)"},
            "Phường An Hải: lịch sử đánh giá", f"Phường · từ 11/2025 đến 10/2026 · {SOURCE}"),
    }


# Texts of one drawn figure: [text, left, top, right, bottom] in CSS px, plus the SVG's own box.
COLLECT = """
async ([spec, width, height]) => {
  const div = document.getElementById('fig');
  Plotly.purge(div);
  div.style.width = width + 'px';
  const layout = Object.assign({}, spec.layout, {width: width});
  if (height) layout.height = height;
  await Plotly.newPlot(div, spec.data, layout, {displayModeBar: false, responsive: false});
  await document.fonts.ready;
  const svg = div.querySelector('svg.main-svg').getBoundingClientRect();
  const boxes = [];
  for (const el of div.querySelectorAll('svg text')) {
    const words = (el.textContent || '').trim();
    if (!words) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
    if (el.closest('[style*="display: none"], .hidden')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    boxes.push([words, r.left, r.top, r.right, r.bottom]);
  }
  return {svg: [svg.left, svg.top, svg.right, svg.bottom], boxes: boxes};
}
"""
TOLERANCE = 1.0  # px of glyph boxes touching is not an overlap


def overlaps(boxes: list[list]) -> list[str]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a[3], b[3]) - max(a[1], b[1])
            h = min(a[4], b[4]) - max(a[2], b[2])
            if w > TOLERANCE and h > TOLERANCE:
                found.append(f"{a[0]!r} × {b[0]!r} ({w:.0f}×{h:.0f} px)")
    return found


def clipped(svg: list[float], boxes: list[list]) -> list[str]:
    return [f"{b[0]!r} at {[round(x) for x in b[1:]]}" for b in boxes
            if b[1] < svg[0] - TOLERANCE or b[2] < svg[1] - TOLERANCE
            or b[3] > svg[2] + TOLERANCE or b[4] > svg[3] + TOLERANCE]


@pytest.fixture(scope="module")
def plot_page(browser, tmp_path_factory):
    """One page holding plotly.js (from the installed plotly package: nothing downloaded)."""
    folder = tmp_path_factory.mktemp("plotly")
    (folder / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    (folder / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script>'
        '<style>body{margin:0;font-family:"Noto Sans"}</style></head><body><div id="fig"></div></body></html>',
        encoding="utf-8")
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto((folder / "index.html").as_uri())
    page.wait_for_function("() => window.Plotly !== undefined")
    yield page
    context.close()


SIZES = {"1366px": (1366, None), "390px": (390, None), "slide_1920x1080": (None, None)}


def draw(page, fig: go.Figure, size: str) -> dict:
    width, height = SIZES[size]
    if width is None:  # the exported file: the figure as `exports.images` prepares it
        fig = prepare(fig)
        width, height = fig.layout.width, fig.layout.height
    spec = json.loads(fig.to_json())
    return page.evaluate(COLLECT, [spec, width, height])


@pytest.mark.parametrize("size", list(SIZES))
def test_no_text_overlaps_or_is_cut_off(plot_page, size):
    problems = {}
    for kind, fig in figure_kinds(phone=size == "390px").items():
        drawn = draw(plot_page, fig, size)
        assert len(drawn["boxes"]) >= 5, f"{kind}: too few texts drawn, the collector is broken"
        found = overlaps(drawn["boxes"]) + clipped(drawn["svg"], drawn["boxes"])
        if found:
            problems[kind] = found
    assert problems == {}


def test_the_collector_sees_an_overlap_and_a_cut_title(plot_page):
    """The check itself can fail: a note on top of a tick label, and a title running off the figure."""
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.update_layout(title=dict(text="Một tiêu đề rất dài không xuống dòng " * 3), height=300)
    fig.add_annotation(text="ghi chú", x=1, y="a", showarrow=False)
    fig.add_annotation(text="chồng lên", x=1, y="a", showarrow=False)
    drawn = draw(plot_page, fig, "390px")
    assert any("ghi chú" in found for found in overlaps(drawn["boxes"]))
    assert any("Một tiêu đề" in found for found in clipped(drawn["svg"], drawn["boxes"]))
