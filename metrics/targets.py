"""Targets per indicator and year, and the band a value falls in against its target."""

from __future__ import annotations

from enum import Enum

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import Indicator, get_indicator
from metrics.queries import targets_frame

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


def attach_targets(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, indicator: Indicator,
                   year: int) -> pd.DataFrame:
    """Adds `target` and `band` columns to a frame with `unit_type` and `value`."""
    t = targets_frame(con, year)
    t = t[t["indicator"] == indicator.id]
    general = t.loc[t["unit_type"] == "*", "value"]
    default = float(general.iloc[0]) if len(general) else np.nan
    specific = dict(zip(t["unit_type"], t["value"], strict=True))
    out = frame.copy()
    out["target"] = out["unit_type"].map(lambda ut: specific.get(ut, default)).astype("float64")
    out["band"] = bands(out["value"], out["target"], indicator)
    return out


def band_of(value: float | None, target: float | None, indicator: Indicator) -> Band:
    return Band(bands(pd.Series([value], dtype="float64"), pd.Series([target], dtype="float64"), indicator)[0])


def bands(values: pd.Series, targets: pd.Series, indicator: Indicator) -> list[str]:
    v = values.to_numpy(dtype="float64")
    t = targets.to_numpy(dtype="float64")
    if indicator.higher_is_better:
        met, near = v >= t - 1e-12, v >= t - NEAR_MARGIN
    else:
        met, near = v <= t + 1e-12, v <= t * 1.5
    out = np.where(met, Band.MET.value, np.where(near, Band.NEAR.value, Band.BELOW.value))
    out = np.where(np.isnan(t), Band.NO_TARGET.value, out)
    out = np.where(np.isnan(v), Band.NO_DATA.value, out)
    return out.tolist()
