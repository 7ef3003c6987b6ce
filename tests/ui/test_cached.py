"""The caches of `ui.cached` and `ui.figures`: keyed by typed arguments, cleared when the data change."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from tests.factories import add_batch, add_dossiers, add_target, add_unit, new_store, resolved
from ui import cached, figures, state
from vocab.periods import Period
from vocab.units import UnitGroup

OCTOBER = Period.month(2026, 10)


def _store():
    s = new_store()
    add_unit(s, "a", "ward", "Phường A")
    add_target(s, "on_time_rate", 2026, 0.95)
    add_dossiers(s, add_batch(s), "a", "2026-10", **resolved(100, 90))
    return s


@pytest.fixture
def store(monkeypatch):
    s = _store()
    monkeypatch.setattr(state, "get_store", lambda: s)
    cached.refresh_data_version()
    return s


def _on_time(cards):
    return next(c for c in cards if c.indicator == "on_time_rate")


def test_a_target_change_is_seen_after_the_next_refresh_without_clearing_by_hand(store):
    assert _on_time(cached.cards(OCTOBER, UnitGroup.WARD, None)).target == pytest.approx(0.95)
    add_target(store, "on_time_rate", 2026, 0.80)
    # Same run: still the cached card (the fingerprint is read once per run, before the page).
    assert _on_time(cached.cards(OCTOBER, UnitGroup.WARD, None)).target == pytest.approx(0.95)
    cached.refresh_data_version()
    card = _on_time(cached.cards(OCTOBER, UnitGroup.WARD, None))
    assert card.target == pytest.approx(0.80)
    assert card.band.value == "met"


def test_a_committed_batch_is_seen_and_a_figure_is_rebuilt(store):
    window = Period.parse("2026-09..2026-10")
    args = ("on_time_rate", window, UnitGroup.ALL, None, 0.95, "Đúng hạn", "", "vi")
    fig = figures.trend(*args)
    assert figures.trend(*args) is fig                     # the finished figure is cached
    assert len(cached.trend("on_time_rate", window, UnitGroup.ALL, None)) == 1
    add_dossiers(store, add_batch(store, "sep.csv"), "a", "2026-09", **resolved(10, 10))
    cached.refresh_data_version()
    assert len(cached.trend("on_time_rate", window, UnitGroup.ALL, None)) == 2
    assert figures.trend(*args) is not fig                 # figures are cleared with the data


def test_typed_arguments_key_the_cache(store, monkeypatch):
    """Equal periods hit one entry however they were made; another kind of period is another entry."""
    calls = []
    real = cached.units_frame
    monkeypatch.setattr(cached, "units_frame", lambda *a: calls.append(a[1:]) or real(*a))
    first = cached.units(Period.parse("2026-10"), UnitGroup.WARD)
    assert cached.units(Period.month(2026, 10), UnitGroup("ward")).equals(first)
    assert len(calls) == 1
    cached.units(Period.parse("2026-10..2026-10"), UnitGroup.WARD)   # a one-month range, not the month
    cached.units(Period.month(2026, 10), UnitGroup.COMMUNE_LEVEL)
    assert calls[1:] == [(Period.parse("2026-10..2026-10"), UnitGroup.WARD),
                         (Period.month(2026, 10), UnitGroup.COMMUNE_LEVEL)]


def test_switching_databases_clears_the_caches(store, monkeypatch):
    assert cached.available_months()
    other = new_store()
    monkeypatch.setattr(state, "get_store", lambda: other)
    cached.refresh_data_version()
    assert cached.available_months() == []


def test_unchanged_data_keeps_the_caches(store, monkeypatch):
    calls = []
    real = cached.units_frame
    monkeypatch.setattr(cached, "units_frame", lambda *a: calls.append(1) or real(*a))
    cached.units(OCTOBER, UnitGroup.WARD)
    cached.refresh_data_version()
    cached.refresh_data_version()
    cached.units(OCTOBER, UnitGroup.WARD)
    assert calls == [1]


def test_many_sessions_refreshing_at_once_read_the_month_versions_once(store, monkeypatch):
    calls = []
    real = cached.data_versions
    monkeypatch.setattr(cached, "data_versions", lambda *a: calls.append(1) or real(*a))
    add_target(store, "on_time_rate", 2026, 0.5)
    start = threading.Barrier(8)

    def session() -> None:
        start.wait()
        cached.refresh_data_version()

    threads = [threading.Thread(target=session) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]


def _counting_rank_units(monkeypatch) -> list:
    calls = []
    real = cached.ranking.rank_units
    monkeypatch.setattr(cached.ranking, "rank_units", lambda con, ind, period, *a: calls.append(str(period))
                        or real(con, ind, period, *a))
    return calls


def test_an_upload_of_a_later_month_keeps_what_ends_before_it(store, monkeypatch):
    """November's batch changes no figure of October: its cached ranking and figure are served as they were."""
    calls = _counting_rank_units(monkeypatch)
    args = ("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0, "all", 10, "t", "", "vi")
    fig = figures.ranking(*args)
    q4 = Period.quarter(2026, 4)
    cached.ranking_frame("on_time_rate", q4, UnitGroup.ALL, None, 0)
    assert calls == ["2026-10", "2026-Q4"]

    add_dossiers(store, add_batch(store, "nov.csv"), "a", "2026-11", **resolved(50, 10))
    cached.refresh_data_version()
    assert figures.ranking(*args) is fig                                    # October: kept
    cached.ranking_frame("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0, None)   # as the figure asks
    assert calls == ["2026-10", "2026-Q4"]
    q4_now = cached.ranking_frame("on_time_rate", q4, UnitGroup.ALL, None, 0)   # Q4 reaches November: new
    assert calls == ["2026-10", "2026-Q4", "2026-Q4"]
    assert q4_now.loc[q4_now["unit_code"] == "a", "value"].item() == pytest.approx(100 / 150)


def test_a_correction_or_rollback_of_a_month_renews_every_period_reaching_it(store, monkeypatch):
    calls = _counting_rank_units(monkeypatch)
    september = Period.month(2026, 9)
    cached.ranking_frame("on_time_rate", september, UnitGroup.ALL, None, 0)
    cached.ranking_frame("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0)
    add_dossiers(store, add_batch(store, "sep.csv"), "a", "2026-09", **resolved(10, 10))
    cached.refresh_data_version()
    cached.ranking_frame("on_time_rate", september, UnitGroup.ALL, None, 0)
    cached.ranking_frame("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0)   # compares with September
    assert calls == ["2026-09", "2026-10", "2026-09", "2026-10"]


def test_a_target_renews_its_year_only(store, monkeypatch):
    calls = _counting_rank_units(monkeypatch)
    dec_2025 = Period.month(2025, 12)
    cached.ranking_frame("on_time_rate", dec_2025, UnitGroup.ALL, None, 0)
    cached.ranking_frame("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0)
    add_target(store, "on_time_rate", 2026, 0.90)
    cached.refresh_data_version()
    cached.ranking_frame("on_time_rate", dec_2025, UnitGroup.ALL, None, 0)
    cached.ranking_frame("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0)
    assert calls == ["2025-12", "2026-10", "2026-10"]


def test_what_takes_no_period_follows_every_change(store):
    assert cached.available_months() == [Period.month(2026, 10).first]
    add_dossiers(store, add_batch(store, "nov.csv"), "a", "2026-11", **resolved(5, 5))
    cached.refresh_data_version()
    assert cached.available_months()[-1] == Period.month(2026, 11).first


def test_clear_still_forgets_everything(store):
    fig = figures.ranking("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0, "all", 10, "t", "", "vi")
    cached.clear()
    assert figures.ranking("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0, "all", 10, "t", "", "vi") is not fig


def test_unit_histories_share_the_groups_evaluation(store, monkeypatch):
    """Opening a second unit of the group evaluates no period again (each of the months' quarters once, in one batch);
    its own rows are its own."""
    add_unit(store, "b", "ward", "Phường B")
    add_dossiers(store, add_batch(store, "b.csv"), "b", "2026-10", **resolved(100, 50))
    cached.refresh_data_version()
    calls = []
    real = cached.evaluate_periods
    monkeypatch.setattr(cached, "evaluate_periods",
                        lambda con, ps, *a, **k: calls.append([str(p) for p in ps]) or real(con, ps, *a, **k))
    periods = (Period.month(2026, 9), OCTOBER)
    a = cached.evaluation_history("a", periods, UnitGroup.WARD)
    b = cached.evaluation_history("b", periods, UnitGroup.WARD)
    assert calls == [["2026-07", "2026-08", "2026-09"], ["2026-10", "2026-11", "2026-12"]]   # their quarters, once
    assert list(a["period"]) == list(b["period"]) == ["2026-09", "2026-10"]
    assert a["score"].iloc[-1] != b["score"].iloc[-1]      # each unit reads its own row


def test_the_evaluation_table_of_a_month_reads_the_quarters_a_unit_page_evaluated(store, monkeypatch):
    """Đánh giá's table for October, after a unit page's score history: nothing is evaluated again, and the
    table is the one `evaluate_units` gives (with September's scores); a quarter-long period is evaluated."""
    from metrics import evaluation, finals

    cached.refresh_data_version()
    cached.evaluation_history("a", (Period.month(2026, 9), OCTOBER), UnitGroup.WARD)
    calls = []
    real = evaluation._evaluate
    monkeypatch.setattr(evaluation, "_evaluate", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    table = cached.evaluation_frame(OCTOBER, UnitGroup.WARD, "vi")
    assert calls == []
    expected = finals.evaluation_with_finals(store.cursor(), OCTOBER, UnitGroup.WARD)
    assert list(table["unit_code"]) == list(expected["unit_code"])
    for column in ("score", "level", "prev_score", "score_change"):
        pd.testing.assert_series_equal(table[column], expected[column])
    cached.evaluation_frame(Period.parse("2026-Q3"), UnitGroup.WARD, "vi")
    assert Period.parse("2026-Q3") in calls
