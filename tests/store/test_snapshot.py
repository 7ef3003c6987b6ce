"""Snapshots for several workers (store.snapshot, store.SnapshotStore): all-or-nothing, visible, cleaned up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

import store.snapshot as snapshot
from store import SNAPSHOT_ENV, SnapshotStore, Store, connect_read_only, open_store
from store.snapshot import SnapshotDir, SnapshotReader

ROOT = Path(__file__).resolve().parents[2]


def _primary_with(path: Path, rows: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
    con.execute("DELETE FROM t")
    con.execute("INSERT INTO t SELECT range FROM range(?)", [rows])
    con.execute("CHECKPOINT")
    con.close()


def _count(con: duckdb.DuckDBPyConnection) -> int:
    return con.cursor().execute("SELECT count(*) FROM t").fetchone()[0]


def test_a_reader_sees_the_new_version_after_publish_and_keeps_its_old_cursor(tmp_path):
    primary, snaps = tmp_path / "primary.duckdb", SnapshotDir(tmp_path / "snap")
    _primary_with(primary, 3)
    assert snaps.publish(primary).number == 1
    reader = SnapshotReader(snaps, connect_read_only)
    old = reader.connection().cursor()
    assert _count(reader.connection()) == 3
    assert reader.refresh() is False           # nothing new: no reopen

    _primary_with(primary, 5)
    snaps.publish(primary)
    assert _count(reader.connection()) == 3    # until the next page run asks
    assert reader.refresh() is True
    assert reader.version == 2 and _count(reader.connection()) == 5
    assert old.execute("SELECT count(*) FROM t").fetchone()[0] == 3   # a run still reading the old one finishes
    reader.close()


def test_publish_is_all_or_nothing_when_the_publisher_is_killed_mid_copy(tmp_path):
    primary, snaps = tmp_path / "primary.duckdb", SnapshotDir(tmp_path / "snap")
    _primary_with(primary, 10)
    snaps.publish(primary)
    _primary_with(primary, 200_000)            # the next version, several chunks long
    marker = tmp_path / "mid-copy"
    child = textwrap.dedent(f"""
        import sys, time, pathlib
        sys.path.insert(0, {str(ROOT)!r})
        import store.snapshot as s
        s.CHUNK = 16 * 1024
        real = s._copy_chunk
        calls = []
        def slow(src, dst, size):
            data = real(src, dst, size)
            calls.append(1)
            if len(calls) == 2:
                dst.flush()
                pathlib.Path({str(marker)!r}).write_text("copying")
                time.sleep(120)
            return data
        s._copy_chunk = slow
        s.SnapshotDir({str(snaps.dir)!r}).publish({str(primary)!r})
    """)
    proc = subprocess.Popen([sys.executable, "-c", child])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the publisher ended before reaching the middle of the copy"
            assert time.monotonic() < deadline, "the publisher never reached the middle of the copy"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert list(snaps.versions.glob(".tmp-*")), "the killed publisher left its half-written file"

    assert snaps.current().number == 1         # readers still open the complete old version
    reader = SnapshotReader(snaps, connect_read_only)
    assert _count(reader.connection()) == 10

    assert snaps.publish(primary).number == 2  # the next publish works and removes the leftover
    assert not list(snaps.versions.glob(".tmp-*"))
    assert reader.refresh() and _count(reader.connection()) == 200_000
    reader.close()


def test_old_versions_are_removed_only_when_unused_and_an_open_one_stays_readable(tmp_path):
    primary, snaps = tmp_path / "primary.duckdb", SnapshotDir(tmp_path / "snap")
    _primary_with(primary, 1)
    snaps.publish(primary)
    reader = SnapshotReader(snaps, connect_read_only)
    holding_v1 = reader.connection().cursor()
    for rows in (2, 3, 4):
        _primary_with(primary, rows)
        snaps.publish(primary)
    kept = sorted(p.name for p in snaps.versions.glob("*.duckdb"))
    assert kept == ["1.duckdb", "2.duckdb", "3.duckdb", "4.duckdb"]   # all younger than KEEP_SECONDS

    removed = snaps.clean(now=time.time() + snapshot.KEEP_SECONDS + 1)
    assert sorted(p.name for p in removed) == ["1.duckdb", "2.duckdb"]
    assert sorted(p.name for p in snaps.versions.glob("*.duckdb")) == ["3.duckdb", "4.duckdb"]
    assert holding_v1.execute("SELECT count(*) FROM t").fetchone()[0] == 1   # removed, still open, still read
    assert reader.refresh() and _count(reader.connection()) == 4
    reader.close()


@pytest.fixture
def workers_env(tmp_path, monkeypatch):
    db = tmp_path / "dashboard.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv(SNAPSHOT_ENV, str(tmp_path / "snapshots"))
    return db


def test_a_commit_in_one_worker_is_seen_by_another_at_its_next_run(workers_env):
    first, second = open_store(), open_store()      # two workers on one database
    assert isinstance(first, SnapshotStore) and isinstance(second, SnapshotStore)
    before = second.cursor().execute("SELECT count(*) FROM targets").fetchone()[0]
    with first.transaction() as cur:
        cur.execute("INSERT INTO targets (indicator, year, unit_type, value) VALUES ('on_time_rate', 2031, 'ward', 91.5)")
    assert first.cursor().execute("SELECT count(*) FROM targets").fetchone()[0] == before + 1   # the writer at once
    assert second.refresh() is True                                                       # next page run
    assert second.cursor().execute("SELECT value FROM targets WHERE year = 2031").fetchone()[0] == 91.5
    with pytest.raises(duckdb.Error):   # a worker's own connection is read-only: writes go through transaction()
        second.cursor().execute("DELETE FROM targets")
    first.close()
    second.close()


def test_another_process_can_write_while_workers_are_open_and_a_failed_write_publishes_nothing(workers_env):
    worker = open_store()
    version = worker.snapshots.current().number
    with pytest.raises(duckdb.Error), worker.transaction() as cur:
        cur.execute("INSERT INTO targets (indicator, year, unit_type, value) VALUES ('on_time_rate', 2032, 'ward', 1)")
        cur.execute("INSERT INTO no_such_table VALUES (1)")
    assert worker.snapshots.current().number == version
    script = ("from store import open_store\n"
              "s = open_store()\n"
              "with s.transaction() as cur:\n"
              "    cur.execute(\"INSERT INTO targets (indicator, year, unit_type, value) "
              "VALUES ('on_time_rate', 2033, 'ward', 88)\")\n")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=os.environ.copy(), check=True, timeout=120)
    assert worker.refresh() is True
    rows = worker.cursor().execute("SELECT year FROM targets WHERE year >= 2032").fetchall()
    assert rows == [(2033,)]
    worker.close()


def test_without_the_setting_the_store_is_the_single_process_one(tmp_path, monkeypatch):
    monkeypatch.delenv(SNAPSHOT_ENV, raising=False)
    store = open_store(tmp_path / "one.duckdb")
    assert type(store) is Store and store.refresh() is False
    assert not (tmp_path / "snapshots").exists()
    store.close()
