"""The metrics the pages read, cached: one `st.cache_data` on each loader, keyed by its typed arguments.

The data fingerprint (`metrics.freshness.data_version`, plus which database) is not
part of any key. `refresh_data_version()`, called by dashboard.py once per run before
the page, compares it with the last one this process saw and, when it changed (an
upload, a rollback, a target, a finalised evaluation, another database), clears the
data caches and every cache registered with `clears_with_data` (finished figures,
the briefing pack), so the change is visible on that very run.

The rule for loaders in other modules (`ui/cached_<area>.py`): a `st.cache_data` loader needs
nothing more (every `st.cache_data` of the app is cleared with the data); a `st.cache_resource`
holding anything made from the data must be decorated with `clears_with_data`. With several
workers (`scripts/serve.sh`), each worker first moves to the newest snapshot here, so a commit in
any process clears every worker's caches at its next run; the data fingerprint is then computed
once per snapshot version, not once per run.

Streamlit hashes a `Period` (a frozen dataclass) through `dataclasses.asdict`, which
works but costs ~0.2 ms a call; its text (`str(period)`, read back by `Period.parse`)
names it exactly and is ten times cheaper, hence `hash_funcs=_BY_TEXT`. A `UnitGroup`
(a str enum) hashes as its type name and value, so `UnitGroup("ward")` and
`UnitGroup.WARD` share an entry.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from exports.source import source_line as chart_source_line
from metrics import completeness, finals, heatmap, overview, profile, ranking, values
from metrics.freshness import data_version
from metrics.queries import By, is_demo_data, months_with_data, units_frame
from metrics.schemes import Scheme, scheme_for
from metrics.units import list_fields
from texts.evaluation import with_reason_texts
from ui import state
from vocab.periods import Period
from vocab.units import UnitGroup

if TYPE_CHECKING:
    from exports.pack import PackContent

TTL = 600          # seconds: bounds how long memory is held; data changes clear the caches at once
SMALL = 64         # max entries of cheap, frequently varied calls
LARGE = 24         # max entries of heavy results (evaluations, histories)
_BY_TEXT = {Period: str}

_lock = threading.Lock()
_seen: str | None = None                      # the fingerprint the cached entries were made from
_with_data: list[Callable[[], None]] = []     # `.clear` of caches made from data outside this module
_by_snapshot: tuple[object, str | None] = (None, None)   # (store, snapshot version) → its fingerprint

F = TypeVar("F")


def clears_with_data(cached_function: F) -> F:
    """Registers a `st.cache_resource` function (e.g. a finished figure) to be cleared when the data change.

    Returns the function itself, unwrapped: Streamlit keys its cache by the function's own name and source.
    """
    _with_data.append(cached_function.clear)  # type: ignore[attr-defined]
    return cached_function


def _fingerprint() -> str:
    """Which database and what is in it: changes with the data and when tests switch databases.

    With several workers the store first moves to the newest published snapshot (one stat when
    nothing changed), so a commit made in another process shows on this run.
    """
    global _by_snapshot
    store = state.get_store()
    store.refresh()
    snapshot = getattr(getattr(store, "reader", None), "version", None)   # a published version never changes
    if snapshot is not None and _by_snapshot[0] == (id(store), snapshot):
        return _by_snapshot[1]
    fingerprint = f"{store.path}#{id(store)}|{data_version(store.cursor())}"
    if snapshot is not None:
        _by_snapshot = ((id(store), snapshot), fingerprint)
    return fingerprint


def refresh_data_version() -> str:
    """Clears the data caches if the data changed since this process last looked; once per run.

    Sessions run in threads: the fingerprint is read outside the lock (a query), compared and
    acted on inside it. Two sessions reading either side of a commit may clear twice; never zero times.
    A loader that read the old data, then stored its result just after the clear, keeps it until the
    next change or the TTL: a window of one query's length that a writer closes with `clear()`.
    """
    global _seen
    version = _fingerprint()
    with _lock:
        if version != _seen:
            _clear_all()
            _seen = version
    return version


def data_fingerprint() -> str:
    """The fingerprint the cached figures come from (e.g. to tell whether a made pack is still current)."""
    return _seen or refresh_data_version()


def clear() -> None:
    """Forgets every cached figure now (e.g. right after this session wrote to the database)."""
    with _lock:
        _clear_all()


def _clear_all() -> None:
    st.cache_data.clear()  # every st.cache_data of the app is a data loader in this module
    for clear_one in _with_data:
        clear_one()


def _con() -> duckdb.DuckDBPyConnection:
    return state.get_store().cursor()


# --- reference --------------------------------------------------------------

@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def available_months() -> list[date]:
    return months_with_data(_con())


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def fields() -> list[tuple[str, str]]:
    """(code, name) of the active fields."""
    return [(f.code, f.name) for f in list_fields(_con())]


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def is_demo() -> bool:
    """The database holds demo rows (its flag and active demo batches): the banner and the source line say so."""
    return is_demo_data(_con())


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False)
def source_line(lang: str) -> str:
    """The subtitle of every chart: where the figures come from and when they were last updated."""
    return chart_source_line(_con(), lang)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def units(period: Period, group: UnitGroup) -> pd.DataFrame:
    """unit_code, unit_name, unit_type of the units of `group` active in `period`."""
    return units_frame(_con(), period, group)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def completeness_summary(period: Period, group: UnitGroup) -> tuple[int, pd.DataFrame]:
    return completeness.completeness_summary(_con(), period, group)


# --- overview -----------------------------------------------------------------

@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def cards(period: Period, group: UnitGroup, field: str | None) -> list[overview.Card]:
    """Every indicator's card; the field filter applies to dossier indicators only."""
    return overview.overview_cards(_con(), period, group, field)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def volumes(period: Period, group: UnitGroup, field: str | None) -> dict[str, float] | None:
    """Totals of the dossier columns for the period, or None without data."""
    return overview.dossier_volumes(_con(), period, group, field)


@st.cache_data(max_entries=128, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def trend(indicator: str, window: Period, group: UnitGroup, field: str | None,
          unit: str | None = None) -> pd.DataFrame:
    """month, numerator, denominator, value for each month of `window` (months without data absent)."""
    return values.indicator_values(_con(), indicator, window, by=By.MONTH, group=group, field=field, unit=unit)


# --- rankings ---------------------------------------------------------------

@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def ranking_frame(indicator: str, period: Period, group: UnitGroup, field: str | None,
                  min_volume: int | None, compare_to: Period | None = None) -> pd.DataFrame:
    """`metrics.ranking.rank_units`; changes against `compare_to` (default: the previous period)."""
    return ranking.rank_units(_con(), indicator, period, group, field, min_volume, compare_to)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def unit_month_bands(indicator: str, window: Period, group: UnitGroup, field: str | None) -> pd.DataFrame:
    """The heatmap cells of `window`: `metrics.heatmap.CELL_COLUMNS`."""
    return heatmap.unit_month_bands(_con(), indicator, window, group, field)


@st.cache_data(max_entries=LARGE, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def rank_history(indicator: str, unit: str, periods: tuple[Period, ...], group: UnitGroup) -> pd.DataFrame:
    return ranking.rank_history(_con(), indicator, unit, list(periods), group)


# --- unit profile -------------------------------------------------------------

@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def unit_indicators(unit: str, unit_type: str, period: Period) -> pd.DataFrame:
    """`metrics.profile.unit_indicators`: the unit beside its group and the city, with target and band."""
    return profile.unit_indicators(_con(), unit, unit_type, period)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def field_lateness(unit: str, period: Period) -> pd.DataFrame:
    """`metrics.profile.field_lateness`: late dossiers of one unit by field."""
    return profile.field_lateness(_con(), unit, period)


@st.cache_data(max_entries=LARGE, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def evaluation_history(unit: str, periods: tuple[Period, ...], group: UnitGroup) -> pd.DataFrame:
    """`metrics.profile.evaluation_history`: score and level of one unit per period."""
    return profile.evaluation_history(_con(), unit, periods, group)


# --- evaluation ---------------------------------------------------------------

@st.cache_data(max_entries=LARGE, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def evaluation_frame(period: Period, group: UnitGroup, lang: str) -> pd.DataFrame:
    return with_reason_texts(finals.evaluation_with_finals(_con(), period, group), lang)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def scheme(period: Period) -> Scheme:
    """The evaluation scheme in force for `period`."""
    return scheme_for(_con(), period)


# --- briefing pack --------------------------------------------------------------

@clears_with_data
@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def pack(period: Period, groups: tuple[UnitGroup, ...], lang: str) -> PackContent:
    """The briefing pack's figures and words (kept as an object: it holds finished figures)."""
    from exports.pack import pack_content  # the deck and PDF writers load only for the exports page

    return pack_content(_con(), period, groups, lang)
