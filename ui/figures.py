"""Page figures: cached data (`ui.cached`) → `charts` builder → finished `go.Figure`, cached as a whole.

Building and validating a plotly figure costs tens of milliseconds. The finished
figure is kept with st.cache_resource (bounded, keyed by the typed arguments and, through
`cached.by_data`, by the version of the months they reach) and handed to st.plotly_chart as is,
which serialises a Figure without validating it again. Callers must not mutate a returned figure.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from charts import figures as charts
from charts.ranking import ranking_bar as ranking_dots
from charts.sparklines import sparklines
from charts.theme import WIDE_SCREEN, fit_layout
from i18n.labels import level_label
from metrics.evaluation import level_counts
from metrics.heatmap import heatmap_rows
from metrics.indicators import get_indicator
from metrics.profile import late_fields
from metrics.ranking import RankStatus, ranking_view
from ui import cached
from ui.drill import heatmap_click_layer
from ui.tables import MAX_BARS
from vocab.levels import Level
from vocab.periods import Period
from vocab.units import UnitGroup

Series = tuple[tuple[str, str], ...]  # (column, legend label) pairs


def _level_labels(lang: str) -> dict[str, str]:
    return {lv.value: level_label(lv, lang) for lv in Level}


@cached.by_data(st.cache_resource, max_entries=64)
def ranking(indicator: str, period: Period, group: UnitGroup, field: str | None, min_volume: int | None,
            show: str, n: str, title: str, subtitle: str, lang: str, compare_to: Period | None = None) -> go.Figure:
    """The ranked units best (or worst) first, `n` of them with ties whole (`metrics.ranking.ranking_view`)."""
    frame = cached.ranking_frame(indicator, period, group, field, min_volume, compare_to)
    ranked = frame[frame["status"] == RankStatus.RANKED.value]
    view = ranking_view(ranked, show, n, MAX_BARS)
    # Fitted for a wide screen: it is shown only there, the phone gets a list instead.
    return ranking_dots(view.frame, get_indicator(indicator), title, subtitle, lang,
                        break_after=view.break_after, hidden=view.hidden, width=WIDE_SCREEN)


@cached.by_data(st.cache_resource, max_entries=32)
def heatmap(indicator: str, window: Period, period: Period, group: UnitGroup, field: str | None,
            min_volume: int | None, title: str, subtitle: str, lang: str) -> go.Figure | None:
    """Units (in the ranking order of `period`) × months of `window`; None when no unit has data."""
    cells = cached.unit_month_bands(indicator, window, group, field)
    if cells.empty:
        return None
    ranked = list(cached.ranking_frame(indicator, period, group, field, min_volume)["unit_name"])
    order, cells = heatmap_rows(cells, ranked, MAX_BARS)
    fig = charts.heatmap(cells, get_indicator(indicator), title, subtitle, lang, unit_order=order)
    codes = dict(zip(cells["unit_name"], cells["unit_code"], strict=True))
    heatmap_click_layer(fig, [codes.get(name) for name in order])  # a cell click opens its unit
    return fit_layout(fig, WIDE_SCREEN)  # shown only on wide screens: the phone gets sparklines instead


@cached.by_data(st.cache_resource, max_entries=32)
def unit_sparklines(indicator: str, window: Period, period: Period, group: UnitGroup, field: str | None,
                    min_volume: int | None, title: str, subtitle: str, lang: str) -> go.Figure | None:
    """The heatmap's units and months as one small line per unit (the phone's form); None without data."""
    cells = cached.unit_month_bands(indicator, window, group, field)
    if cells.empty:
        return None
    ranked = list(cached.ranking_frame(indicator, period, group, field, min_volume)["unit_name"])
    order, cells = heatmap_rows(cells, ranked, MAX_BARS)
    return sparklines(cells, get_indicator(indicator), title, subtitle, lang, unit_order=order)


@cached.by_data(st.cache_resource, max_entries=128)
def trend(indicator: str, window: Period, group: UnitGroup, field: str | None, target: float | None,
          title: str, subtitle: str, lang: str, unit: str | None = None) -> go.Figure:
    frame = cached.trend(indicator, window, group, field, unit)
    return charts.trend_line(frame, get_indicator(indicator), target, title, subtitle, lang)


@cached.by_data(st.cache_resource, max_entries=32)
def level_counts_chart(period: Period, group: UnitGroup, title: str, subtitle: str, lang: str,
                       axis_title: str) -> go.Figure:
    counts = level_counts(cached.evaluation_frame(period, group, lang))
    return charts.level_counts_bar(counts, _level_labels(lang), title, subtitle, lang, axis_title)


@cached.by_data(st.cache_resource, max_entries=32)
def comparison(unit: str, unit_type: str, period: Period, series: Series, title: str, subtitle: str,
               lang: str) -> go.Figure:
    """The unit's rates beside its group's and the city's."""
    frame = cached.unit_indicators(unit, unit_type, period)
    frame = frame[frame["is_rate"]].assign(label=lambda f: [get_indicator(i).short(lang) for i in f["indicator"]])
    return charts.comparison_bars(frame, series, title, subtitle, lang)


@cached.by_data(st.cache_resource, max_entries=32)
def rank_history(indicator: str, unit: str, periods: tuple[Period, ...], group: UnitGroup, title: str,
                 subtitle: str, lang: str, axis_title: str) -> go.Figure | None:
    """None when the unit was ranked in none of `periods`."""
    frame = cached.rank_history(indicator, unit, periods, group)
    if frame["rank"].isna().all():
        return None
    return charts.rank_history_line(frame, title, subtitle, lang, axis_title)


@cached.by_data(st.cache_resource, max_entries=32)
def field_lateness(unit: str, period: Period, series: Series, title: str, subtitle: str,
                   lang: str) -> go.Figure | None:
    """None when no field of the unit had a late dossier."""
    late = late_fields(cached.field_lateness(unit, period))
    if late.empty:
        return None
    return charts.field_late_bars(late, series, title, subtitle, lang)


@cached.by_data(st.cache_resource, max_entries=32)
def score_history(unit: str, periods: tuple[Period, ...], group: UnitGroup, title: str, subtitle: str,
                  lang: str) -> go.Figure | None:
    """None when the unit has no score in any of `periods`."""
    frame = cached.evaluation_history(unit, periods, group)
    if frame["score"].isna().all():
        return None
    return charts.score_history_line(frame, _level_labels(lang), title, subtitle, lang)
