"""Ranking units within a peer group, with ties, a minimum volume and change.

A ranking lists every unit of the group active in the period, in this order:
ranked units best to worst, then units below the minimum volume ("too few
dossiers": a rate of 2 of 2 = 100 % says nothing), then units with no data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import Indicator, get_indicator
from metrics.periods import Period
from metrics.queries import By, family_totals, units_frame
from metrics.targets import attach_targets
from metrics.units import UnitGroup
from metrics.values import apply_indicator

DEFAULT_MIN_VOLUME = 10


class RankStatus(str, Enum):
    RANKED = "ranked"
    TOO_FEW = "too_few"
    NO_DATA = "no_data"


RANKING_COLUMNS = [
    "rank", "unit_code", "unit_name", "unit_type", "status", "numerator", "denominator", "value",
    "target", "band", "prev_value", "change", "prev_rank", "rank_change",
]


@dataclass(frozen=True)
class RankingRequest:
    indicator: Indicator
    period: Period
    group: UnitGroup = UnitGroup.ALL
    field: str | None = None
    min_volume: int = DEFAULT_MIN_VOLUME


def competition_ranks(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """Standard competition ranking: ties share a rank and the next is skipped (1, 2, 2, 4)."""
    # Rates such as 1/3 and 2/6 must tie: compare on a rounded value.
    rounded = values.round(12)
    return rounded.rank(method="min", ascending=not higher_is_better).astype("Int64")


def _ranked_frame(con: duckdb.DuckDBPyConnection, req: RankingRequest, period: Period) -> pd.DataFrame:
    units = units_frame(con, period, req.group)
    totals = family_totals(con, req.indicator.family, period, by=By.UNIT, group=req.group, field=req.field)
    values = apply_indicator(totals, req.indicator)[["unit_code", "numerator", "denominator", "value"]]
    frame = units.merge(values, on="unit_code", how="left")
    if req.indicator.is_rate:
        too_few = frame["denominator"].fillna(0) < req.min_volume
    else:
        too_few = pd.Series(False, index=frame.index)
    status = np.where(frame["value"].isna(), RankStatus.NO_DATA.value,
                      np.where(too_few, RankStatus.TOO_FEW.value, RankStatus.RANKED.value))
    frame["status"] = status
    ranked = frame["status"] == RankStatus.RANKED.value
    frame["rank"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    frame.loc[ranked, "rank"] = competition_ranks(frame.loc[ranked, "value"], req.indicator.higher_is_better)
    return frame


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

    `change` is the value minus the earlier value; `rank_change` is earlier rank
    minus rank, so a positive number means the unit moved up.
    """
    req = RankingRequest(get_indicator(indicator), period, group, field, min_volume)
    current = _ranked_frame(con, req, period)
    before = _ranked_frame(con, req, compare_to or period.previous())
    current = current.merge(
        before[["unit_code", "value", "rank"]].rename(columns={"value": "prev_value", "rank": "prev_rank"}),
        on="unit_code", how="left",
    )
    current["change"] = current["value"] - current["prev_value"]
    current["rank_change"] = (current["prev_rank"] - current["rank"]).astype("Int64")
    current = attach_targets(con, current, req.indicator, period.last.year)
    order = current["status"].map({RankStatus.RANKED.value: 0, RankStatus.TOO_FEW.value: 1,
                                   RankStatus.NO_DATA.value: 2})
    sort_value = current["value"] if not req.indicator.higher_is_better else -current["value"]
    current = current.assign(_o=order, _v=sort_value.fillna(0), _r=current["rank"].fillna(10**9))
    current = current.sort_values(["_o", "_r", "_v", "unit_name"], kind="stable")
    return current[RANKING_COLUMNS].reset_index(drop=True)


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
        frame = _ranked_frame(con, RankingRequest(ind, p, group, None, min_volume), p)
        ranked_count = int((frame["status"] == RankStatus.RANKED.value).sum())
        me = frame[frame["unit_code"] == unit]
        if me.empty:
            continue
        r = me.iloc[0]
        rows.append({"period": str(p), "month": p.last, "rank": r["rank"], "of": ranked_count,
                     "value": r["value"], "status": r["status"]})
    return pd.DataFrame(rows, columns=["period", "month", "rank", "of", "value", "status"])
