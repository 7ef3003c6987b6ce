"""Ranking units within a peer group, with ties, a minimum volume and change.

A ranking lists every unit of the group active in the period, in this order:
ranked units best to worst, then units below the minimum volume ("too few
dossiers": a rate of 2 of 2 = 100 % says nothing), then units with no data.
"""

from __future__ import annotations

from enum import Enum

import duckdb
import pandas as pd

from metrics.indicators import Family, Indicator, get_indicator
from metrics.periods import Period
from metrics.queries import By, indicator_outputs, period_params, period_totals_sql, referenced_columns
from metrics.targets import bands
from metrics.units import UnitGroup

DEFAULT_MIN_VOLUME = 10


class RankStatus(str, Enum):
    RANKED = "ranked"
    TOO_FEW = "too_few"
    NO_DATA = "no_data"


RANKING_COLUMNS = [
    "rank", "unit_code", "unit_name", "unit_type", "status", "numerator", "denominator", "value",
    "target", "band", "prev_value", "change", "prev_rank", "rank_change",
]


def competition_ranks(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """Standard competition ranking: ties share a rank and the next is skipped (1, 2, 2, 4)."""
    # Rates such as 1/3 and 2/6 must tie: compare on a rounded value.
    rounded = values.round(12)
    return rounded.rank(method="min", ascending=not higher_is_better).astype("Int64")


_RANKING_SQL = """
WITH t AS ({totals}),
per AS ({periods}),
r AS (
    SELECT per.p, u.code AS unit_code, u.name AS unit_name, u.unit_type,
           t.numerator, t.denominator, t.value,
           CASE WHEN t.value IS NULL THEN 'no_data'
                WHEN {is_rate} AND coalesce(t.denominator, 0) < ? THEN 'too_few'
                ELSE 'ranked' END AS status
    FROM units u
    JOIN per ON u.valid_from <= per.pend AND (u.valid_to IS NULL OR u.valid_to >= per.pfirst)
    LEFT JOIN t ON t.unit_code = u.code AND t.p = per.p
    WHERE list_contains(?, u.unit_type)
),
k AS (
    SELECT *, CASE WHEN status = 'ranked' THEN
                   rank() OVER (PARTITION BY p, status = 'ranked' ORDER BY round(value, 12) {direction})
              END AS rank
    FROM r
),
tg AS (
    SELECT unit_type, value FROM targets WHERE indicator = ? AND year = ?
)
SELECT c.rank::BIGINT AS rank, c.unit_code, c.unit_name, c.unit_type, c.status,
       c.numerator, c.denominator, c.value,
       coalesce(ts.value, tg_all.value) AS target,
       b.value AS prev_value, c.value - b.value AS change,
       b.rank::BIGINT AS prev_rank, (b.rank - c.rank)::BIGINT AS rank_change
FROM k c
LEFT JOIN k b ON b.unit_code = c.unit_code AND b.p = 'prev'
LEFT JOIN tg ts ON ts.unit_type = c.unit_type
LEFT JOIN tg tg_all ON tg_all.unit_type = '*'
WHERE c.p = 'cur'
ORDER BY CASE c.status WHEN 'ranked' THEN 0 WHEN 'too_few' THEN 1 ELSE 2 END,
         c.rank NULLS LAST, c.value {direction} NULLS LAST, c.unit_name
"""


def _ranking_query(indicator: Indicator, periods: dict[str, Period], group: UnitGroup, field: str | None,
                   min_volume: int, target_year: int, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    if indicator.family is not Family.DOSSIERS and field is not None:
        # documents and tasks have no field: every unit is "no data" for a field
        totals, totals_params = ("SELECT NULL::VARCHAR AS p, NULL::VARCHAR AS unit_code, NULL::DOUBLE AS numerator,"
                                 " NULL::DOUBLE AS denominator, NULL::DOUBLE AS value WHERE false"), []
    else:
        columns = referenced_columns(indicator.family, indicator.numerator, indicator.denominator)
        totals = period_totals_sql(indicator.family, list(periods), indicator_outputs(indicator), By.UNIT,
                                   field is not None, False, columns)
        totals_params = period_params(periods, group, field, None)
    per = " UNION ALL ".join("SELECT ?::VARCHAR AS p, ?::DATE AS pfirst, ?::DATE AS pend" for _ in periods)
    per_params = [x for label, p in periods.items() for x in (label, p.first, p.end_date)]
    sql = _RANKING_SQL.format(totals=totals, periods=per, is_rate="true" if indicator.is_rate else "false",
                              direction="DESC" if indicator.higher_is_better else "ASC")
    params = [*totals_params, *per_params, min_volume, list(group.unit_types), indicator.id, target_year]
    return con.execute(sql, params).df()


def rank_units(
    con: duckdb.DuckDBPyConnection,
    indicator: str | Indicator,
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    min_volume: int = DEFAULT_MIN_VOLUME,
    compare_to: Period | None = None,
) -> pd.DataFrame:
    """The ranking of `group` for `period`, compared with `compare_to` (default: previous period).

    One SQL query computes both periods, the competition ranks (1, 2, 2, 4) and
    the targets. `change` is the value minus the earlier value; `rank_change` is
    earlier rank minus rank, so a positive number means the unit moved up.
    """
    ind = get_indicator(indicator)
    periods = {"cur": period, "prev": compare_to or period.previous()}
    frame = _ranking_query(ind, periods, group, field, min_volume, period.last.year, con)
    frame = frame.astype({"rank": "Int64", "prev_rank": "Int64", "rank_change": "Int64"})
    for col in ("numerator", "denominator", "value", "target", "prev_value", "change"):
        frame[col] = frame[col].astype("float64")
    frame["band"] = bands(frame["value"], frame["target"], ind)
    return frame[RANKING_COLUMNS]


def rank_history(
    con: duckdb.DuckDBPyConnection,
    indicator: str | Indicator,
    unit: str,
    periods: list[Period],
    group: UnitGroup,
    min_volume: int = DEFAULT_MIN_VOLUME,
) -> pd.DataFrame:
    """A unit's rank and value in its group for each period (for the unit profile)."""
    ind = get_indicator(indicator)
    rows = []
    for p in periods:
        frame = _ranking_query(ind, {"cur": p, "prev": p.previous()}, group, None, min_volume, p.last.year, con)
        ranked_count = int((frame["status"] == RankStatus.RANKED.value).sum())
        me = frame[frame["unit_code"] == unit]
        if me.empty:
            continue
        r = me.iloc[0]
        rows.append({"period": str(p), "month": p.last, "rank": r["rank"], "of": ranked_count,
                     "value": r["value"], "status": r["status"]})
    return pd.DataFrame(rows, columns=["period", "month", "rank", "of", "value", "status"])
