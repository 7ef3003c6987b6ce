"""One unit's profile: its indicators beside its group and the city, its ranks and trends, its late fields,
its overdue dossiers beside its group's, its evaluations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from metrics.evaluation import evaluate_units
from metrics.indicators import INDICATORS, Family, get_indicator
from metrics.queries import By, family_totals
from metrics.ranking import RankStatus, rank_units
from metrics.targets import band_of, target_for, targets_of
from metrics.units import list_fields
from metrics.values import NO_VALUE, IndicatorValue, city_values, indicator_values, single_value, values_of
from vocab.periods import Period
from vocab.units import UnitGroup, group_of

UNIT_INDICATOR_COLUMNS = ["indicator", "is_rate", "unit", "group", "city", "target", "band"]
FIELD_LATENESS_COLUMNS = ["field_code", "field_name", "resolved_late", "pending_overdue", "resolved_total"]
EVALUATION_HISTORY_COLUMNS = ["period", "month", "score", "level", "capped"]


def unit_indicators(con: duckdb.DuckDBPyConnection, unit: str, unit_type: str, period: Period,
                    group_values: Mapping[str, IndicatorValue] | None = None,
                    city: Mapping[str, IndicatorValue] | None = None) -> pd.DataFrame:
    """Every indicator for one unit beside its group (`group_of(unit_type)`) and the city.

    The target is the unit type's own (else the general one) and the band is the unit's
    value against it. Columns: UNIT_INDICATOR_COLUMNS (values None = not reported).
    `group_values` and `city` are `city_values` of the unit's group and of the city when the
    caller already has them (they are the same for every unit of a group: the page shares them).
    """
    group = group_of(unit_type)
    if group_values is None:
        group_values = city_values(con, period, group)
    if city is None:
        city = city_values(con, period)
    own = values_of(con, {"cur": period}, UnitGroup.ALL, unit=unit)["cur"]   # one query per family
    targets = targets_of(con, period.last.year, unit_type)
    rows = []
    for ind in INDICATORS:
        mine = own[ind.id].value
        target = targets.get(ind.id)
        rows.append({
            "indicator": ind.id, "is_rate": ind.is_rate, "unit": mine,
            "group": group_values.get(ind.id, NO_VALUE).value,
            "city": city.get(ind.id, NO_VALUE).value,
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
    return history_of(unit, [(p, evaluate_units(con, p, group, with_previous=False)) for p in periods])


def history_of(unit: str, evaluated: Sequence[tuple[Period, pd.DataFrame]]) -> pd.DataFrame:
    """`evaluation_history` from the group's evaluations already made, one (period, frame) per period.

    The group's evaluation of a period is the same for every unit of the group, so a cache can keep
    it once (`ui.cached.quarter_evaluations`) and each unit's history picks its own rows.
    """
    rows = []
    for p, frame in evaluated:
        me = frame[frame["unit_code"] == unit]
        if not me.empty:
            row = me.iloc[0]
            rows.append({"period": str(p), "month": p.last, "score": row["score"], "level": row["level"],
                         "capped": bool(row["capped"])})
    return pd.DataFrame(rows, columns=EVALUATION_HISTORY_COLUMNS)


# --- rank, trend and overdue of one unit (issue 12, point 6) -------------------------------

UNIT_RANK_COLUMNS = ["indicator", "is_rate", "value", "rank", "of", "prev_rank", "rank_change", "status"]
UNIT_TREND_COLUMNS = ["month", "unit", "group", "target"]


def unit_ranks(con: duckdb.DuckDBPyConnection, unit: str, unit_type: str, period: Period,
               indicators: Sequence[str] | None = None, compare_to: Period | None = None) -> pd.DataFrame:
    """The unit's rank in its own group (`group_of(unit_type)`) for each indicator, and its change.

    `rank` is the competition rank ("hạng 3/23": rank 3, `of` 23 ranked units); `rank_change` is the
    rank in `compare_to` (default: the previous period; a partial period passes the same months
    before, `metrics.completeness.period_comparison`) minus this one (positive = moved up), NA when the unit was not ranked in
    one of the two. An indicator where the unit is not ranked keeps its `status` (too few, no data …).
    Columns: UNIT_RANK_COLUMNS.
    """
    group = group_of(unit_type)
    return ranks_of(unit, [(ind_id, rank_units(con, ind_id, period, group, compare_to=compare_to))
                           for ind_id in indicators or [i.id for i in INDICATORS]])


def ranks_of(unit: str, rankings: Sequence[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """`unit_ranks` from its group's rankings already made, one (indicator id, `rank_units` frame) each.

    A group's ranking is the same for every unit of the group, so a cache keeps it once (the one
    Xếp hạng reads, `ui.cached.ranking_frame`) and each unit's page picks its own rows.
    """
    rows = []
    for ind_id, frame in rankings:
        ind = get_indicator(ind_id)
        ranked = int((frame["status"] == RankStatus.RANKED.value).sum())
        me = frame[frame["unit_code"] == unit]
        if me.empty:
            rows.append({"indicator": ind.id, "is_rate": ind.is_rate, "value": None, "rank": pd.NA, "of": ranked,
                         "prev_rank": pd.NA, "rank_change": pd.NA, "status": RankStatus.NO_DATA.value})
            continue
        row = me.iloc[0]
        rows.append({"indicator": ind.id, "is_rate": ind.is_rate,
                     "value": None if pd.isna(row["value"]) else float(row["value"]),
                     "rank": row["rank"], "of": ranked, "prev_rank": row["prev_rank"],
                     "rank_change": row["rank_change"], "status": row["status"]})
    frame = pd.DataFrame(rows, columns=UNIT_RANK_COLUMNS)
    return frame.astype({"rank": "Int64", "of": "Int64", "prev_rank": "Int64", "rank_change": "Int64",
                         "value": "float64"})


def unit_trend(con: duckdb.DuckDBPyConnection, indicator: str, unit: str, unit_type: str,
               window: Period) -> pd.DataFrame:
    """Month by month over `window`: the unit's own value, its group's (Σ/Σ) and the target of that month's year.

    Every month of the window has a row; a month not reported is NaN ("no data"), never 0.
    Columns: UNIT_TREND_COLUMNS (`month` a date, the first of the month).
    """
    ind = get_indicator(indicator)
    mine = indicator_values(con, ind, window, by=By.MONTH, unit=unit)
    group = indicator_values(con, ind, window, by=By.MONTH, group=group_of(unit_type))
    by_month = {pd.Timestamp(m): v for m, v in zip(mine["month"], mine["value"], strict=True)}
    group_by_month = {pd.Timestamp(m): v for m, v in zip(group["month"], group["value"], strict=True)}
    years = {m.year: target_for(con, ind, m.year, unit_type) for m in window.month_list()}
    months = window.month_list()
    return pd.DataFrame({
        "month": months,
        "unit": [by_month.get(pd.Timestamp(m), float("nan")) for m in months],
        "group": [group_by_month.get(pd.Timestamp(m), float("nan")) for m in months],
        "target": [years[m.year] if years[m.year] is not None else float("nan") for m in months],
    }, columns=UNIT_TREND_COLUMNS).astype({"unit": "float64", "group": "float64", "target": "float64"})


OVERDUE_INDICATOR = "overdue_share"  # in progress and overdue / all in progress, at the period's end


@dataclass(frozen=True)
class OverduePer100:
    """Dossiers in progress and overdue per 100 in progress: the unit's and its group's.

    The group's figure is Σ overdue / Σ in progress over the group's units (×100), never a mean of
    the units' own figures; a side with nothing in progress (or not reported) is None ("no data").
    """

    unit_overdue: float | None
    unit_in_progress: float | None
    group_overdue: float | None
    group_in_progress: float | None

    @staticmethod
    def _per_100(overdue: float | None, total: float | None) -> float | None:
        return None if overdue is None or not total else overdue / total * 100

    @property
    def unit(self) -> float | None:
        return self._per_100(self.unit_overdue, self.unit_in_progress)

    @property
    def group(self) -> float | None:
        return self._per_100(self.group_overdue, self.group_in_progress)


def overdue_per_100(con: duckdb.DuckDBPyConnection, unit: str, unit_type: str, period: Period) -> OverduePer100:
    """The unit's overdue dossiers per 100 in progress beside its group's (`group_of(unit_type)`)."""
    ind = get_indicator(OVERDUE_INDICATOR)
    mine = single_value(con, ind, period, UnitGroup.ALL, None, unit)
    group = single_value(con, ind, period, group_of(unit_type))
    return OverduePer100(mine.numerator, mine.denominator, group.numerator, group.denominator)


def find_unit(con: duckdb.DuckDBPyConnection, code: str) -> tuple[str, str] | None:
    """(name, unit_type) of the unit with `code`, whatever its validity; None when no unit has it."""
    row = con.execute("SELECT name, unit_type FROM units WHERE code = ?", [code]).fetchone()
    return (row[0], row[1]) if row else None
