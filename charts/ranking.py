"""The ranking figure: units of a group for one indicator, in rank order, coloured by target band."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.axes import value_axis
from charts.theme import TARGET_LINE_COLOUR, apply_theme, band_style, chart_text
from i18n import catalogue
from i18n.numbers import fmt_rank_change, fmt_value
from metrics.indicators import Indicator
from metrics.targets import Band

BAR_HEIGHT = 30
rank_change_arrow = fmt_rank_change


def ranking_bar(
    frame: pd.DataFrame,
    indicator: Indicator,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
) -> go.Figure:
    """Horizontal bars of ranked units, best at the top, coloured by target band.

    `frame` has the columns of `metrics.ranking.rank_units` (rank, unit_name,
    value, target, band, rank_change) and is already in the order to draw.
    """
    frame = frame.reset_index(drop=True)
    names = frame["unit_name"].map(chart_text)  # typed by people: text, never plotly markup
    labels = [f"{r}. {n}" if pd.notna(r) else n for r, n in zip(frame["rank"], names, strict=True)]
    frame = frame.assign(_label=labels)
    fig = go.Figure()
    for band in Band:
        part = frame[frame["band"] == band.value]
        if part.empty:
            continue
        style = band_style(band)
        # A leading gap keeps the value clear of a target line just past the bar's end.
        text = [f"  {fmt_value(v, indicator, lang)}  {rank_change_arrow(c, lang)}".rstrip()
                for v, c in zip(part["value"], part["rank_change"], strict=True)]
        fig.add_bar(
            y=part["_label"], x=part["value"], orientation="h", name=f"{style.icon} {style.label(lang)}",
            marker=dict(color=style.colour, line=dict(color="#333333", width=0.5),
                        pattern=dict(shape=style.pattern, fgcolor="#FFFFFF", solidity=0.3,
                                     fillmode="overlay")),  # band colour under a white hatch
            text=text, textposition="outside", cliponaxis=False, textfont=dict(size=15),
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    value_axis(fig, indicator, "x", float(frame["value"].max()) if len(frame) else None)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", title=None)
    _add_targets(fig, frame, indicator, lang)
    apply_theme(fig, title, subtitle, lang)
    lines = title.count("<br>") + 1  # room for a title of several lines and the subtitle under it
    top = 70 + 30 * lines
    height = top + 80 + BAR_HEIGHT * max(len(frame), 3)
    fig.update_layout(height=height, bargap=0.25, barmode="overlay", margin=dict(t=top),
                      legend=dict(y=-40 / height, yanchor="top"))
    return fig


def _add_targets(fig: go.Figure, frame: pd.DataFrame, indicator: Indicator, lang: str) -> None:
    targets = frame["target"].dropna().unique() if "target" in frame else []
    if len(targets) == 1:
        t = float(targets[0])
        fig.add_vline(x=t, line=dict(color=TARGET_LINE_COLOUR, width=2, dash="dash"), layer="below",
                      annotation=dict(text=catalogue.text("target_line", lang, v=fmt_value(t, indicator, lang)),
                                      font=dict(size=14), yanchor="bottom"),
                      annotation_position="top")
    elif len(targets) > 1:  # unit types with different targets: one mark per unit
        fig.add_scatter(x=frame["target"], y=frame["_label"], mode="markers",
                        marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=TARGET_LINE_COLOUR)),
                        name=catalogue.text("target", lang), hoverinfo="skip")
