"""The unit page's ranks and rank history are made from the group's rankings, cached once for the group
(the history from those Xếp hạng caches, the ranks from all twelve indicators ranked at once): the same
figures as ranking each unit on its own, and a second unit of the group ranks nothing again."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.demo import build_demo
from metrics import profile, ranking
from metrics.queries import units_frame
from store import open_store
from ui import cached, cached_unit, state
from vocab.periods import Period
from vocab.units import UnitGroup, group_of

OCTOBER = Period.month(2026, 10)
HISTORY = (Period.month(2025, 11), Period.month(2025, 12), *(Period.month(2026, m) for m in range(1, 11)))  # 12 months


@pytest.fixture(scope="module")
def demo():
    s = open_store(":memory:")
    build_demo(s, today=date(2026, 11, 26))
    return s


@pytest.fixture
def store(demo, monkeypatch):
    monkeypatch.setattr(state, "get_store", lambda: demo)
    cached.clear()
    cached.refresh_data_version()
    return demo


def _units(store, n=3):
    frame = units_frame(store.cursor(), OCTOBER, UnitGroup.WARD)
    return list(zip(frame["unit_code"][:n], frame["unit_type"][:n], strict=True))


def test_unit_ranks_from_the_shared_rankings_equal_ranking_the_unit_alone(store):
    for code, unit_type in _units(store):
        pd.testing.assert_frame_equal(cached_unit.unit_ranks(code, unit_type, OCTOBER, OCTOBER.previous()),
                                      profile.unit_ranks(store.cursor(), code, unit_type, OCTOBER))


@pytest.mark.parametrize("indicator", ["on_time_rate", "edoc_rate", "tasks_overdue_open"])
def test_rank_history_from_the_shared_rankings_equals_ranking_each_month(store, indicator):
    for code, unit_type in _units(store):
        direct = ranking.rank_history(store.cursor(), indicator, code, list(HISTORY), group_of(unit_type))
        assert len(direct) == len(HISTORY)
        pd.testing.assert_frame_equal(cached.rank_history(indicator, code, HISTORY, group_of(unit_type)), direct,
                                      check_dtype=False)


def test_a_second_unit_of_the_group_ranks_nothing_again(store, monkeypatch):
    first, second = _units(store, 2)
    cached_unit.unit_ranks(*first, OCTOBER, OCTOBER.previous())
    cached.rank_history("on_time_rate", first[0], HISTORY, UnitGroup.WARD)
    calls = []
    real = ranking._ranked   # every ranking, of a page, of a unit's ranks or of its history, is made here
    monkeypatch.setattr(ranking, "_ranked", lambda *a, **k: calls.append(a) or real(*a, **k))
    cached_unit.unit_ranks(*second, OCTOBER, OCTOBER.previous())
    cached.rank_history("on_time_rate", second[0], HISTORY, UnitGroup.WARD)
    assert calls == []
    # the month filter moved back one month: the window slides, and only the month new to it is ranked
    cached.rank_history("on_time_rate", second[0], (Period.month(2025, 10), *HISTORY[:-1]), UnitGroup.WARD)
    assert [c[1] for c in calls] == [Period.month(2025, 10)]
