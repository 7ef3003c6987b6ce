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
from collections.abc import Iterator, Sequence
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
from vocab.periods import Period
from vocab.units import UnitGroup


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


def _monthly(by: By) -> bool:
    """Trend levels make every month its own period (its own period end for stocks)."""
    return by in (By.MONTH, By.UNIT_MONTH)


def column_total(column: str, monthly: bool = False) -> str:
    """Aggregate of one fact column over a period's rows (NULL = not reported, ignored by sum).

    Flows are summed over the months; a stock is taken at the period's last month only (a
    unit that did not report that month has no value, never an older month's); the
    carried-over count belongs to the period's first month.
    """
    if column in STOCK_COLUMNS and not monthly:
        return f"sum(CASE WHEN month = last_m THEN {column} END)"
    if column in OPENING_COLUMNS and not monthly:
        return f"sum(CASE WHEN month = first_m THEN {column} END)"
    return f"sum({column})"


def _reported(columns: list[str]) -> str:
    return " AND ".join(f"{c} IS NOT NULL" for c in columns) or "TRUE"


def indicator_parts(indicator: Indicator, monthly: bool = False) -> tuple[str, str | None, str]:
    """SQL for (numerator, denominator, reported rows) of an indicator over a period's rows.

    Numerator and denominator are summed over the rows where every column of the
    indicator's flow (resp. stock) part is reported, so a unit that sent the denominator
    but not the numerator adds nothing to either (a blank is never 0). An indicator with a
    stock part has no value when the period's last month was not reported.
    """
    flows = [c for c in indicator.columns if c not in STOCK_COLUMNS]
    stocks = [c for c in indicator.columns if c in STOCK_COLUMNS]

    def total(terms: tuple[str, ...]) -> str | None:
        pieces = []
        flow_terms = [t for t in terms if t not in STOCK_COLUMNS]
        stock_terms = [t for t in terms if t in STOCK_COLUMNS]
        if flow_terms:
            pieces.append(f"sum(CASE WHEN {_reported(flows)} THEN {' + '.join(flow_terms)} END)")
        if stock_terms:
            at_end = "" if monthly else "month = last_m AND "
            pieces.append(f"sum(CASE WHEN {at_end}{_reported(stocks)} THEN {' + '.join(stock_terms)} END)")
        return " + ".join(pieces) if pieces else None

    numerator = total(indicator.numerator_columns)
    denominator = total(indicator.denominator_columns) if indicator.is_rate else None
    reported = f"count(CASE WHEN {_reported(list(indicator.columns))} THEN 1 END)"
    return numerator, denominator, reported


def indicator_outputs(indicator: Indicator, monthly: bool = False, suffix: str = "") -> str:
    """Select list giving numerator, denominator, value (NULL for 0/0 or not reported), reported."""
    numerator, denominator, reported = indicator_parts(indicator, monthly)
    num = f"({numerator})::DOUBLE"
    if denominator is None:
        return (f"{num} AS numerator{suffix}, NULL::DOUBLE AS denominator{suffix}, {num} AS value{suffix}, "
                f"{reported} AS reported{suffix}")
    den = f"({denominator})::DOUBLE"
    return (f"{num} AS numerator{suffix}, {den} AS denominator{suffix}, "
            f"CASE WHEN {den} > 0 THEN {num} / {den} END AS value{suffix}, {reported} AS reported{suffix}")


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

    `outputs` is the select list over the period's fact rows (built with `column_total`
    or `indicator_outputs`; it may use `first_m` and `last_m`, the period's first and
    last month). Each period is its own scan, joined by UNION ALL, so periods may
    overlap. Parameters, per label in order: label, first month, last month (twice),
    unit types, period end date, period first month, then the field code if
    `with_field` and the unit code if `with_unit`. A unit's facts count only while the
    unit is valid in the period. With `unit_filter=False` the unit types and validity
    are not checked (and take no parameters): for callers that match the totals to
    their own list of units.
    """
    has_field = family is Family.DOSSIERS
    fact_cols = ", ".join(["f.unit_code", *(["f.field_code"] if has_field else []), "f.month",
                           *(f"f.{c}" for c in columns)])
    units_join = ("JOIN units u ON u.code = f.unit_code" if unit_filter else "")
    units_where = ("AND list_contains(?, u.unit_type)"
                   " AND u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to >= ?)" if unit_filter else "")
    branch = f"""
        SELECT ?::VARCHAR AS p, ?::DATE AS first_m, ?::DATE AS last_m, {fact_cols}
        FROM {FAMILY_TABLES[family]} f {units_join}
        WHERE f.is_current AND f.month BETWEEN first_m AND last_m {units_where}
          {"AND f.field_code = ?" if with_field else ""}
          {"AND f.unit_code = ?" if with_unit else ""}"""
    keys = ", ".join(["p", *_KEYS[by]])
    return (f"WITH f AS ({' UNION ALL '.join(branch for _ in labels)}) "
            f"SELECT {keys}, {outputs} FROM f GROUP BY {keys} ORDER BY {keys}")


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
    """Period totals of every column of `family`, one row per key of `by` (NULL = not reported).

    Keys with no current facts are absent (they are "no data", not zero).
    Documents and tasks have no field: asking them for a field gives nothing.
    """
    columns = list(FAMILY_COLUMNS[family])
    if family is not Family.DOSSIERS and (field is not None or by in (By.FIELD, By.UNIT_FIELD)):
        return pd.DataFrame(columns=[*_KEYS[by], *columns])
    outputs = ", ".join(f"({column_total(c, _monthly(by))})::BIGINT AS {c}" for c in columns)
    sql = period_totals_sql(family, ["cur"], outputs, by, field is not None, unit is not None, columns)
    frame = con.execute(sql, period_params({"cur": period}, group, field, unit)).df()
    return frame.drop(columns="p").astype({c: "Int64" for c in columns})


def select_totals(
    con: duckdb.DuckDBPyConnection,
    family: Family,
    periods: dict[str, Period],
    outputs: str,
    by: By = By.UNIT,
    group: UnitGroup | None = UnitGroup.ALL,
) -> pd.DataFrame:
    """Any select list (see `period_totals_sql`) over `family` for several periods at once."""
    columns = referenced_columns(family, outputs)
    sql = period_totals_sql(family, list(periods), outputs, by, False, False, columns,
                            unit_filter=group is not None)
    return con.execute(sql, period_params(periods, group, None, None)).df()


def indicator_totals(
    con: duckdb.DuckDBPyConnection,
    indicator: Indicator,
    periods: dict[str, Period],
    by: By = By.UNIT,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    unit: str | None = None,
) -> pd.DataFrame:
    """p (the label of `periods`), key columns, numerator, denominator, value, reported — in SQL.

    value = Σ numerator / Σ denominator over the rows where both are reported, NULL when
    the denominator is 0 or nothing was reported; `reported` counts the rows that carried
    the indicator's figures.
    """
    keys = _KEYS[by]
    if indicator.family is not Family.DOSSIERS and (field is not None or by in (By.FIELD, By.UNIT_FIELD)):
        return pd.DataFrame(columns=["p", *keys, "numerator", "denominator", "value", "reported"])
    columns = list(indicator.columns)
    sql = period_totals_sql(indicator.family, list(periods), indicator_outputs(indicator, _monthly(by)), by,
                            field is not None, unit is not None, columns)
    return con.execute(sql, period_params(periods, group, field, unit)).df()


def _as_float(values: np.ndarray) -> np.ndarray:
    """NULLs come back from `fetchnumpy` as masked entries: they are NaN ("no data"), never 0."""
    if np.ma.isMaskedArray(values):
        return values.astype("float64").filled(np.nan)
    return np.asarray(values, dtype="float64")


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
    numbers = ("numerator", "denominator", "value", "reported")
    if indicator.family is not Family.DOSSIERS and (field is not None or by in (By.FIELD, By.UNIT_FIELD)):
        return {c: np.array([], dtype="float64" if c in numbers else object) for c in ("p", *keys, *numbers)}
    columns = list(indicator.columns)
    sql = period_totals_sql(indicator.family, list(periods), indicator_outputs(indicator, _monthly(by)), by,
                            field is not None, False, columns, unit_filter=False)
    out = con.execute(sql, period_params(periods, None, field, None)).fetchnumpy()
    return {k: (_as_float(v) if k in numbers else np.asarray(v)) for k, v in out.items()}


def family_selects(indicators: Sequence[Indicator], monthly: bool = False
                   ) -> Iterator[tuple[Family, list[Indicator], list[str], str]]:
    """For reading many indicators in one query per family: (family, its indicators, the fact columns they
    read, their select list). Indicator i's outputs are suffixed `__i` (numerator__0, value__0 …)."""
    for family in Family:
        mine = [ind for ind in indicators if ind.family is family]
        if mine:
            yield (family, mine, sorted({c for ind in mine for c in ind.columns}),
                   ", ".join(indicator_outputs(ind, monthly, suffix=f"__{i}") for i, ind in enumerate(mine)))


def batched_totals_arrays(
    con: duckdb.DuckDBPyConnection,
    indicators: Sequence[Indicator],
    periods: dict[str, Period],
) -> dict[str, dict[str, np.ndarray]]:
    """`indicator_totals_arrays(con, ind, periods, By.UNIT)` of many indicators: {indicator id: arrays}.

    One query per family for all its indicators (the same select list, with a suffix per indicator),
    instead of one per indicator.
    """
    numbers = ("numerator", "denominator", "value", "reported")
    out: dict[str, dict[str, np.ndarray]] = {}
    for family, mine, columns, outputs in family_selects(indicators):
        sql = period_totals_sql(family, list(periods), outputs, By.UNIT, False, False, columns, unit_filter=False)
        raw = con.execute(sql, period_params(periods, None, None, None)).fetchnumpy()
        for i, ind in enumerate(mine):
            out[ind.id] = {"p": np.asarray(raw["p"]), "unit_code": np.asarray(raw["unit_code"]),
                           **{n: _as_float(raw[f"{n}__{i}"]) for n in numbers}}
    return out


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


# `uploaded_by` of demo batches (data.demo writes the first; the second is the older marker).
DEMO_UPLOADERS = ("demo:generator", "demo")


def is_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    """The database says it is a demo AND active demo batches are in it (banner, source lines)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    if not (row and row[0] == "true"):
        return False
    return con.execute("SELECT count(*) FROM upload_batches WHERE status = 'active' AND list_contains(?, uploaded_by)",
                       [list(DEMO_UPLOADERS)]).fetchone()[0] > 0


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
