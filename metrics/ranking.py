"""Ranking units within a peer group, with ties, a minimum volume and change.

A ranking lists every unit of the group active in the period, in this order:
ranked units best to worst, then units below the minimum volume ("too few
dossiers": a rate of 2 of 2 = 100 % says nothing), then units that did not exist
for the whole period (a ward closed on 31/05 is not ranked for Q2; listed with
its validity), then units with no data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import Family, Indicator, get_indicator
from metrics.queries import By, batched_totals_arrays, indicator_totals_arrays
from metrics.targets import bands
from vocab.periods import Period
from vocab.units import UnitGroup

# Minimum denominator for a rate to be ranked, per family (a proposal, configurable per
# call): dossiers and outgoing documents 10, assigned tasks 5 (units get few tasks a month).
MIN_VOLUME_BY_FAMILY = {Family.DOSSIERS: 10, Family.DOCUMENTS: 10, Family.TASKS: 5}
DEFAULT_MIN_VOLUME = MIN_VOLUME_BY_FAMILY[Family.DOSSIERS]


def default_min_volume(indicator: str | Indicator) -> int:
    return MIN_VOLUME_BY_FAMILY[get_indicator(indicator).family]


class RankStatus(str, Enum):
    RANKED = "ranked"
    TOO_FEW = "too_few"
    NOT_WHOLE_PERIOD = "not_whole_period"
    NO_DATA = "no_data"


RANKING_COLUMNS = [
    "rank", "unit_code", "unit_name", "unit_type", "status", "numerator", "denominator", "value",
    "target", "band", "prev_value", "change", "prev_rank", "rank_change", "valid_from", "valid_to",
]


def competition_ranks(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """Standard competition ranking: ties share a rank and the next is skipped (1, 2, 2, 4)."""
    ranks = _competition_ranks(values.to_numpy(dtype="float64"), higher_is_better)
    return pd.Series(ranks, index=values.index, dtype="Int64")


def _competition_ranks(values: np.ndarray, higher_is_better: bool) -> np.ndarray:
    # Rates equal on paper (1/3 and 2/6) must tie whatever the last bit: compare rounded.
    key = np.round(values, 12) * (-1.0 if higher_is_better else 1.0)
    ordered = np.sort(key)
    return np.searchsorted(ordered, key, side="left") + 1  # 1 + how many are strictly better


@dataclass(frozen=True)
class _PeriodRanking:
    """One period's ranking of a group, as arrays aligned on `codes`."""

    codes: np.ndarray
    numerator: np.ndarray
    denominator: np.ndarray
    value: np.ndarray
    status: np.ndarray
    rank: np.ndarray  # float, NaN when not ranked


def _rank_period(units: dict[str, np.ndarray], totals: dict[str, np.ndarray], label: str, period: Period,
                 indicator: Indicator, min_volume: int) -> _PeriodRanking:
    valid_to = units["valid_to"]
    active = (units["valid_from"] <= np.datetime64(period.end_date)) & (
        np.isnat(valid_to) | (valid_to >= np.datetime64(period.first)))
    codes = units["unit_code"][active]
    mine = totals["p"] == label
    lookup = {code: i for i, code in enumerate(totals["unit_code"][mine])}
    pos = np.array([lookup.get(c, -1) for c in codes], dtype=np.int64)
    found = pos >= 0

    def pick(column: str) -> np.ndarray:
        source = totals[column][mine]
        return np.where(found, source[np.maximum(pos, 0)] if len(source) else np.nan, np.nan)

    numerator, denominator, value = pick("numerator"), pick("denominator"), pick("value")
    too_few = (np.nan_to_num(denominator) < min_volume) if indicator.is_rate else np.zeros(len(codes), bool)
    whole = (units["valid_from"][active] <= np.datetime64(period.first)) & (
        np.isnat(valid_to[active]) | (valid_to[active] >= np.datetime64(period.end_date)))
    status = np.where(np.isnan(value), RankStatus.NO_DATA.value,
                      np.where(~whole, RankStatus.NOT_WHOLE_PERIOD.value,
                               np.where(too_few, RankStatus.TOO_FEW.value, RankStatus.RANKED.value)))
    ranked = status == RankStatus.RANKED.value
    rank = np.full(len(codes), np.nan)
    rank[ranked] = _competition_ranks(value[ranked], indicator.higher_is_better)
    return _PeriodRanking(codes, numerator, denominator, value, status, rank)


# The group's units with each one's target: its type's own, else the general ('*') one.
_UNITS_SQL = """
SELECT u.code, u.name, u.unit_type, u.valid_from, u.valid_to, coalesce(ts.value, tg.value) AS target
FROM units u
LEFT JOIN targets ts ON ts.indicator = ? AND ts.year = ? AND ts.unit_type = u.unit_type
LEFT JOIN targets tg ON tg.indicator = ? AND tg.year = ? AND tg.unit_type = '*'
WHERE list_contains(?, u.unit_type)
ORDER BY u.name, u.code
"""

# The same units and, per indicator, every target of the year (for `rank_indicators`).
_GROUP_UNITS_SQL = """
SELECT u.code, u.name, u.unit_type, u.valid_from, u.valid_to FROM units u
WHERE list_contains(?, u.unit_type)
ORDER BY u.name, u.code
"""


def _units_arrays(con: duckdb.DuckDBPyConnection, group: UnitGroup, indicator: Indicator,
                  year: int) -> dict[str, np.ndarray]:
    raw = con.execute(_UNITS_SQL, [indicator.id, year, indicator.id, year, list(group.unit_types)]).fetchnumpy()
    units = _unit_columns(raw)
    units["target"] = _filled(raw["target"], np.nan).astype("float64")
    return units


def _filled(values: np.ndarray, fill: object) -> np.ndarray:
    """NULLs come back from `fetchnumpy` as masked values."""
    return values.filled(fill) if np.ma.isMaskedArray(values) else np.asarray(values)


def _unit_columns(raw: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {
        "unit_code": np.asarray(raw["code"], dtype=object),
        "unit_name": np.asarray(raw["name"], dtype=object),
        "unit_type": np.asarray(raw["unit_type"], dtype=object),
        "valid_from": _filled(raw["valid_from"], np.datetime64("NaT")).astype("datetime64[D]"),
        "valid_to": _filled(raw["valid_to"], np.datetime64("NaT")).astype("datetime64[D]"),
    }


def _int_or_na(x: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.array(np.where(np.isnan(x), None, x), dtype="Int64")


def _ranking(con: duckdb.DuckDBPyConnection, indicator: Indicator, period: Period, compare_to: Period,
             group: UnitGroup, field: str | None, min_volume: int) -> dict[str, np.ndarray]:
    """The ranking's columns as arrays, in the units' name order."""
    totals = indicator_totals_arrays(con, indicator, {"cur": period, "prev": compare_to}, By.UNIT, field)
    units = _units_arrays(con, group, indicator, period.last.year)
    return _ranked(indicator, period, compare_to, units, totals, min_volume)


def _ranked(indicator: Indicator, period: Period, compare_to: Period, units: dict[str, np.ndarray],
            totals: dict[str, np.ndarray], min_volume: int) -> dict[str, np.ndarray]:
    """`_ranking` from the group's units (with the indicator's targets) and the totals of both periods."""
    cur = _rank_period(units, totals, "cur", period, indicator, min_volume)
    before = _rank_period(units, totals, "prev", compare_to, indicator, min_volume)
    index = {code: i for i, code in enumerate(units["unit_code"])}
    rows = np.array([index[c] for c in cur.codes], dtype=np.int64)
    lookup = {code: i for i, code in enumerate(before.codes)}
    pos = np.array([lookup.get(c, -1) for c in cur.codes], dtype=np.int64)
    found = pos >= 0
    prev_value = np.where(found, before.value[np.maximum(pos, 0)] if len(before.codes) else np.nan, np.nan)
    prev_rank = np.where(found, before.rank[np.maximum(pos, 0)] if len(before.codes) else np.nan, np.nan)
    return {
        "rank": cur.rank, "unit_code": cur.codes, "unit_name": units["unit_name"][rows],
        "unit_type": units["unit_type"][rows], "target": units["target"][rows], "status": cur.status, "numerator": cur.numerator,
        "denominator": cur.denominator, "value": cur.value, "prev_value": prev_value,
        "change": cur.value - prev_value, "prev_rank": prev_rank, "rank_change": prev_rank - cur.rank,
        "valid_from": units["valid_from"][rows], "valid_to": units["valid_to"][rows],
    }


def rank_units(
    con: duckdb.DuckDBPyConnection,
    indicator: str | Indicator,
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    field: str | None = None,
    min_volume: int | None = None,
    compare_to: Period | None = None,
) -> pd.DataFrame:
    """The ranking of `group` for `period`, compared with `compare_to` (default: previous period).

    `change` is the value minus the earlier value; `rank_change` is earlier rank
    minus rank, so a positive number means the unit moved up.
    """
    ind = get_indicator(indicator)
    min_volume = default_min_volume(ind) if min_volume is None else min_volume
    return _ranking_frame(ind, _ranking(con, ind, period, compare_to or period.previous(), group, field, min_volume))


def rank_indicators(
    con: duckdb.DuckDBPyConnection,
    indicators: Sequence[Indicator],
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    compare_to: Period | None = None,
) -> dict[str, pd.DataFrame]:
    """`rank_units(con, ind, period, group, None, None, compare_to)` of every indicator: {indicator id: frame}.

    The same rankings (all fields, each indicator's default least volume), with the totals of a
    family's indicators read in one query and the group's units and targets once, instead of two
    queries per indicator: a unit's page shows its rank for all twelve (issue 14).
    """
    compare_to = compare_to or period.previous()
    periods = {"cur": period, "prev": compare_to}
    year = period.last.year
    units = _unit_columns(con.execute(_GROUP_UNITS_SQL, [list(group.unit_types)]).fetchnumpy())
    targets: dict[tuple[str, str], float] = {
        (ind, ut): float(v) for ind, ut, v in con.execute(
            "SELECT indicator, unit_type, value FROM targets WHERE year = ?", [year]).fetchall()}
    totals = batched_totals_arrays(con, indicators, periods)
    out = {}
    for ind in indicators:
        target = np.array([targets.get((ind.id, ut), targets.get((ind.id, "*"), np.nan)) for ut in units["unit_type"]],
                          dtype="float64")
        cols = _ranked(ind, period, compare_to, {**units, "target": target}, totals[ind.id], default_min_volume(ind))
        out[ind.id] = _ranking_frame(ind, cols)
    return out


def _ranking_frame(ind: Indicator, cols: dict[str, np.ndarray]) -> pd.DataFrame:
    """The ranking's columns in RANKING_COLUMNS and its order (ranked best first, then the others)."""
    cols["band"] = np.array(bands(pd.Series(cols["value"]), pd.Series(cols["target"]), ind), dtype=object)
    status_order = np.select([cols["status"] == RankStatus.RANKED.value,
                              cols["status"] == RankStatus.TOO_FEW.value,
                              cols["status"] == RankStatus.NOT_WHOLE_PERIOD.value], [0, 1, 2], 3)
    worst_last = np.nan_to_num(cols["value"] * (-1.0 if ind.higher_is_better else 1.0))
    order = np.lexsort((cols["unit_name"], worst_last, np.nan_to_num(cols["rank"], nan=np.inf), status_order))
    data = {c: cols[c][order] for c in RANKING_COLUMNS}
    for c in ("rank", "prev_rank", "rank_change"):
        data[c] = _int_or_na(data[c])
    return pd.DataFrame(data, columns=RANKING_COLUMNS)


def rank_history(
    con: duckdb.DuckDBPyConnection,
    indicator: str | Indicator,
    unit: str,
    periods: list[Period],
    group: UnitGroup,
    min_volume: int | None = None,
) -> pd.DataFrame:
    """A unit's rank and value in its group for each period (for the unit profile)."""
    ind = get_indicator(indicator)
    return rank_history_of(unit, [(p, rank_units(con, ind, p, group, None, min_volume, p.previous())) for p in periods])


def rank_history_of(unit: str, rankings: Sequence[tuple[Period, pd.DataFrame]]) -> pd.DataFrame:
    """`rank_history` from the group's rankings already made: one (period, `rank_units` frame) per period.

    Each month's ranking of a group is the same for all its units and for Xếp hạng, so a cache keeps
    it once (`ui.cached.ranking_frame`) and a unit's 12-month history, whose window slides by one
    month when the month filter moves, re-ranks nothing it has seen.
    """
    rows = []
    for p, frame in rankings:
        me = frame[frame["unit_code"] == unit]
        if me.empty:
            continue
        row = me.iloc[0]
        rows.append({"period": str(p), "month": p.last, "rank": pd.NA if pd.isna(row["rank"]) else int(row["rank"]),
                     "of": int((frame["status"] == RankStatus.RANKED.value).sum()),
                     "value": float(row["value"]), "status": row["status"]})
    return pd.DataFrame(rows, columns=["period", "month", "rank", "of", "value", "status"])


# What a ranking chart shows: the best first or the worst first, and how many.
SHOW_TOP, SHOW_BOTTOM = "top", "bottom"
N_CHOICES = ("5", "10", "20", "all")  # codes (URL `n=`); "all" is everyone, elided over a limit


@dataclass(frozen=True)
class RankingView:
    """The ranked units a chart draws, in drawing order (first row at the top of the chart).

    `break_after` is how many rows come before the elided middle (None when nothing is
    elided) and `hidden` how many units are left out there. `ties` lists each rank shared
    by several of the drawn units as (rank, how many), best rank first.
    """

    frame: pd.DataFrame
    hidden: int = 0
    break_after: int | None = None
    ties: tuple[tuple[int, int], ...] = ()


def with_ties(ranks: pd.Series, n: int) -> int:
    """How many of the first rows to keep so that the first `n` never cut a tie.

    `ranks` is in rank order (1, 2, 2, 4, ...). The row at position n-1 keeps everyone
    sharing its rank: ranks 1 2 3 4 5 6 7 8 8 8 11 with n = 8 keep 10 rows.
    """
    values = ranks.to_numpy(dtype="float64")
    if n >= len(values):
        return len(values)
    if n <= 0:
        return 0
    return int(np.searchsorted(values, values[n - 1], side="right"))


def worst_with_ties(ranks: pd.Series, n: int) -> int:
    """How many of the last rows to keep so that the last `n` never cut a tie (counted from the end)."""
    values = ranks.to_numpy(dtype="float64")
    if n >= len(values):
        return len(values)
    if n <= 0:
        return 0
    boundary = values[len(values) - n]
    return len(values) - int(np.searchsorted(values, boundary, side="left"))


def shared_ranks(ranks: pd.Series) -> tuple[tuple[int, int], ...]:
    """Each rank held by more than one unit, with how many hold it, best rank first."""
    counts = ranks.dropna().astype("int64").value_counts()
    return tuple((int(r), int(c)) for r, c in sorted(counts[counts > 1].items()))


def ranking_view(ranked: pd.DataFrame, show: str, n: str | int, limit: int) -> RankingView:
    """The units to draw: best or worst first, `n` of them (ties kept whole), at most about `limit`.

    `ranked` holds the ranked units best to worst (column `rank`, as `rank_units` gives).
    With `n` = "all" and more units than `limit`, the best and the worst `limit // 2` (ties
    kept whole) are drawn and the middle is elided; the count left out is `hidden`.
    Worst first (`show` = SHOW_BOTTOM) reverses the drawing order: the worst unit on top.
    """
    ranked = ranked.reset_index(drop=True)
    count = len(ranked) if str(n) == "all" else int(n)
    hidden, break_after = 0, None
    if count < len(ranked):
        keep = (with_ties(ranked["rank"], count) if show != SHOW_BOTTOM
                else worst_with_ties(ranked["rank"], count))
        rows = ranked.head(keep) if show != SHOW_BOTTOM else ranked.tail(keep)
    elif len(ranked) > limit:
        head = with_ties(ranked["rank"], limit // 2)
        tail = worst_with_ties(ranked["rank"], limit // 2)
        if head + tail >= len(ranked):
            rows = ranked
        else:
            rows = pd.concat([ranked.head(head), ranked.tail(tail)])
            hidden = len(ranked) - head - tail
            break_after = head if show != SHOW_BOTTOM else tail
    else:
        rows = ranked
    if show == SHOW_BOTTOM:
        rows = rows.iloc[::-1]
    rows = rows.reset_index(drop=True)
    return RankingView(rows, hidden, break_after, shared_ranks(rows["rank"]))


def in_view_order(frame: pd.DataFrame, show: str) -> pd.DataFrame:
    """A ranking frame in the chart's reading order: ranked best (or worst) first, then the unranked as listed."""
    if show != SHOW_BOTTOM:
        return frame
    ranked = frame["status"] == RankStatus.RANKED.value
    return pd.concat([frame[ranked].iloc[::-1], frame[~ranked]])
