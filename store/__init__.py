"""The one place that opens DuckDB, applies migrations and runs transactions.

Everything else receives a `Store` (or a cursor from it) and never calls
`duckdb.connect` itself. A DuckDB connection is not thread-safe, so callers
that run in several threads (Streamlit sessions) share one `Store` and take a
fresh `store.cursor()` per query.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

import config
from vocab.errors import UserFacingError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "data" / "migrations"
DEFAULT_DB_PATH = config.setting("db").default
DB_ENV_VAR = config.setting("db").env


class StoreError(UserFacingError):
    """A database problem worth one clear sentence to the user."""


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
        """All of the block's writes or none of them (also if the process dies)."""
        with self.write_lock:
            cur = self._con.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
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

    def is_demo(self) -> bool:
        return self.get_meta("demo") == "true"

    def is_empty(self) -> bool:
        row = self.cursor().execute("SELECT count(*) FROM units").fetchone()
        return row[0] == 0

    def close(self) -> None:
        self._con.close()


def open_store(path: str | Path | None = None, *, read_only: bool = False, migrate: bool = True) -> Store:
    """Open (creating if needed) the database at `path` and bring its schema up to date."""
    db_path = str(path) if path is not None else str(default_db_path())
    if db_path != ":memory:":
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(db_path, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(
                f"Cơ sở dữ liệu {db_path} đang được một tiến trình khác mở (ví dụ dashboard đang chạy); "
                "hãy dừng tiến trình đó hoặc dùng --db để chọn tệp khác."
            ) from exc
        raise StoreError(f"Không mở được cơ sở dữ liệu {db_path}: {exc}") from exc
    store = Store(con, db_path)
    if migrate and not read_only:
        store.migrate()
    return store
