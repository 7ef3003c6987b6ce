"""Demo data only on request: the app never fills a database, and `cli.py demo` never touches real data.

The first test drives the real server and a real browser against a database made with
`cli.py init`: before the fix the first page view wrote 24 demo months into it.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.e2e.conftest import DRAW_TIMEOUT_MS, start_server, stop_server, wait_ready

ROOT = Path(__file__).resolve().parents[2]
FACT_TABLES = ("dossier_facts", "document_facts", "task_facts", "upload_batches")
EMPTY_STATE = "Chưa có dữ liệu nào"


def cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", "--db", str(db), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in FACT_TABLES}


def fingerprint(db: Path) -> str:
    """Everything a demo build could change: batches, facts and the meta flags, row by row."""
    digest = hashlib.sha256()
    with duckdb.connect(str(db), read_only=True) as con:
        for table in (*FACT_TABLES, "meta"):
            for row in con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall():
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture
def init_db(tmp_path) -> Path:
    db = tmp_path / "that.duckdb"
    r = cli("init", db=db)
    assert r.returncode == 0, r.stderr
    return db


def test_first_page_view_of_an_initialised_database_writes_nothing(init_db, tmp_path, browser):
    base, proc = start_server(init_db, tmp_path / "streamlit.log")
    try:
        context = browser.new_context(locale="vi-VN")
        try:
            page = context.new_page()
            page.goto(base)
            wait_ready(page)
            # The main content is drawn: the empty state, which says how to import, not demo rows.
            page.get_by_text(EMPTY_STATE).first.wait_for(state="visible", timeout=DRAW_TIMEOUT_MS)
            text = page.inner_text("body")
            assert "cli.py import" in text
            assert "minh họa" not in text          # no demo banner
        finally:
            context.close()
    finally:
        stop_server(proc)  # releases the write lock, so the file can be read below
    assert counts(init_db) == dict.fromkeys(FACT_TABLES, 0)


def test_demo_refuses_a_database_with_a_real_batch(init_db):
    with duckdb.connect(str(init_db)) as con:
        con.execute("INSERT INTO upload_batches (source_file, sha256, uploaded_by, row_count)"
                    " VALUES ('thang-10.xlsx', 'abc', 'cli:canbo', 0)")
    before = fingerprint(init_db)
    r = cli("demo", db=init_db)
    assert r.returncode == 1  # refused (a UserFacingError), not a bug
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert "Không tạo dữ liệu mẫu (DEMO)" in lines[0] and "1 lô số liệu thật" in lines[0]
    assert fingerprint(init_db) == before


def test_demo_rebuilds_a_demo_database_and_if_missing_keeps_it(tmp_path):
    db = tmp_path / "demo.duckdb"
    first = cli("demo", db=db)
    assert first.returncode == 0, first.stderr
    built = fingerprint(db)
    kept = cli("demo", "--if-missing", db=db)                 # what scripts/start.sh runs on every start
    assert kept.returncode == 0 and "Đã có dữ liệu mẫu" in kept.stdout, kept.stderr
    assert fingerprint(db) == built
    again = cli("demo", "--yes", db=db)                       # an explicit, confirmed rebuild still works
    assert again.returncode == 0 and "Đã tạo dữ liệu mẫu (DEMO)" in again.stdout, again.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT DISTINCT uploaded_by FROM upload_batches").fetchall() == [("demo:generator",)]
        assert con.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone() == ("true",)
