"""Indicator values: Σ numerator / Σ denominator at any level, with "no data" as NaN."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from metrics.indicators import INDICATORS, Indicator, get_indicator
from metrics.queries import By, indicator_totals
from vocab.periods import Period
from vocab.units import UnitGroup


def indicator_values(
    con: duckdb.DuckDBPyConnection,
    indicator: str | Indicator,
    period: Period,
    by: By = By.UNIT,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    unit: str | None = None,
) -> pd.DataFrame:
    """Key columns of `by` plus numerator, denominator, value (NaN = no data)."""
    frame = indicator_totals(con, get_indicator(indicator), {"cur": period}, by=by, group=group,
                             field=field, unit=unit)
    return frame.drop(columns="p").astype({"numerator": "float64", "denominator": "float64", "value": "float64"})


@dataclass(frozen=True)
class IndicatorValue:
    """One figure with what it is made of; `value` is None for "no data"."""

    numerator: float | None
    denominator: float | None
    value: float | None

    @property
    def has_data(self) -> bool:
        return self.value is not None


NO_VALUE = IndicatorValue(None, None, None)


def _scalar(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def single_value(
    con: duckdb.DuckDBPyConnection,
    indicator: str | Indicator,
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    unit: str | None = None,
) -> IndicatorValue:
    """The city-wide (or group-, field- or unit-wide) value for a period."""
    frame = indicator_values(con, indicator, period, by=By.CITY, group=group, field=field, unit=unit)
    if frame.empty:
        return NO_VALUE
    row = frame.iloc[0]
    return IndicatorValue(_scalar(row["numerator"]), _scalar(row["denominator"]), _scalar(row["value"]))


def city_values(con: duckdb.DuckDBPyConnection, period: Period,
                group: UnitGroup = UnitGroup.ALL) -> dict[str, IndicatorValue]:
    """Every indicator's group-wide (default: city-wide) value, each by `single_value`.

    One path for the figure: the overview page, the briefing pack and the CLI read the same
    function, so a slide and the screen can never disagree.
    """
    return {ind.id: single_value(con, ind, period, group) for ind in INDICATORS}
