"""Targets per indicator and year, and the band a value falls in against its target."""

from __future__ import annotations

from enum import Enum

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import Indicator, get_indicator

# A value within this many points below its target is "near" rather than "below".
NEAR_MARGIN = 0.05


class Band(str, Enum):
    MET = "met"          # target reached
    NEAR = "near"        # within NEAR_MARGIN of the target
    BELOW = "below"      # further away
    NO_TARGET = "no_target"
    NO_DATA = "no_data"


def target_for(con: duckdb.DuckDBPyConnection, indicator: str | Indicator, year: int,
               unit_type: str | None = None) -> float | None:
    """The unit type's own target if one is set, else the general ('*') one."""
    ind = get_indicator(indicator)
    row = con.execute(
        "SELECT value FROM targets WHERE indicator = ? AND year = ? AND unit_type IN (?, '*')"
        " ORDER BY (unit_type = '*') LIMIT 1",
        [ind.id, year, unit_type or "*"],
    ).fetchone()
    return float(row[0]) if row else None


def targets_of(con: duckdb.DuckDBPyConnection, year: int, unit_type: str | None = None) -> dict[str, float]:
    """`target_for` of every indicator that has a target in `year`, in one query: {indicator id: target}."""
    rows = con.execute(
        "SELECT indicator, value FROM targets WHERE year = ? AND unit_type IN (?, '*')"
        " ORDER BY (unit_type = '*') DESC", [year, unit_type or "*"]).fetchall()
    return {indicator: float(value) for indicator, value in rows}   # the type's own (read last) wins


def unit_targets(con: duckdb.DuckDBPyConnection, indicator: Indicator, year: int,
                 unit_types: np.ndarray) -> np.ndarray:
    """Each unit type's target: its own if set, else the general ('*') one, else NaN."""
    specific = dict(con.execute(
        "SELECT unit_type, value FROM targets WHERE indicator = ? AND year = ?", [indicator.id, year]
    ).fetchall())
    default = specific.get("*", np.nan)
    return np.array([specific.get(ut, default) for ut in unit_types], dtype="float64")


def attach_targets(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, indicator: Indicator,
                   year: int) -> pd.DataFrame:
    """Adds `target` and `band` columns to a frame with `unit_type` and `value`."""
    target = unit_targets(con, indicator, year, frame["unit_type"].to_numpy())
    return frame.assign(target=target, band=bands(frame["value"], pd.Series(target), indicator))


def band_of(value: float | None, target: float | None, indicator: Indicator) -> Band:
    return Band(bands(pd.Series([value], dtype="float64"), pd.Series([target], dtype="float64"), indicator)[0])


def bands(values: pd.Series, targets: pd.Series, indicator: Indicator) -> list[str]:
    """Band per value; "no data" (NaN) is never banded, and a raw count is never coloured
    against a target (a count of 3 overdue means nothing against a rate)."""
    v = values.to_numpy(dtype="float64", na_value=np.nan)
    t = targets.to_numpy(dtype="float64", na_value=np.nan)
    if not indicator.is_rate:
        t = np.full(len(v), np.nan)
    met = meets_target(v, t, indicator)
    near = v >= t - NEAR_MARGIN if indicator.higher_is_better else v <= t * 1.5
    out = np.where(met, Band.MET.value, np.where(near, Band.NEAR.value, Band.BELOW.value))
    out = np.where(np.isnan(t), Band.NO_TARGET.value, out)
    out = np.where(np.isnan(v), Band.NO_DATA.value, out)
    return out.tolist()


def meets_target(values: np.ndarray, targets: np.ndarray, indicator: Indicator) -> np.ndarray:
    """Whether each value reaches its target, in the indicator's direction (False when either is NaN).

    The one rule for "target met": bands, commentary and the evaluation's improvement part use it.
    """
    with np.errstate(invalid="ignore"):
        if indicator.higher_is_better:
            return values >= targets - 1e-12
        return values <= targets + 1e-12
