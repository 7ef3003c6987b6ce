"""Value axes shared by the figure builders: percent axes for rates, integer axes for counts.

A percent axis ends at 100 %: value labels printed past the end of a bar go into a right margin
sized for the longest label (`outside_label_margin`), never into a stretched axis.
"""

from __future__ import annotations

import plotly.graph_objects as go

from charts.theme import SIDE_PAD, text_width
from metrics.indicators import Indicator


def outside_label_margin(fig: go.Figure) -> int:
    """Right margin (px) that holds the widest value label drawn outside a horizontal bar."""
    widest = 0.0
    for trace in fig.data:
        if trace.type != "bar" or trace.orientation != "h" or trace.text is None:
            continue
        positions = trace.textposition if isinstance(trace.textposition, (list, tuple)) else None
        size = (trace.textfont.size if trace.textfont and trace.textfont.size else 16)
        texts = [trace.text] if isinstance(trace.text, str) else list(trace.text)
        for i, label in enumerate(texts):
            position = positions[i] if positions else trace.textposition
            if position in ("outside", "auto", None) and label:
                widest = max(widest, text_width(str(label), size))
    return round(widest + SIDE_PAD + 8) if widest else 0


def reserve_label_room(fig: go.Figure) -> None:
    """Outside value labels drawn over the margin (cliponaxis off) with room made for them."""
    right = outside_label_margin(fig)
    if right:
        fig.update_traces(cliponaxis=False, selector=dict(type="bar"))
        fig.update_layout(margin=dict(r=max(right, fig.layout.margin.r or 0)))


def count_axis(max_value: float | None) -> dict:
    """An integer axis from 0: below 10 one tick per whole number, so ticks never read "0 0 1 1"."""
    top = max_value or 0
    if top < 10:
        return dict(tickformat=",d", tick0=0, dtick=1, range=[0, max(top, 1) * 1.05], rangemode="tozero")
    return dict(tickformat=",d", rangemode="tozero")


def value_axis(fig: go.Figure, indicator: Indicator, axis: str = "x", max_value: float | None = None) -> None:
    """The value axis of `indicator`: 0–100 % for rates (never beyond), integers from 0 for counts."""
    if indicator.is_rate:
        fig.update_layout({f"{axis}axis": dict(tickformat=".0%", range=[0, 1.0], nticks=6)})
    else:
        fig.update_layout({f"{axis}axis": count_axis(max_value)})
    if axis == "x":
        reserve_label_room(fig)
