"""One unit's profile: its indicators beside its group and the city, its late fields, its evaluations."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from metrics.evaluation import evaluate_units
from metrics.indicators import INDICATORS, Family
from metrics.queries import By, family_totals
from metrics.targets import band_of, target_for
from metrics.units import list_fields
from metrics.values import single_value
from vocab.periods import Period
from vocab.units import UnitGroup, group_of

UNIT_INDICATOR_COLUMNS = ["indicator", "is_rate", "unit", "group", "city", "target", "band"]
FIELD_LATENESS_COLUMNS = ["field_code", "field_name", "resolved_late", "pending_overdue", "resolved_total"]
EVALUATION_HISTORY_COLUMNS = ["period", "month", "score", "level", "capped"]


def unit_indicators(con: duckdb.DuckDBPyConnection, unit: str, unit_type: str, period: Period) -> pd.DataFrame:
    """Every indicator for one unit beside its group (`group_of(unit_type)`) and the city.

    The target is the unit type's own (else the general one) and the band is the unit's
    value against it. Columns: UNIT_INDICATOR_COLUMNS (values None = not reported).
    """
    group = group_of(unit_type)
    rows = []
    for ind in INDICATORS:
        mine = single_value(con, ind, period, UnitGroup.ALL, None, unit).value
        target = target_for(con, ind, period.last.year, unit_type)
        rows.append({
            "indicator": ind.id, "is_rate": ind.is_rate, "unit": mine,
            "group": single_value(con, ind, period, group).value,
            "city": single_value(con, ind, period, UnitGroup.ALL).value,
            "target": target, "band": band_of(mine, target, ind).value,
        })
    return pd.DataFrame(rows, columns=UNIT_INDICATOR_COLUMNS)


def field_lateness(con: duckdb.DuckDBPyConnection, unit: str, period: Period) -> pd.DataFrame:
    """Late dossiers of one unit by field: FIELD_LATENESS_COLUMNS, one row per field it reported."""
    frame = family_totals(con, Family.DOSSIERS, period, by=By.FIELD, unit=unit)
    names = {f.code: f.name for f in list_fields(con, include_inactive=True)}
    frame = frame.assign(field_name=[names.get(c, c) for c in frame["field_code"]])
    return frame[FIELD_LATENESS_COLUMNS].reset_index(drop=True)


def late_fields(lateness: pd.DataFrame) -> pd.DataFrame:
    """The rows of `field_lateness` with at least one dossier resolved late or pending overdue."""
    late = lateness["resolved_late"].fillna(0) + lateness["pending_overdue"].fillna(0)
    return lateness[late > 0]


def evaluation_history(con: duckdb.DuckDBPyConnection, unit: str, periods: Sequence[Period],
                       group: UnitGroup) -> pd.DataFrame:
    """Score, level and cap of one unit, evaluated within `group`, for each period where it was evaluated.

    Columns: EVALUATION_HISTORY_COLUMNS (`period` is the period's text, `month` its last month).
    """
    rows = []
    for p in periods:
        frame = evaluate_units(con, p, group, with_previous=False)
        me = frame[frame["unit_code"] == unit]
        if not me.empty:
            row = me.iloc[0]
            rows.append({"period": str(p), "month": p.last, "score": row["score"], "level": row["level"],
                         "capped": bool(row["capped"])})
    return pd.DataFrame(rows, columns=EVALUATION_HISTORY_COLUMNS)
