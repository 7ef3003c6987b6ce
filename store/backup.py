"""A copy of the database file taken before a command deletes data (`cli.py demo`, `cli.py rollback`).

The copy sits next to the database, `<name>.backup-YYYYmmdd-HHMMSS.duckdb`, and opens like
the original. It is consistent although the file is open: under the store's write lock
(no transaction of this process can start), `CHECKPOINT` moves everything in the
write-ahead log into the file, and no other process can write to it while this one holds
it (DuckDB's file lock). The bytes are then copied to a temporary name and renamed, so an
interrupted or failed copy (a full disk) never leaves a half file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from datetime import datetime
from pathlib import Path

from store import Store
from store.failures import StoreError, store_failure

log = logging.getLogger("dashboard.store.backup")


def backup_name(db: Path, when: datetime) -> Path:
    """`data/dashboard.duckdb` → `data/dashboard.backup-20261128-190500.duckdb` (a counter if taken)."""
    stem = f"{db.stem}.backup-{when:%Y%m%d-%H%M%S}"
    candidate = db.with_name(f"{stem}.duckdb")
    number = 1
    while candidate.exists():
        number += 1
        candidate = db.with_name(f"{stem}-{number}.duckdb")
    return candidate


def backup_database(store: Store, when: datetime | None = None) -> Path | None:
    """Copy the database file next to itself; returns the copy's path (None for an in-memory database).

    A full disk or an unwritable folder raises its `StoreError` sentence; nothing is left behind.
    """
    if store.path == ":memory:":
        return None
    db = Path(store.path)
    with store.write_lock:
        target = backup_name(db, when or datetime.now())
        partial = target.with_name(target.name + ".partial")
        try:
            store.cursor().execute("CHECKPOINT")
            shutil.copyfile(db, partial)
            wal = db.with_name(db.name + ".wal")
            if wal.exists() and wal.stat().st_size:  # nothing should remain after CHECKPOINT; keep it if it does
                shutil.copyfile(wal, partial.with_name(target.name + ".wal"))
            os.replace(partial, target)
        except Exception as exc:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            failure = exc if isinstance(exc, StoreError) else store_failure(exc, str(target))
            if failure is None:
                raise
            log.error("Backup of %s to %s failed: %s", db, target, exc)
            if failure is exc:
                raise
            raise failure from exc
    log.info("Backup of %s written to %s", db, target)
    return target
