"""Ranking on hand-made data: order, ties, minimum volume, change, validity."""

from datetime import date

import pandas as pd
import pytest

from metrics.ranking import competition_ranks, rank_units
from tests.factories import add_batch, add_dossiers, add_field, add_target, add_unit, new_store, resolved
from vocab.periods import Period
from vocab.units import UnitGroup

OCT, SEP = "2026-10", "2026-09"


@pytest.fixture
def store():
    s = new_store()
    add_field(s, "f1")
    for code in ("a", "b", "c", "d", "small"):
        add_unit(s, code, "ward")
    add_unit(s, "dep", "department")
    b = add_batch(s)
    # October: a 90 %, b 80 %, c 80 % (tie, from other counts), d 70 %, small 5 of 5 = 100 %
    add_dossiers(s, b, "a", OCT, **resolved(100, 90))
    add_dossiers(s, b, "b", OCT, **resolved(50, 40))
    add_dossiers(s, b, "c", OCT, **resolved(200, 160))
    add_dossiers(s, b, "d", OCT, **resolved(10, 7))
    add_dossiers(s, b, "small", OCT, **resolved(5, 5))
    add_dossiers(s, b, "dep", OCT, **resolved(100, 100))
    # September: d best, a worst
    add_dossiers(s, b, "a", SEP, **resolved(100, 60))
    add_dossiers(s, b, "b", SEP, **resolved(100, 80))
    add_dossiers(s, b, "c", SEP, **resolved(100, 70))
    add_dossiers(s, b, "d", SEP, **resolved(100, 95))
    add_target(s, "on_time_rate", 2026, 0.85)
    return s


def test_competition_ranks_share_ties_and_skip():
    assert competition_ranks(pd.Series([0.9, 0.8, 0.8, 0.7]), True).tolist() == [1, 2, 2, 4]
    assert competition_ranks(pd.Series([3, 1, 1, 5]), False).tolist() == [3, 1, 1, 4]
    # rates equal on paper tie even when floating point differs in the last bit
    assert 0.1 + 0.2 != 0.3
    assert competition_ranks(pd.Series([0.1 + 0.2, 0.3, 0.2]), True).tolist() == [1, 1, 3]


def test_ranking_order_ties_and_minimum_volume(store):
    r = rank_units(store.cursor(), "on_time_rate", Period.parse(OCT), UnitGroup.WARD, min_volume=10)
    assert r["unit_code"].tolist() == ["a", "b", "c", "d", "small"]
    assert r["rank"].tolist()[:4] == [1, 2, 2, 4]
    small = r.set_index("unit_code").loc["small"]
    assert small["status"] == "too_few" and pd.isna(small["rank"])
    assert "dep" not in set(r["unit_code"])  # agencies are not ranked with wards


def test_minimum_volume_is_configurable(store):
    r = rank_units(store.cursor(), "on_time_rate", Period.parse(OCT), UnitGroup.WARD, min_volume=1)
    assert r["unit_code"].tolist()[0] == "small"
    assert r.set_index("unit_code")["rank"].to_dict() == {"small": 1, "a": 2, "b": 3, "c": 3, "d": 5}


def test_change_in_value_and_rank_against_previous_period(store):
    r = rank_units(store.cursor(), "on_time_rate", Period.parse(OCT), UnitGroup.WARD).set_index("unit_code")
    # September ranks: d 1, b 2, c 3, a 4
    assert r.loc["a", "prev_rank"] == 4 and r.loc["a", "rank_change"] == 3
    assert r.loc["d", "prev_rank"] == 1 and r.loc["d", "rank_change"] == -3
    assert r.loc["a", "change"] == pytest.approx(0.30)
    assert pd.isna(r.loc["small", "prev_value"])


def test_target_band(store):
    r = rank_units(store.cursor(), "on_time_rate", Period.parse(OCT), UnitGroup.WARD).set_index("unit_code")
    assert r.loc["a", "band"] == "met"
    assert r.loc["b", "band"] == "near"   # 80 % is within 5 points of 85 %
    assert r.loc["d", "band"] == "below"


def test_units_outside_their_validity_are_excluded():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "old", "ward", valid_to=date(2025, 6, 30))
    add_unit(s, "new", "ward", valid_from=date(2025, 7, 1))
    b = add_batch(s)
    add_dossiers(s, b, "old", "2025-06", **resolved(10, 10))
    add_dossiers(s, b, "new", "2025-07", **resolved(10, 9))
    con = s.cursor()
    assert rank_units(con, "on_time_rate", Period.parse("2025-06"))["unit_code"].tolist() == ["old"]
    assert rank_units(con, "on_time_rate", Period.parse("2025-07"))["unit_code"].tolist() == ["new"]
    # a year spanning the change lists both, each with its own months
    assert set(rank_units(con, "on_time_rate", Period.parse("2025"))["unit_code"]) == {"old", "new"}


def test_no_data_units_are_listed_last(store):
    add_unit(store, "silent", "ward")
    r = rank_units(store.cursor(), "on_time_rate", Period.parse(OCT), UnitGroup.WARD)
    assert r.iloc[-1]["unit_code"] == "silent" and r.iloc[-1]["status"] == "no_data"


def test_lower_is_better_indicator_ranks_smallest_first(store):
    b = add_batch(store, "stock.csv")
    for code, overdue in (("a", 3), ("b", 0), ("c", 7)):
        add_dossiers(store, b, code, "2026-11", pending_total=overdue, pending_overdue=overdue)
    r = rank_units(store.cursor(), "overdue_in_progress", Period.parse("2026-11"), UnitGroup.WARD)
    ranked = r[r.status == "ranked"]
    assert ranked["unit_code"].tolist() == ["b", "a", "c"]


def test_rank_history_gives_each_months_rank_in_the_group_and_keeps_too_few_unranked(store):
    from metrics.ranking import rank_history

    con = store.cursor()
    months = [Period.parse(SEP), Period.parse(OCT)]
    a = rank_history(con, "on_time_rate", "a", months, UnitGroup.WARD)
    # September: d 95 %, b 80 %, c 70 %, a 60 % → a is 4th of 4; October: a 90 % is 1st of 4 (small: too few)
    assert a[["period", "rank", "of"]].values.tolist() == [[SEP, 4, 4], [OCT, 1, 4]]
    assert a["value"].tolist() == pytest.approx([0.6, 0.9])
    small = rank_history(con, "on_time_rate", "small", months, UnitGroup.WARD)
    assert small["status"].tolist() == ["no_data", "too_few"] and small["rank"].isna().all()
    assert rank_history(con, "on_time_rate", "dep", months, UnitGroup.WARD).empty   # not of the group
