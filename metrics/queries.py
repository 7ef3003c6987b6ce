"""Named SQL over the fact tables: period totals at the level a caller asks for.

Every figure of the product is built from `family_totals`: for a period it sums
each *flow* column over the months, takes each *stock* column (in progress,
overdue) at the last reported month of the period and the carried-over count at
the first, per unit and field series, then adds the series up to the requested
level. Indicators are linear in these columns, so Σ numerator / Σ denominator
follows by construction and no mean of rates is ever taken.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import (
    FAMILY_COLUMNS,
    FAMILY_TABLES,
    OPENING_COLUMNS,
    STOCK_COLUMNS,
    Family,
    Indicator,
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


def referenced_columns(family: Family, *expressions: str | None) -> list[str]:
    words = set(re.findall(r"[a-z_]+", " ".join(e for e in expressions if e)))
    return [c for c in FAMILY_COLUMNS[family] if c in words]


def period_totals_sql(
    family: Family,
    labels: list[str],
    outputs: str,
    by: By,
    with_field: bool,
    with_unit: bool,
    columns: list[str],
    unit_filter: bool = True,
) -> str:
    """SQL for period totals of several periods at once (one row per label and key).

    `outputs` is the select list over the per-series rows (e.g.
    `sum(resolved_total) AS denominator`). Each period is its own scan, joined by
    UNION ALL, so periods may overlap. Parameters, per label in order: label,
    first month, last month, unit types, period end date, period first month,
    then the field code if `with_field` and the unit code if `with_unit`.
    A unit's facts count only while the unit is valid in the period. With
    `unit_filter=False` the unit types and validity are not checked (and take no
    parameters): for callers that match the totals to their own list of units.
    """
    has_field = family is Family.DOSSIERS
    fact_cols = ", ".join(["f.unit_code", *(["f.field_code"] if has_field else []), "f.month",
                           *(f"f.{c}" for c in columns)])
    units_join = ("JOIN units u ON u.code = f.unit_code" if unit_filter else "")
    units_where = ("AND list_contains(?, u.unit_type)"
                   " AND u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to >= ?)" if unit_filter else "")
    branch = f"""
        SELECT ?::VARCHAR AS p, {fact_cols}
        FROM {FAMILY_TABLES[family]} f {units_join}
        WHERE f.is_current AND f.month BETWEEN ? AND ? {units_where}
          {"AND f.field_code = ?" if with_field else ""}
          {"AND f.unit_code = ?" if with_unit else ""}"""
    keys = ", ".join(["p", *_KEYS[by]])
    if STOCK_COLUMNS.isdisjoint(columns) and OPENING_COLUMNS.isdisjoint(columns):
        # Flows only: summing the rows directly equals summing per series first.
        series = "f"
    else:
        series_keys = ["p", "unit_code", *(["field_code"] if has_field else [])]
        if by in (By.MONTH, By.UNIT_MONTH):
            series_keys.append("month")  # every month stands alone
        series_cols = ", ".join(_series_aggregate(c) for c in columns)
        series = f"(SELECT {', '.join(series_keys)}, {series_cols} FROM f GROUP BY {', '.join(series_keys)})"
    return (f"WITH f AS ({' UNION ALL '.join(branch for _ in labels)}) "
            f"SELECT {keys}, {outputs} FROM {series} GROUP BY {keys} ORDER BY {keys}")


def indicator_outputs(indicator: Indicator) -> str:
    """Select list giving numerator, denominator and value (NULL when the denominator is 0)."""
    num = f"sum({indicator.numerator})::DOUBLE"
    if not indicator.is_rate:
        return f"{num} AS numerator, NULL::DOUBLE AS denominator, {num} AS value"
    den = f"sum({indicator.denominator})::DOUBLE"
    return f"{num} AS numerator, {den} AS denominator, CASE WHEN {den} > 0 THEN {num} / {den} END AS value"


def period_params(periods: dict[str, Period], group: UnitGroup | None, field: str | None,
                  unit: str | None) -> list:
    """Parameters for `period_totals_sql`; `group=None` when it was built without the unit filter."""
    params: list = []
    for label, period in periods.items():
        params += [label, period.first, period.last]
        if group is not None:
            params += [list(group.unit_types), period.end_date, period.first]
        if field is not None:
            params.append(field)
        if unit is not None:
            params.append(unit)
    return params


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
    columns = list(FAMILY_COLUMNS[family])
    if family is not Family.DOSSIERS and (field is not None or by in (By.FIELD, By.UNIT_FIELD)):
        return pd.DataFrame(columns=[*_KEYS[by], *columns])
    outputs = ", ".join(f"sum({c})::BIGINT AS {c}" for c in columns)
    sql = period_totals_sql(family, ["cur"], outputs, by, field is not None, unit is not None, columns)
    frame = con.execute(sql, period_params({"cur": period}, group, field, unit)).df()
    return frame.drop(columns="p")


def indicator_totals(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    periods: dict[str, Period],
    by: By = By.UNIT,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    unit: str | None = None,
) -> pd.DataFrame:
    """p (the label of `periods`), key columns, numerator, denominator, value — computed in SQL.

    value = Σ numerator / Σ denominator, NULL when the denominator is 0.
    """
    keys = _KEYS[by]
    if indicator.family is not Family.DOSSIERS and (field is not None or by in (By.FIELD, By.UNIT_FIELD)):
        return pd.DataFrame(columns=["p", *keys, "numerator", "denominator", "value"])
    columns = referenced_columns(indicator.family, indicator.numerator, indicator.denominator)
    sql = period_totals_sql(indicator.family, list(periods), indicator_outputs(indicator), by,
                            field is not None, unit is not None, columns)
    return con.execute(sql, period_params(periods, group, field, unit)).df()


def indicator_totals_arrays(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    periods: dict[str, Period],
    by: By = By.UNIT,
    field: str | None = None,
) -> dict[str, np.ndarray]:
    """Totals of every unit with facts, as NumPy arrays, for rankings (where DataFrame overhead dominates).

    Unlike `indicator_totals`, units are not filtered by group or validity: the
    caller matches the totals to the units it ranks.
    """
    keys = _KEYS[by]
    if indicator.family is not Family.DOSSIERS and (field is not None or by in (By.FIELD, By.UNIT_FIELD)):
        return {c: np.array([], dtype=object if c in ("p", *keys) else "float64")
                for c in ("p", *keys, "numerator", "denominator", "value")}
    columns = referenced_columns(indicator.family, indicator.numerator, indicator.denominator)
    sql = period_totals_sql(indicator.family, list(periods), indicator_outputs(indicator), by,
                            field is not None, False, columns, unit_filter=False)
    out = con.execute(sql, period_params(periods, None, field, None)).fetchnumpy()
    return {k: (np.asarray(v, dtype="float64") if k in ("numerator", "denominator", "value") else np.asarray(v))
            for k, v in out.items()}


def months_with_data(con: duckdb.DuckDBPyConnection, family: Family = Family.DOSSIERS) -> list[date]:
    rows = con.execute(
        f"SELECT DISTINCT month FROM {FAMILY_TABLES[family]} WHERE is_current ORDER BY month"
    ).fetchall()
    return [r[0] for r in rows]


def latest_month(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute("SELECT max(month) FROM dossier_facts WHERE is_current").fetchone()
    return row[0] if row else None


def last_upload_at(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the newest active batch was uploaded ("dữ liệu cập nhật …")."""
    row = con.execute("SELECT max(uploaded_at) FROM upload_batches WHERE status = 'active'").fetchone()
    return row[0] if row else None


def is_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return bool(row and row[0] == "true")


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
