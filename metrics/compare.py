"""Two to four units side by side: each indicator's value and rank (in each unit's own group), and trends.

Values come from the ranking (`metrics.ranking.rank_units`), so a unit's figure and rank here are the
ones Xếp hạng shows: Σ numerator / Σ denominator over the period, never a mean of monthly rates.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from metrics.indicators import INDICATORS, get_indicator
from metrics.queries import By
from metrics.ranking import RankStatus, rank_units
from metrics.values import indicator_values
from vocab.periods import Period
from vocab.units import UnitGroup, group_of

MIN_UNITS, MAX_UNITS = 2, 4
COMPARE_COLUMNS = ["indicator", "is_rate", "unit_code", "unit_name", "numerator", "denominator", "value",
                   "rank", "of", "rank_change", "target", "band", "status"]
COMPARE_TREND_COLUMNS = ["month", "unit_code", "value"]


def parse_units(text: str | None, known: Sequence[str]) -> tuple[list[str], list[str]]:
    """URL `units=a,b` → (known codes in order without repeats, at most MAX_UNITS; codes not in `known`)."""
    wanted = [c.strip() for c in (text or "").split(",") if c.strip()]
    wanted = list(dict.fromkeys(wanted))
    good = [c for c in wanted if c in known][:MAX_UNITS]
    return good, [c for c in wanted if c not in known]


def compare_units(con: duckdb.DuckDBPyConnection, units: Sequence[str], period: Period,
                  indicators: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per indicator and unit (indicators in catalogue order, units in the order given).

    `rank` is within the unit's own group (a ward among wards), `of` the number ranked there;
    `rank_change` the previous period's rank minus this one. A unit absent from the ranking
    (not active in the period) has NaN values and status `no_data`. Columns: COMPARE_COLUMNS.
    """
    placeholders = ", ".join("?" for _ in units)
    known = dict(con.execute(f"SELECT code, unit_type FROM units WHERE code IN ({placeholders})",
                             list(units)).fetchall()) if units else {}
    rows = []
    for ind_id in indicators or [i.id for i in INDICATORS]:
        ind = get_indicator(ind_id)
        rankings: dict[UnitGroup, pd.DataFrame] = {}
        for code in units:
            group = group_of(known[code]) if code in known else UnitGroup.ALL
            if group not in rankings:
                rankings[group] = rank_units(con, ind, period, group)
            frame = rankings[group]
            ranked = int((frame["status"] == RankStatus.RANKED.value).sum())
            me = frame[frame["unit_code"] == code]
            row = me.iloc[0] if not me.empty else None

            def pick(column: str, row=row) -> object:
                return row[column] if row is not None else None

            rows.append({"indicator": ind.id, "is_rate": ind.is_rate, "unit_code": code,
                         "unit_name": pick("unit_name") or code, "numerator": pick("numerator"),
                         "denominator": pick("denominator"), "value": pick("value"), "rank": pick("rank"),
                         "of": ranked, "rank_change": pick("rank_change"), "target": pick("target"),
                         "band": pick("band"), "status": pick("status") or RankStatus.NO_DATA.value})
    frame = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    return frame.astype({"numerator": "float64", "denominator": "float64", "value": "float64",
                         "target": "float64", "rank": "Int64", "of": "Int64", "rank_change": "Int64"})


def compare_trends(con: duckdb.DuckDBPyConnection, indicator: str, units: Sequence[str],
                   window: Period) -> pd.DataFrame:
    """Each unit's value month by month over `window` (a row for every month; NaN = not reported).

    Columns: COMPARE_TREND_COLUMNS, units in the order given.
    """
    ind = get_indicator(indicator)
    months = window.month_list()
    parts = []
    for code in units:
        frame = indicator_values(con, ind, window, by=By.MONTH, unit=code)
        values = {pd.Timestamp(m): v for m, v in zip(frame["month"], frame["value"], strict=True)}
        parts.append(pd.DataFrame({"month": months, "unit_code": code,
                                   "value": [values.get(pd.Timestamp(m), float("nan")) for m in months]}))
    if not parts:
        return pd.DataFrame(columns=COMPARE_TREND_COLUMNS)
    return pd.concat(parts, ignore_index=True)[COMPARE_TREND_COLUMNS].astype({"value": "float64"})
