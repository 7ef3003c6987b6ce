"""At most `DASHBOARD_CONCURRENT_RUNS` script runs of one server process compute at once; the others wait.

Why (issue 14): Streamlit runs every session's script in its own thread, and one process runs Python
on one core (the GIL). With 50 leaders clicking, 30–40 runs were in flight at once, each getting a
fortieth of the core: every one of them finished late, and the threads spent their time handing the
GIL and Streamlit's config lock to each other (py-spy: half the samples waited at
`streamlit.config.get_option`'s lock; the process used 72 % of its core while 50 visitors waited).
Letting a few runs through at a time, in the order they came, finishes each sooner and wastes less.

A waiting run holds nothing: no session state is touched before its turn. A run that ends in any way
(finished, `st.stop`, a rerun, an error) gives its place back. `0` lets every run through.

The analyst's and the admin's runs do not queue (`run_slot(queue=False)`): a commit or a target change
made during the meeting waited behind every leader's click (a 1.3 s commit run took 7–13 s to show under
50 sessions). They are few, and a run of theirs shares the core with the two places for its duration.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import config

_lock = threading.Lock()
_gate: tuple[int, threading.BoundedSemaphore | None] | None = None


def _semaphore() -> threading.BoundedSemaphore | None:
    """This process's gate, made once (the setting is read at the first run)."""
    global _gate
    with _lock:
        if _gate is None:
            size = int(config.get("concurrent_runs"))
            _gate = (size, threading.BoundedSemaphore(size) if size > 0 else None)
        return _gate[1]


@contextmanager
def run_slot(queue: bool = True) -> Iterator[None]:
    """Waits for one of the places, holds it for the `with` block, and always gives it back.

    `queue=False` (staff): goes in at once, taking no place.
    """
    gate = _semaphore() if queue else None
    if gate is None:
        yield
        return
    gate.acquire()
    try:
        yield
    finally:
        gate.release()


def reset() -> None:
    """Forgets the gate so the next run reads the setting again (tests)."""
    global _gate
    with _lock:
        _gate = None
