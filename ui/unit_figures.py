"""Figures of the unit page and the comparison page: cached data (`ui.cached_unit`, `ui.cached`) →
`charts.unit` builder → finished `go.Figure`, kept whole with st.cache_resource and keyed by the data
version (`ui.cached.by_data`), as in `ui.figures`. Callers must not mutate a returned figure.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from charts import unit as charts
from i18n.catalogue import text
from i18n.labels import level_label
from i18n.numbers import fmt_number
from metrics.indicators import get_indicator
from ui import cached, cached_unit
from vocab.periods import Period
from vocab.units import UnitGroup


def _points(x: float, lang: str) -> str:
    return fmt_number(x, 0 if float(x).is_integer() else 1, lang)


def level_legend(completed_from: float, good_above: float, excellent_above: float, lang: str) -> dict[str, str]:
    """Each level's words with its score range under the scheme: "Xuất sắc (trên 90 điểm)"."""
    return {
        "excellent": text("unit_level_above", lang, level=level_label("excellent", lang),
                          low=_points(excellent_above, lang)),
        "good": text("unit_level_above_to", lang, level=level_label("good", lang), low=_points(good_above, lang),
                     high=_points(excellent_above, lang)),
        "completed": text("unit_level_from_to", lang, level=level_label("completed", lang),
                          low=_points(completed_from, lang), high=_points(good_above, lang)),
        "not_completed": text("unit_level_below", lang, level=level_label("not_completed", lang),
                              high=_points(completed_from, lang)),
    }


@cached.by_data(st.cache_resource, max_entries=64)
def unit_trend(indicator: str, unit: str, unit_type: str, window: Period, unit_name: str, group_name: str,
               title: str, subtitle: str, lang: str) -> go.Figure:
    frame = cached_unit.unit_trend(indicator, unit, unit_type, window)
    return charts.unit_trend_line(frame, get_indicator(indicator), unit_name, group_name, title, subtitle, lang)


@cached.by_data(st.cache_resource, max_entries=32)
def score_history(unit: str, periods: tuple[Period, ...], group: UnitGroup, scheme_period: Period, title: str,
                  subtitle: str, lang: str) -> go.Figure | None:
    """None when the unit has no score in any of `periods`; bands from the scheme in force for `scheme_period`."""
    frame = cached.evaluation_history(unit, periods, group)
    if frame["score"].isna().all():
        return None
    config = cached.scheme(scheme_period).config
    bands = charts.level_bands(config.completed_from, config.good_above, config.excellent_above)
    legend = level_legend(config.completed_from, config.good_above, config.excellent_above, lang)
    return charts.score_history_bands(frame, bands, legend, title, subtitle, lang)


@cached.by_data(st.cache_resource, max_entries=64)
def compare_trends(indicator: str, units: tuple[str, ...], window: Period, names: tuple[tuple[str, str], ...],
                   title: str, subtitle: str, lang: str) -> go.Figure:
    frame = cached_unit.compare_trends(indicator, units, window)
    return charts.compare_trend_lines(frame, get_indicator(indicator), dict(names), title, subtitle, lang)
