"""The ranking figure: units of a group for one indicator, in rank order, as dots against the target.

Bars from 0 make 93,0 % and 96,3 % look alike. A dot per unit on a value axis zoomed to
the spread of the values (and the target), with a stick from the target to the dot, shows
the differences that matter: who is above the target, who below, and by how much. The
value and the rank change are written in a column at the right, outside the data, so they
never sit on a dot, a stick or the target line.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    GRID_COLOUR,
    MUTED_COLOUR,
    SIDE_PAD,
    TARGET_LINE_COLOUR,
    apply_theme,
    band_style,
    chart_text,
    text_width,
)
from i18n import catalogue
from i18n.numbers import fmt_int, fmt_rank_change, fmt_value
from metrics.indicators import Indicator
from metrics.targets import Band

BAR_HEIGHT = 30  # px per unit row
VALUE_SIZE = 15
rank_change_arrow = fmt_rank_change

BAND_SYMBOLS = {Band.MET: "circle", Band.NEAR: "diamond", Band.BELOW: "square", Band.NO_TARGET: "circle",
                Band.NO_DATA: "circle-open"}  # shape as well as colour: readable without colour

def zoomed_range(values: list[float], is_rate: bool) -> list[float]:
    """The value axis: the spread of `values` (and target) with a margin; rates within 0–100 %, counts from 0.

    Rates: at least 5 points wide, rounded out to whole percent, never below 0 nor above 1.0.
    Counts: from 0 (a count's zero means something) to a little past the largest.
    """
    finite = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if not finite:
        return [0.0, 1.0]
    lo, hi = min(finite), max(finite)
    if not is_rate:
        return [0.0, max(hi * 1.08, 1.0)]
    span = max(hi - lo, 0.05)
    lo = math.floor((lo - span * 0.15) * 100) / 100
    hi = math.ceil((hi + span * 0.1) * 100) / 100
    return [max(lo, 0.0), min(hi, 1.0)]

def count_ticks(top: float) -> dict:
    """Integer ticks for a count axis: whole numbers only, never "0 0 1 1"."""
    if top <= 10:
        return dict(tickformat=",d", tick0=0, dtick=1)
    step = 10 ** math.floor(math.log10(top / 5))
    for factor in (1, 2, 5, 10):
        if top / (step * factor) <= 8:
            return dict(tickformat=",d", tick0=0, dtick=step * factor)
    return dict(tickformat=",d", tick0=0, dtick=step * 10)

def rate_ticks(x_range: list[float]) -> dict:
    """Three or four ticks on a zoomed % axis, at whole (or half) percents: "100 %" labels stay apart on a phone."""
    span = x_range[1] - x_range[0]
    for step in (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25):
        if span / step <= 3:
            break
    return dict(tickformat=".1%" if step < 0.01 else ".0%", tick0=0, dtick=step)


def ranking_bar(
    frame: pd.DataFrame,
    indicator: Indicator,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    *,
    break_after: int | None = None,
    hidden: int = 0,
) -> go.Figure:
    """Dots of ranked units in the order given (first row on top), coloured and shaped by target band.

    `frame` has the columns of `metrics.ranking.rank_units` (rank, unit_name, value, target,
    band, rank_change; unit_code when present goes into each dot's customdata for clicks).
    With `break_after`, a row saying how many units (`hidden`) are left out sits after that many rows.
    """
    frame = frame.reset_index(drop=True)
    names = frame["unit_name"].map(chart_text)  # typed by people: text, never plotly markup
    labels = [f"{fmt_int(r, lang)}. {n}" if pd.notna(r) else n for r, n in zip(frame["rank"], names, strict=True)]
    frame = frame.assign(_label=labels)
    order = list(labels)
    break_label = None
    if break_after is not None and hidden:
        break_label = catalogue.text("rankings_break_row", lang, n=fmt_int(hidden, lang))
        order.insert(break_after, break_label)
    targets = frame["target"].dropna().unique() if "target" in frame else []
    x_range = zoomed_range([*frame["value"], *targets], indicator.is_rate)

    fig = go.Figure()
    _add_sticks(fig, frame, targets, x_range[0])
    _add_targets(fig, frame, targets, indicator, lang)
    for band in Band:
        part = frame[frame["band"] == band.value]
        if part.empty:
            continue
        style = band_style(band)
        hover = [f"{fmt_value(v, indicator, lang)}  {rank_change_arrow(c, lang)}".rstrip()
                 for v, c in zip(part["value"], part["rank_change"], strict=True)]
        codes = list(part["unit_code"]) if "unit_code" in part else [None] * len(part)
        fig.add_scatter(
            y=part["_label"], x=part["value"], mode="markers", name=f"{style.icon} {style.label(lang)}",
            marker=dict(color=style.colour, size=16, symbol=BAND_SYMBOLS[band],
                        line=dict(color="#333333", width=1)),
            customdata=codes, text=hover, cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    _add_change_legend(fig, lang)
    if break_label is not None:
        fig.add_scatter(y=[break_label], x=[x_range[0]], mode="markers", marker=dict(opacity=0), showlegend=False,
                        hoverinfo="skip")
        fig.add_hline(y=break_label, line=dict(color=MUTED_COLOUR, width=1, dash="dot"), layer="below")

    if indicator.is_rate:
        fig.update_xaxes(range=x_range, title=None, **rate_ticks(x_range))
    else:
        fig.update_xaxes(range=x_range, title=None, **count_ticks(x_range[1]))
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title=None,
                     showgrid=True, gridcolor=GRID_COLOUR)
    values = _value_column(fig, frame, indicator, lang)
    apply_theme(fig, title, subtitle, lang)
    top = fig.layout.margin.t or 100
    height = top + 60 + BAR_HEIGHT * max(len(order), 3)
    fig.update_layout(height=height, margin=dict(r=max(values, fig.layout.margin.r or 0)), clickmode="event+select")
    return fig

def _add_sticks(fig: go.Figure, frame: pd.DataFrame, targets, axis_start: float) -> None:
    """A thin line from the unit's target (else the axis start) to its dot: the gap to the target."""
    xs: list[float | None] = []
    ys: list[str | None] = []
    for value, target, label in zip(frame["value"], frame.get("target", [None] * len(frame)), frame["_label"],
                                    strict=True):
        start = target if target is not None and pd.notna(target) else axis_start
        xs += [start, value, None]
        ys += [label, label, None]
    fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color="#888888", width=2), showlegend=False,
                    hoverinfo="skip", cliponaxis=False)

def _add_targets(fig: go.Figure, frame: pd.DataFrame, targets, indicator: Indicator, lang: str) -> None:
    if len(targets) == 1:
        t = float(targets[0])
        fig.add_vline(x=t, line=dict(color=TARGET_LINE_COLOUR, width=2, dash="dash"), layer="below")
        # Named in the legend, not written on the plot: nothing to collide with the dots.
        fig.add_scatter(x=[None], y=[None], mode="lines", line=dict(color=TARGET_LINE_COLOUR, width=2, dash="dash"),
                        name=catalogue.text("target_line", lang, v=fmt_value(t, indicator, lang)), hoverinfo="skip")
    elif len(targets) > 1:  # unit types with different targets: one mark per unit
        fig.add_scatter(x=frame["target"], y=frame["_label"], mode="markers",
                        marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=TARGET_LINE_COLOUR)),
                        name=catalogue.text("target", lang), hoverinfo="skip", cliponaxis=False)

def _add_change_legend(fig: go.Figure, lang: str) -> None:
    """A legend entry saying what ▲ and ▼ mean (no data: it only explains the value column)."""
    fig.add_scatter(x=[None], y=[None], mode="markers", marker=dict(symbol="triangle-up", color=MUTED_COLOUR, size=10),
                    name=catalogue.text("rankings_change_legend", lang), hoverinfo="skip")

def _value_column(fig: go.Figure, frame: pd.DataFrame, indicator: Indicator, lang: str) -> int:
    """Each unit's value and rank change at the right of the plot; returns the right margin (px) it needs."""
    widest = 0.0
    notes = []
    for value, change, label in zip(frame["value"], frame["rank_change"], frame["_label"], strict=True):
        text = f"{fmt_value(value, indicator, lang)}  {rank_change_arrow(change, lang)}".rstrip()
        widest = max(widest, text_width(text, VALUE_SIZE))
        notes.append(dict(x=1, xref="paper", xanchor="left", xshift=10, y=label, yref="y", text=text,
                          showarrow=False, font=dict(size=VALUE_SIZE, color="#1A1A1A"), align="left"))
    # One layout update, not one validated add_annotation per unit (that was most of the pack's chart time).
    fig.update_layout(annotations=[*fig.layout.annotations, *notes])
    return round(widest + 10 + SIDE_PAD + 8)
