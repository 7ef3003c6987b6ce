"""Bounded st.cache_data wrappers around the metrics engine, taking hashable arguments.

Periods travel as text ("2026-10"), groups as their value ("ward"). Every
wrapper's cache key also holds the database path and its data fingerprint
(`metrics.freshness`), taken once per script run by `refresh_data_version()`,
so an upload, rollback or target change is visible on the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from metrics import completeness, evaluation, finals, ranking, values
from metrics.commentary import scheme_note
from metrics.freshness import data_version
from metrics.indicators import INDICATORS, Family, get_indicator
from metrics.queries import By, family_totals, latest_month, months_with_data, units_frame
from metrics.schemes import scheme_for
from metrics.targets import attach_targets, band_of, target_for
from metrics.units import list_fields
from ui.state import get_store
from vocab.periods import Period
from vocab.units import UnitGroup, group_of

TTL = 600          # seconds; the fingerprint catches changes, the TTL bounds memory age
SMALL = 64         # max entries of cheap, frequently varied calls
LARGE = 24         # max entries of heavy results (evaluations, histories)
_VERSION_KEY = "_data_version"


def refresh_data_version() -> str:
    """Reads the data fingerprint once for this run (called by dashboard.py before the page)."""
    version = data_version(get_store().cursor())
    st.session_state[_VERSION_KEY] = version
    return version


def cache_key() -> tuple[str, str]:
    version = st.session_state.get(_VERSION_KEY) or refresh_data_version()
    return get_store().path, version


def _con():
    return get_store().cursor()


# --- reference --------------------------------------------------------------

def available_months() -> list[date]:
    return _available_months(*cache_key())


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _available_months(db: str, version: str) -> list[date]:
    return months_with_data(_con())


def last_month() -> date | None:
    return _last_month(*cache_key())


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _last_month(db: str, version: str) -> date | None:
    return latest_month(_con())


def fields() -> list[tuple[str, str]]:
    return _fields(*cache_key())


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _fields(db: str, version: str) -> list[tuple[str, str]]:
    return [(f.code, f.name) for f in list_fields(_con())]


def units(period: str, group: str) -> pd.DataFrame:
    """unit_code, unit_name, unit_type of the units of `group` active in `period`."""
    return _units(*cache_key(), period, group)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _units(db: str, version: str, period: str, group: str) -> pd.DataFrame:
    return units_frame(_con(), Period.parse(period), UnitGroup(group))


def completeness_summary(period: str, group: str) -> tuple[int, pd.DataFrame]:
    return _completeness(*cache_key(), period, group)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _completeness(db: str, version: str, period: str, group: str) -> tuple[int, pd.DataFrame]:
    return completeness.completeness_summary(_con(), Period.parse(period), UnitGroup(group))


# --- values -----------------------------------------------------------------

def group_target(indicator: str, year: int, group: str) -> float | None:
    """The target that applies to a group as a whole (its unit type's own, else the general one)."""
    return _group_target(*cache_key(), indicator, year, group)


def _group_unit_type(group: UnitGroup) -> str | None:
    types = group.unit_types
    return types[0] if group in (UnitGroup.DEPARTMENT, UnitGroup.WARD, UnitGroup.COMMUNE) else None


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _group_target(db: str, version: str, indicator: str, year: int, group: str) -> float | None:
    return target_for(_con(), indicator, year, _group_unit_type(UnitGroup(group)))


def value(indicator: str, period: str, group: str, field: str | None = None,
          unit: str | None = None) -> values.IndicatorValue:
    return _value(*cache_key(), indicator, period, group, field, unit)


@st.cache_data(max_entries=256, ttl=TTL, show_spinner=False)
def _value(db: str, version: str, indicator: str, period: str, group: str, field: str | None,
           unit: str | None) -> values.IndicatorValue:
    return values.single_value(_con(), indicator, Period.parse(period), UnitGroup(group), field, unit)


def trend(indicator: str, period: str, group: str, field: str | None = None,
          unit: str | None = None) -> pd.DataFrame:
    """month, numerator, denominator, value for each month of `period` (months without data absent)."""
    return _trend(*cache_key(), indicator, period, group, field, unit)


@st.cache_data(max_entries=128, ttl=TTL, show_spinner=False)
def _trend(db: str, version: str, indicator: str, period: str, group: str, field: str | None,
           unit: str | None) -> pd.DataFrame:
    return values.indicator_values(_con(), indicator, Period.parse(period), by=By.MONTH,
                                   group=UnitGroup(group), field=field, unit=unit)


@dataclass(frozen=True)
class Card:
    """What an overview card shows for one indicator."""

    indicator: str
    now: values.IndicatorValue
    previous: values.IndicatorValue
    last_year: values.IndicatorValue
    target: float | None
    band: str


def cards(period: str, group: str, field: str | None = None) -> list[Card]:
    """Every indicator's card for the period; the field filter applies to dossier indicators only."""
    return _cards(*cache_key(), period, group, field)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _cards(db: str, version: str, period: str, group: str, field: str | None) -> list[Card]:
    con, p, g = _con(), Period.parse(period), UnitGroup(group)
    out = []
    for ind in INDICATORS:
        f = field if ind.family is Family.DOSSIERS else None
        now = values.single_value(con, ind, p, g, f)
        target = target_for(con, ind, p.last.year, _group_unit_type(g))
        out.append(Card(ind.id, now, values.single_value(con, ind, p.previous(), g, f),
                        values.single_value(con, ind, p.same_period_last_year(), g, f), target,
                        band_of(now.value, target, ind).value))
    return out


def volumes(period: str, group: str, field: str | None = None) -> dict[str, float] | None:
    """City totals of the dossier columns for the period, or None without data."""
    return _volumes(*cache_key(), period, group, field)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _volumes(db: str, version: str, period: str, group: str, field: str | None) -> dict[str, float] | None:
    frame = family_totals(_con(), Family.DOSSIERS, Period.parse(period), by=By.CITY,
                          group=UnitGroup(group), field=field)
    if frame.empty:
        return None
    return {k: float(v) for k, v in frame.iloc[0].items() if pd.notna(v)}


# --- rankings ---------------------------------------------------------------

def ranking_frame(indicator: str, period: str, group: str, field: str | None = None,
                  min_volume: int | None = None) -> pd.DataFrame:
    return _ranking(*cache_key(), indicator, period, group, field, min_volume)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _ranking(db: str, version: str, indicator: str, period: str, group: str, field: str | None,
             min_volume: int) -> pd.DataFrame:
    return ranking.rank_units(_con(), indicator, Period.parse(period), UnitGroup(group), field, min_volume)


def unit_month_bands(indicator: str, period: str, group: str, field: str | None = None) -> pd.DataFrame:
    """unit_code, unit_name, unit_type, month, value, target, band for each unit-month of `period`."""
    return _unit_month_bands(*cache_key(), indicator, period, group, field)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _unit_month_bands(db: str, version: str, indicator: str, period: str, group: str,
                      field: str | None) -> pd.DataFrame:
    con, p, g, ind = _con(), Period.parse(period), UnitGroup(group), get_indicator(indicator)
    frame = values.indicator_values(con, ind, p, by=By.UNIT_MONTH, group=g, field=field)
    frame = frame.merge(units_frame(con, p, g), on="unit_code", how="inner")
    parts = []
    for year, part in frame.groupby(pd.to_datetime(frame["month"]).dt.year):
        parts.append(attach_targets(con, part, ind, int(year)))
    if not parts:
        return frame.assign(target=pd.Series(dtype="float64"), band=pd.Series(dtype="object"))
    return pd.concat(parts, ignore_index=True)


def rank_history(indicator: str, unit: str, periods: tuple[str, ...], group: str) -> pd.DataFrame:
    return _rank_history(*cache_key(), indicator, unit, periods, group)


@st.cache_data(max_entries=LARGE, ttl=TTL, show_spinner=False)
def _rank_history(db: str, version: str, indicator: str, unit: str, periods: tuple[str, ...],
                  group: str) -> pd.DataFrame:
    return ranking.rank_history(_con(), indicator, unit, [Period.parse(p) for p in periods], UnitGroup(group))


# --- unit profile -------------------------------------------------------------

def unit_indicators(unit: str, unit_type: str, period: str) -> pd.DataFrame:
    """Every indicator for one unit beside its group and the city, with target and band.

    Columns: indicator, label, is_rate, unit, group, city, target, band.
    """
    return _unit_indicators(*cache_key(), unit, unit_type, period)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _unit_indicators(db: str, version: str, unit: str, unit_type: str, period: str) -> pd.DataFrame:
    con, p = _con(), Period.parse(period)
    group = group_of(unit_type)
    rows = []
    for ind in INDICATORS:
        mine = values.single_value(con, ind, p, UnitGroup.ALL, None, unit).value
        target = target_for(con, ind, p.last.year, unit_type)
        rows.append({
            "indicator": ind.id, "is_rate": ind.is_rate, "unit": mine,
            "group": values.single_value(con, ind, p, group).value,
            "city": values.single_value(con, ind, p, UnitGroup.ALL).value,
            "target": target, "band": band_of(mine, target, ind).value,
        })
    return pd.DataFrame(rows)


def field_lateness(unit: str, period: str) -> pd.DataFrame:
    """field_code, field_name, resolved_late, pending_overdue, resolved_total for one unit."""
    return _field_lateness(*cache_key(), unit, period)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _field_lateness(db: str, version: str, unit: str, period: str) -> pd.DataFrame:
    con = _con()
    frame = family_totals(con, Family.DOSSIERS, Period.parse(period), by=By.FIELD, unit=unit)
    names = dict((f.code, f.name) for f in list_fields(con, include_inactive=True))
    frame = frame.assign(field_name=frame["field_code"].map(lambda c: names.get(c, c)))
    return frame[["field_code", "field_name", "resolved_late", "pending_overdue", "resolved_total"]]


# --- evaluation ---------------------------------------------------------------

def evaluation_frame(period: str, group: str, lang: str = "vi") -> pd.DataFrame:
    return _evaluation(*cache_key(), period, group, lang)


@st.cache_data(max_entries=LARGE, ttl=TTL, show_spinner=False)
def _evaluation(db: str, version: str, period: str, group: str, lang: str) -> pd.DataFrame:
    return finals.evaluation_with_finals(_con(), Period.parse(period), UnitGroup(group), lang=lang)


def scheme_status(period: str, lang: str = "vi") -> str:
    """"Phương án chấm điểm (…): đề xuất, chưa ban hành." for the scheme in force for `period`."""
    return _scheme_status(*cache_key(), period, lang)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def _scheme_status(db: str, version: str, period: str, lang: str) -> str:
    return scheme_note(scheme_for(_con(), Period.parse(period)), lang)


def evaluation_history(unit: str, periods: tuple[str, ...], group: str) -> pd.DataFrame:
    """month, period, score, level of one unit for each period (evaluated within `group`)."""
    return _evaluation_history(*cache_key(), unit, periods, group)


@st.cache_data(max_entries=LARGE, ttl=TTL, show_spinner=False)
def _evaluation_history(db: str, version: str, unit: str, periods: tuple[str, ...], group: str) -> pd.DataFrame:
    con, rows = _con(), []
    for text in periods:
        p = Period.parse(text)
        frame = evaluation.evaluate_units(con, p, UnitGroup(group), with_previous=False)
        me = frame[frame["unit_code"] == unit]
        if not me.empty:
            rows.append({"period": text, "month": p.last, "score": me.iloc[0]["score"],
                         "level": me.iloc[0]["level"], "capped": bool(me.iloc[0]["capped"])})
    return pd.DataFrame(rows, columns=["period", "month", "score", "level", "capped"])


def clear() -> None:
    """Forget every cached figure (e.g. after a test switches databases)."""
    st.cache_data.clear()
