"""Heatmap cells: each unit-month banded against its own year's target; rows in ranking order."""

import pandas as pd
import pytest

from metrics.heatmap import CELL_COLUMNS, heatmap_rows, unit_month_bands
from tests.factories import add_batch, add_dossiers, add_field, add_target, add_unit, new_store, resolved
from vocab.periods import Period
from vocab.units import UnitGroup


@pytest.fixture
def con():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "a", "ward", "Phường A")
    add_unit(s, "b", "ward", "Phường B")
    add_unit(s, "c", "commune", "Xã C")
    add_target(s, "on_time_rate", 2025, 0.50, "ward")
    add_target(s, "on_time_rate", 2026, 0.95, "ward")
    b = add_batch(s)
    add_dossiers(s, b, "a", "2025-12", **resolved(10, 6))     # 60 %: met against 2025's 50 %
    add_dossiers(s, b, "a", "2026-01", **resolved(10, 6))     # 60 %: below 2026's 95 %
    add_dossiers(s, b, "b", "2026-01", **resolved(20, 19))    # 95 %: met
    add_dossiers(s, b, "c", "2026-01", **resolved(20, 1))     # a commune: not in the ward group
    return s.cursor()


def test_each_month_is_banded_against_its_own_years_target(con):
    window = Period.parse("2025-12..2026-01")
    cells = unit_month_bands(con, "on_time_rate", window, UnitGroup.WARD)
    assert list(cells.columns) == CELL_COLUMNS
    got = {(r.unit_name, str(r.month)[:7]): (round(r.value, 2), r.target, r.band) for r in cells.itertuples()}
    assert got == {
        ("Phường A", "2025-12"): (0.6, 0.50, "met"),
        ("Phường A", "2026-01"): (0.6, 0.95, "below"),
        ("Phường B", "2026-01"): (0.95, 0.95, "met"),
    }


def test_no_data_gives_empty_cells_with_the_declared_columns(con):
    cells = unit_month_bands(con, "on_time_rate", Period.month(2027, 1), UnitGroup.WARD)
    assert cells.empty and list(cells.columns) == CELL_COLUMNS


def test_rows_follow_the_ranking_then_names_and_keep_the_bottom_when_capped():
    cells = pd.DataFrame({"unit_name": ["D", "C", "A", "B"], "value": [1, 2, 3, 4]})
    order, kept = heatmap_rows(cells, ["B", "X", "A"], limit=10)
    assert order == ["B", "A", "C", "D"]                      # ranked first, then the unranked by name
    assert len(kept) == 4
    order, kept = heatmap_rows(cells, ["B", "X", "A"], limit=3)
    assert order == ["A", "C", "D"]                           # the bottom three of that order
    assert sorted(kept["unit_name"]) == ["A", "C", "D"]
