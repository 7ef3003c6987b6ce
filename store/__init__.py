"""The one place that opens DuckDB, applies migrations and runs transactions.

Everything else receives a `Store` (or a cursor from it) and never calls
`duckdb.connect` itself. A DuckDB connection is not thread-safe, so callers
that run in several threads (Streamlit sessions) share one `Store` and take a
fresh `store.cursor()` per query.

Several server processes (`scripts/serve.sh --workers N`) set `DASHBOARD_SNAPSHOT_DIR`:
`open_store()` then returns a `SnapshotStore`, which reads the newest immutable
snapshot of the database read-only and opens the primary file read-write only for the
length of one write transaction, under an OS file lock, publishing a new snapshot after
it (see `store.snapshot`). Without that variable nothing changes: one read-write connection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

import config
from store.failures import DiskFull, StoreError, store_failure
from store.snapshot import SnapshotDir, SnapshotReader

__all__ = ["SNAPSHOT_ENV", "SnapshotStore", "Store", "StoreError", "default_db_path", "open_store"]

SNAPSHOT_ENV = "DASHBOARD_SNAPSHOT_DIR"   # set by scripts/serve.sh for every worker

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "data" / "migrations"
DEFAULT_DB_PATH = config.setting("db").default
DB_ENV_VAR = config.setting("db").env

log = logging.getLogger("dashboard.store")


def default_db_path() -> Path:
    return Path(config.get("db"))


def _migration_files() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        number, _, name = path.stem.partition("_")
        found.append((int(number), name, path))
    return found


class Store:
    """A DuckDB database with the project's schema applied."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self._con = con
        self.path = path
        # Serialises write transactions issued from different threads.
        self.write_lock = threading.RLock()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one query or transaction; safe to use from one thread."""
        return self._con.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All of the block's writes or none of them (also if the process dies).

        A full disk or an unwritable file, in the block or at COMMIT, becomes its
        `StoreError` sentence (see `store.failures`); the transaction is rolled back.
        """
        with self.write_lock:
            cur = self._con.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    yield cur
                except BaseException:
                    _rollback(cur)
                    raise
                try:
                    cur.execute("COMMIT")
                except duckdb.Error:
                    _rollback(cur)  # DuckDB has usually undone it already; make sure
                    raise
            except Exception as exc:
                failure = store_failure(exc, self.path)
                if failure is None:
                    raise
                log.error("Write to %s refused: %s", self.path, exc)
                raise failure from exc
            finally:
                cur.close()

    def migrate(self) -> list[int]:
        """Apply pending migrations in order; returns the versions applied."""
        cur = self._con.cursor()
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        done = {row[0] for row in cur.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, path in _migration_files():
            if version in done:
                continue
            with self.transaction() as tx:
                tx.execute(path.read_text(encoding="utf-8"))
                tx.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self.cursor().execute("SELECT max(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.cursor().execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str, cur: duckdb.DuckDBPyConnection | None = None) -> None:
        (cur or self.cursor()).execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value]
        )

    def refresh(self) -> bool:
        """Sees the newest published data (several workers); one process always does: False."""
        return False

    def is_demo(self) -> bool:
        return self.get_meta("demo") == "true"

    def is_empty(self) -> bool:
        row = self.cursor().execute("SELECT count(*) FROM units").fetchone()
        return row[0] == 0

    def close(self) -> None:
        self._con.close()


def connect_read_only(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a published snapshot (never the primary file)."""
    return duckdb.connect(path, read_only=True)


class SnapshotStore(Store):
    """One of several server processes: reads a snapshot, writes the primary briefly under a file lock.

    `refresh()` (once per page run) switches to a newer snapshot if another process published
    one. `transaction()` takes the cross-process write lock, opens the primary read-write,
    runs the block as one DuckDB transaction, checkpoints, closes it and publishes the result,
    so the writer and, at their next page run, all other workers see it. Reads outside a
    transaction never see uncommitted or half-published data.
    """

    def __init__(self, primary: str, snapshots: SnapshotDir):
        self.path = primary
        self.snapshots = snapshots
        self.reader = SnapshotReader(snapshots, connect_read_only)
        self.write_lock = threading.RLock()

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:  # type: ignore[override]
        return self.reader.connection()

    def refresh(self) -> bool:
        return self.reader.refresh()

    def _connect_primary(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(self.path)
        except Exception as exc:
            failure = store_failure(exc, self.path)
            if failure is None:
                raise
            raise failure from exc

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.write_lock, self.snapshots.write_lock():
            con = self._connect_primary()
            try:
                with Store(con, self.path).transaction() as cur:
                    yield cur
                con.execute("CHECKPOINT")   # the published copy is then the whole database, no WAL
            finally:
                con.close()
            self.snapshots.publish(self.path)
        self.reader.refresh()

    def migrate(self) -> list[int]:
        """Brings the primary up to date; publishes only if something changed or nothing is published."""
        with self.write_lock, self.snapshots.write_lock():
            con = self._connect_primary()
            try:
                applied = Store(con, self.path).migrate()
                con.execute("CHECKPOINT")
            finally:
                con.close()
            if applied or self.snapshots.current() is None:
                self.snapshots.publish(self.path)
        self.reader.refresh()
        return applied

    def close(self) -> None:
        self.reader.close()


def _snapshot_dir_for(path: str | Path | None, read_only: bool) -> SnapshotDir | None:
    """The snapshot directory if this process is one of several workers on the configured database."""
    directory = config.get("snapshot_dir")
    if not directory or read_only:
        return None
    if path is not None and str(path) != ":memory:" and Path(path).resolve() != default_db_path().resolve():
        return None  # another file (a test's, a copy): the ordinary single-process store
    return SnapshotDir(directory)


def _open_snapshot_store(snapshots: SnapshotDir, migrate: bool) -> SnapshotStore:
    primary = default_db_path()
    primary.parent.mkdir(parents=True, exist_ok=True)
    store = SnapshotStore(str(primary), snapshots)
    if migrate or snapshots.current() is None:
        store.migrate()   # also publishes the first snapshot
    store.refresh()
    return store


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction; a failure here must not hide the error that caused it."""
    try:
        cur.execute("ROLLBACK")
    except duckdb.Error as exc:
        log.debug("ROLLBACK after a failed write: %s", exc)


def open_store(path: str | Path | None = None, *, read_only: bool = False, migrate: bool = True) -> Store:
    """Open (creating if needed) the database at `path` and bring its schema up to date.

    A locked, corrupt or unwritable file or a full disk raises its `StoreError`
    sentence (see `store.failures`); a file this call created and could not finish
    is removed, so a full disk leaves nothing behind that would later read as corrupt.
    """
    snapshots = _snapshot_dir_for(path, read_only)
    if snapshots is not None:
        return _open_snapshot_store(snapshots, migrate)
    db_path = str(path) if path is not None else str(default_db_path())
    file = Path(db_path) if db_path != ":memory:" else None
    existed = file is not None and file.exists()
    con = None
    try:
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(db_path, read_only=read_only)
        store = Store(con, db_path)
        if migrate and not read_only:
            store.migrate()
        return store
    except Exception as exc:
        # a migration's transaction has already turned its failure into a StoreError
        failure = exc if isinstance(exc, StoreError) else store_failure(exc, db_path)
        if failure is None:
            raise
        log.error("Cannot open the database %s: %s", db_path, exc)
        if con is not None:
            with suppress(duckdb.Error):
                con.close()
        if isinstance(failure, DiskFull) and file is not None and not existed:
            for leftover in (file, file.with_name(file.name + ".wal")):
                with suppress(OSError):
                    leftover.unlink(missing_ok=True)
        if failure is exc:
            raise
        raise failure from exc
