"""Value axes shared by the figure builders: percent axes for rates, integer axes for counts."""

from __future__ import annotations

import plotly.graph_objects as go

from metrics.indicators import Indicator


def value_axis(fig: go.Figure, indicator: Indicator, axis: str = "x", max_value: float | None = None) -> None:
    if indicator.is_rate:
        upper = max(1.0, max_value or 0) * 1.18  # room for the value labels
        fig.update_layout({f"{axis}axis": dict(tickformat=".0%", range=[0, upper])})
    else:
        fig.update_layout({f"{axis}axis": dict(tickformat=",d", rangemode="tozero")})
