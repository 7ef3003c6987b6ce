"""Figure builders: a frame in, a themed `go.Figure` out; no queries, no Streamlit.

Every builder takes a `title` (indicator, group, period) and a `subtitle`
(source), so the page, a screenshot and an exported slide all carry the same
self-explanatory figure. Numbers on figures are formatted by `i18n.numbers`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.ranking import BAR_HEIGHT, ranking_bar  # noqa: F401  (kept importable from here)
from charts.theme import (
    BAND_STYLES,
    COMPARE_COLOURS,
    LEVEL_STYLES,
    LINE_COLOUR,
    MUTED_COLOUR,
    TARGET_LINE_COLOUR,
    apply_theme,
    chart_text,
)
from i18n import catalogue
from i18n.labels import month_label
from i18n.numbers import fmt_int, fmt_number, fmt_percent, fmt_rank_change, fmt_short_value, fmt_value
from metrics.indicators import Indicator
from metrics.targets import Band

MAX_LABELLED_CELLS = 400
# `fmt_value` and `rank_change_arrow` stay importable from here for the page tables.
rank_change_arrow = fmt_rank_change


def trend_line(
    frame: pd.DataFrame,
    indicator: Indicator,
    target: float | None,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    height: int = 340,
) -> go.Figure:
    """An indicator month by month (`frame`: month, value) with its target as a dashed line."""
    fig = go.Figure()
    months = pd.to_datetime(frame["month"]) if len(frame) else []
    texts = [fmt_value(v, indicator, lang) for v in frame["value"]]
    fig.add_scatter(x=months, y=frame["value"], mode="lines+markers", name=indicator.short(lang),
                    line=dict(color=LINE_COLOUR, width=3), marker=dict(size=7), text=texts,
                    hovertemplate="%{x|%m/%Y}: %{text}<extra></extra>", connectgaps=False)
    if target is not None:
        fig.add_hline(y=target, line=dict(color=TARGET_LINE_COLOUR, width=2, dash="dash"),
                      annotation=dict(text=catalogue.text("target_line", lang, v=fmt_value(target, indicator, lang)),
                                      font=dict(size=13)),
                      annotation_position="bottom right")
    if indicator.is_rate:
        values = [v for v in frame["value"] if pd.notna(v)] + ([target] if target is not None else [])
        low = max(0.0, min(values) - 0.05) if values else 0.0
        fig.update_yaxes(tickformat=".0%", range=[low, 1.01])
    else:
        fig.update_yaxes(tickformat=",d", rangemode="tozero")
    fig.update_xaxes(tickformat="%m/%Y", dtick="M3")
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(height=height, showlegend=False, margin=dict(t=80, b=30))
    return fig


def heatmap(
    frame: pd.DataFrame,
    indicator: Indicator,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    unit_order: Sequence[str] | None = None,
) -> go.Figure:
    """Units × months coloured by target band; cells show the value (`frame`: unit_name, month, value, band)."""
    bands = list(Band)
    code = {b.value: i for i, b in enumerate(bands)}
    months = sorted(pd.to_datetime(frame["month"]).unique())
    units = list(unit_order) if unit_order is not None else sorted(frame["unit_name"].unique())
    f = frame.assign(month=pd.to_datetime(frame["month"]))
    z = f.pivot_table(index="unit_name", columns="month", values="band",
                      aggfunc="first").reindex(index=units, columns=months)
    v = f.pivot_table(index="unit_name", columns="month", values="value",
                      aggfunc="first").reindex(index=units, columns=months)
    zc = z.map(lambda b: code.get(b, code[Band.NO_DATA.value]) if isinstance(b, str) else code[Band.NO_DATA.value])
    short = [[fmt_short_value(x, indicator, lang) for x in row] for row in v.to_numpy()]
    n = len(bands)
    scale = []
    for i, b in enumerate(bands):
        scale += [[i / n, BAND_STYLES[b].colour], [(i + 1) / n, BAND_STYLES[b].colour]]
    # Values printed in the cells while they stay readable and cheap to draw; beyond that, on hover only.
    labelled = len(units) * len(months) <= MAX_LABELLED_CELLS
    fig = go.Figure(go.Heatmap(
        z=zc.to_numpy(dtype=float), x=[month_label(m, lang) for m in months], y=[chart_text(u) for u in units],
        text=short, texttemplate="%{text}" if labelled else None, textfont=dict(size=12), colorscale=scale,
        zmin=-0.5, zmax=n - 0.5,
        showscale=False, xgap=2, ygap=2, hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    ))
    # Legend entries for the bands (a heatmap has no legend of its own).
    for b in bands[:3]:
        s = BAND_STYLES[b]
        fig.add_scatter(x=[None], y=[None], mode="markers", name=f"{s.icon} {s.label(lang)}",
                        marker=dict(symbol="square", size=14, color=s.colour))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(height=200 + 26 * max(len(units), 3), margin=dict(t=120), plot_bgcolor="#FFFFFF",
                      legend=dict(y=1.0, yanchor="bottom", x=1, xanchor="right", orientation="h"))
    return fig


def level_counts_bar(
    counts: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    axis_title: str = "",
) -> go.Figure:
    """Number of units per evaluation level (`counts`: level, count), best level first."""
    names = [labels.get(lv, lv) for lv in counts["level"]]
    colours = [LEVEL_STYLES.get(lv, LEVEL_STYLES["no_data"]).colour for lv in counts["level"]]
    patterns = [LEVEL_STYLES.get(lv, LEVEL_STYLES["no_data"]).pattern for lv in counts["level"]]
    fig = go.Figure(go.Bar(
        y=names, x=counts["count"], orientation="h",
        marker=dict(color=colours, line=dict(color="#333333", width=0.5),
                    pattern=dict(shape=patterns, fgcolor="#333333", solidity=0.25, fillmode="overlay")),
        text=[fmt_int(c, lang) for c in counts["count"]], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    top = int(counts["count"].max()) if len(counts) else 1
    fig.update_xaxes(title=axis_title, tickformat=",d", range=[0, max(top, 1) * 1.2])
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(height=120 + 55 * max(len(counts), 3), showlegend=False)
    return fig


def comparison_bars(
    frame: pd.DataFrame,
    series: Sequence[tuple[str, str]],
    title: str,
    subtitle: str = "",
    lang: str = "vi",
) -> go.Figure:
    """Rates of several indicators for a unit beside its group and the city.

    `frame`: one row per indicator with a `label` column and one column per
    series; `series` gives (column, legend name) in drawing order.
    """
    frame = frame.assign(label=frame["label"].map(chart_text))
    series = [(column, chart_text(name)) for column, name in series]  # legends name units and groups
    fig = go.Figure()
    for (column, name), colour in zip(series, COMPARE_COLOURS, strict=False):
        fig.add_bar(y=frame["label"], x=frame[column], orientation="h", name=name, marker_color=colour,
                    text=[fmt_percent(v, 1, lang) for v in frame[column]], textposition="outside",
                    cliponaxis=False, textfont=dict(size=13), hovertemplate="%{y}: %{text}<extra></extra>")
    if "target" in frame:
        fig.add_scatter(y=frame["label"], x=frame["target"], mode="markers", name=catalogue.text("target", lang),
                        marker=dict(symbol="line-ns", size=26, line=dict(width=3, color=TARGET_LINE_COLOUR)),
                        hoverinfo="skip")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(frame["label"]))
    fig.update_xaxes(tickformat=".0%", range=[0, 1.2])
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(barmode="group", height=180 + 26 * len(series) * max(len(frame), 1), bargap=0.2)
    return fig


def rank_history_line(
    frame: pd.DataFrame,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    axis_title: str = "",
) -> go.Figure:
    """A unit's rank over time (`frame`: month, rank, of); rank 1 at the top."""
    fig = go.Figure()
    ranked = frame.dropna(subset=["rank"])
    text = [f"{fmt_int(r, lang)}/{fmt_int(n, lang)}" for r, n in zip(ranked["rank"], ranked["of"], strict=True)]
    fig.add_scatter(x=pd.to_datetime(ranked["month"]), y=ranked["rank"].astype(float), mode="lines+markers+text",
                    text=text, textposition="top center", line=dict(color=LINE_COLOUR, width=3),
                    marker=dict(size=8), hovertemplate="%{x|%m/%Y}: %{text}<extra></extra>")
    worst = float(frame["of"].max()) if len(frame) else 1.0
    fig.update_yaxes(autorange=False, range=[worst + 0.5, 0.5], title=axis_title, tickformat=",d")
    fig.update_xaxes(tickformat="%m/%Y")
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(height=340, showlegend=False)
    return fig


def field_late_bars(
    frame: pd.DataFrame,
    series: Sequence[tuple[str, str]],
    title: str,
    subtitle: str = "",
    lang: str = "vi",
) -> go.Figure:
    """Late dossiers per field, stacked (`frame`: field_name plus the `series` columns), largest first."""
    frame = frame.assign(_total=frame[[c for c, _ in series]].sum(axis=1), field_name=frame["field_name"].map(chart_text))
    frame = frame.sort_values("_total", ascending=False)
    fig = go.Figure()
    colours = (BAND_STYLES[Band.BELOW].colour, BAND_STYLES[Band.NEAR].colour)
    patterns = ("/", ".")
    for (column, name), colour, pattern in zip(series, colours, patterns, strict=False):
        fig.add_bar(y=frame["field_name"], x=frame[column], orientation="h", name=name,
                    marker=dict(color=colour, pattern=dict(shape=pattern, fgcolor="#333333", solidity=0.25,
                                                             fillmode="overlay")),
                    text=[fmt_int(v, lang) if v else "" for v in frame[column]], textposition="inside",
                    hovertemplate="%{y}: %{text}<extra></extra>")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(frame["field_name"]))
    fig.update_xaxes(tickformat=",d")
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(barmode="stack", height=180 + 34 * max(len(frame), 2))
    return fig


def score_history_line(
    frame: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    subtitle: str = "",
    lang: str = "vi",
) -> go.Figure:
    """Evaluation score over time (`frame`: month, score, level); markers coloured by level."""
    fig = go.Figure()
    f = frame.dropna(subset=["score"])
    colours = [LEVEL_STYLES.get(lv, LEVEL_STYLES["no_data"]).colour for lv in f["level"]]
    text = [fmt_number(x, 1, lang) for x in f["score"]]
    fig.add_scatter(x=pd.to_datetime(f["month"]), y=f["score"], mode="lines+markers",
                    line=dict(color=MUTED_COLOUR, width=2), marker=dict(size=12, color=colours,
                                                                         line=dict(color="#333", width=1)),
                    customdata=np.array([labels.get(lv, lv) for lv in f["level"]], dtype=object),
                    text=text, hovertemplate="%{x|%m/%Y}: %{text} — %{customdata}<extra></extra>")
    fig.update_yaxes(range=[0, 105])
    fig.update_xaxes(tickformat="%m/%Y")
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(height=340, showlegend=False)
    return fig
