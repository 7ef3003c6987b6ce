"""The ranking chart shows differences: a zoomed axis within 0–100 %, integer ticks for counts,
worst first for the bottom, ties whole, a visible break where the middle is left out."""

import numpy as np
import pandas as pd

from charts.ranking import count_ticks, ranking_bar, rate_ticks, zoomed_range
from charts.sparklines import sparklines
from metrics.indicators import get_indicator
from metrics.ranking import SHOW_BOTTOM, SHOW_TOP, ranking_view

ON_TIME = get_indicator("on_time_rate")
OVERDUE = get_indicator("overdue_in_progress")


def ranked(values, ranks=None, target=0.95) -> pd.DataFrame:
    n = len(values)
    return pd.DataFrame({
        "rank": pd.array(ranks or list(range(1, n + 1)), dtype="Int64"),
        "unit_code": [f"u{i}" for i in range(n)],
        "unit_name": [f"Phường {i}" for i in range(n)],
        "value": values,
        "target": [target] * n,
        "band": ["met" if target is not None and v >= target else "below" if target is not None else "no_target"
                 for v in values],
        "rank_change": pd.array([None] * n, dtype="Int64"),
    })


def test_rate_axis_is_zoomed_and_never_past_100_percent():
    # 93,0 % and 96,3 % must not look alike: the axis starts near the lowest value, not at 0.
    assert zoomed_range([0.963, 0.93, 0.95], is_rate=True) == [0.92, 0.97]
    low, high = zoomed_range([1.0, 0.998, 0.99], is_rate=True)
    assert high == 1.0 and 0.9 < low < 0.99
    assert zoomed_range([0.02, 0.1], is_rate=True)[0] == 0.0  # never below 0
    fig = ranking_bar(ranked([1.0, 0.963, 0.93]), ON_TIME, "t")
    assert fig.layout.xaxis.range[1] <= 1.0
    assert fig.layout.xaxis.range[0] >= 0.85


def test_rate_ticks_are_few_and_whole():
    assert rate_ticks([0.92, 0.97]) == dict(tickformat=".0%", tick0=0, dtick=0.02)  # 92 94 96: three labels
    assert rate_ticks([0.5, 1.0])["dtick"] == 0.2
    assert rate_ticks([0.99, 1.0])["tickformat"] == ".1%"


def test_count_axis_has_integer_ticks_from_zero():
    # The overdue ranking read "0 0 0 1 1 1": a small count gets one tick per whole number.
    assert count_ticks(3.24) == dict(tickformat=",d", tick0=0, dtick=1)
    assert count_ticks(1234)["dtick"] >= 1 and count_ticks(1234)["dtick"] == int(count_ticks(1234)["dtick"])
    assert 1234 / count_ticks(1234)["dtick"] <= 8
    frame = ranked([3.0, 1.0, 0.0], target=None).assign(target=np.nan)
    fig = ranking_bar(frame, OVERDUE, "Quá hạn")
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == ",d"
    assert fig.layout.xaxis.range[0] == 0


def test_bottom_is_drawn_worst_first():
    frame = ranked([0.99, 0.97, 0.9, 0.8, 0.7])
    view = ranking_view(frame, SHOW_BOTTOM, "2", limit=60)
    fig = ranking_bar(view.frame, ON_TIME, "t")
    assert list(fig.layout.yaxis.categoryarray) == ["5. Phường 4", "4. Phường 3"]
    assert fig.layout.yaxis.autorange == "reversed"  # the first row (the worst) on top


def test_ties_are_drawn_whole():
    frame = ranked([0.99, 0.98, 0.97, 0.97, 0.97, 0.9], ranks=[1, 2, 3, 3, 3, 6])
    view = ranking_view(frame, SHOW_TOP, "3", limit=60)  # asked for 3; rank 3 is shared by three units
    fig = ranking_bar(view.frame, ON_TIME, "t")
    assert [label.split(".")[0] for label in fig.layout.yaxis.categoryarray] == ["1", "2", "3", "3", "3"]
    assert view.ties == ((3, 3),)


def test_an_elided_middle_gets_a_break_row():
    frame = ranked([1 - i / 200 for i in range(100)])
    view = ranking_view(frame, SHOW_TOP, "all", limit=60)
    fig = ranking_bar(view.frame, ON_TIME, "t", break_after=view.break_after, hidden=view.hidden)
    order = list(fig.layout.yaxis.categoryarray)
    assert len(order) == 61
    assert order[29].startswith("30.") and order[30] == "⋯ 40 đơn vị ⋯" and order[31].startswith("71.")
    assert any(shape.y0 == "⋯ 40 đơn vị ⋯" for shape in fig.layout.shapes)  # a dotted line across


def test_rank_change_has_a_legend_entry_and_points_carry_unit_codes():
    fig = ranking_bar(ranked([0.99, 0.9]), ON_TIME, "t")
    assert any("▲/▼" in (trace.name or "") for trace in fig.data)
    codes = [c for trace in fig.data if trace.mode == "markers" and trace.customdata is not None
             for c in trace.customdata]
    assert sorted(codes) == ["u0", "u1"]


def test_sparklines_one_row_per_unit_on_a_shared_axis():
    cells = pd.DataFrame({
        "unit_code": ["a", "a", "b", "b"], "unit_name": ["A", "A", "B", "B"],
        "month": pd.to_datetime(["2026-09-01", "2026-10-01"] * 2),
        "value": [0.9, 0.95, 0.7, np.nan], "target": [0.95] * 4, "band": ["below", "met", "below", "no_data"],
    })
    fig = sparklines(cells, ON_TIME, "t", unit_order=["B", "A"])
    lines = [trace for trace in fig.data if trace.mode == "lines+markers"]
    assert len(lines) == 2 and lines[0].customdata[0] == "b"
    assert fig.layout.yaxis.range == fig.layout.yaxis2.range and fig.layout.yaxis.range[1] <= 1.0
    names = [a.text for a in fig.layout.annotations]
    assert names[0].startswith("B · ") and "70,0 %" in names[0]  # last month with data
    assert names[1].startswith("A · ") and "95,0 %" in names[1]
