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
    band_style,
    chart_text,
    fitted_layout,
    hline,
    merged,
    text_width,
    themed_layout,
    vline,
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
    width: float | None = None,
) -> go.Figure:
    """Dots of ranked units in the order given (first row on top), coloured and shaped by target band.

    `frame` has the columns of `metrics.ranking.rank_units` (rank, unit_name, value, target,
    band, rank_change; unit_code when present goes into each dot's customdata for clicks).
    With `break_after`, a row saying how many units (`hidden`) are left out sits after that many rows.
    With `width`, texts and legend are fitted again for that width (`charts.theme.fit_layout`).
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

    # Built as one spec and made a figure once (`themed_figure`'s reason): this is Xếp hạng's chart,
    # drawn for every indicator, group, field and period a leader picks.
    data: list[dict] = [_sticks(frame, targets, x_range[0])]
    shapes: list[dict] = []
    _add_targets(data, shapes, frame, targets, indicator, lang)
    for band in Band:
        part = frame[frame["band"] == band.value]
        if part.empty:
            continue
        style = band_style(band)
        hover = [f"{fmt_value(v, indicator, lang)}  {rank_change_arrow(c, lang)}".rstrip()
                 for v, c in zip(part["value"], part["rank_change"], strict=True)]
        codes = list(part["unit_code"]) if "unit_code" in part else [None] * len(part)
        data.append(dict(
            type="scatter", y=part["_label"], x=part["value"], mode="markers",
            name=f"{style.icon} {style.label(lang)}",
            marker=dict(color=style.colour, size=16, symbol=BAND_SYMBOLS[band],
                        line=dict(color="#333333", width=1)),
            customdata=codes, text=hover, cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        ))
    # What ▲ and ▼ mean, in the legend (no data: it only explains the value column).
    data.append(dict(type="scatter", x=[None], y=[None], mode="markers",
                     marker=dict(symbol="triangle-up", color=MUTED_COLOUR, size=10),
                     name=catalogue.text("rankings_change_legend", lang), hoverinfo="skip"))
    if break_label is not None:
        data.append(dict(type="scatter", y=[break_label], x=[x_range[0]], mode="markers", marker=dict(opacity=0),
                         showlegend=False, hoverinfo="skip"))
        shapes.append(hline(break_label, MUTED_COLOUR, width=1, dash="dot", layer="below"))

    ticks = rate_ticks(x_range) if indicator.is_rate else count_ticks(x_range[1])
    notes, right = _value_column(frame, indicator, lang)
    layout = dict(
        xaxis=dict(range=x_range, **ticks),   # no axis titles: the title says what the values are
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed",
                   showgrid=True, gridcolor=GRID_COLOUR),
        annotations=notes,
    )
    if shapes:
        layout["shapes"] = shapes
    layout = themed_layout(data, layout, title, subtitle, lang)
    top = layout["margin"]["t"] or 100
    height = top + 60 + BAR_HEIGHT * max(len(order), 3)
    layout = merged(layout, dict(height=height, margin=dict(r=max(right, layout["margin"].get("r") or 0)),
                                 clickmode="event+select"))
    if width is not None:
        layout = fitted_layout(data, layout, width)
    return go.Figure(dict(data=data, layout=layout))


def _sticks(frame: pd.DataFrame, targets, axis_start: float) -> dict:
    """A thin line from the unit's target (else the axis start) to its dot: the gap to the target."""
    xs: list[float | None] = []
    ys: list[str | None] = []
    for value, target, label in zip(frame["value"], frame.get("target", [None] * len(frame)), frame["_label"],
                                    strict=True):
        start = target if target is not None and pd.notna(target) else axis_start
        xs += [start, value, None]
        ys += [label, label, None]
    return dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color="#888888", width=2), showlegend=False,
                hoverinfo="skip", cliponaxis=False)


def _add_targets(data: list[dict], shapes: list[dict], frame: pd.DataFrame, targets, indicator: Indicator,
                 lang: str) -> None:
    if len(targets) == 1:
        t = float(targets[0])
        shapes.append(vline(t, TARGET_LINE_COLOUR, layer="below"))
        # Named in the legend, not written on the plot: nothing to collide with the dots.
        data.append(dict(type="scatter", x=[None], y=[None], mode="lines",
                         line=dict(color=TARGET_LINE_COLOUR, width=2, dash="dash"),
                         name=catalogue.text("target_line", lang, v=fmt_value(t, indicator, lang)), hoverinfo="skip"))
    elif len(targets) > 1:  # unit types with different targets: one mark per unit
        data.append(dict(type="scatter", x=frame["target"], y=frame["_label"], mode="markers",
                         marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=TARGET_LINE_COLOUR)),
                         name=catalogue.text("target", lang), hoverinfo="skip", cliponaxis=False))


def _value_column(frame: pd.DataFrame, indicator: Indicator, lang: str) -> tuple[list[dict], int]:
    """Each unit's value and rank change at the right of the plot, and the right margin (px) they need."""
    widest = 0.0
    notes = []
    for value, change, label in zip(frame["value"], frame["rank_change"], frame["_label"], strict=True):
        text = f"{fmt_value(value, indicator, lang)}  {rank_change_arrow(change, lang)}".rstrip()
        widest = max(widest, text_width(text, VALUE_SIZE))
        notes.append(dict(x=1, xref="paper", xanchor="left", xshift=10, y=label, yref="y", text=text,
                          showarrow=False, font=dict(size=VALUE_SIZE, color="#1A1A1A"), align="left"))
    return notes, round(widest + 10 + SIDE_PAD + 8)
