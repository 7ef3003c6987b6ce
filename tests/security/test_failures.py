"""Honest failures (issue 13 §7): a locked, corrupt or read-only database file and a full disk
each get their own sentence, in the CLI (exit 1) and on the dashboard (no page), and nothing is written.

How each failure is produced, and why:
- locked: real, a second process holds the file open (DuckDB's own lock);
- corrupt: real, garbage bytes, a text file and a DuckDB file with damaged blocks;
- read-only: real where possible. Tests run as root, and root ignores `chmod 0o555`, so when a
  chmod'ed folder still accepts a file the folder is bind-mounted read-only onto itself
  (EROFS); where mounting is not allowed either, a path under /sys (sysfs refuses new files, even to root);
- disk full: real, a 16 MiB tmpfs filled to the last byte, when this machine lets us mount one
  (root in this container); otherwise those tests are skipped and the commit path is still
  covered by `test_a_commit_that_fails_for_lack_of_space_*`, which makes COMMIT raise DuckDB's own
  ENOSPC error through a stand-in connection (the only way without a small file system).
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from i18n.catalogue import error_text, text
from store import open_store
from store.failures import DatabaseCorrupt, DatabaseLocked, DatabaseReadOnly, DiskFull, store_failure
from tests.ingest.ingest_forms import BIEU06_HEADER, csv_bytes
from tests.ui.conftest import APP, TIMEOUT, clean_caches  # noqa: F401 (autouse: each test opens its own file)

ROOT = Path(__file__).resolve().parents[2]
ROW = "phuong-hai-chau,dat-dai,2026-10,10,5,3,2,8,4,3,1,2,2,0"


def cli(db: Path, *args: str, lang: str = "vi") -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_DB": str(db)}
    return subprocess.run([sys.executable, "cli.py", "--lang", lang, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def assert_cli_says(result: subprocess.CompletedProcess, sentence: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert sentence in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Lỗi nội bộ" not in result.stderr


def dashboard(db: Path, monkeypatch, lang: str = "vi") -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if lang == "en":
        at.query_params["lang"] = "en"
    return at.run()


def assert_page_says_only(at: AppTest, sentence: str) -> None:
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [sentence]  # the same, if Markdown is escaped
    assert not at.title and not at.dataframe and not at.metric and not at.tabs  # no page drawn


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def database(tmp_path) -> Path:
    path = tmp_path / "dashboard.duckdb"
    open_store(path).close()
    return path


# --- locked by another process ---------------------------------------------------------------


@pytest.fixture
def holder(database) -> Iterator[subprocess.Popen]:
    """Another process with the database open (it ends by itself after 30 s)."""
    proc = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                             "print('ready', flush=True); time.sleep(30)", str(database)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()


def test_locked_file_names_the_file_and_the_process_in_the_cli(database, holder):
    before = digest(database)
    sentence = text("store_locked_pid", "vi", path=database, pid=holder.pid)
    assert_cli_says(cli(database, "init"), sentence)
    assert_cli_says(cli(database, "batches"), sentence)
    english = cli(database, "init", lang="en")
    assert_cli_says(english, f"The database file {database} is held open by another process (PID {holder.pid})")
    assert digest(database) == before


def test_locked_file_shows_its_sentence_instead_of_a_page(database, holder, monkeypatch):
    before = digest(database)
    assert_page_says_only(dashboard(database, monkeypatch), text("store_locked_pid", "vi", path=database,
                                                                 pid=holder.pid))
    st.cache_resource.clear()
    assert_page_says_only(dashboard(database, monkeypatch, lang="en"),
                          text("store_locked_pid", "en", path=database, pid=holder.pid))
    assert digest(database) == before


def test_a_lock_message_without_a_pid_still_names_the_file():
    exc = duckdb.IOException('IO Error: Could not set lock on file "/srv/d.duckdb": Conflicting lock is held')
    failure = store_failure(exc, "/srv/d.duckdb")
    assert type(failure) is DatabaseLocked
    assert error_text(failure, "en") == text("store_locked", "en", path="/srv/d.duckdb")


# --- corrupt or not a DuckDB file ------------------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(13).randbytes(64 * 1024))


def _text_file(path: Path) -> None:
    path.write_text("đây là một tệp văn bản, không phải cơ sở dữ liệu\n" * 100, encoding="utf-8")


def _truncated(path: Path) -> None:
    open_store(path).close()
    path.write_bytes(path.read_bytes()[:100])


@pytest.fixture(params=[_garbage, _text_file, _truncated], ids=["garbage", "text", "truncated"])
def corrupt(request, tmp_path) -> Path:
    path = tmp_path / "dashboard.duckdb"
    request.param(path)
    return path


def test_corrupt_file_is_named_in_the_cli_and_left_as_it_was(corrupt):
    before = tree(corrupt.parent)
    assert_cli_says(cli(corrupt, "init"), text("store_corrupt", "vi", path=corrupt))
    assert_cli_says(cli(corrupt, "batches", lang="en"), text("store_corrupt", "en", path=corrupt))
    assert tree(corrupt.parent) == before


def test_corrupt_file_shows_its_sentence_instead_of_a_page(corrupt, monkeypatch):
    before = tree(corrupt.parent)
    assert_page_says_only(dashboard(corrupt, monkeypatch), text("store_corrupt", "vi", path=corrupt))
    assert tree(corrupt.parent) == before


def test_a_damaged_block_reads_as_corrupt(tmp_path):
    """DuckDB finds a damaged block only when it reads it; its checksum error is recognised."""
    path = tmp_path / "blocks.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t AS SELECT range AS i, 'dòng ' || range AS s FROM range(100000)")
    con.close()
    data = bytearray(path.read_bytes())
    for at in range(20000, len(data) - 4096, 512):
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(duckdb.Error) as raised:
        duckdb.connect(str(path)).execute("SELECT sum(i) FROM t").fetchall()
    assert type(store_failure(raised.value, str(path))) is DatabaseCorrupt


# --- read-only folder or file ----------------------------------------------------------------


def _writable(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


def _run(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True, timeout=30).returncode == 0


@pytest.fixture
def read_only_dir(tmp_path) -> Iterator[Path | None]:
    """A folder holding a database that nobody may write to (see the module docstring), or None if impossible."""
    folder = tmp_path / "ro"
    folder.mkdir()
    open_store(folder / "dashboard.duckdb").close()
    (folder / "dashboard.duckdb").chmod(0o444)
    folder.chmod(0o555)
    mounted = False
    try:
        if _writable(folder):  # root: chmod does not stop it
            mounted = _run("mount", "--bind", "-o", "ro", str(folder), str(folder))
            if mounted and _writable(folder):
                pytest.fail("a read-only bind mount accepted a file")
        yield None if _writable(folder) else folder
    finally:
        if mounted:
            _run("umount", str(folder))
        folder.chmod(0o755)
        (folder / "dashboard.duckdb").chmod(0o644)


@pytest.fixture(params=["new file", "existing file"])
def read_only_db(request, read_only_dir) -> Path:
    if read_only_dir is None:
        if request.param == "existing file":
            pytest.skip("cannot make a read-only folder here")
        return Path("/sys/fs/dashboard.duckdb")  # sysfs: no new files, not even for root
    return read_only_dir / ("dashboard.duckdb" if request.param == "existing file" else "new.duckdb")


def _state(db: Path) -> str | None:
    return digest(db) if db.exists() else None


def test_read_only_place_is_named_in_the_cli(read_only_db):
    before = _state(read_only_db)
    assert_cli_says(cli(read_only_db, "init"), text("store_read_only", "vi", path=read_only_db))
    assert_cli_says(cli(read_only_db, "init", lang="en"), text("store_read_only", "en", path=read_only_db))
    assert _state(read_only_db) == before


def test_read_only_place_shows_its_sentence_instead_of_a_page(read_only_db, monkeypatch):
    before = _state(read_only_db)
    assert_page_says_only(dashboard(read_only_db, monkeypatch), text("store_read_only", "vi", path=read_only_db))
    assert _state(read_only_db) == before


def test_a_folder_that_cannot_be_created_is_a_read_only_place(read_only_dir):
    if read_only_dir is None:
        pytest.skip("cannot make a read-only folder here")
    with pytest.raises(DatabaseReadOnly) as raised:
        open_store(read_only_dir / "sub" / "dashboard.duckdb")
    assert raised.value.params["path"] == str(read_only_dir / "sub")


# --- disk full -------------------------------------------------------------------------------


def _fill(folder: Path) -> None:
    try:
        with (folder / "filler").open("ab") as out:
            while True:
                out.write(b"\0" * 4096)
                out.flush()
    except OSError as exc:
        assert exc.errno == errno.ENOSPC


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A real 16 MiB file system, if this machine lets us mount one."""
    folder = tmp_path / "small"
    folder.mkdir()
    if not _run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)):
        pytest.skip("mounting a small tmpfs is not allowed here; see the simulated commit test")
    try:
        yield folder
    finally:
        _run("umount", str(folder))


def test_full_disk_on_open_writes_nothing_and_says_so(small_disk, monkeypatch):
    _fill(small_disk)
    db = small_disk / "dashboard.duckdb"
    assert_cli_says(cli(db, "init"), text("store_disk_full", "vi", path=db))
    assert_cli_says(cli(db, "init", lang="en"), text("store_disk_full", "en", path=db))
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no half-made file left to read as corrupt
    assert_page_says_only(dashboard(db, monkeypatch), text("store_disk_full", "vi", path=db))
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_full_disk_at_the_import_commit_keeps_the_database_as_it_was(small_disk, tmp_path):
    db = small_disk / "dashboard.duckdb"
    assert cli(db, "init").returncode == 0
    upload = tmp_path / "thang10.csv"
    upload.write_bytes(csv_bytes(BIEU06_HEADER, [ROW]))
    _fill(small_disk)
    assert_cli_says(cli(db, "import", str(upload)), text("store_disk_full", "vi", path=db))
    (small_disk / "filler").unlink()
    store = open_store(db, read_only=True)
    try:
        for table in ("upload_batches", "dossier_facts", "audit_log"):
            assert store.cursor().execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    finally:
        store.close()
    result = cli(db, "import", str(upload))  # with space again, the same upload goes in
    assert result.returncode == 0, result.stderr


def test_full_disk_in_a_transaction_rolls_back_and_the_store_keeps_working(small_disk):
    store = open_store(small_disk / "dashboard.duckdb")
    try:
        with store.transaction() as cur:
            cur.execute("CREATE TABLE notes (n INTEGER, s VARCHAR)")
        _fill(small_disk)
        with pytest.raises(DiskFull), store.transaction() as cur:
            cur.execute("INSERT INTO notes SELECT range, repeat('x', 100) FROM range(50000)")
        assert store.cursor().execute("SELECT count(*) FROM notes").fetchone() == (0,)
        (small_disk / "filler").unlink()
        with store.transaction() as cur:
            cur.execute("INSERT INTO notes VALUES (1, 'một')")
        assert store.cursor().execute("SELECT count(*) FROM notes").fetchone() == (1,)
    finally:
        store.close()


class _FullDiskAtCommit:
    """Stands in for a DuckDB connection whose COMMIT meets a full disk (DuckDB's own message)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, error: Exception):
        self._con, self._error = con, error

    def cursor(self) -> _FullDiskAtCommit:
        return _FullDiskAtCommit(self._con.cursor(), self._error)

    def execute(self, sql: str, *args):
        if sql == "COMMIT":
            raise self._error
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._con, name)


@pytest.mark.parametrize("error", [
    duckdb.TransactionException('TransactionContext Error: Failed to commit: Could not write file '
                                '"/srv/d.duckdb": No space left on device'),
    OSError(errno.ENOSPC, "No space left on device"),
], ids=["duckdb", "oserror"])
def test_a_commit_that_fails_for_lack_of_space_rolls_back_and_says_so(database, error):
    store = open_store(database)
    try:
        store._con = _FullDiskAtCommit(store._con, error)
        with pytest.raises(DiskFull) as raised, store.transaction() as cur:
            cur.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        assert str(raised.value) == text("store_disk_full", "vi", path=database)
        assert raised.value.__cause__ is error
        assert store.get_meta("k") is None
    finally:
        store.close()


# --- what is not one of the four stays a bug -------------------------------------------------


@pytest.mark.parametrize("exc", [
    ValueError("Corrupt value, no space left on device"),  # words alone do not make a store failure
    duckdb.CatalogException("Catalog Error: Table with name nope does not exist!"),
    duckdb.InvalidInputException('Cannot execute statement of type "INSERT" on database "d" which is attached '
                                 "in read-only mode!"),  # our own read_only=True: a bug, not a permission
    OSError(errno.ENOENT, "No such file or directory"),
])
def test_anything_else_stays_a_bug(exc):
    assert store_failure(exc, "/srv/d.duckdb") is None


def test_a_programming_error_in_a_transaction_is_not_dressed_up(database):
    store = open_store(database)
    try:
        with pytest.raises(duckdb.CatalogException), store.transaction() as cur:
            cur.execute("INSERT INTO no_such_table VALUES (1)")
    finally:
        store.close()


def test_permission_errors_name_the_path_that_failed():
    failure = store_failure(PermissionError(errno.EACCES, "Permission denied", "/srv/data"), "/srv/data/d.duckdb")
    assert type(failure) is DatabaseReadOnly and failure.params["path"] == "/srv/data"
    wal = duckdb.IOException('IO Error: Cannot open file "/srv/data/d.duckdb.wal": Permission denied')
    assert store_failure(wal, "/srv/data/d.duckdb").params["path"] == "/srv/data/d.duckdb.wal"


def test_every_failure_sentence_exists_in_both_languages():
    for cls in (DatabaseLocked, DiskFull, DatabaseCorrupt, DatabaseReadOnly):
        failure = cls(path="/srv/d.duckdb")
        assert "/srv/d.duckdb" in str(failure) and "/srv/d.duckdb" in error_text(failure, "en")
        assert str(failure) != error_text(failure, "en")


# --- a failure met while reading, after the file opened (e.g. a damaged block) ---------------
# Simulated: a file whose damage passes opening and migrating but not a page's query depends on
# where DuckDB put the blocks, so the read raises DuckDB's own checksum error instead.

CHECKSUM = duckdb.Error("Corrupt database file: computed checksum 1 does not match stored checksum 2 "
                        "in block at location 12288")


def test_a_damaged_block_met_by_a_cli_read_is_named(database, monkeypatch, capsys):
    import cli

    def read(args):
        raise CHECKSUM

    monkeypatch.setattr(cli, "cmd_batches", read)
    assert cli.main(["--db", str(database), "batches"]) == 1
    assert text("store_corrupt", "vi", path=database) in capsys.readouterr().err


def _page_meets_a_damaged_block():
    import duckdb

    from ui.errors import section

    with section("figures"):
        raise duckdb.Error("Corrupt database file: computed checksum 1 does not match stored checksum 2")
    with section("other"):
        raise ValueError("a bug")


def test_a_damaged_block_met_by_a_page_section_is_named(database, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(database))
    at = AppTest.from_function(_page_meets_a_damaged_block, default_timeout=TIMEOUT).run()
    assert [e.value.replace("\\", "") for e in at.error] == [text("store_corrupt", "vi", path=database),
                                                           text("error_section", "vi")]
