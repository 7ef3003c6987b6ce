"""The caches of `ui.cached` and `ui.figures`: keyed by typed arguments, cleared when the data change."""

from __future__ import annotations

import threading

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
    monkeypatch.setattr(cached, "_clear_all", lambda: calls.append(1))
    cached.refresh_data_version()
    cached.refresh_data_version()
    assert calls == []


def test_many_sessions_refreshing_at_once_clear_once(store, monkeypatch):
    calls = []
    monkeypatch.setattr(cached, "_clear_all", lambda: calls.append(1))
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


def test_clear_still_forgets_everything(store):
    fig = figures.ranking("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0, "all", 10, "t", "", "vi")
    cached.clear()
    assert figures.ranking("on_time_rate", OCTOBER, UnitGroup.ALL, None, 0, "all", 10, "t", "", "vi") is not fig
