"""ui/warm.py computes, in the background, the figures a meeting reads first: after a pass, a unit's
page and Xếp hạng rank and evaluate nothing; after a commit, the next pass computes the new month."""

from __future__ import annotations

import time
from datetime import date

import pytest

from data.demo import build_demo
from metrics import evaluation, ranking
from metrics.queries import units_frame
from store import open_store
from tests.factories import add_batch, add_dossiers, resolved
from ui import cached, cached_unit, state, warm
from vocab.periods import Period
from vocab.units import UnitGroup

OCTOBER = Period.month(2026, 10)
NOVEMBER = Period.month(2026, 11)


@pytest.fixture
def store(monkeypatch):
    s = open_store(":memory:")
    build_demo(s, today=date(2026, 11, 26))   # 24 months, the last October 2026
    monkeypatch.setattr(state, "get_store", lambda: s)
    cached.clear()
    cached.refresh_data_version()
    return s


@pytest.fixture
def counted(monkeypatch):
    """Every ranking and every evaluation computed (not found in a cache), by period."""
    calls: dict[str, list[Period]] = {"ranking": [], "evaluation": []}
    real_ranking, real_evaluate = ranking._ranked, evaluation._evaluate
    monkeypatch.setattr(ranking, "_ranked", lambda *a, **k: calls["ranking"].append(a[1]) or real_ranking(*a, **k))
    monkeypatch.setattr(evaluation, "_evaluate",
                        lambda *a, **k: calls["evaluation"].append(a[1]) or real_evaluate(*a, **k))
    return calls


def _unit_page_and_rankings(store, period: Period) -> None:
    """What Chi tiết đơn vị and Xếp hạng compute for a ward in `period` (their heavy loaders)."""
    unit = units_frame(store.cursor(), period, UnitGroup.WARD).iloc[0]
    months = tuple(Period.month(m.year, m.month) for m in Period.parse("2025-11..2026-10").month_list())
    cached_unit.unit_ranks(unit["unit_code"], "ward", period, period.previous())
    cached.rank_history("on_time_rate", unit["unit_code"], months, UnitGroup.WARD)
    cached.evaluation_history(unit["unit_code"], months, UnitGroup.WARD)
    cached.unit_indicators(unit["unit_code"], "ward", period)
    for group in (UnitGroup.ALL, UnitGroup.COMMUNE_LEVEL):
        cached.ranking_frame("online_rate", period, group, None, ranking.default_min_volume("online_rate"),
                             period.previous())
    cached.evaluation_frame(period, UnitGroup.WARD, "vi")


def test_after_a_pass_the_pages_compute_nothing(store, counted):
    assert warm.warm_pass(12) > 12 * 5 * 12
    counted["ranking"].clear()
    counted["evaluation"].clear()
    _unit_page_and_rankings(store, OCTOBER)
    assert counted == {"ranking": [], "evaluation": []}


def test_without_a_pass_the_same_pages_compute(store, counted):
    """The check above can fail: the same visit on a cold cache ranks and evaluates."""
    _unit_page_and_rankings(store, OCTOBER)
    assert len(counted["ranking"]) >= 12 + 12 and len(counted["evaluation"]) >= 12


def test_the_thread_warms_at_start_and_again_after_a_commit(store, counted):
    warmer = warm.Warmer(months=2, pause_s=0).start()
    try:
        _wait(lambda: warmer.passes >= 1)
        assert OCTOBER in counted["ranking"] and NOVEMBER not in counted["ranking"]
        counted["ranking"].clear()
        # An analyst commits November: the next run of any page moves the data keys, the warmer wakes.
        unit = units_frame(store.cursor(), OCTOBER, UnitGroup.WARD)["unit_code"].iloc[0]
        add_dossiers(store, add_batch(store, "t11.csv"), unit, "2026-11", **resolved(10, 9))
        cached.refresh_data_version()
        _wait(lambda: warmer.passes >= 2)
        assert NOVEMBER in counted["ranking"]
        # October's keys did not move: its 60 rankings were found, not made again
        assert OCTOBER not in counted["ranking"]
    finally:
        warmer.stop()
    assert not warmer._thread.is_alive()
    assert warmer.data_changed not in cached.on_change


def test_visitors_go_first_the_pass_waits_for_a_quiet_moment(store, counted):
    warmer = warm.Warmer(months=1, pause_s=0).start()
    try:
        busy_until = time.monotonic() + 3 * warm.QUIET_S
        while time.monotonic() < busy_until:   # a visitor's run starts or ends every 0.2 s
            warm.visitor_seen()
            time.sleep(0.2)
        assert counted["ranking"] == [] and warmer.passes == 0
        _wait(lambda: warmer.passes >= 1)      # the visitors left: the pass runs
        assert OCTOBER in counted["ranking"]
    finally:
        warmer.stop()


def test_a_failing_pass_is_logged_and_the_thread_goes_on(store, monkeypatch, caplog):
    broken = iter([RuntimeError("disk gone")])

    def steps(months):
        error = next(broken, None)
        if error is not None:
            raise error
        return iter(())

    monkeypatch.setattr(warm, "steps", steps)
    warmer = warm.Warmer(months=1, pause_s=0).start()
    try:
        _wait(lambda: "failed" in caplog.text)
        warmer.data_changed()
        _wait(lambda: warmer.passes >= 1)
    finally:
        warmer.stop()


def test_an_empty_database_gives_an_empty_pass_and_stays_empty(monkeypatch, tmp_path):
    s = open_store(tmp_path / "empty.duckdb")
    monkeypatch.setattr(state, "get_store", lambda: s)
    cached.clear()
    cached.refresh_data_version()
    before = s.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()[0]
    assert warm.warm_pass(18) == 0
    warmer = warm.Warmer(months=18, pause_s=0).start()
    try:
        _wait(lambda: warmer.passes >= 1)
    finally:
        warmer.stop()
    assert s.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()[0] == before == 0
    assert s.cursor().execute("SELECT count(*) FROM dossier_facts").fetchone()[0] == 0


def test_off_when_the_setting_is_zero(monkeypatch):
    monkeypatch.setattr(warm, "_checked", False)
    monkeypatch.setenv("DASHBOARD_WARM_MONTHS", "0")
    assert warm.start() is None


def _wait(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the warmer did not get there in time"
        time.sleep(0.05)
