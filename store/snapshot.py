"""Immutable database snapshots for several server processes (issue 14 §3).

DuckDB allows one read-write process or many read-only ones on a file, never both.
With several Streamlit workers the primary file is therefore opened read-write only
briefly, by whichever process writes, under an OS file lock; after each write the
writer publishes a copy of the primary as a new, never-modified snapshot, and every
worker reads the newest snapshot read-only:

    <dir>/write.lock          flock: one writer at a time, released by the kernel if it dies
    <dir>/snapshots/42.duckdb a finished copy, never written again
    <dir>/current             "42": the version readers open (replaced by rename)

Publishing is all-or-nothing: the copy goes to a temporary name, is fsynced, renamed
into `snapshots/`, the directory fsynced, and only then is `current` replaced, again
by writing a temporary file and renaming it. A publisher killed at any point leaves
`current` naming a complete file; its temporary file is removed by the next publish.

Readers compare `current`'s inode and mtime (one stat) at the start of a page run and
reopen when it changed. Old versions are removed only when two newer ones exist and
they are older than `KEEP_SECONDS`; on Linux a removed file that a reader still has
open stays readable until closed, and a reader whose chosen file has just vanished
reads the pointer again.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

CHUNK = 4 * 1024 * 1024
KEEP_VERSIONS = 2          # newest versions never removed
KEEP_SECONDS = 600.0       # an older version stays this long (a long page run may still read it)
LOCK_TIMEOUT_S = 60.0
RETIRED_CLOSE_AFTER_S = 600.0   # a replaced reader connection is closed this long after (runs still using it)


class SnapshotError(RuntimeError):
    """The snapshot directory is unusable (no published version, or the write lock never came)."""


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_chunk(src, dst, size: int) -> bytes:
    """One step of the copy (a seam the kill -9 test uses to stop the publisher mid-file)."""
    data = src.read(size)
    dst.write(data)
    return data


@dataclass(frozen=True)
class Version:
    number: int
    path: Path


class SnapshotDir:
    """The files of one snapshot directory: the write lock, the versions and the pointer."""

    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        self.versions = self.dir / "snapshots"
        self.pointer = self.dir / "current"
        self.lock_file = self.dir / "write.lock"
        self.versions.mkdir(parents=True, exist_ok=True)

    # --- writer side --------------------------------------------------------------

    @contextlib.contextmanager
    def write_lock(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        """Exclusive across processes (flock); the kernel releases it if the holder dies."""
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SnapshotError(f"no write lock on {self.lock_file} within {timeout:.0f} s") from None
                    time.sleep(0.02)   # polling the lock, not waiting for a result
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def publish(self, primary: str | Path) -> Version:
        """Copies the (closed, checkpointed) primary file as the next version and points readers at it.

        Call with the write lock held and no read-write connection open on `primary`.
        """
        primary = Path(primary)
        current = self.current()
        number = (current.number if current else 0) + 1
        final = self.versions / f"{number}.duckdb"
        tmp = self.versions / f".tmp-{os.getpid()}-{number}.duckdb"
        with open(primary, "rb") as src, open(tmp, "wb") as dst:
            while _copy_chunk(src, dst, CHUNK):
                pass
            dst.flush()
            os.fsync(dst.fileno())
        wal = primary.with_name(primary.name + ".wal")
        if wal.exists():   # a checkpoint that did not finish: the WAL belongs to the copy
            shutil.copyfile(wal, tmp.with_name(tmp.name + ".wal"))
            os.replace(tmp.with_name(tmp.name + ".wal"), final.with_name(final.name + ".wal"))
        os.replace(tmp, final)
        _fsync_dir(self.versions)
        pointer_tmp = self.dir / f".current-{os.getpid()}"
        with open(pointer_tmp, "w") as f:
            f.write(str(number))
            f.flush()
            os.fsync(f.fileno())
        os.replace(pointer_tmp, self.pointer)
        _fsync_dir(self.dir)
        self.clean()
        return Version(number, final)

    def clean(self, now: float | None = None) -> list[Path]:
        """Removes versions no reader will open again and leftovers of killed publishers."""
        now = now or time.time()
        current = self.current()
        removed = []
        numbered = sorted((int(p.stem), p) for p in self.versions.glob("*.duckdb") if p.stem.isdigit())
        keep = {n for n, _ in numbered[-KEEP_VERSIONS:]}
        if current:
            keep.add(current.number)
        for number, path in numbered:
            if number in keep or now - path.stat().st_mtime < KEEP_SECONDS:
                continue
            for leftover in (path, path.with_name(path.name + ".wal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            removed.append(path)
        # temporary files of a publisher that died: only another publisher (holding the lock) gets here
        for leftover in [*self.versions.glob(".tmp-*"), *self.dir.glob(".current-*")]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
            removed.append(leftover)
        return removed

    # --- reader side ------------------------------------------------------------------

    def current(self) -> Version | None:
        try:
            number = int(self.pointer.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return Version(number, self.versions / f"{number}.duckdb")

    def stamp(self) -> tuple[int, int] | None:
        """Changes whenever `current` is replaced (a rename gives it a new inode): one stat."""
        try:
            st = os.stat(self.pointer)
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns


class SnapshotReader:
    """A read-only connection to the newest snapshot, reopened when a new one is published.

    Thread-safe: `connection()` is called by many Streamlit session threads; a replaced
    connection is kept open (other threads may still hold cursors from it) and closed later.
    """

    def __init__(self, snapshots: SnapshotDir, connect: Callable[[str], duckdb.DuckDBPyConnection]):
        self.snapshots = snapshots
        self._connect = connect   # read-only open of a file (from the store: the one place that opens DuckDB)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None
        self.version: int | None = None
        self._retired: list[tuple[float, duckdb.DuckDBPyConnection]] = []

    def refresh(self) -> bool:
        """Opens the newest version if the pointer changed; True if it switched."""
        stamp = self.snapshots.stamp()
        if stamp is not None and stamp == self._stamp and self._con is not None:
            return False
        with self._lock:
            for _ in range(5):   # the version read may be removed before it is opened: read the pointer again
                stamp = self.snapshots.stamp()
                current = self.snapshots.current()
                if current is None:
                    raise SnapshotError(f"no snapshot published in {self.snapshots.dir}")
                if stamp == self._stamp and self._con is not None:
                    return False
                if current.number == self.version and self._con is not None:
                    self._stamp = stamp
                    return False
                try:
                    con = self._connect(str(current.path))
                except duckdb.IOException:
                    if current.path.exists():
                        raise
                    continue
                if self._con is not None:
                    self._retired.append((time.monotonic(), self._con))
                self._con, self._stamp, self.version = con, stamp, current.number
                self._close_retired()
                return True
            raise SnapshotError(f"the snapshots in {self.snapshots.dir} kept changing while opening")

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self.refresh()
        assert self._con is not None
        return self._con

    def _close_retired(self) -> None:
        now = time.monotonic()
        keep = []
        for retired_at, con in self._retired:
            if now - retired_at > RETIRED_CLOSE_AFTER_S:
                with contextlib.suppress(duckdb.Error):
                    con.close()
            else:
                keep.append((retired_at, con))
        self._retired = keep

    def close(self) -> None:
        with self._lock:
            for _, con in self._retired:
                with contextlib.suppress(duckdb.Error):
                    con.close()
            self._retired = []
            if self._con is not None:
                self._con.close()
                self._con = None
