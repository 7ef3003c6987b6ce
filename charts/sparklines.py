"""Sparklines: one small line per unit over the months, the phone's form of the ranking heatmap.

A heatmap of 60 units × 12 months is squeezed to ~120 px on a 390 px phone. A column of
small lines on one shared value axis (so heights compare across units), each with the
target dashed and its last month's dot in the band colour, reads at that width.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.ranking import zoomed_range
from charts.theme import LINE_COLOUR, MUTED_COLOUR, TARGET_LINE_COLOUR, apply_theme, band_style, chart_text
from i18n.labels import month_label
from i18n.numbers import fmt_value
from metrics.indicators import Indicator
from metrics.targets import Band

ROW_HEIGHT = 64  # px per unit: its name above, its line below


def _grid(rows: int, spacing: float, y_range) -> dict:
    """One column of `rows` plots sharing the bottom plot's x axis (what `make_subplots(shared_xaxes=True)`
    lays out), top row first, each y axis on the shared value range; only the bottom row shows months."""
    height = (1 - spacing * (rows - 1)) / rows
    axes: dict = {}
    for i in range(1, rows + 1):
        x_name, y_name = ("xaxis", "yaxis") if i == 1 else (f"xaxis{i}", f"yaxis{i}")
        x_ref, y_ref = ("x", "y") if i == 1 else (f"x{i}", f"y{i}")
        top = 1 - (i - 1) * (height + spacing)
        axes[x_name] = dict(anchor=y_ref, domain=[0.0, 1.0], showgrid=False, fixedrange=True, showticklabels=False)
        if i < rows:
            axes[x_name]["matches"] = f"x{rows}" if rows > 1 else "x"
        else:
            axes[x_name].update(showticklabels=True, tickfont=dict(size=11, color=MUTED_COLOUR), nticks=4)
        axes[y_name] = dict(anchor=x_ref, domain=[max(top - height, 0.0), min(top, 1.0)], range=y_range,
                            showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)
    return axes


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
    # The grid, traces, target lines and names are built as plain dicts and handed to plotly once:
    # make_subplots plus per-row add_scatter/add_hline/add_annotation and update_*axes re-validated
    # the layout again and again (13–25 s for 111 units), the largest cost of a rankings run under
    # load (py-spy on the server during `cli.py bench --only load`).
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
    # `_validate=False`: these dicts are ours and fixed (tests draw them in Chromium); plotly's
    # per-property validation of 2 traces and 2 axes per unit cost ~0.25 s a figure, most of a
    # rankings run that missed the cache under load. Plotly accepts the keyword since 4.x.
    fig = go.Figure(data=traces, layout=dict(**_grid(rows, min(0.4 / rows, 0.02), y_range),
                                             shapes=shapes, annotations=notes), _validate=False)
    apply_theme(fig, title, subtitle, lang)
    top = (fig.layout.margin.t or 80) + 24  # room for the first unit's name above its line
    fig.update_layout(height=top + 40 + ROW_HEIGHT * rows, showlegend=False, hovermode="closest",
                      margin=dict(t=top, l=14, r=14))
    return fig
