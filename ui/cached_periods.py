"""Cached loaders of the period-aware figures (partial periods, months that can be missing).

Same style as `ui.cached`: one `by_data` cache on each loader, keyed by its typed arguments and
by the version of the months they reach.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from metrics import completeness, overview
from ui import state
from ui.cached import SMALL, by_data
from vocab.periods import Period
from vocab.units import UnitGroup


def _con() -> duckdb.DuckDBPyConnection:
    return state.get_store().cursor()


@by_data(max_entries=SMALL)
def completeness_summary(period: Period, group: UnitGroup, today: date) -> tuple[int, pd.DataFrame]:
    """Active units and those missing a month, counting only the months that can be missing on `today`."""
    return completeness.completeness_summary(_con(), period, group, today=today)


@by_data(max_entries=SMALL)
def cards(period: Period, group: UnitGroup, field: str | None, through: date | None) -> list[overview.Card]:
    """Every indicator's card; a partial period (`through` before its end) is compared with the same months."""
    return overview.overview_cards(_con(), period, group, field, through)
