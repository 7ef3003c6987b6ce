"""`cli.py batches`, `cli.py rollback` and `cli.py import --replace-unit-month` as IT staff run them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ingest
from ingest.cli import run_import, run_rollback
from store import open_store
from tests.ingest.conftest import ROOT, TODAY
from tests.ingest.ingest_forms import BIEU06_HEADER, csv_bytes

ROW = "phuong-hai-chau,{field},2026-10,10,5,3,2,8,4,3,1,2,2,0"


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    # stdin is not a terminal here, as under cron or in a pipeline.
    return subprocess.run([sys.executable, "cli.py", "--db", str(db), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def db(reference_db, tmp_path) -> Path:
    """A database with two batches: #1 (Đất đai, Hộ tịch), #2 correcting Đất đai."""
    path = tmp_path / "cli.duckdb"
    shutil.copyfile(reference_db, path)
    store = open_store(path)
    correction = ROW.format(field="dat-dai").replace(",10,5,3,2,", ",10,6,2,2,")  # 6 online instead of 5
    for name, rows in (("thang10.csv", [ROW.format(field="dat-dai"), ROW.format(field="ho-tich")]),
                       ("sua.csv", [correction])):
        data = csv_bytes(BIEU06_HEADER, rows)
        parsed = ingest.parse_upload(store, name, data, today=TODAY)
        assert not parsed.problems, [p.line() for p in parsed.problems]
        ingest.commit(store, [parsed], actor="người nạp")
    store.close()
    return path


def current_fields(db: Path) -> list[tuple]:
    store = open_store(db)
    try:
        return store.cursor().execute(
            "SELECT batch_id, field_code FROM dossier_facts WHERE is_current ORDER BY field_code").fetchall()
    finally:
        store.close()


def test_batches_as_json_lists_every_batch_newest_first(db):
    result = cli(db, "batches", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["id"], r["source_file"], r["uploaded_by"], r["row_count"], r["status"]) for r in rows] == [
        (2, "sua.csv", "người nạp", 1, "active"), (1, "thang10.csv", "người nạp", 2, "active")]
    assert rows[0]["uploaded_at"].startswith("20")  # ISO time


def test_batches_table_has_vietnamese_headers(db):
    result = cli(db, "batches")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header[:4] == ["Lô", "Tệp", "Người", "nạp"]
    assert "đang dùng" in result.stdout


def test_rollback_with_yes_restores_what_the_batch_replaced(db):
    assert current_fields(db) == [(2, "dat-dai"), (1, "ho-tich")]
    result = cli(db, "rollback", "2", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Đã hoàn tác lô #2 (sua.csv)" in result.stdout
    assert current_fields(db) == [(1, "dat-dai"), (1, "ho-tich")]
    rows = json.loads(cli(db, "batches", "--format", "json").stdout)
    assert rows[0]["status"] == "rolled_back" and rows[0]["rolled_back_by"].startswith("cli")


def test_rollback_without_yes_and_without_a_terminal_is_refused(db):
    result = cli(db, "rollback", "2")
    assert result.returncode == 1  # a refusal (UserFacingError): its sentence, exit 1
    assert result.stderr.strip() == ("Lỗi: Chưa hoàn tác lô #2: không có terminal để hỏi xác nhận, "
                                     "hãy chạy lại với --yes")
    assert result.stdout == ""
    assert current_fields(db) == [(2, "dat-dai"), (1, "ho-tich")]


@pytest.mark.parametrize(("args", "message", "code"), [
    (("rollback", "99", "--yes"), "Lỗi: Không có lô #99", 1),        # refused: UserFacingError
    (("rollback", "abc", "--yes"), "invalid int value", 2),           # argparse's usage error
])
def test_rollback_errors_are_one_line(db, args, message, code):
    result = cli(db, *args)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_rollback_twice_is_refused(db):
    assert cli(db, "rollback", "1", "--yes").returncode == 0
    again = cli(db, "rollback", "1", "--yes")
    assert (again.returncode, again.stderr.strip()) == (1, "Lỗi: Lô #1 đã được hoàn tác trước đó")


def test_rollback_refusal_in_english(db):
    again = cli(db, "--lang", "en", "rollback", "99", "--yes")
    assert again.returncode == 1 and "There is no batch #99" in again.stderr


def test_rollback_asks_on_a_terminal(db, capsys):
    store = open_store(db)
    try:
        questions: list[str] = []
        declined = run_rollback(store, 2, actor="x", interactive=True, ask=lambda q: questions.append(q) or "k")
        assert declined == 1 and "Đã hủy: không thay đổi gì." in capsys.readouterr().out
        assert "Hoàn tác lô #2 — tệp 'sua.csv', 1 dòng, nạp bởi người nạp" in questions[0]
        assert ingest.list_batches(store.cursor()).set_index("id").loc[2, "status"] == "active"
        assert run_rollback(store, 2, actor="x", interactive=True, ask=lambda q: "có") == 0
        assert ingest.list_batches(store.cursor()).set_index("id").loc[2, "status"] == "rolled_back"
    finally:
        store.close()


def test_import_replace_unit_month_lists_the_dropped_rows(db, tmp_path, capsys):
    fix = tmp_path / "chi_dat_dai.csv"
    fix.write_bytes(csv_bytes(BIEU06_HEADER, [ROW.format(field="dat-dai").replace(",10,5,3,2,", ",10,7,1,2,")]))
    store = open_store(db)
    try:
        assert run_import(store, [str(fix)], dry_run=True, actor="cli", replace_unit_month=True) == 0
        out = capsys.readouterr().out
        assert "bỏ 1 dòng cũ không có trong tệp:" in out
        dropped = [line for line in out.splitlines() if "[BỎ]" in line]
        assert len(dropped) == 1
        assert dropped[0].startswith("  [BỎ] phuong-hai-chau · ho-tich · 2026-10 (chi_dat_dai.csv): ")
        assert "Tổng số đã giải quyết 8" in dropped[0]
        # Without the flag the same file only replaces Đất đai, and says nothing is dropped.
        assert run_import(store, [str(fix)], dry_run=False, actor="cli") == 0
        assert "[BỎ]" not in capsys.readouterr().out
    finally:
        store.close()
    assert current_fields(db) == [(3, "dat-dai"), (1, "ho-tich")]
