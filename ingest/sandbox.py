"""Parse untrusted workbook bytes in a child process with a memory and a time budget.

python-calamine is Rust: when a hostile file makes it allocate too much it aborts the whole
process (SIGABRT), which for the dashboard means the Streamlit server and every session in it.
xlsx_guard refuses the files we know how to recognise; this module makes sure that anything it
misses fails one upload only:

- the worker runs with RLIMIT_AS = MEMORY_LIMIT_BYTES, so a runaway allocation fails inside the
  worker (MemoryError, or a Rust abort) instead of swapping the server out;
- the parent waits at most TIMEOUT_SECONDS, then kills the worker;
- a worker that dies for any reason becomes one Vietnamese problem for that file.

Workers are forked from a multiprocessing "forkserver" whose process imports pandas, calamine
and the readers once (PRELOAD). The forkserver is a fresh single-threaded process, so forking
from it is safe even though the Streamlit server that asks for it runs many threads; and a
fork of an already-importing process costs milliseconds where a "spawn" would pay the ~1 s import
of pandas on every upload.

This bounds resources, it is not a privilege boundary: the worker runs as the server's user,
and its answer is unpickled here (it only ever sends frames, problems and strings).
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from typing import Any

import pandas as pd

from ingest.model import Problem
from ingest.safety import FileKind, UnsafeFile
from ingest.validation import RawTable
from ingest.wording import Phrase, phrase
from ingest.workbook import read_workbook_here

# Measured: a worker starts at ~0.45 GB of address space (pandas, numpy, calamine, duckdb mapped
# by the forkserver) and ~70 MB resident; reading the 100,000-row benchmark sheet (2 million
# cells) peaks at 0.6 GB of address space and 250 MB resident, and still succeeds under a 0.7 GB
# limit. 1.5 GB leaves room for the largest sheet xlsx_guard lets through (10 million grid cells)
# and stops a runaway long before the machine does.
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
PRELOAD = ["ingest.sandbox", "ingest.workbook"]

_log = logging.getLogger(__name__)
_IN_SANDBOX_ENV = "DASHBOARD_INGEST_SANDBOX_PROCESS"
_preload_lock = threading.Lock()
_preload_set = False


class _SandboxPopen(popen_forkserver.Popen):
    """The forkserver Popen of CPython 3.11, minus one thing: the worker does not re-run the
    parent's __main__ (a `streamlit` or `pytest` console script, `cli.py`) as multiprocessing
    does by default. The worker's target lives in this module, so it never needs __main__, and
    re-importing a script per upload would cost seconds and run its top-level code."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_name", None)
        prep_data.pop("init_main_from_path", None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        parent_w = os.dup(w)  # as in CPython: the child's sentinel of its parent
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _SandboxProcess(ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> _SandboxPopen:
        return _SandboxPopen(process_obj)


def _ensure_preload() -> None:
    global _preload_set
    with _preload_lock:
        if not _preload_set:
            forkserver.set_forkserver_preload(PRELOAD)  # read when the forkserver first starts
            _preload_set = True


def warm_up() -> None:
    """Start the forkserver in the background, so that the first workbook upload does not wait
    ~1 s for it to import pandas and calamine. Called when ingest.readers is imported; a no-op in
    the forkserver and its workers (they import the readers too, and must not start servers)."""
    if os.environ.get(_IN_SANDBOX_ENV):
        return
    _ensure_preload()
    with _preload_lock:
        os.environ[_IN_SANDBOX_ENV] = "1"  # inherited by the forkserver, hence by every worker
        try:
            forkserver.ensure_running()
        except Exception:  # only an optimisation: the first upload starts it, or reports why not
            _log.warning("could not start the ingest sandbox forkserver in advance", exc_info=True)
        finally:
            del os.environ[_IN_SANDBOX_ENV]


@dataclass(frozen=True)
class WorkbookRead:
    """What the worker sends back, with its own peak resident memory (bytes) for the record."""

    tables: list[RawTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Phrase] = field(default_factory=list)
    peak_rss_bytes: int = 0
    seconds: float = 0.0


def read_workbook_isolated(file: str, data: bytes, kind: FileKind, unit: str | None, period: str | None, *,
                           guard: bool = True, timeout: float = TIMEOUT_SECONDS,
                           memory_limit: int = MEMORY_LIMIT_BYTES, today: date | None = None) -> WorkbookRead:
    """`workbook.read_workbook_here` in a worker process. Raises `UnsafeFile` exactly where it does;
    a worker that dies or overruns becomes one problem for `file`. `guard=False` is for tests that
    prove the sandbox alone contains a calamine abort."""
    _ensure_preload()
    started = time.perf_counter()
    receiver, sender = multiprocessing.Pipe(duplex=False)
    proc = _SandboxProcess(target=_worker, args=(sender, file, data, kind.value, unit, period, guard, memory_limit, today),
                       name=f"ingest-sandbox:{file}", daemon=True)
    try:
        proc.start()
    except OSError as exc:  # no process left to fork (EAGAIN, ENOMEM): this upload fails, not the page
        receiver.close()
        sender.close()
        _log.error("could not start an ingest sandbox worker: %s", exc)
        return WorkbookRead(problems=[Problem.of(file, "", None, "", "ingest.problem.sandbox_busy", file=file)])
    sender.close()  # the worker's end: EOF on ours as soon as the worker is gone
    message = None
    try:
        if receiver in wait([receiver, proc.sentinel], timeout):
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                message = None
        elif proc.is_alive():
            proc.kill()
            proc.join(5)
            _log.warning("sandbox read of %s killed after %.0f s", file, timeout)
            return WorkbookRead(problems=[_failure(file, phrase("ingest.sandbox.timeout", seconds=f"{timeout:g}".replace(".", ",")))],
                                seconds=time.perf_counter() - started)
    finally:
        receiver.close()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
    seconds = time.perf_counter() - started
    peak = message[2] if message is not None else 0
    # One line per upload: what reading cost (operators size MEMORY_LIMIT_BYTES from these).
    _log.info("sandbox read of %s: %.2f s, worker peak %d MB, exit code %s", file, seconds, peak >> 20,
              proc.exitcode, extra={"peak_rss_bytes": peak, "seconds": seconds, "upload_name": file})
    if message is None:
        reason = _exit_reason(proc.exitcode)
        return WorkbookRead(problems=[_failure(file, reason)], seconds=seconds)
    status, payload, peak = message
    if status == "ok":
        tables, problems, notes = payload
        return WorkbookRead(_unpack(tables), problems, notes, peak, seconds)
    if status == "unsafe":
        refusal: UnsafeFile = payload
        sheet, row, column = (getattr(refusal, "sheet", ""), getattr(refusal, "row", None),
                              getattr(refusal, "column", ""))
        if sheet or row is not None or column:  # a refusal that points at a place: keep it there
            return WorkbookRead(problems=[Problem.refusal(file, refusal, sheet, row, column)],
                                peak_rss_bytes=peak, seconds=seconds)
        raise refusal
    return WorkbookRead(problems=[_failure(file, payload)], peak_rss_bytes=peak, seconds=seconds)


def _pack(tables: list[RawTable]) -> list[RawTable]:
    """Text columns made only of strings travel as categories: a 100,000-row table pickles
    300,000 str objects otherwise, which took longer than the pipe itself. `_unpack` restores
    them exactly (no missing values, so no None becomes NaN)."""
    for table in tables:
        data = table.data
        for col in data.columns:
            if data[col].dtype == object and pd.api.types.infer_dtype(data[col], skipna=False) == "string":
                data[col] = data[col].astype("category")
    return tables


def _unpack(tables: list[RawTable]) -> list[RawTable]:
    for table in tables:
        data = table.data
        for col in data.columns:
            if isinstance(data[col].dtype, pd.CategoricalDtype):
                data[col] = data[col].astype(object)
    return tables


def _failure(file: str, reason: Phrase) -> Problem:
    return Problem.of(file, "", None, "", "ingest.problem.sandbox_failed", file=file, reason=reason)


def _exit_reason(exitcode: int | None) -> Phrase:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return phrase("ingest.sandbox.signal", name=name)
    return phrase("ingest.sandbox.exit_code", code=exitcode)


def _worker(conn: Connection, file: str, data: bytes, kind: str, unit: str | None, period: str | None,
            guard: bool, memory_limit: int, today: date | None = None) -> None:
    """Runs in the child: set the budget, read, send one message, exit."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    os.environ["RUST_BACKTRACE"] = "0"  # a calamine abort: one line in the server log, not 40
    # pyarrow (behind pandas' strings) defaults to mimalloc, which reserves 1 GiB of address space
    # on first use: two thirds of the budget for nothing. With malloc, reading the 100,000-row
    # benchmark sheet peaks at 0.6 GB of address space instead of 1.6 GB.
    try:
        import pyarrow

        pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    except ImportError:
        pass
    message: tuple[str, Any]
    try:
        tables, problems, notes = read_workbook_here(file, data, FileKind(kind), unit, period, guard=guard,
                                                     today=today)
        message = ("ok", (_pack(tables), problems, notes))
    except UnsafeFile as exc:  # sent whole: its key, params and place travel with it
        message = ("unsafe", exc.with_traceback(None))
    except MemoryError:
        message = ("failed", phrase("ingest.sandbox.memory", mb=memory_limit // (1024 * 1024)))
    except Exception as exc:  # a bug or a broken file: one problem for this upload, not a crash
        message = ("failed", phrase("ingest.sandbox.error", name=type(exc).__name__))
    del data
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    try:
        conn.send((*message, peak))
    except MemoryError:
        conn.send(("failed", phrase("ingest.sandbox.result_memory", mb=memory_limit // (1024 * 1024)), peak))
    finally:
        conn.close()
