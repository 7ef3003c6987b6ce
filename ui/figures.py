"""Page figures: cached data → `charts` builder → finished `go.Figure`, cached as a whole.

Building and validating a plotly figure costs tens of milliseconds. The
finished figure is kept with st.cache_resource (bounded, keyed by hashable
arguments and the data fingerprint): it is handed to st.plotly_chart as is,
which serialises a Figure without validating it again. Callers must not
mutate a returned figure.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import figures as charts
from i18n.labels import level_label
from metrics.evaluation import level_counts
from metrics.indicators import get_indicator
from ui import cached
from ui.tables import MAX_BARS, top_or_bottom
from vocab.levels import Level

_TTL = cached.TTL


def ranking(indicator: str, period: str, group: str, field: str | None, min_volume: int, show: str, n: int,
            title: str, subtitle: str, lang: str) -> go.Figure:
    return _ranking(*cached.cache_key(), indicator, period, group, field, min_volume, show, n, title, subtitle, lang)


@st.cache_resource(max_entries=64, ttl=_TTL, show_spinner=False)
def _ranking(db, version, indicator, period, group, field, min_volume, show, n, title, subtitle, lang) -> go.Figure:
    frame = cached.ranking_frame(indicator, period, group, field, min_volume)
    ranked = frame[frame["status"] == "ranked"]
    return charts.ranking_bar(top_or_bottom(ranked, show, n), get_indicator(indicator), title, subtitle, lang)


def heatmap(indicator: str, window: str, period: str, group: str, field: str | None, min_volume: int,
            title: str, subtitle: str, lang: str) -> go.Figure | None:
    """Units (in ranking order) × months of `window`; None when no unit has data."""
    return _heatmap(*cached.cache_key(), indicator, window, period, group, field, min_volume, title, subtitle, lang)


@st.cache_resource(max_entries=32, ttl=_TTL, show_spinner=False)
def _heatmap(db, version, indicator, window, period, group, field, min_volume, title, subtitle, lang) -> go.Figure | None:
    cells = cached.unit_month_bands(indicator, window, group, field)
    if cells.empty:
        return None
    present = set(cells["unit_name"])
    order = [n for n in cached.ranking_frame(indicator, period, group, field, min_volume)["unit_name"]
             if n in present]
    order += sorted(present - set(order))
    if len(order) > MAX_BARS:  # the persistently late are at the bottom of the ranking
        order = order[-MAX_BARS:]
        cells = cells[cells["unit_name"].isin(order)]
    return charts.heatmap(cells, get_indicator(indicator), title, subtitle, lang, unit_order=order)


def trend(indicator: str, window: str, group: str, field: str | None, target: float | None,
          title: str, subtitle: str, lang: str, unit: str | None = None) -> go.Figure:
    return _trend(*cached.cache_key(), indicator, window, group, field, target, title, subtitle, lang, unit)


@st.cache_resource(max_entries=128, ttl=_TTL, show_spinner=False)
def _trend(db, version, indicator, window, group, field, target, title, subtitle, lang, unit) -> go.Figure:
    frame = cached.trend(indicator, window, group, field, unit)
    return charts.trend_line(frame, get_indicator(indicator), target, title, subtitle, lang)


def level_counts_chart(period: str, group: str, title: str, subtitle: str, lang: str, axis_title: str) -> go.Figure:
    return _level_counts(*cached.cache_key(), period, group, title, subtitle, lang, axis_title)


@st.cache_resource(max_entries=32, ttl=_TTL, show_spinner=False)
def _level_counts(db, version, period, group, title, subtitle, lang, axis_title) -> go.Figure:
    counts = level_counts(cached.evaluation_frame(period, group, lang))
    labels = {lv.value: level_label(lv, lang) for lv in Level}
    return charts.level_counts_bar(counts, labels, title, subtitle, lang, axis_title)


def comparison(unit: str, unit_type: str, period: str, series: tuple[tuple[str, str], ...],
               title: str, subtitle: str, lang: str) -> go.Figure:
    return _comparison(*cached.cache_key(), unit, unit_type, period, series, title, subtitle, lang)


@st.cache_resource(max_entries=32, ttl=_TTL, show_spinner=False)
def _comparison(db, version, unit, unit_type, period, series, title, subtitle, lang) -> go.Figure:
    frame = cached.unit_indicators(unit, unit_type, period)
    frame = frame[frame["is_rate"]].copy()
    frame["label"] = [get_indicator(i).short(lang) for i in frame["indicator"]]
    return charts.comparison_bars(frame, series, title, subtitle, lang)


def rank_history(indicator: str, unit: str, periods: tuple[str, ...], group: str, title: str, subtitle: str,
                 lang: str, axis_title: str) -> go.Figure | None:
    return _rank_history(*cached.cache_key(), indicator, unit, periods, group, title, subtitle, lang, axis_title)


@st.cache_resource(max_entries=32, ttl=_TTL, show_spinner=False)
def _rank_history(db, version, indicator, unit, periods, group, title, subtitle, lang, axis_title) -> go.Figure | None:
    frame = cached.rank_history(indicator, unit, periods, group)
    if frame["rank"].isna().all():
        return None
    return charts.rank_history_line(frame, title, subtitle, lang, axis_title)


def field_lateness(unit: str, period: str, series: tuple[tuple[str, str], ...], title: str, subtitle: str,
                   lang: str) -> go.Figure | None:
    return _field_lateness(*cached.cache_key(), unit, period, series, title, subtitle, lang)


@st.cache_resource(max_entries=32, ttl=_TTL, show_spinner=False)
def _field_lateness(db, version, unit, period, series, title, subtitle, lang) -> go.Figure | None:
    frame = cached.field_lateness(unit, period)
    late = frame[(frame["resolved_late"].fillna(0) + frame["pending_overdue"].fillna(0)) > 0]
    if late.empty:
        return None
    return charts.field_late_bars(late, series, title, subtitle, lang)


def score_history(unit: str, periods: tuple[str, ...], group: str, title: str, subtitle: str,
                  lang: str) -> go.Figure | None:
    return _score_history(*cached.cache_key(), unit, periods, group, title, subtitle, lang)


@st.cache_resource(max_entries=32, ttl=_TTL, show_spinner=False)
def _score_history(db, version, unit, periods, group, title, subtitle, lang) -> go.Figure | None:
    frame: pd.DataFrame = cached.evaluation_history(unit, periods, group)
    if frame["score"].isna().all():
        return None
    labels = {lv.value: level_label(lv, lang) for lv in Level}
    return charts.score_history_line(frame, labels, title, subtitle, lang)
