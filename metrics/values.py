"""Indicator values: Σ numerator / Σ denominator at any level, with "no data" as NaN."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import Indicator, get_indicator
from metrics.periods import Period
from metrics.queries import By, indicator_totals
from metrics.units import UnitGroup


def indicator_arrays(columns: dict[str, np.ndarray], indicator: Indicator) -> tuple[np.ndarray, ...]:
    """(numerator, denominator, value) from period totals given as arrays; value NaN = no data."""
    numerator = sum(np.asarray(columns[c], dtype="float64") for c in indicator.numerator_columns)
    if not indicator.is_rate:
        return numerator, np.full(len(numerator), np.nan), numerator
    denominator = sum(np.asarray(columns[c], dtype="float64") for c in indicator.denominator_columns)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(denominator > 0, numerator / denominator, np.nan)
    return numerator, denominator, value


def apply_indicator(totals: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """Adds numerator, denominator and value columns to a frame of period totals.

    A zero denominator gives NaN ("no data"), never 0 % or 100 %.
    """
    if totals.empty:
        return totals.assign(numerator=pd.Series(dtype="float64"), denominator=pd.Series(dtype="float64"),
                             value=pd.Series(dtype="float64"))
    numerator, denominator, value = indicator_arrays({c: totals[c].to_numpy() for c in totals.columns}, indicator)
    return totals.assign(numerator=numerator, denominator=denominator, value=value)


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
