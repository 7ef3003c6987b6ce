"""ui/slots.py lets a few script runs of a process compute at once and queues the rest; every way a run
can end gives its place back, or the next visitor would wait for ever."""

from __future__ import annotations

import threading
import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP
from ui import slots

WAIT_S = 60   # a run of the small database takes seconds; a run stuck at the gate fails after this


@pytest.fixture
def places(monkeypatch):
    def set_to(n: int) -> None:
        monkeypatch.setenv("DASHBOARD_CONCURRENT_RUNS", str(n))
        slots.reset()

    yield set_to
    slots.reset()


def _crowd(count: int, hold_s: float) -> int:
    """`count` threads each hold a place for `hold_s`; returns the most that were inside at once."""
    inside, most, lock = 0, 0, threading.Lock()

    def visitor() -> None:
        nonlocal inside, most
        with slots.run_slot():
            with lock:
                inside += 1
                most = max(most, inside)
            time.sleep(hold_s)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=visitor, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a run never got a place"
    return most


def test_two_places_let_two_runs_in_and_queue_the_rest(places):
    places(2)
    assert _crowd(6, 0.05) == 2


def test_zero_lets_every_run_through(places):
    places(0)
    assert _crowd(6, 0.2) == 6


def test_a_run_that_ends_with_an_exception_gives_its_place_back(places):
    places(1)
    # KeyboardInterrupt: a BaseException, like Streamlit's StopException and RerunException
    with pytest.raises(KeyboardInterrupt), slots.run_slot():
        raise KeyboardInterrupt
    assert _crowd(2, 0.01) == 1   # with the place kept, both would wait (30 s, then fail)


def test_the_app_gives_its_place_back_after_a_stopped_run(small_db, places, monkeypatch):
    """One place: a run that ends in st.stop (here: a setting with a typo) must give it back, or the next
    run of the app waits at the gate until AppTest's timeout."""
    places(1)
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "viewr")
    at = AppTest.from_file(APP, default_timeout=WAIT_S).run()
    assert "DASHBOARD_SSO_UNKNOWN_USERS" in at.error[0].value   # stopped after the message
    monkeypatch.delenv("DASHBOARD_SSO_UNKNOWN_USERS")
    at.run()
    at.switch_page("pages/rankings.py").run()
    assert not at.exception and not at.error
    assert at.get("plotly_chart")   # Xếp hạng drawn, not stuck at the gate


def _hold_every_place() -> threading.Event:
    """A thread takes the only place and keeps it until the returned event is set."""
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with slots.run_slot():
            held.set()
            release.wait(WAIT_S)

    threading.Thread(target=holder, daemon=True).start()
    assert held.wait(5)
    return release


def test_a_staff_run_does_not_queue_behind_the_meeting(places):
    places(1)
    release = _hold_every_place()
    try:
        entered = threading.Event()
        threading.Thread(target=lambda: _enter(entered, queue=True), daemon=True).start()
        with slots.run_slot(queue=False):   # in at once, though the one place is taken
            pass
        assert not entered.wait(0.3), "a leader's run went in while the place was held"
    finally:
        release.set()
    assert entered.wait(5), "the queued run got the place once it was given back"


def _enter(entered: threading.Event, queue: bool) -> None:
    with slots.run_slot(queue=queue):
        entered.set()


def test_the_app_lets_an_analyst_in_while_the_leaders_hold_every_place(small_db, places):
    """The session's user (as its last run resolved them) may upload: the run does not wait for a place."""
    from auth.roles import Role
    from auth.users import User

    places(1)
    release = _hold_every_place()
    try:
        at = AppTest.from_file(APP, default_timeout=20)
        at.session_state["user"] = User("phan.tich", "Phân tích", Role.ANALYST)
        at.run()   # with the queue, this would wait for the place and time out
        assert not at.exception
        assert at.title, "the page was drawn"
    finally:
        release.set()
