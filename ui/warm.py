"""Computes the figures a meeting reads first before anyone asks for them: one background thread per
server process, at start and after every data change.

Why: under load most of a page run's time is spent on cache misses (py-spy, issue 14), and the
heavy ones are the same for every visitor: a group's ranking of one indicator for one month
(Xếp hạng, and every unit's ranks and 12-month rank history, `ui.cached.ranking_frame`), a group's
evaluations of the quarters a unit's 12-month score history spans (`ui.cached.quarter_evaluations`), the group's
and the city's values (every unit's table, `ui.cached.group_values`), and Đánh giá's table. The
first visitor of a combination used to pay for it while 49 others queued behind the same core.

What: the newest `DASHBOARD_WARM_MONTHS` months (default 18: every 12-month window of a unit's
history opened from one of the newest 6 months), newest first, every ranking group and indicator,
and Đánh giá's table of the newest `EVALUATED_MONTHS`, through the same cached loaders the pages call, so the
pages find them with the same keys. A data change moves only the keys of the months it reached
(`ui.cached` data keys), so the pass after a commit of the newest month recomputes that month and
finds the others already cached. A change during a pass restarts it.

Visitors first: the thread computes only while this process has had no visitor's run for
`QUIET_S` (dashboard.py calls `visitor_seen` at the start and end of every run). At start, before
anyone comes, it runs at full speed; during a busy meeting it waits, and each visitor computes
what it misses, as without it. A failure is logged and never reaches a page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial

import config
from metrics.indicators import INDICATORS
from ui import cached
from ui.filters import GROUPS, history_months
from vocab.periods import Period
from vocab.units import UnitGroup, group_of

log = logging.getLogger(__name__)

PAUSE_S = 0.005          # between two figures: a visitor's run waiting for the GIL gets it first
QUIET_S = 1.0            # a figure is computed only when no visitor's run started or ended for this long
EVALUATED_MONTHS = 6     # Đánh giá's full table (with the previous period and finals) for the newest months
UNIT_GROUPS = tuple(dict.fromkeys(group_of(t) for t in UnitGroup.ALL.unit_types))   # a unit page's own groups


def steps(months: int) -> Iterator[Callable[[], object]]:
    """Each figure to compute, most read first: the newest month of every group, then the month before …"""
    available = cached.available_months()[-months:] if months else []
    quarters: set[tuple[Period, UnitGroup]] = set()   # each once: the windows of neighbouring months share them
    for i, month in enumerate(reversed(available)):
        period = Period.month(month.year, month.month)
        for group in GROUPS:
            for ind in INDICATORS:
                yield partial(cached.group_ranking, ind.id, period, group)
            yield partial(cached.group_values, period, group)
            if i < EVALUATED_MONTHS:
                yield partial(cached.evaluation_frame, period, group, "vi")
        for group in UNIT_GROUPS:   # a unit's ranks, then its score history's quarters, the newest first
            if i < EVALUATED_MONTHS:
                yield partial(cached.group_rankings, period, group, period.previous())
            for quarter in dict.fromkeys(Period.quarter_of(p.first) for p in reversed(history_months(period))):
                if (quarter, group) not in quarters:
                    quarters.add((quarter, group))
                    yield partial(cached.quarter_evaluations, quarter, group)


_last_visit = float("-inf")   # time.monotonic() of the last start or end of a visitor's run


def visitor_seen() -> None:
    """A visitor's run starts or ends in this process (dashboard.py): the warmer waits for a quiet moment."""
    global _last_visit
    _last_visit = time.monotonic()


def _quiet(stop: Callable[[], bool]) -> bool:
    """Waits until no visitor's run for QUIET_S; False when `stop()` came first."""
    while (waited := time.monotonic() - _last_visit) < QUIET_S:
        if stop():
            return False
        time.sleep(max(QUIET_S - waited, 0.05))
    return not stop()


def warm_pass(months: int, stop: Callable[[], bool] = lambda: False, pause_s: float = 0.0,
              visitors_first: bool = False) -> int:
    """Computes (or finds cached) every figure of `steps`; returns how many, stopping early when `stop()`.

    `visitors_first`: before each figure, wait for a quiet moment (`visitor_seen`).
    """
    done = 0
    for step in steps(months):
        if not (_quiet(stop) if visitors_first else not stop()):
            break
        step()
        done += 1
        if pause_s:
            time.sleep(pause_s)
    return done


class Warmer:
    """The background thread: a pass at start, another after each data change, until `stop()`."""

    def __init__(self, months: int, pause_s: float = PAUSE_S):
        self.months = months
        self.pause_s = pause_s
        self.passes = 0                  # finished passes
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="figures-ahead", daemon=True)

    def start(self) -> Warmer:
        cached.on_change.append(self.data_changed)
        self._wake.set()
        self._thread.start()
        return self

    def data_changed(self) -> None:
        """`ui.cached` calls this when the data keys move: the next pass computes what the change reached."""
        self._wake.set()

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stopped = True
        self._wake.set()
        if self.data_changed in cached.on_change:
            cached.on_change.remove(self.data_changed)
        self._thread.join(timeout_s)

    def _loop(self) -> None:
        while not self._stopped:
            self._wake.wait()
            self._wake.clear()
            if self._stopped:
                break
            started = time.perf_counter()
            try:
                cached.refresh_data_version()
                done = warm_pass(self.months, stop=lambda: self._wake.is_set() or self._stopped,
                                 pause_s=self.pause_s, visitors_first=True)
            except Exception:  # a broken database shows on the pages themselves; the warmer only logs
                log.exception("Computing figures ahead of visitors failed; pages compute them when asked")
                continue
            self.passes += 1
            log.info("%d figures ready ahead of visitors in %.1f s%s", done, time.perf_counter() - started,
                     " (data changed: starting again)" if self._wake.is_set() else "")


_lock = threading.Lock()
_process_warmer: Warmer | None = None
_checked = False


def start() -> Warmer | None:
    """Starts this process's warmer once, unless `DASHBOARD_WARM_MONTHS=0` (dashboard.py calls it every run)."""
    global _process_warmer, _checked
    if _checked:
        return _process_warmer
    with _lock:
        if not _checked:
            months = config.get("warm_months")
            _process_warmer = Warmer(months).start() if months else None
            _checked = True
    return _process_warmer


def off_in_this_process() -> None:
    """No warmer in this process (the pages bench's AppTest runs time a script run alone)."""
    global _checked
    with _lock:
        _checked = True
