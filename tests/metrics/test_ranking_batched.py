"""`rank_indicators` ranks a group for every indicator with a family's totals read at once: it must give,
indicator by indicator, exactly what `rank_units` gives (ties, too few, not whole period, no data)."""

from datetime import date

import pandas as pd
import pytest

from data.demo import build_demo
from metrics.indicators import INDICATORS
from metrics.ranking import rank_indicators, rank_units
from store import open_store
from tests.factories import add_batch, add_dossiers, add_target, add_unit, new_store, resolved
from vocab.periods import Period
from vocab.units import UnitGroup


@pytest.fixture(scope="module")
def demo():
    s = open_store(":memory:")
    build_demo(s, today=date(2026, 11, 26))
    return s


@pytest.mark.parametrize("group", list(UnitGroup))
@pytest.mark.parametrize(("period", "compare_to"), [
    ("2026-10", None), ("2026-Q3", None), ("2025", None), ("2025-07", None),   # the wards begin in 07/2025
    ("2026-01..2026-10", "2025-01..2025-10"), ("2020-01", None)])
def test_every_indicator_equals_rank_units(demo, group, period, compare_to):
    con = demo.cursor()
    p, c = Period.parse(period), Period.parse(compare_to) if compare_to else None
    batch = rank_indicators(con, INDICATORS, p, group, c)
    assert list(batch) == [ind.id for ind in INDICATORS]
    for ind in INDICATORS:
        pd.testing.assert_frame_equal(batch[ind.id], rank_units(con, ind, p, group, None, None, c),
                                      obj=f"{ind.id} {group.value} {period}")


def test_each_unit_type_gets_its_own_target_else_the_general_one():
    s = new_store()
    add_unit(s, "p1", "ward", "Phường Một")
    add_unit(s, "x1", "commune", "Xã Một")
    b = add_batch(s)
    for code in ("p1", "x1"):
        add_dossiers(s, b, code, "2026-10", **resolved(100, 90))
    add_target(s, "on_time_rate", 2026, 0.95, unit_type="ward")
    add_target(s, "on_time_rate", 2026, 0.8)
    got = rank_indicators(s.cursor(), INDICATORS, Period.parse("2026-10"), UnitGroup.ALL)["on_time_rate"]
    assert dict(zip(got["unit_code"], got["target"], strict=True)) == {"p1": 0.95, "x1": 0.8}
    assert dict(zip(got["unit_code"], got["band"], strict=True)) == dict(
        zip(got["unit_code"], rank_units(s.cursor(), "on_time_rate", Period.parse("2026-10"))["band"], strict=True))
