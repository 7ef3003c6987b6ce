"""Sparklines: one small line per unit over the months, the phone's form of the ranking heatmap.

A heatmap of 60 units × 12 months is squeezed to ~120 px on a 390 px phone. A column of
small lines on one shared value axis (so heights compare across units), each with the
target dashed and its last month's dot in the band colour, reads at that width.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.ranking import zoomed_range
from charts.theme import LINE_COLOUR, MUTED_COLOUR, TARGET_LINE_COLOUR, apply_theme, band_style, chart_text
from i18n.labels import month_label
from i18n.numbers import fmt_value
from metrics.indicators import Indicator
from metrics.targets import Band

ROW_HEIGHT = 64  # px per unit: its name above, its line below


def sparklines(
    cells: pd.DataFrame,
    indicator: Indicator,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    unit_order: Sequence[str] | None = None,
) -> go.Figure:
    """One row per unit (`cells`: unit_name, month, value, band, target; unit_code optional), in `unit_order`.

    Each row: the unit's name and last value above a line of its months; the target dashed.
    The points carry the unit code (customdata) so a tap opens the unit (`ui.drill`).
    """
    units = list(unit_order) if unit_order is not None else sorted(cells["unit_name"].unique())
    months = sorted(pd.to_datetime(cells["month"]).unique())
    f = cells.assign(month=pd.to_datetime(cells["month"]))
    y_range = zoomed_range([*f["value"], *f.get("target", pd.Series(dtype=float)).dropna().unique()],
                           indicator.is_rate)
    rows = max(len(units), 1)
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=min(0.4 / rows, 0.02))
    # Traces, target lines and names are collected as plain dicts and added in three calls: plotly's
    # per-row add_scatter/add_hline/add_annotation re-validated the whole layout each time and cost
    # ~1 s for 60 units, the largest cost of a rankings run under load (py-spy, bench --only load).
    labels = [month_label(m, lang) for m in months]
    by_unit = dict(tuple(f.groupby("unit_name", sort=False)))   # one pass, not one filter per unit
    empty = f.iloc[0:0]
    traces: list[dict] = []
    shapes: list[dict] = []
    notes: list[dict] = []
    for i, unit in enumerate(units, start=1):
        x_ref, y_ref = ("x", "y") if i == 1 else (f"x{i}", f"y{i}")
        mine = by_unit.get(unit, empty).set_index("month").reindex(months)
        values = mine["value"].astype("float64")
        code = mine["unit_code"].dropna().iloc[0] if "unit_code" in mine and mine["unit_code"].notna().any() else None
        texts = [fmt_value(v, indicator, lang) for v in values]
        traces.append(dict(type="scatter", x=labels, y=values.to_numpy(), xaxis=x_ref, yaxis=y_ref,
                           mode="lines+markers", showlegend=False,
                           line=dict(color=LINE_COLOUR, width=2), marker=dict(size=5, color=LINE_COLOUR),
                           customdata=[code] * len(labels), text=texts, connectgaps=False,
                           hovertemplate=f"{chart_text(unit)} · %{{x}}: %{{text}}<extra></extra>"))
        target = mine["target"].dropna().iloc[-1] if "target" in mine and mine["target"].notna().any() else None
        if target is not None:
            shapes.append(dict(type="line", xref=f"{x_ref} domain", x0=0, x1=1, yref=y_ref, y0=float(target),
                               y1=float(target), line=dict(color=TARGET_LINE_COLOUR, width=1, dash="dash")))
        last = values.last_valid_index()
        band = mine.loc[last, "band"] if last is not None and "band" in mine else Band.NO_DATA.value
        style = band_style(band if isinstance(band, str) else Band.NO_DATA.value)
        if last is not None:
            traces.append(dict(type="scatter", x=[month_label(last, lang)], y=[values[last]], xaxis=x_ref,
                               yaxis=y_ref, mode="markers", showlegend=False, hoverinfo="skip", customdata=[code],
                               marker=dict(size=10, color=style.colour, line=dict(color="#333333", width=1))))
        last_text = fmt_value(values[last], indicator, lang) if last is not None else fmt_value(None, indicator, lang)
        notes.append(dict(x=0, xref="paper", y=1, yref=f"{y_ref} domain", yanchor="bottom", xanchor="left",
                          showarrow=False, text=f"{chart_text(unit)} · {style.icon} {last_text}",
                          font=dict(size=13), align="left"))
    fig.add_traces(traces)
    fig.update_layout(shapes=shapes, annotations=notes)
    fig.update_yaxes(range=y_range, showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)
    fig.update_xaxes(showticklabels=False, showgrid=False, fixedrange=True)
    fig.update_xaxes(showticklabels=True, tickfont=dict(size=11, color=MUTED_COLOUR), nticks=4, row=rows, col=1)
    apply_theme(fig, title, subtitle, lang)
    top = (fig.layout.margin.t or 80) + 24  # room for the first unit's name above its line
    fig.update_layout(height=top + 40 + ROW_HEIGHT * rows, showlegend=False, hovermode="closest",
                      margin=dict(t=top, l=14, r=14))
    return fig
