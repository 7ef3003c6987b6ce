"""Reporting completeness: which active units sent nothing for a month."""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics.indicators import Family
from metrics.queries import unit_month_presence, units_frame
from vocab.periods import Period
from vocab.units import UnitGroup


def missing_reports(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    family: Family = Family.DOSSIERS,
) -> pd.DataFrame:
    """One row per (unit, month) of `period` where an active unit has no current facts.

    Columns: unit_code, unit_name, unit_type, month. A unit counts as active in a
    month when its validity covers any day of that month.
    """
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


def completeness_summary(con: duckdb.DuckDBPyConnection, period: Period,
                         group: UnitGroup = UnitGroup.ALL) -> tuple[int, pd.DataFrame]:
    """(number of active units, units missing at least one month with the months they miss)."""
    active = len(units_frame(con, period, group))
    missing = missing_reports(con, period, group)
    by_unit = (missing.groupby(["unit_code", "unit_name"], as_index=False)["month"]
               .agg(lambda s: sorted(s)))
    return active, by_unit
