"""Cached loaders of the period-aware figures (partial periods, months that can be missing).

Same style as `ui.cached`: one `st.cache_data` on each loader, keyed by its typed arguments;
`ui.cached.refresh_data_version` clears them with every other data cache (it clears all of
`st.cache_data`) when the data change.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import streamlit as st

from metrics import completeness, overview
from ui import state
from ui.cached import SMALL, TTL
from vocab.periods import Period
from vocab.units import UnitGroup

_BY_TEXT = {Period: str}


def _con() -> duckdb.DuckDBPyConnection:
    return state.get_store().cursor()


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def completeness_summary(period: Period, group: UnitGroup, today: date) -> tuple[int, pd.DataFrame]:
    """Active units and those missing a month, counting only the months that can be missing on `today`."""
    return completeness.completeness_summary(_con(), period, group, today=today)


@st.cache_data(max_entries=SMALL, ttl=TTL, show_spinner=False, hash_funcs=_BY_TEXT)
def cards(period: Period, group: UnitGroup, field: str | None, through: date | None) -> list[overview.Card]:
    """Every indicator's card; a partial period (`through` before its end) is compared with the same months."""
    return overview.overview_cards(_con(), period, group, field, through)
