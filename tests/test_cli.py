"""The command line as IT staff use it: real subprocesses, real exit codes."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, db=None):
    cmd = [sys.executable, "cli.py", *(["--db", str(db)] if db else []), *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    r = cli("demo", db=db)
    assert r.returncode == 0, r.stderr
    assert "DEMO" in r.stdout
    return db


def test_rank_table_csv_and_json_agree(demo_db):
    table = cli("rank", "on_time_rate", "--period", "2026-Q3", "--group", "ward", db=demo_db)
    assert table.returncode == 0, table.stderr
    assert "Hạng" in table.stdout and "Phường" in table.stdout and "%" in table.stdout
    csv = pd.read_csv(io.StringIO(cli("rank", "on_time_rate", "--period", "2026-Q3", "--group", "ward",
                                      "--format", "csv", db=demo_db).stdout))
    js = json.loads(cli("rank", "on_time_rate", "--period", "2026-Q3", "--group", "ward",
                        "--format", "json", db=demo_db).stdout)
    assert len(csv) == len(js) == 23
    assert csv["unit_code"].tolist() == [row["unit_code"] for row in js]
    ranked = csv[csv.status == "ranked"]
    assert ranked["value"].is_monotonic_decreasing


def test_evaluate(demo_db):
    r = cli("evaluate", "--period", "2026-Q3", "--group", "commune", "--format", "csv", db=demo_db)
    assert r.returncode == 0, r.stderr
    frame = pd.read_csv(io.StringIO(r.stdout))
    assert set(frame["level"]) <= {"excellent", "good", "completed", "not_completed", "no_data"}
    assert (frame["capped"] == (frame["level"] != frame["level_uncapped"])).all()


@pytest.mark.parametrize(("args", "fragment"), [
    (("rank", "on_time_rate", "--period", "2026-Q5"), "Không hiểu kỳ '2026-Q5'"),
    (("evaluate", "--period", "tháng mười"), "Không hiểu kỳ"),
])
def test_errors_are_one_line_without_traceback(demo_db, args, fragment):
    r = cli(*args, db=demo_db)
    assert r.returncode == 2
    assert fragment in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_unknown_indicator_is_rejected_with_the_list(demo_db):
    r = cli("rank", "speed", "--period", "2026-10", db=demo_db)
    assert r.returncode != 0 and "on_time_rate" in r.stderr and "Traceback" not in r.stderr


def test_locked_database_is_one_clear_line(demo_db):
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect(r'{demo_db}'); "
                               "print('ready', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        r = cli("rank", "on_time_rate", "--period", "2026-10", db=demo_db)
        assert r.returncode == 2 and "đang được một tiến trình khác mở" in r.stderr
        assert "Traceback" not in r.stderr
    finally:
        holder.communicate("", timeout=30)


def test_init_creates_schema_and_reference(tmp_path):
    r = cli("init", db=tmp_path / "new.duckdb")
    assert r.returncode == 0, r.stderr
    assert "lược đồ phiên bản" in r.stdout
