"""Xếp hạng and Chi tiết đơn vị on a partial quarter: ▲/▼ and "hạng kỳ trước" are against the same
months before (July 2026 for quý 4/2026 holding only October), as the overview's figures are.

Before, both pages compared October alone with the whole of Q3, while the overview said July.
"""

from __future__ import annotations

import duckdb

from metrics.ranking import rank_units
from tests.ui.conftest import assert_clean, open_page, table_with
from vocab.periods import Period
from vocab.units import UnitGroup

JULY = Period.month(2026, 7)
Q3 = Period.parse("2026-Q3")


def _ranks(db, period: Period) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = rank_units(con, "on_time_rate", period, UnitGroup.WARD)
    finally:
        con.close()
    frame = frame.dropna(subset=["rank"])
    return dict(zip(frame["unit_name"], frame["rank"].astype(int), strict=True))


def test_rankings_compare_a_partial_quarter_with_its_first_months_before(demo_db):
    july, q3 = _ranks(demo_db, JULY), _ranks(demo_db, Q3)
    assert july != q3  # the test would not see the difference otherwise
    at = open_page("rankings", {"period": "2026-Q4", "group": "ward", "ind": "on_time_rate", "view": "table"})
    assert_clean(at)
    assert any("tháng 07/2026" in c.value for c in at.caption), [c.value for c in at.caption]
    table = table_with(at, "Thay đổi hạng").dropna(subset=["Hạng", "Thay đổi hạng"])
    # "Thay đổi hạng" is the earlier rank minus this one (positive = moved up).
    earlier = {n: int(r) + int(c) for n, r, c in zip(table["Đơn vị"], table["Hạng"], table["Thay đổi hạng"], strict=True)}
    assert len(earlier) > 5 and all(july[n] == r for n, r in earlier.items()), earlier


def test_unit_page_rank_change_uses_the_same_months(demo_db):
    july, q3 = _ranks(demo_db, JULY), _ranks(demo_db, Q3)
    unit = next(n for n in july if july[n] != q3.get(n))
    con = duckdb.connect(str(demo_db), read_only=True)
    code = con.execute("SELECT code FROM units WHERE name = ?", [unit]).fetchone()[0]
    con.close()
    at = open_page("unit_profile", {"period": "2026-Q4", "unit": code})
    assert_clean(at)
    ranks = table_with(at, "Hạng kỳ trước")
    first = ranks.iloc[0]  # the first indicator: on-time rate
    assert int(first["Hạng kỳ trước"]) == july[unit]
    assert any("tháng 07/2026" in c.value for c in at.caption), [c.value for c in at.caption]
