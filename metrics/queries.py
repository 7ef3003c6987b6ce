"""Named SQL over the fact tables: period totals at the level a caller asks for.

Every figure of the product is built from `family_totals`: for a period it sums
each *flow* column over the months, takes each *stock* column (in progress,
overdue) at the last reported month of the period and the carried-over count at
the first, per unit and field series, then adds the series up to the requested
level. Indicators are linear in these columns, so Σ numerator / Σ denominator
follows by construction and no mean of rates is ever taken.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

import duckdb
import pandas as pd

from metrics.indicators import (
    FAMILY_COLUMNS,
    FAMILY_TABLES,
    OPENING_COLUMNS,
    STOCK_COLUMNS,
    Family,
)
from metrics.periods import Period
from metrics.units import UnitGroup


class By(str, Enum):
    """The level figures are added up to."""

    CITY = "city"
    UNIT = "unit"
    FIELD = "field"
    UNIT_FIELD = "unit_field"
    MONTH = "month"            # each month its own period (trend lines)
    UNIT_MONTH = "unit_month"  # each unit-month its own period (heatmaps)


_KEYS = {
    By.CITY: [],
    By.UNIT: ["unit_code"],
    By.FIELD: ["field_code"],
    By.UNIT_FIELD: ["unit_code", "field_code"],
    By.MONTH: ["month"],
    By.UNIT_MONTH: ["unit_code", "month"],
}


def _series_aggregate(column: str) -> str:
    if column in STOCK_COLUMNS:
        return f"arg_max({column}, month) AS {column}"
    if column in OPENING_COLUMNS:
        return f"arg_min({column}, month) AS {column}"
    return f"sum({column}) AS {column}"


# The filtered, current facts of active units in a group. Parameters:
# first month, last month, unit types, period end date, period start date,
# field code (or NULL), unit code (or NULL).
_FILTERED = """
    SELECT f.*
    FROM {table} f JOIN units u ON u.code = f.unit_code
    WHERE f.is_current
      AND f.month BETWEEN ? AND ?
      AND list_contains(?, u.unit_type)
      AND u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to >= ?)
      {field_filter}
      AND (?::VARCHAR IS NULL OR f.unit_code = ?)
"""


def family_totals(
    con: duckdb.DuckDBPyConnection,
    family: Family,
    period: Period,
    by: By = By.UNIT,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    unit: str | None = None,
) -> pd.DataFrame:
    """Period totals of every column of `family`, one row per key of `by`.

    Keys with no current facts are absent (they are "no data", not zero).
    Documents and tasks have no field: asking them for a field gives nothing.
    """
    columns = FAMILY_COLUMNS[family]
    has_field = family is Family.DOSSIERS
    if not has_field and (field is not None or by in (By.FIELD, By.UNIT_FIELD)):
        return pd.DataFrame(columns=[*_KEYS[by], *columns])
    table = FAMILY_TABLES[family]
    field_filter = "AND f.field_code = ?" if field is not None else ""
    filtered = _FILTERED.format(table=table, field_filter=field_filter)
    params: list = [period.first, period.last, list(group.unit_types), period.end_date, period.first]
    if field is not None:
        params.append(field)
    params += [unit, unit]

    keys = _KEYS[by]
    series_keys = ["unit_code", "field_code"] if has_field else ["unit_code"]
    if by in (By.MONTH, By.UNIT_MONTH):
        series_keys = [*series_keys, "month"]  # every month stands alone
    series_cols = ", ".join(_series_aggregate(c) for c in columns)
    key_list = ", ".join(keys)
    sums = ", ".join(f"sum({c})::BIGINT AS {c}" for c in columns)
    sql = (
        f"WITH f AS ({filtered}), "
        f"s AS (SELECT {', '.join(series_keys)}, {series_cols} FROM f GROUP BY ALL) "
        f"SELECT {key_list + ', ' if keys else ''}{sums} FROM s "
        + (f"GROUP BY {key_list} ORDER BY {key_list}" if keys else "HAVING count(*) > 0")
    )
    return con.execute(sql, params).df()


def months_with_data(con: duckdb.DuckDBPyConnection, family: Family = Family.DOSSIERS) -> list[date]:
    rows = con.execute(
        f"SELECT DISTINCT month FROM {FAMILY_TABLES[family]} WHERE is_current ORDER BY month"
    ).fetchall()
    return [r[0] for r in rows]


def latest_month(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute("SELECT max(month) FROM dossier_facts WHERE is_current").fetchone()
    return row[0] if row else None


def units_frame(con: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup = UnitGroup.ALL) -> pd.DataFrame:
    """Units of `group` active at some point of `period`."""
    return con.execute(
        "SELECT code AS unit_code, name AS unit_name, unit_type FROM units"
        " WHERE list_contains(?, unit_type) AND valid_from <= ?"
        " AND (valid_to IS NULL OR valid_to >= ?) ORDER BY name",
        [list(group.unit_types), period.end_date, period.first],
    ).df()


def unit_month_presence(con: duckdb.DuckDBPyConnection, family: Family, period: Period,
                        group: UnitGroup = UnitGroup.ALL) -> pd.DataFrame:
    """(unit_code, month) pairs that have current facts in `period`."""
    return con.execute(
        f"SELECT DISTINCT f.unit_code, f.month FROM {FAMILY_TABLES[family]} f"
        " JOIN units u ON u.code = f.unit_code"
        " WHERE f.is_current AND f.month BETWEEN ? AND ? AND list_contains(?, u.unit_type)",
        [period.first, period.last, list(group.unit_types)],
    ).df()


def targets_frame(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    return con.execute(
        "SELECT indicator, unit_type, value FROM targets WHERE year = ?", [year]
    ).df()
