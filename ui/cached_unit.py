"""Cached loaders of the unit page and the comparison page (`metrics.profile`, `metrics.compare`).

Same rules as `ui.cached`: one `by_data` cache per loader, keyed by typed arguments and by the
version of the months they reach.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics import compare, profile
from metrics.indicators import INDICATORS
from ui import cached, state
from ui.cached import LARGE, SMALL, by_data
from vocab.periods import Period
from vocab.units import group_of


def _con() -> duckdb.DuckDBPyConnection:
    return state.get_store().cursor()


@by_data(max_entries=SMALL)
def find_unit(code: str) -> tuple[str, str] | None:
    """(name, unit_type) of a unit code whatever its validity, None when no unit has it."""
    return profile.find_unit(_con(), code)


@by_data(max_entries=SMALL)
def unit_ranks(unit: str, unit_type: str, period: Period, compare_to: Period | None = None) -> pd.DataFrame:
    """`metrics.profile.unit_ranks`: rank in the unit's group and change against `compare_to`, per indicator.

    Made from the group's rankings of every indicator at once (`ui.cached.group_rankings`: the same
    frames as Xếp hạng's, all fields and the default least volume), so opening another unit of the
    group ranks nothing again.
    """
    rankings = cached.group_rankings(period, group_of(unit_type), compare_to or period.previous())
    return profile.ranks_of(unit, [(ind.id, rankings[ind.id]) for ind in INDICATORS])


@by_data(max_entries=LARGE)
def unit_trend(indicator: str, unit: str, unit_type: str, window: Period) -> pd.DataFrame:
    """`metrics.profile.unit_trend`: the unit's, its group's and the target month by month."""
    return profile.unit_trend(_con(), indicator, unit, unit_type, window)


@by_data(max_entries=SMALL)
def overdue_per_100(unit: str, unit_type: str, period: Period) -> profile.OverduePer100:
    """`metrics.profile.overdue_per_100`: the unit's and its group's overdue per 100 in progress."""
    return profile.overdue_per_100(_con(), unit, unit_type, period)


@by_data(max_entries=SMALL)
def compare_units(units: tuple[str, ...], period: Period) -> pd.DataFrame:
    """`metrics.compare.compare_units`: value and rank per indicator and unit."""
    return compare.compare_units(_con(), list(units), period)


@by_data(max_entries=LARGE)
def compare_trends(indicator: str, units: tuple[str, ...], window: Period) -> pd.DataFrame:
    """`metrics.compare.compare_trends`: each unit's value month by month."""
    return compare.compare_trends(_con(), indicator, list(units), window)
