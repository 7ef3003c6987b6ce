"""Unit × month cells of an indicator with each cell's band against its year's target (the ranking heatmap)."""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics.indicators import Indicator, get_indicator
from metrics.queries import By, units_frame
from metrics.targets import attach_targets
from metrics.values import indicator_values
from vocab.periods import Period
from vocab.units import UnitGroup

CELL_COLUMNS = ["unit_code", "unit_name", "unit_type", "month", "numerator", "denominator", "value",
                "target", "band"]


def unit_month_bands(con: duckdb.DuckDBPyConnection, indicator: str | Indicator, period: Period,
                     group: UnitGroup, field: str | None = None) -> pd.DataFrame:
    """One row per unit-month of `period` with data, for the units of `group` active in it.

    Columns: CELL_COLUMNS; each month is banded against the target of its own year.
    """
    ind = get_indicator(indicator)
    frame = indicator_values(con, ind, period, by=By.UNIT_MONTH, group=group, field=field)
    frame = frame.merge(units_frame(con, period, group), on="unit_code", how="inner")
    if frame.empty:
        return frame.assign(target=pd.Series(dtype="float64"), band=pd.Series(dtype="object"))[CELL_COLUMNS]
    parts = [attach_targets(con, part, ind, int(year))
             for year, part in frame.groupby(pd.to_datetime(frame["month"]).dt.year)]
    return pd.concat(parts, ignore_index=True)[CELL_COLUMNS]


def heatmap_rows(cells: pd.DataFrame, ranking_order: list[str], limit: int) -> tuple[list[str], pd.DataFrame]:
    """Unit names top to bottom (ranking order, then units without a rank by name) and their cells.

    Over `limit` units, the last `limit` of that order are kept: the persistently late
    sit at the bottom of the ranking, and they are who a heatmap is for.
    """
    present = set(cells["unit_name"])
    order = [n for n in ranking_order if n in present]
    order += sorted(present - set(order))
    if len(order) > limit:
        order = order[-limit:]
        cells = cells[cells["unit_name"].isin(order)]
    return order, cells
