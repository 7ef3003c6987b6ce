"""The metrics the pages read, cached: one `by_data` cache on each loader, keyed by its typed arguments
and by the version of the data it can read.

The data key. `refresh_data_version()`, called by dashboard.py once per run before the page,
reads the cheap whole-data fingerprint (`metrics.freshness.data_version`, plus which database);
when it changed (an upload, a rollback, a target, a finalised evaluation, another database) it
reads the per-month versions once (`metrics.freshness.data_versions`). A loader's key then holds
the version of the months its arguments reach: every `Period` argument (or tuple of them) ends
in some month, and a figure about a period reads months up to that one, never later. So an
upload of November changes the key of every figure reaching November and of none that ends in
October: nothing is cleared, the entries of the old data are no longer asked for and age out
(`max_entries`, `TTL`). A loader without a period argument (the month list, the source line)
or marked `every_month` is keyed by the whole fingerprint.

The rule for loaders in other modules (`ui/cached_<area>.py`, finished figures): decorate with
`by_data` (`st.cache_data` by default, `st.cache_resource` for objects kept as they are), never
with Streamlit's decorators alone, so the data key is never forgotten. With several workers
(`scripts/serve.sh`), each worker first moves to the newest snapshot here, so a commit in any
process is seen by every worker at its next run; the fingerprint is then computed once per
snapshot version, not once per run.

Streamlit hashes a `Period` (a frozen dataclass) through `dataclasses.asdict`, which
works but costs ~0.2 ms a call; its text (`str(period)`, read back by `Period.parse`)
names it exactly and is ten times cheaper, hence `hash_funcs=_BY_TEXT`. A `UnitGroup`
(a str enum) hashes as its type name and value, so `UnitGroup("ward")` and
`UnitGroup.WARD` share an entry.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from exports.source import source_line as chart_source_line
from metrics import completeness, finals, heatmap, overview, profile, ranking, values
from metrics.evaluation import evaluate_periods, with_previous_scores
from metrics.freshness import DataVersions, data_version, data_versions
from metrics.indicators import INDICATORS, get_indicator
from metrics.queries import is_demo_data, months_with_data, units_frame
from metrics.schemes import Scheme, scheme_for
from metrics.units import list_fields
from texts.evaluation import with_reason_texts
from ui import state
from vocab.periods import Period, PeriodKind
from vocab.units import UnitGroup, group_of

if TYPE_CHECKING:
    from exports.pack import PackContent

TTL = 600          # seconds: bounds how long memory is held; a data change changes the keys at once
SMALL = 64         # max entries of cheap, frequently varied calls
LARGE = 24         # max entries of heavy results (evaluations, histories)
# Rankings, 5–25 kB each, shared by Xếp hạng and every unit's ranks and rank history: ui/warm.py alone
# keeps 5 groups × 12 indicators × 18 months = 1080 of them, and visitors add other fields and periods.
RANKINGS = 2048
_BY_TEXT = {Period: str}

_lock = threading.Lock()
_current: tuple[str, DataVersions] | None = None   # (which database and store object, its versions): one value
_by_snapshot: tuple[object, str | None] = (None, None)   # (store, snapshot version) → its fingerprint
_caches: list[Callable[[], None]] = []         # `.clear` of every `by_data` cache
on_change: list[Callable[[], None]] = []       # called when the data keys moved (`ui.warm` listens)

F = TypeVar("F", bound=Callable[..., Any])


def _last_month(args: tuple, kwargs: dict) -> date | None:
    """The last month any `Period` argument (or tuple of periods) reaches; None without one."""
    last = None
    for value in (*args, *kwargs.values()):
        periods = (value,) if isinstance(value, Period) else value if isinstance(value, tuple) else ()
        for period in periods:
            if isinstance(period, Period) and (last is None or period.last > last):
                last = period.last
    return last


def data_key(*args: Any, every_month: bool = False, **kwargs: Any) -> str:
    """The version of the data a call with these arguments can read (see the module's doc)."""
    current = _current
    if current is None:
        refresh_data_version()
        current = _current
    where, versions = current
    last = None if every_month else _last_month(args, kwargs)
    return f"{where}|{versions.through(last)}"


def by_data(cache: Callable[..., Any] = st.cache_data, *, max_entries: int,
            every_month: bool = False) -> Callable[[F], F]:
    """A Streamlit cache (`st.cache_data` or `st.cache_resource`) whose key also holds `data_key`.

    The decorated function keeps its signature; `.clear()` forgets its entries.
    """
    def decorate(function: F) -> F:
        def keyed(version: str, /, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

        # Streamlit names a cache by its function's module and qualified name: one cache per loader.
        keyed.__module__, keyed.__qualname__, keyed.__name__ = (
            function.__module__, function.__qualname__, function.__name__)
        stored = cache(max_entries=max_entries, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)(keyed)

        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            return stored(data_key(*args, every_month=every_month, **kwargs), *args, **kwargs)

        call.clear = stored.clear  # type: ignore[attr-defined]
        _caches.append(stored.clear)
        return call  # type: ignore[return-value]

    return decorate


def _fingerprint() -> tuple[str, str]:
    """Which database, and what is in it: changes with the data and when tests switch databases.

    With several workers the store first moves to the newest published snapshot (one stat when
    nothing changed), so a commit made in another process shows on this run.
    """
    global _by_snapshot
    store = state.get_store()
    store.refresh()
    where = f"{store.path}#{id(store)}"
    snapshot = getattr(getattr(store, "reader", None), "version", None)   # a published version never changes
    if snapshot is not None and _by_snapshot[0] == (id(store), snapshot):
        return where, _by_snapshot[1]
    fingerprint = data_version(store.cursor())
    if snapshot is not None:
        _by_snapshot = ((id(store), snapshot), fingerprint)
    return where, fingerprint


def refresh_data_version() -> str:
    """Moves the data keys to the current data if it changed since this process last looked; once per run.

    Sessions run in threads: the fingerprint is read outside the lock (a query); the per-month
    versions are read and published inside it, once per change. A session whose run began
    before the change keeps the keys it had read for the calls already made; its next call uses
    the new ones (the same as a run that began a moment earlier).
    """
    global _current
    where, fingerprint = _fingerprint()
    changed = False
    with _lock:
        if _current is None or _current[0] != where or _current[1].whole != fingerprint:
            _current = (where, data_versions(state.get_store().cursor(), fingerprint))
            changed = True
    if changed:
        for listener in on_change:
            listener()
    return f"{where}|{fingerprint}"


def data_fingerprint() -> str:
    """The whole-data key the cached figures come from (e.g. to tell whether a made pack is still current)."""
    return data_key(every_month=True)


def clear() -> None:
    """Forgets every cached figure now (frees memory; keys already follow the data)."""
    with _lock:
        for clear_one in _caches:
            clear_one()


def _con() -> duckdb.DuckDBPyConnection:
    return state.get_store().cursor()


# --- reference --------------------------------------------------------------

@by_data(max_entries=SMALL)
def available_months() -> list[date]:
    return months_with_data(_con())


@by_data(max_entries=SMALL)
def fields() -> list[tuple[str, str]]:
    """(code, name) of the active fields."""
    return [(f.code, f.name) for f in list_fields(_con())]


@by_data(max_entries=SMALL)
def is_demo() -> bool:
    """The database holds demo rows (its flag and active demo batches): the banner and the source line say so."""
    return is_demo_data(_con())


@by_data(max_entries=SMALL)
def source_line(lang: str) -> str:
    """The subtitle of every chart: where the figures come from and when they were last updated."""
    return chart_source_line(_con(), lang)


@by_data(max_entries=SMALL)
def units(period: Period, group: UnitGroup) -> pd.DataFrame:
    """unit_code, unit_name, unit_type of the units of `group` active in `period`."""
    return units_frame(_con(), period, group)


@by_data(max_entries=SMALL)
def completeness_summary(period: Period, group: UnitGroup) -> tuple[int, pd.DataFrame]:
    return completeness.completeness_summary(_con(), period, group)


# --- overview -----------------------------------------------------------------

@by_data(max_entries=SMALL)
def cards(period: Period, group: UnitGroup, field: str | None) -> list[overview.Card]:
    """Every indicator's card; the field filter applies to dossier indicators only."""
    return overview.overview_cards(_con(), period, group, field)


@by_data(max_entries=SMALL)
def volumes(period: Period, group: UnitGroup, field: str | None) -> dict[str, float] | None:
    """Totals of the dossier columns for the period, or None without data."""
    return overview.dossier_volumes(_con(), period, group, field)


@by_data(max_entries=128)
def trend(indicator: str, window: Period, group: UnitGroup, field: str | None,
          unit: str | None = None) -> pd.DataFrame:
    """month, numerator, denominator, value for each month of `window` (months without data absent)."""
    family = get_indicator(indicator).family
    return family_trends(family.value, window, group, field, unit)[indicator].copy()


@by_data(st.cache_resource, max_entries=SMALL)   # kept as is: `trend` hands out a copy of one frame
def family_trends(family: str, window: Period, group: UnitGroup, field: str | None,
                  unit: str | None) -> dict[str, pd.DataFrame]:
    """`trend` of every indicator of `family`, read in one query (`metrics.values.monthly_values_of`)."""
    mine = [ind for ind in INDICATORS if ind.family.value == family]
    return values.monthly_values_of(_con(), window, group, field, unit, mine)


# --- rankings ---------------------------------------------------------------

@by_data(max_entries=RANKINGS)
def ranking_frame(indicator: str, period: Period, group: UnitGroup, field: str | None,
                  min_volume: int | None, compare_to: Period | None = None) -> pd.DataFrame:
    """`metrics.ranking.rank_units`; changes against `compare_to` (default: the previous period)."""
    return ranking.rank_units(_con(), indicator, period, group, field, min_volume, compare_to)


@by_data(st.cache_resource, max_entries=128)   # kept as is: a unit's ranks only read them; ui/warm.py: 5 groups × 6
def group_rankings(period: Period, group: UnitGroup, compare_to: Period) -> dict[str, pd.DataFrame]:
    """`group_ranking` of every indicator, made at once (`metrics.ranking.rank_indicators`, about three
    times cheaper than one by one): a unit's page shows its rank for all twelve (issue 14)."""
    return ranking.rank_indicators(_con(), INDICATORS, period, group, compare_to)


def group_ranking(indicator: str, period: Period, group: UnitGroup, compare_to: Period | None = None) -> pd.DataFrame:
    """`ranking_frame` as Xếp hạng opens it (all fields, the default least volume, against `compare_to`
    or the previous period): the one key a unit's ranks and history and ui/warm.py share with the page."""
    return ranking_frame(indicator, period, group, None, ranking.default_min_volume(indicator),
                         compare_to or period.previous())


@by_data(max_entries=SMALL)
def unit_month_bands(indicator: str, window: Period, group: UnitGroup, field: str | None) -> pd.DataFrame:
    """The heatmap cells of `window`: `metrics.heatmap.CELL_COLUMNS`."""
    return heatmap.unit_month_bands(_con(), indicator, window, group, field)


@by_data(max_entries=LARGE)
def rank_history(indicator: str, unit: str, periods: tuple[Period, ...], group: UnitGroup) -> pd.DataFrame:
    """`metrics.ranking.rank_history`, made from each period's ranking as Xếp hạng caches it."""
    return ranking.rank_history_of(unit, [(p, group_ranking(indicator, p, group)) for p in periods])


# --- unit profile -------------------------------------------------------------

@by_data(max_entries=SMALL)
def unit_indicators(unit: str, unit_type: str, period: Period) -> pd.DataFrame:
    """`metrics.profile.unit_indicators`: the unit beside its group and the city, with target and band.
    The group's and the city's values come from `group_values`, shared by every unit's page."""
    return profile.unit_indicators(_con(), unit, unit_type, period, group_values(period, group_of(unit_type)),
                                   group_values(period, UnitGroup.ALL))


@by_data(max_entries=256)   # ui/warm.py keeps 5 groups × 18 months
def group_values(period: Period, group: UnitGroup) -> dict[str, values.IndicatorValue]:
    """`metrics.values.city_values`: every indicator's value over `group` (the city for UnitGroup.ALL)."""
    return values.city_values(_con(), period, group)


@by_data(max_entries=SMALL)
def field_lateness(unit: str, period: Period) -> pd.DataFrame:
    """`metrics.profile.field_lateness`: late dossiers of one unit by field."""
    return profile.field_lateness(_con(), unit, period)


@by_data(st.cache_resource, max_entries=96)   # kept as is: history_of and with_previous_scores only read them
def quarter_evaluations(quarter: Period, group: UnitGroup) -> dict[str, pd.DataFrame]:
    """One group's scores in each month of `quarter` (`Period.quarter_of`), by the month's text.

    A unit's 12-month score history reads its months from the four or five quarters it spans, so
    every window and every unit of the group share them. A quarter's months are evaluated in one
    batch (`evaluate_periods`: their figures in one query per family, about three times cheaper than
    month by month): after a commit every month is evaluated again, and the first visitor of a unit
    page paid for twelve, one by one (issue 14).
    """
    months = [Period.month(m.year, m.month) for m in quarter.month_list()]
    return dict(zip(map(str, months), evaluate_periods(_con(), months, group), strict=True))


@by_data(max_entries=LARGE)
def evaluation_history(unit: str, periods: tuple[Period, ...], group: UnitGroup) -> pd.DataFrame:
    """`metrics.profile.evaluation_history` of one-month `periods`: score and level of one unit per month.

    Made from the group's evaluations of those quarters (cached once for all the group's units), not by
    evaluating the group again for every unit page opened.
    """
    return profile.history_of(unit, [(p, quarter_evaluations(Period.quarter_of(p.first), group)[str(p)])
                                     for p in periods])


# --- evaluation ---------------------------------------------------------------

@by_data(max_entries=64)   # ui/warm.py keeps 5 groups × 6 months
def evaluation_frame(period: Period, group: UnitGroup, lang: str) -> pd.DataFrame:
    return with_reason_texts(finals.evaluation_with_finals(_con(), period, group, evaluated=_evaluated(period, group)),
                             lang)


def _evaluated(period: Period, group: UnitGroup) -> pd.DataFrame | None:
    """A month's evaluation with the previous month's scores, from the quarters' evaluations the unit pages
    share (`quarter_evaluations`); None for a longer period, which `evaluation_with_finals` evaluates."""
    if period.kind is not PeriodKind.MONTH:
        return None
    before = period.previous()
    return with_previous_scores(quarter_evaluations(Period.quarter_of(period.first), group)[str(period)],
                                quarter_evaluations(Period.quarter_of(before.first), group)[str(before)])


@by_data(max_entries=SMALL)
def scheme(period: Period) -> Scheme:
    """The evaluation scheme in force for `period`."""
    return scheme_for(_con(), period)


# --- briefing pack --------------------------------------------------------------

@by_data(st.cache_resource, max_entries=8, every_month=True)   # its source line names the last upload
def pack(period: Period, groups: tuple[UnitGroup, ...], lang: str) -> PackContent:
    """The briefing pack's figures and words (kept as an object: it holds finished figures)."""
    from exports.pack import pack_content  # the deck and PDF writers load only for the exports page

    return pack_content(_con(), period, groups, lang)
