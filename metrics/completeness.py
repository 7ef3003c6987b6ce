"""Reporting completeness: which active units sent nothing for a month."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from metrics.indicators import Family
from metrics.queries import months_with_data, unit_month_presence, units_frame
from vocab.periods import Comparison, Period, comparison, counted, covered_through
from vocab.units import UnitGroup

_NO_UNITS = pd.DataFrame(columns=["unit_code", "unit_name", "month"])


def missing_reports(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    family: Family = Family.DOSSIERS,
    today: date | None = None,
) -> pd.DataFrame:
    """One row per (unit, month) of `period` where an active unit has no current facts.

    Columns: unit_code, unit_name, unit_type, month. A unit counts as active in a
    month when its validity covers any day of that month. With `today`, only the months that
    can be missing are looked at (`counted_period`).
    """
    if today is not None:
        part = counted_period(con, period, today, family)
        if part is None:
            return pd.DataFrame(columns=["unit_code", "unit_name", "unit_type", "month"])
        period = part
    months = period.month_list()
    units = con.execute(
        "SELECT code AS unit_code, name AS unit_name, unit_type, valid_from, valid_to FROM units"
        " WHERE list_contains(?, unit_type)",
        [list(group.unit_types)],
    ).df()
    grid = units.merge(pd.DataFrame({"month": pd.to_datetime(months)}), how="cross")
    month_end = grid["month"] + pd.offsets.MonthEnd(0)
    active = (pd.to_datetime(grid["valid_from"]) <= month_end) & (
        grid["valid_to"].isna() | (pd.to_datetime(grid["valid_to"]) >= grid["month"])
    )
    grid = grid[active]
    present = unit_month_presence(con, family, period, group)
    present["month"] = pd.to_datetime(present["month"])
    merged = grid.merge(present.assign(_p=True), on=["unit_code", "month"], how="left")
    missing = merged[merged["_p"].isna()]
    out = missing[["unit_code", "unit_name", "unit_type", "month"]].copy()
    out["month"] = out["month"].dt.date
    return out.sort_values(["month", "unit_name"]).reset_index(drop=True)


def counted_period(con: duckdb.DuckDBPyConnection, period: Period, today: date,
                   family: Family = Family.DOSSIERS) -> Period | None:
    """The months of `period` whose reports can be missing; None when none can be yet.

    Rule: a month counts when it is over (before `today`'s month) and is not later than the newest
    month that is over and that some unit has reported. So the months still running or in the
    future, and a month that has ended but that nobody has reported yet (its reports are still
    within their deadline), are never "missing"; "năm 2026" read in November then counts the
    same months as "lũy kế 01–10/2026".
    """
    through = covered_through(period, months_with_data(con, family), today)
    return None if through is None else counted(period, through)


def counted_through(con: duckdb.DuckDBPyConnection, period: Period, today: date,
                    family: Family = Family.DOSSIERS) -> date | None:
    """The last month of `period` that counts on `today` (`vocab.periods.covered_through`); None when none does."""
    return covered_through(period, months_with_data(con, family), today)


def period_comparison(con: duckdb.DuckDBPyConnection, period: Period, today: date,
                      family: Family = Family.DOSSIERS) -> Comparison:
    """What `period` is compared with, given which of its months count on `today`.

    A partial period (quý 4/2026 read with only October over and reported) is compared with the
    same months before (July; October of last year), never with a whole earlier quarter: the
    rule is `vocab.periods.comparison`, the months that count are those of `counted_period`.
    """
    return comparison(period, counted_through(con, period, today, family))


def completeness_summary(con: duckdb.DuckDBPyConnection, period: Period,
                         group: UnitGroup = UnitGroup.ALL,
                         today: date | None = None) -> tuple[int, pd.DataFrame]:
    """(number of active units, units missing at least one month with the months they miss).

    With `today`, both count only the months that can be missing (`counted_period`); without it,
    every month of `period`.
    """
    if today is not None:
        part = counted_period(con, period, today)
        if part is None:
            return len(units_frame(con, period, group)), _NO_UNITS.copy()
        period = part
    active = len(units_frame(con, period, group))
    missing = missing_reports(con, period, group)
    by_unit = (missing.groupby(["unit_code", "unit_name"], as_index=False)["month"]
               .agg(lambda s: sorted(s)))
    return active, by_unit
