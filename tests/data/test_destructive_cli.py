"""Commands that delete data (`cli.py demo` over existing batches, `cli.py rollback`) as an operator meets them.

Off a terminal they refuse without --yes and change nothing; with --yes (or a "c" typed on a
terminal) they first copy the database file next to itself, print where, and leave audit rows
naming the operator. The copy opens like any database and holds the data as it was before.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

import cli
from data.demo import build_demo
from store import open_store
from store.backup import backup_database
from store.failures import DiskFull

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("dossier_facts", "document_facts", "task_facts", "upload_batches", "meta")


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    """The CLI as cron or a pipe runs it: stdin is not a terminal."""
    return subprocess.run([sys.executable, "cli.py", "--db", str(db), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def fingerprint(db: Path) -> str:
    digest = hashlib.sha256()
    with duckdb.connect(str(db), read_only=True) as con:
        for table in TABLES:
            for row in con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall():
                digest.update(repr(row).encode())
    return digest.hexdigest()


def backups(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.stem}.backup-*.duckdb"))


def audit(db: Path) -> list[tuple[str, str, str | None, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT action, actor, target, detail FROM audit_log ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory) -> Path:
    """A three-month demo (3 batches), built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("destructive") / "master.duckdb"
    store = open_store(path)
    build_demo(store, today=date(2026, 11, 26), months=3)
    store.close()
    return path


@pytest.fixture
def db(small_demo, tmp_path) -> Path:
    path = tmp_path / "dashboard.duckdb"
    shutil.copyfile(small_demo, path)
    return path


def test_demo_rebuild_off_a_terminal_without_yes_is_refused_and_changes_nothing(db):
    before = fingerprint(db)
    r = run("demo", db=db)
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert "Chưa dựng lại dữ liệu mẫu" in lines[0] and "xóa 3 lô" in lines[0] and "--yes" in lines[0]
    assert fingerprint(db) == before
    assert backups(db) == []
    assert audit(db) == []
    english = run("--lang", "en", "demo", db=db)
    assert english.returncode == 1 and "run it again with --yes" in english.stderr


def test_demo_rebuild_with_yes_keeps_a_backup_that_opens_with_the_old_data(db):
    before = fingerprint(db)
    r = run("demo", "--yes", db=db)
    assert r.returncode == 0, r.stderr
    [copy] = backups(db)
    assert f"Đã sao lưu cơ sở dữ liệu trước khi xóa: {copy}" in r.stdout
    assert "Đã tạo dữ liệu mẫu (DEMO)" in r.stdout
    assert fingerprint(copy) == before                 # the old data, readable as a database
    with duckdb.connect(str(db), read_only=True) as con:  # and the live file now holds 24 months
        assert con.execute("SELECT count(*) FROM upload_batches").fetchone()[0] == 24
    rows = audit(db)
    assert [a for a, *_ in rows] == ["database_backup", "demo_rebuilt"]
    assert all(actor.startswith("cli") for _, actor, *_ in rows)
    assert rows[0][2] == str(copy) and rows[0][3] == "demo"
    assert rows[1][3] == str(copy)


def test_demo_if_missing_on_a_fresh_file_builds_without_asking_or_copying(tmp_path):
    db = tmp_path / "demo.duckdb"                       # what scripts/start.sh runs on a fresh checkout
    r = run("demo", "--if-missing", db=db)
    assert r.returncode == 0 and "Đã tạo dữ liệu mẫu (DEMO)" in r.stdout, r.stderr
    assert backups(db) == []
    assert [a for a, *_ in audit(db)] == ["demo_rebuilt"]
    kept = run("demo", "--if-missing", db=db)
    assert kept.returncode == 0 and "Đã có dữ liệu mẫu" in kept.stdout
    assert backups(db) == []


def _in_process(monkeypatch, db: Path, answer: str, *argv: str) -> tuple[int, list[str]]:
    """Runs cli.main as on a terminal where the operator types `answer`; returns exit code and questions."""
    questions: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda q="": questions.append(q) or answer)
    opened = []
    real_open = cli._open
    monkeypatch.setattr(cli, "_open", lambda args: opened.append(real_open(args)) or opened[-1])
    try:
        code = cli.main(["--db", str(db), *argv])
    finally:
        for store in opened:
            store.close()
    return code, questions


def test_demo_rebuild_on_a_terminal_asks_and_a_no_changes_nothing(db, monkeypatch, capsys):
    before = fingerprint(db)
    code, questions = _in_process(monkeypatch, db, "k", "demo")
    assert code == 1 and "Đã hủy: không thay đổi gì." in capsys.readouterr().out
    assert len(questions) == 1 and "xóa 3 lô" in questions[0] and "[c/K]" in questions[0]
    assert fingerprint(db) == before and backups(db) == []


def test_demo_rebuild_on_a_terminal_after_yes_copies_first(db, monkeypatch, capsys):
    before = fingerprint(db)
    code, questions = _in_process(monkeypatch, db, "c", "demo")
    assert code == 0 and len(questions) == 1
    [copy] = backups(db)
    assert str(copy) in capsys.readouterr().out
    assert fingerprint(copy) == before


def test_rollback_off_a_terminal_without_yes_is_refused_without_a_copy(db):
    before = fingerprint(db)
    r = run("rollback", "1", db=db)
    assert r.returncode == 1 and r.stdout == ""
    assert "hãy chạy lại với --yes" in r.stderr
    assert fingerprint(db) == before and backups(db) == [] and audit(db) == []


def test_rollback_with_yes_keeps_a_backup_and_audits_it(db):
    r = run("rollback", "1", "--yes", db=db)
    assert r.returncode == 0, r.stderr
    [copy] = backups(db)
    assert f"Đã sao lưu cơ sở dữ liệu trước khi xóa: {copy}" in r.stdout
    assert "Đã hoàn tác lô #1" in r.stdout
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("SELECT status FROM upload_batches WHERE id = 1").fetchone() == ("active",)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM upload_batches WHERE id = 1").fetchone() == ("rolled_back",)
    rows = audit(db)
    assert [a for a, *_ in rows] == ["database_backup", "rollback"]
    assert rows[0][1].startswith("cli") and rows[0][2] == str(copy) and rows[0][3] == "rollback batch:1"


def test_a_refused_rollback_makes_no_copy(db):
    r = run("rollback", "99", "--yes", db=db)
    assert r.returncode == 1 and "Không có lô #99" in r.stderr
    assert backups(db) == [] and audit(db) == []


def test_rollback_on_a_terminal_copies_only_after_yes(db, monkeypatch, capsys):
    code, questions = _in_process(monkeypatch, db, "k", "rollback", "2")
    assert code == 1 and len(questions) == 1 and backups(db) == []
    capsys.readouterr()
    code, _ = _in_process(monkeypatch, db, "có", "rollback", "2")
    assert code == 0
    [copy] = backups(db)
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("SELECT status FROM upload_batches WHERE id = 2").fetchone() == ("active",)


def test_backup_names_never_collide_and_a_full_disk_leaves_no_half_copy(db, monkeypatch):
    store = open_store(db)
    try:
        when = datetime(2026, 11, 28, 19, 5, 0)
        first, second = backup_database(store, when), backup_database(store, when)
        assert first.name == "dashboard.backup-20261128-190500.duckdb"
        assert second.name == "dashboard.backup-20261128-190500-2.duckdb"

        def full(src, dst):
            Path(dst).write_bytes(b"half")
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(shutil, "copyfile", full)
        with pytest.raises(DiskFull):
            backup_database(store, datetime(2026, 11, 28, 19, 6, 0))
    finally:
        store.close()
    assert {p.name for p in db.parent.iterdir() if "backup" in p.name} == {first.name, second.name}
