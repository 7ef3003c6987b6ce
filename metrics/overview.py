"""The overview screen's figures: one card per indicator and the dossier volumes of the period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from metrics.indicators import INDICATORS, Family, Indicator
from metrics.queries import By, family_totals
from metrics.targets import Band, band_of, target_for, targets_of
from metrics.values import IndicatorValue, values_of
from vocab.periods import Period, comparison
from vocab.units import UnitGroup

# A group that is one unit type has that type's own target; a mixed group takes the general one.
_SINGLE_TYPE_GROUPS = (UnitGroup.DEPARTMENT, UnitGroup.WARD, UnitGroup.COMMUNE)


@dataclass(frozen=True)
class Card:
    """What an overview card shows for one indicator."""

    indicator: str
    now: IndicatorValue
    previous: IndicatorValue
    last_year: IndicatorValue
    target: float | None
    band: Band


def group_unit_type(group: UnitGroup) -> str | None:
    """The unit type whose targets apply to `group` as a whole; None = the general ('*') target."""
    return group.unit_types[0] if group in _SINGLE_TYPE_GROUPS else None


def group_target(con: duckdb.DuckDBPyConnection, indicator: str | Indicator, year: int,
                 group: UnitGroup) -> float | None:
    """The target that applies to a group as a whole (its unit type's own, else the general one)."""
    return target_for(con, indicator, year, group_unit_type(group))


def group_targets(con: duckdb.DuckDBPyConnection, year: int, group: UnitGroup) -> dict[str, float]:
    """`group_target` of every indicator that has one, in one query."""
    return targets_of(con, year, group_unit_type(group))


def indicator_field(indicator: Indicator, field: str | None) -> str | None:
    """Fields are a dossier breakdown: the field filter applies to dossier indicators only."""
    return field if indicator.family is Family.DOSSIERS else None


def card(con: duckdb.DuckDBPyConnection, indicator: Indicator, period: Period, group: UnitGroup,
         field: str | None = None, through: date | None = None) -> Card:
    """One indicator for the period against "kỳ trước", the same period last year and its target.

    `through` is the last month of `period` that counts (`vocab.periods.covered_through`): a partial
    period is compared with the same months before (`vocab.periods.comparison`).
    """
    return _cards(con, [indicator], period, group, field, through)[0]


def overview_cards(con: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup,
                   field: str | None = None, through: date | None = None) -> list[Card]:
    """Every indicator's card, in catalogue order."""
    return _cards(con, INDICATORS, period, group, field, through)


def _cards(con: duckdb.DuckDBPyConnection, indicators: Sequence[Indicator], period: Period, group: UnitGroup,
           field: str | None, through: date | None) -> list[Card]:
    """The cards of `indicators`: their values of the three periods in one query per family (`values_of`).

    The field filter applies to dossier indicators only (`indicator_field`), as `values_of` does.
    """
    base = comparison(period, through)
    found = values_of(con, {"now": period, "previous": base.previous, "last_year": base.last_year},
                      group, field, indicators=indicators)
    targets = group_targets(con, period.last.year, group)
    return [Card(ind.id, found["now"][ind.id], found["previous"][ind.id], found["last_year"][ind.id],
                 targets.get(ind.id), band_of(found["now"][ind.id].value, targets.get(ind.id), ind))
            for ind in indicators]


def dossier_volumes(con: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup,
                    field: str | None = None) -> dict[str, float] | None:
    """Totals of the dossier columns for the group and period (not reported columns absent); None without data."""
    frame = family_totals(con, Family.DOSSIERS, period, by=By.CITY, group=group, field=field)
    if frame.empty:
        return None
    return {k: float(v) for k, v in frame.iloc[0].items() if pd.notna(v)}
