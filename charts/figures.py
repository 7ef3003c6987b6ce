"""Figure builders: a frame in, a themed `go.Figure` out; no queries, no Streamlit.

Every builder takes a `title` (indicator, group, period) and a `subtitle`
(source), so the page, a screenshot and an exported slide all carry the same
self-explanatory figure. Numbers on figures are formatted by `i18n.numbers`.
The frame around the data follows one discipline (`charts.theme.fit_layout`):
title, subtitle and legend in a top margin sized from their lines, the target
named in the legend rather than written on the data, % axes ending at 100 %.
Each builder also writes a one-sentence summary of its key numbers into
`layout.meta["summary"]` (read by `charts.summary.figure_summary`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.axes import count_axis, reserve_label_room
from charts.ranking import BAR_HEIGHT, ranking_bar  # noqa: F401  (kept importable from here)
from charts.summary import series_summary
from charts.theme import (
    BAND_STYLES,
    COMPARE_COLOURS,
    LEVEL_STYLES,
    LINE_COLOUR,
    MUTED_COLOUR,
    SIDE_PAD,
    TARGET_LINE_COLOUR,
    apply_theme,
    chart_text,
    hline,
    text_on,
    text_width,
    themed_figure,
)
from i18n import catalogue
from i18n.labels import month_label
from i18n.numbers import fmt_int, fmt_number, fmt_percent, fmt_rank_change, fmt_value
from metrics.indicators import Indicator
from metrics.targets import Band

MAX_LABELLED_CELLS = 400
CELL_ROW = 28            # px per unit row of a heatmap
# `fmt_value` and `rank_change_arrow` stay importable from here for the page tables.
rank_change_arrow = fmt_rank_change
_LATE_INDICATORS = ("on_time_rate", "task_on_time_rate")
_OVERDUE_INDICATORS = ("overdue_in_progress", "overdue_share")


def heatmap_title(indicator: Indicator, lang: str = "vi") -> str:
    """The heatmap's heading, fitted to what the indicator means ("who is often late" only for lateness)."""
    if indicator.id in _LATE_INDICATORS:
        return catalogue.text("figures_heatmap_late", lang)
    if indicator.id in _OVERDUE_INDICATORS:
        return catalogue.text("figures_heatmap_overdue", lang)
    key = "figures_heatmap_rate" if indicator.is_rate else "figures_heatmap_count"
    return catalogue.text(key, lang, short=indicator.short(lang).lower())


def _with_summary(fig: go.Figure, summary: str) -> None:
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "summary": summary})


def trend_line(
    frame: pd.DataFrame,
    indicator: Indicator,
    target: float | None,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    height: int = 360,
) -> go.Figure:
    """An indicator month by month (`frame`: month, value) with its target as a dashed line (named in the legend).

    Built as one spec and made a figure once: the overview draws twelve of these for every group,
    field and period a leader picks, and plotly's step-by-step calls (add a trace, a line, each axis)
    cost ~4 ms each (issue 14).
    """
    months = pd.to_datetime(frame["month"]) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    texts = [fmt_value(v, indicator, lang) for v in frame["value"]]
    data: list[dict] = [dict(
        # Arrays, not Series: plotly converts a Series through narwhals for each of them.
        type="scatter", x=months.to_numpy(), y=frame["value"].to_numpy(dtype="float64"), mode="lines+markers",
        name=indicator.short(lang),
        line=dict(color=LINE_COLOUR, width=3), marker=dict(size=7), text=texts, cliponaxis=False,
        hovertemplate="%{x|%m/%Y}: %{text}<extra></extra>", connectgaps=False)]
    layout: dict = {}
    if target is not None:
        layout["shapes"] = [hline(target, TARGET_LINE_COLOUR)]
        data.append(dict(type="scatter", x=[None], y=[None], mode="lines", hoverinfo="skip",
                         name=catalogue.text("target_line", lang, v=fmt_value(target, indicator, lang)),
                         line=dict(color=TARGET_LINE_COLOUR, width=2, dash="dash")))
    if indicator.is_rate:
        values = [v for v in frame["value"] if pd.notna(v)] + ([target] if target is not None else [])
        low = max(0.0, np.floor((min(values) - 0.03) * 20) / 20) if values else 0.0
        layout["yaxis"] = dict(tickformat=".0%", range=[low, 1.0])
    else:
        top = max([v for v in frame["value"] if pd.notna(v)] + [target or 0], default=0)
        layout["yaxis"] = count_axis(top)
    layout.update(xaxis=dict(tickformat="%m/%Y", dtick="M3"), height=height, showlegend=True,
                  meta={"summary": series_summary(frame["month"], frame["value"], indicator, lang, target)})
    return themed_figure(data, layout, title, subtitle, lang)


def _cell_value(value: float | None, indicator: Indicator, lang: str) -> str:
    """A heatmap cell: one decimal for a rate ("99,0"), a whole number for a count, "" for no data."""
    if value is None or pd.isna(value):
        return ""
    return fmt_number(value * 100, 1, lang) if indicator.is_rate else fmt_int(value, lang)


def heatmap(
    frame: pd.DataFrame,
    indicator: Indicator,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    unit_order: Sequence[str] | None = None,
    cell_labels: bool | None = None,
) -> go.Figure:
    """Units × months coloured by target band (`frame`: unit_name, month, value, band).

    A cell shows its value to one decimal and the band's icon, so a green 99,0 and an amber 99,0
    differ without colour; the hover adds the % and the band's words. `cell_labels` None prints
    values while cells are few enough to stay readable; False leaves them to the hover (phones).
    """
    bands = list(Band)
    code = {b.value: i for i, b in enumerate(bands)}
    months = sorted(pd.to_datetime(frame["month"]).unique())
    units = list(unit_order) if unit_order is not None else sorted(frame["unit_name"].unique())
    f = frame.assign(month=pd.to_datetime(frame["month"]))
    z = f.pivot_table(index="unit_name", columns="month", values="band",
                      aggfunc="first").reindex(index=units, columns=months)
    v = f.pivot_table(index="unit_name", columns="month", values="value",
                      aggfunc="first", dropna=False).reindex(index=units, columns=months)
    band_of = z.map(lambda b: b if isinstance(b, str) and b in code else Band.NO_DATA.value)
    zc = band_of.map(lambda b: code[b])
    cells = [[(_cell_value(x, indicator, lang), BAND_STYLES[Band(b)]) for x, b in zip(vrow, brow, strict=True)]
             for vrow, brow in zip(v.to_numpy(), band_of.to_numpy(), strict=True)]
    short = [[f"{s.icon} {value}" if value else s.icon for value, s in row] for row in cells]
    month_names = [month_label(m, lang) for m in months]
    hover = [[catalogue.text("figures_cell_hover", lang, unit=chart_text(unit), month=month_names[j],
                             value=fmt_value(x, indicator, lang), band=BAND_STYLES[Band(b)].label(lang))
              for j, (x, b) in enumerate(zip(vrow, brow, strict=True))]
             for unit, vrow, brow in zip(units, v.to_numpy(), band_of.to_numpy(), strict=True)]
    n = len(bands)
    scale = []
    for i, b in enumerate(bands):
        scale += [[i / n, BAND_STYLES[b].colour], [(i + 1) / n, BAND_STYLES[b].colour]]
    labelled = len(units) * len(months) <= MAX_LABELLED_CELLS if cell_labels is None else cell_labels
    # `_validate=False`: plotly checked every one of the units × months texts one by one (~0.1 s a
    # figure, a large part of a rankings run that missed the cache under load); these fixed keys
    # are drawn in Chromium by the browser tests. Plotly accepts the keyword since 4.x.
    fig = go.Figure(dict(
        type="heatmap",
        z=zc.to_numpy(dtype=float), x=month_names, y=[chart_text(u) for u in units],
        text=short, texttemplate="%{text}" if labelled else None, textfont=dict(size=12),
        customdata=np.array(hover, dtype=object), colorscale=scale, zmin=-0.5, zmax=n - 0.5,
        showscale=False, xgap=2, ygap=2, hovertemplate="%{customdata}<extra></extra>", name="",
        showlegend=False,
    ), _validate=False)
    # Legend entries for the bands present (a heatmap has no legend of its own), above the cells.
    present = {b for row in band_of.to_numpy() for b in row}
    for b in bands:
        if b.value in present:
            s = BAND_STYLES[b]
            fig.add_scatter(x=[None], y=[None], mode="markers", name=f"{s.icon} {s.label(lang)}",
                            marker=dict(symbol="square", size=14, color=s.colour), hoverinfo="skip")
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False)
    fig.update_xaxes(type="category", side="bottom", showgrid=False)  # month labels under the cells
    counts = {b: sum(1 for row in band_of.to_numpy() for x in row if x == b.value) for b in bands}
    parts = [catalogue.text("figures_sum_cells", lang, n=fmt_int(c, lang), band=BAND_STYLES[b].label(lang).lower())
             for b, c in counts.items() if c]
    _with_summary(fig, catalogue.text("figures_sum_heatmap", lang, units=fmt_int(len(units), lang),
                                      months=fmt_int(len(months), lang), bands=", ".join(parts)))
    apply_theme(fig, title, subtitle, lang)
    fig.update_layout(height=fig.layout.margin.t + 60 + CELL_ROW * max(len(units), 3), plot_bgcolor="#FFFFFF")
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
    fig.update_xaxes(title=axis_title, **count_axis(top))
    fig.update_layout(height=140 + 50 * max(len(counts), 3), showlegend=False)
    reserve_label_room(fig)
    _with_summary(fig, ", ".join(f"{name} {fmt_int(c, lang)}" for name, c in zip(names, counts["count"],
                                                                                 strict=True)))
    return apply_theme(fig, title, subtitle, lang)


INSIDE_FROM = 0.3  # a rate bar at least this long holds its own label; shorter ones print it after the bar


def comparison_bars(
    frame: pd.DataFrame,
    series: Sequence[tuple[str, str]],
    title: str,
    subtitle: str = "",
    lang: str = "vi",
) -> go.Figure:
    """Rates of several indicators for a unit beside its group and the city.

    `frame`: one row per indicator with a `label` column and one column per
    series; `series` gives (column, legend name) in drawing order. Values sit
    inside their bars (from the start), so a target mark is never drawn through them.
    """
    frame = frame.assign(label=frame["label"].map(chart_text))
    series = [(column, chart_text(name)) for column, name in series]  # legends name units and groups
    fig = go.Figure()
    for (column, name), colour in zip(series, COMPARE_COLOURS, strict=False):
        values = list(frame[column])
        fig.add_bar(y=frame["label"], x=values, orientation="h", name=name, marker_color=colour,
                    text=[fmt_percent(v, 1, lang) for v in values],
                    textposition=["inside" if pd.notna(v) and v >= INSIDE_FROM else "outside" for v in values],
                    insidetextanchor="start", insidetextfont=dict(color=text_on(colour), size=13),
                    outsidetextfont=dict(size=13), cliponaxis=False, constraintext="none",
                    hovertemplate="%{y}: %{text}<extra></extra>")
    if "target" in frame:
        fig.add_scatter(y=frame["label"], x=frame["target"], mode="markers", name=catalogue.text("target", lang),
                        marker=dict(symbol="line-ns", size=26, line=dict(width=3, color=TARGET_LINE_COLOUR)),
                        hoverinfo="skip", cliponaxis=False)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(frame["label"]))
    fig.update_xaxes(tickformat=".0%", range=[0, 1.0])
    fig.update_layout(barmode="group", height=200 + 30 * len(series) * max(len(frame), 1), bargap=0.2, bargroupgap=0.08)
    reserve_label_room(fig)
    parts = []
    for _, row in frame.iterrows():
        values = ", ".join(f"{name} {fmt_percent(row[column], 1, lang)}" for column, name in series)
        parts.append(f"{row['label']}: {values}")
    _with_summary(fig, "; ".join(parts) if parts else catalogue.text("figures_no_data", lang))
    return apply_theme(fig, title, subtitle, lang)


def rank_history_line(
    frame: pd.DataFrame,
    title: str,
    subtitle: str = "",
    lang: str = "vi",
    axis_title: str = "",
) -> go.Figure:
    """A unit's rank over time (`frame`: month, rank, of); rank 1 at the top, the latest rank written out."""
    fig = go.Figure()
    ranked = frame.dropna(subset=["rank"])
    text = [catalogue.text("figures_rank_of", lang, rank=fmt_int(r, lang), of=fmt_int(n, lang))
            for r, n in zip(ranked["rank"], ranked["of"], strict=True)]
    shown = [""] * max(len(text) - 1, 0) + text[-1:]  # one label, at the end: neighbours never collide
    fig.add_scatter(x=pd.to_datetime(ranked["month"]), y=ranked["rank"].astype(float), mode="lines+markers+text",
                    text=shown, customdata=text, textposition="middle right", cliponaxis=False,
                    line=dict(color=LINE_COLOUR, width=3), marker=dict(size=8),
                    hovertemplate="%{x|%m/%Y}: %{customdata}<extra></extra>")
    worst = float(frame["of"].max()) if len(frame) else 1.0
    ticks = dict(tick0=1, dtick=1) if worst <= 10 else {}
    fig.update_yaxes(autorange=False, range=[worst + 0.5, 0.5], title=axis_title, tickformat=",d", **ticks)
    fig.update_xaxes(tickformat="%m/%Y")
    right = round(text_width(text[-1], 16) + SIDE_PAD + 12) if text else 0
    fig.update_layout(height=360, showlegend=False, margin=dict(r=right))
    if len(ranked):
        ranks = ranked["rank"].astype(float)
        summary = catalogue.text("figures_sum_rank", lang, rank=text[-1],
                                 month=month_label(pd.to_datetime(ranked["month"]).iloc[-1], lang),
                                 best=fmt_int(ranks.min(), lang), worst=fmt_int(ranks.max(), lang))
    else:
        summary = catalogue.text("figures_no_data", lang)
    _with_summary(fig, summary)
    return apply_theme(fig, title, subtitle, lang)


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
        # A count not reported (NA: e.g. no pending figures sent for a month) is no bar and no number,
        # never a 0 and never an error.
        counts = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        fig.add_bar(y=frame["field_name"], x=counts, orientation="h", name=name,
                    marker=dict(color=colour, pattern=dict(shape=pattern, fgcolor="#333333", solidity=0.25,
                                                             fillmode="overlay")),
                    text=["" if pd.isna(v) or v == 0 else fmt_int(v, lang) for v in counts], textposition="inside",
                    insidetextanchor="middle", insidetextfont=dict(color=text_on(colour)),
                    hovertemplate="%{y}: %{text}<extra></extra>")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(frame["field_name"]))
    top = float(frame["_total"].max()) if len(frame) else 0
    fig.update_xaxes(**count_axis(top))
    # A segment too short for its number hides it (the hover still has it) instead of shrinking it.
    fig.update_layout(barmode="stack", height=200 + 34 * max(len(frame), 2),
                      uniformtext=dict(minsize=11, mode="hide"))
    if len(frame):
        first = frame.iloc[0]
        summary = catalogue.text("figures_sum_late", lang, total=fmt_int(frame["_total"].sum(), lang),
                                 n=fmt_int(len(frame), lang), top=first["field_name"],
                                 top_n=fmt_int(first["_total"], lang))
    else:
        summary = catalogue.text("figures_no_data", lang)
    _with_summary(fig, summary)
    return apply_theme(fig, title, subtitle, lang)


def score_history_line(
    frame: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    subtitle: str = "",
    lang: str = "vi",
) -> go.Figure:
    """Evaluation score over time (`frame`: month, score, level); markers coloured by level, levels in the legend."""
    fig = go.Figure()
    f = frame.dropna(subset=["score"])
    colours = [LEVEL_STYLES.get(lv, LEVEL_STYLES["no_data"]).colour for lv in f["level"]]
    symbols = [_LEVEL_SYMBOLS.get(lv, "circle") for lv in f["level"]]
    text = [fmt_number(x, 1, lang) for x in f["score"]]
    fig.add_scatter(x=pd.to_datetime(f["month"]), y=f["score"], mode="lines+markers", showlegend=False,
                    line=dict(color=MUTED_COLOUR, width=2), cliponaxis=False,
                    marker=dict(size=12, color=colours, symbol=symbols, line=dict(color="#333333", width=1)),
                    customdata=np.array([labels.get(lv, lv) for lv in f["level"]], dtype=object),
                    text=text, hovertemplate="%{x|%m/%Y}: %{text} — %{customdata}<extra></extra>")
    for level, style in LEVEL_STYLES.items():  # the legend of the dots: levels that occur, best first
        if level in set(f["level"]):
            fig.add_scatter(x=[None], y=[None], mode="markers", name=labels.get(level, level), hoverinfo="skip",
                            marker=dict(size=12, color=style.colour, symbol=_LEVEL_SYMBOLS.get(level, "circle"),
                                        line=dict(color="#333333", width=1)))
    fig.update_yaxes(range=[0, 100])
    fig.update_xaxes(tickformat="%m/%Y")
    fig.update_layout(height=360, showlegend=True)
    if len(f):
        last = f.iloc[-1]
        summary = catalogue.text("figures_sum_score", lang, score=text[-1],
                                 month=month_label(pd.to_datetime(last["month"]), lang),
                                 level=labels.get(last["level"], last["level"]),
                                 high=fmt_number(f["score"].max(), 1, lang), low=fmt_number(f["score"].min(), 1, lang))
    else:
        summary = catalogue.text("figures_no_data", lang)
    _with_summary(fig, summary)
    return apply_theme(fig, title, subtitle, lang)


# Marker shapes of the evaluation levels: the level reads without colour too.
_LEVEL_SYMBOLS = {"excellent": "star", "good": "circle", "completed": "diamond", "not_completed": "x",
                  "no_data": "circle-open"}
