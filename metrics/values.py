"""Indicator values: Σ numerator / Σ denominator at any level, with "no data" as NaN."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import INDICATORS, Family, Indicator, get_indicator
from metrics.queries import By, family_selects, indicator_totals, period_params, period_totals_sql
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


def monthly_values_of(
    con: duckdb.DuckDBPyConnection,
    window: Period,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    unit: str | None = None,
    indicators: Sequence[Indicator] = INDICATORS,
) -> dict[str, pd.DataFrame]:
    """`indicator_values(..., by=By.MONTH)` of many indicators over `window`: {indicator id: frame}.

    The same SQL select list per indicator (`indicator_outputs`, monthly), but one query per family
    for all its indicators instead of one per indicator: the overview's twelve trends make 3 queries,
    not 12 (issue 14). Each frame equals what `indicator_values` gives for that indicator; as there, a
    `field` leaves the document and task indicators without data.
    """
    out: dict[str, pd.DataFrame] = {}
    for family, mine, columns, outputs in family_selects(indicators, monthly=True):
        if family is not Family.DOSSIERS and field is not None:   # no SQL: `indicator_totals`' empty frame
            out.update({ind.id: indicator_values(con, ind, window, By.MONTH, group, field, unit) for ind in mine})
            continue
        sql = period_totals_sql(family, ["cur"], outputs, By.MONTH, field is not None, unit is not None, columns)
        frame = con.execute(sql, period_params({"cur": window}, group, field, unit)).df()
        for i, ind in enumerate(mine):   # columns picked as arrays: a rename and astype per indicator cost more
            out[ind.id] = pd.DataFrame({
                "month": frame["month"],
                **{part: frame[f"{part}__{i}"].to_numpy(dtype="float64", na_value=np.nan)
                   for part in ("numerator", "denominator", "value")},
                "reported": frame[f"reported__{i}"]})
    return {ind.id: out[ind.id] for ind in indicators}


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


def values_of(
    con: duckdb.DuckDBPyConnection,
    periods: Mapping[str, Period],
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    unit: str | None = None,
    indicators: Sequence[Indicator] = INDICATORS,
) -> dict[str, dict[str, IndicatorValue]]:
    """`single_value` of many indicators over several periods: {label: {indicator id: value}}.

    The same SQL as `single_value` (`indicator_outputs` over the same rows), but one query per
    indicator family for all the periods and indicators at once, instead of one per indicator
    and period: a page of twelve indicators over three periods makes 3 queries, not 36.
    `field` is a dossier breakdown: it applies to the dossier indicators and the others ignore it
    (`metrics.overview.indicator_field`). A period without a reported row gives NO_VALUE.
    """
    labels = list(periods)
    out: dict[str, dict[str, IndicatorValue]] = {label: {} for label in labels}
    for family, mine, columns, outputs in family_selects(indicators):
        f = field if family is Family.DOSSIERS else None
        sql = period_totals_sql(family, labels, outputs, By.CITY, f is not None, unit is not None, columns)
        rows = {row[0]: row for row in con.execute(sql, period_params(periods, group, f, unit)).fetchall()}
        for label in labels:
            row = rows.get(label)
            for i, ind in enumerate(mine):   # each indicator: numerator, denominator, value, reported
                if row is None:
                    out[label][ind.id] = NO_VALUE
                else:
                    num, den, value = row[1 + 4 * i: 4 + 4 * i]
                    out[label][ind.id] = IndicatorValue(_scalar(num), _scalar(den), _scalar(value))
    return {label: {ind.id: out[label][ind.id] for ind in indicators} for label in labels}


def city_values(con: duckdb.DuckDBPyConnection, period: Period,
                group: UnitGroup = UnitGroup.ALL) -> dict[str, IndicatorValue]:
    """Every indicator's group-wide (default: city-wide) value, as `single_value` gives each.

    One path for the figure: the overview page, the briefing pack and the CLI read the same
    function, so a slide and the screen can never disagree.
    """
    return values_of(con, {"cur": period}, group)["cur"]
