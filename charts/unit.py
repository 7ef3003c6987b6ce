"""Figures of one unit and of units side by side: value trend against target, evaluation history in
level bands, and trend lines of 2–4 units. Frames in, themed `go.Figure` out; names through `chart_text`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.summary import series_summary
from charts.theme import LEVEL_STYLES, LINE_COLOUR, MUTED_COLOUR, TARGET_LINE_COLOUR, apply_theme, chart_text
from i18n import catalogue
from i18n.labels import level_label, month_label
from i18n.numbers import fmt_number, fmt_value
from metrics.indicators import Indicator

# Okabe–Ito colours, each with its own dash and marker so lines differ without colour too.
UNIT_LINE_STYLES = (("#0072B2", "solid", "circle"), ("#E69F00", "dash", "square"),
                    ("#009E73", "dot", "diamond"), ("#CC79A7", "dashdot", "triangle-up"))
LEVELS_BEST_FIRST = ("excellent", "good", "completed", "not_completed")


def _with_summary(fig: go.Figure, summary: str) -> None:
    """The figure's one-sentence text alternative (read by `charts.summary.figure_summary`)."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "summary": summary})


def _score_summary(frame: pd.DataFrame, lang: str) -> str:
    """Latest score with its level, highest and lowest (`frame`: month, score, level; scores present)."""
    if frame.empty:
        return catalogue.text("figures_no_data", lang)
    last = frame.iloc[-1]
    return catalogue.text("figures_sum_score", lang, score=fmt_number(last["score"], 1, lang),
                          month=month_label(pd.Timestamp(last["month"]), lang), level=level_label(last["level"], lang),
                          high=fmt_number(frame["score"].max(), 1, lang), low=fmt_number(frame["score"].min(), 1, lang))


def _value_axis(fig: go.Figure, indicator: Indicator, values: Sequence[float]) -> None:
    """Rates: a percent axis zoomed on the data and never above 100 %; counts: integers from 0."""
    if indicator.is_rate:
        seen = [v for v in values if pd.notna(v)]
        low = max(0.0, (min(seen) if seen else 0.0) - 0.05)
        fig.update_yaxes(tickformat=".0%", range=[low, 1.0])
    else:
        fig.update_yaxes(tickformat=",d", rangemode="tozero")


def unit_trend_line(frame: pd.DataFrame, indicator: Indicator, unit_name: str, group_name: str, title: str,
                    subtitle: str = "", lang: str = "vi") -> go.Figure:
    """The unit's value month by month, its group's as a thin line, and the target as a dashed step line.

    `frame`: month, unit, group, target (`metrics.profile.unit_trend`); NaN months are gaps.
    """
    months = pd.to_datetime(frame["month"])
    fig = go.Figure()
    fig.add_scatter(x=months, y=frame["group"], mode="lines", name=chart_text(group_name),
                    line=dict(color=MUTED_COLOUR, width=2), connectgaps=False,
                    text=[fmt_value(v, indicator, lang) for v in frame["group"]],
                    hovertemplate="%{x|%m/%Y}: %{text}<extra>%{fullData.name}</extra>")
    fig.add_scatter(x=months, y=frame["unit"], mode="lines+markers", name=chart_text(unit_name),
                    line=dict(color=LINE_COLOUR, width=3), marker=dict(size=8), connectgaps=False, cliponaxis=False,
                    text=[fmt_value(v, indicator, lang) for v in frame["unit"]],
                    hovertemplate="%{x|%m/%Y}: %{text}<extra>%{fullData.name}</extra>")
    if frame["target"].notna().any():
        fig.add_scatter(x=months, y=frame["target"], mode="lines", line_shape="hv",
                        name=catalogue.text("target", lang),
                        line=dict(color=TARGET_LINE_COLOUR, width=2, dash="dash"),
                        text=[fmt_value(v, indicator, lang) for v in frame["target"]],
                        hovertemplate="%{x|%m/%Y}: %{text}<extra>%{fullData.name}</extra>")
    _value_axis(fig, indicator, [*frame["unit"], *frame["group"], *frame["target"]])
    fig.update_xaxes(tickformat="%m/%Y", dtick="M2")
    fig.update_layout(height=380, showlegend=True)
    targets = frame["target"].dropna()
    _with_summary(fig, series_summary(frame["month"], frame["unit"], indicator, lang,
                                       targets.iloc[-1] if len(targets) else None))
    return apply_theme(fig, title, subtitle, lang)  # last: the top margin counts the legend's entries


def level_bands(completed_from: float, good_above: float, excellent_above: float) -> dict[str, tuple[float, float]]:
    """The score range of each level (0–100) under a scheme's thresholds."""
    return {"excellent": (excellent_above, 100.0), "good": (good_above, excellent_above),
            "completed": (completed_from, good_above), "not_completed": (0.0, completed_from)}


def score_history_bands(frame: pd.DataFrame, bands: Mapping[str, tuple[float, float]],
                        legend: Mapping[str, str], title: str, subtitle: str = "", lang: str = "vi") -> go.Figure:
    """Evaluation score over time on shaded level bands; each dot's colour and symbol is its level.

    `frame`: month, score, level (`metrics.profile.evaluation_history`); `legend`: level → words
    (with its score range) shown once per level, so the colours explain themselves.
    """
    fig = go.Figure()
    for level in LEVELS_BEST_FIRST:
        low, high = bands[level]
        if high > low:
            fig.add_hrect(y0=low, y1=high, fillcolor=LEVEL_STYLES[level].colour, opacity=0.12, line_width=0,
                          layer="below")
    f = frame.dropna(subset=["score"])
    months = pd.to_datetime(f["month"])
    fig.add_scatter(x=months, y=f["score"], mode="lines", line=dict(color=MUTED_COLOUR, width=2),
                    showlegend=False, hoverinfo="skip")
    symbols = {"excellent": "star", "good": "circle", "completed": "diamond", "not_completed": "x"}
    for level in LEVELS_BEST_FIRST:
        mine = f[f["level"] == level]
        style = LEVEL_STYLES[level]
        # One trace per level, so the legend always lists every level: plotly leaves a trace without
        # points out of the legend, so an empty level gets one point with no value (nothing drawn).
        xs, ys = (pd.to_datetime(mine["month"]), mine["score"]) if len(mine) else ([None], [None])
        fig.add_scatter(x=xs, y=ys, mode="markers", name=chart_text(legend[level]),
                        marker=dict(size=13, color=style.colour, symbol=symbols[level], line=dict(color="#333", width=1)),
                        text=[fmt_number(x, 1, lang) for x in mine["score"]], cliponaxis=False,
                        hovertemplate="%{x|%m/%Y}: %{text}<extra>%{fullData.name}</extra>")
    fig.update_yaxes(range=[0, 100], dtick=20)
    fig.update_xaxes(tickformat="%m/%Y")
    fig.update_layout(height=400, showlegend=True)
    _with_summary(fig, _score_summary(f, lang))
    return apply_theme(fig, title, subtitle, lang)


def compare_trend_lines(frame: pd.DataFrame, indicator: Indicator, names: Mapping[str, str], title: str,
                        subtitle: str = "", lang: str = "vi") -> go.Figure:
    """One line per unit over the months (`frame`: month, unit_code, value; units in drawing order)."""
    fig = go.Figure()
    codes = list(dict.fromkeys(frame["unit_code"]))
    for code, (colour, dash, symbol) in zip(codes, UNIT_LINE_STYLES, strict=False):
        mine = frame[frame["unit_code"] == code]
        fig.add_scatter(x=pd.to_datetime(mine["month"]), y=mine["value"], mode="lines+markers",
                        name=chart_text(names.get(code, code)), connectgaps=False, cliponaxis=False,
                        line=dict(color=colour, width=3, dash=dash), marker=dict(size=8, symbol=symbol),
                        text=[fmt_value(v, indicator, lang) for v in mine["value"]],
                        hovertemplate="%{x|%m/%Y}: %{text}<extra>%{fullData.name}</extra>")
    _value_axis(fig, indicator, list(np.asarray(frame["value"], dtype="float64")))
    fig.update_xaxes(tickformat="%m/%Y", dtick="M2")
    fig.update_layout(height=340, showlegend=True)
    _with_summary(fig, "; ".join(
        f"{names.get(code, code)}: {series_summary(mine['month'], mine['value'], indicator, lang)}"
        for code in codes for mine in [frame[frame["unit_code"] == code]]))
    return apply_theme(fig, title, subtitle, lang)
