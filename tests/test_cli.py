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
    assert r.returncode == 1
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
        assert r.returncode == 1 and "đang được một tiến trình khác mở" in r.stderr
        assert "Traceback" not in r.stderr
    finally:
        holder.communicate("", timeout=30)


def test_init_creates_schema_and_reference(tmp_path):
    r = cli("init", db=tmp_path / "new.duckdb")
    assert r.returncode == 0, r.stderr
    assert "lược đồ phiên bản" in r.stdout


@pytest.fixture
def small_db(tmp_path):
    """Two wards: 'a' reports everything, 'b' resolved nothing in October (0/0) and sent only Biểu 06."""
    from tests.factories import add_batch, add_dossiers, add_field, add_unit, new_store, resolved

    path = tmp_path / "small.duckdb"
    s = new_store(path)
    add_field(s, "f1")
    add_unit(s, "a", "ward")
    add_unit(s, "b", "ward")
    batch = add_batch(s)
    add_dossiers(s, batch, "a", "2026-09", **resolved(50, 40))
    add_dossiers(s, batch, "a", "2026-10", **resolved(50, 45))
    add_dossiers(s, batch, "b", "2026-09", **resolved(20, 20))
    add_dossiers(s, batch, "b", "2026-10", received_total=3, received_direct=3, pending_total=3, pending_on_time=3,
                 received_full_process=None, fee_dossiers=None, fee_paid_online=None, electronic_results=None,
                 digitised=None, resolved_late_unexcused=None, pending_overdue_unexcused=None)
    s.close()
    return path


def test_rank_json_gives_null_for_no_data_never_zero(small_db):
    rows = {r["unit_code"]: r for r in json.loads(cli("rank", "on_time_rate", "--period", "2026-10", "--group",
                                                      "ward", "--min-volume", "1", "--format", "json",
                                                      db=small_db).stdout)}
    # a: 45 / 50 = 90 %, September 40 / 50 = 80 % → change +0,10
    assert rows["a"]["value"] == pytest.approx(0.9) and rows["a"]["change"] == pytest.approx(0.1)
    # b: nothing resolved in October → 0 / 0 → no value, no change, no band
    assert rows["b"]["value"] is None and rows["b"]["change"] is None
    assert rows["b"]["status"] == "no_data" and rows["b"]["band"] == "no_data"
    csv = pd.read_csv(io.StringIO(cli("rank", "on_time_rate", "--period", "2026-10", "--group", "ward",
                                      "--format", "csv", db=small_db).stdout)).set_index("unit_code")
    assert pd.isna(csv.loc["b", "value"]) and pd.isna(csv.loc["b", "change"])   # empty cells, not 0
    assert csv.loc["b", "denominator"] == 0                                      # the reported 0 stays 0


def test_evaluate_json_carries_points_coverage_cap_and_final_flags(small_db):
    r = cli("evaluate", "--period", "2026-10", "--group", "ward", "--format", "json", db=small_db)
    assert r.returncode == 0, r.stderr
    rows = {row["unit_code"]: row for row in json.loads(r.stdout)}
    b = rows["b"]
    for key in ("value_on_time_rate", "points_on_time_rate", "improvement_points", "indicators_reported",
                "indicators_expected", "months_reported", "months_expected", "cap_reason", "final",
                "changed_since_final", "scheme_status"):
        assert key in b, key
    assert b["value_digitisation_rate"] is None and b["points_digitisation_rate"] == 0.0  # expected, not reported
    assert b["value_on_time_rate"] is None                                                 # 0/0
    assert b["final"] is False and b["changed_since_final"] is False
    assert b["scheme_status"] == "proposal"
    table = cli("evaluate", "--period", "2026-10", "--group", "ward", db=small_db)
    assert "đề xuất, chưa ban hành" in table.stderr


def test_finalize_freezes_and_evaluate_says_so(small_db):
    r = cli("finalize", "--period", "2026-10", "--group", "ward", db=small_db)
    assert r.returncode == 0, r.stderr
    assert "Đã chốt" in r.stdout
    rows = json.loads(cli("evaluate", "--period", "2026-10", "--group", "ward", "--format", "json",
                          db=small_db).stdout)
    assert all(row["final"] and row["changed_since_final"] is False for row in rows)
    again = cli("finalize", "--period", "2026-10", "--group", "ward", db=small_db)
    assert again.returncode == 1 and "đã được chốt" in again.stderr


def test_lang_en_translates_words_and_keeps_json_keys(demo_db):
    table = cli("--lang", "en", "rank", "on_time_rate", "--period", "2026-Q3", "--group", "ward", db=demo_db)
    assert table.returncode == 0, table.stderr
    assert "Rank" in table.stdout and "Hạng" not in table.stdout
    vi = json.loads(cli("rank", "on_time_rate", "--period", "2026-Q3", "--group", "ward", "--format", "json",
                        db=demo_db).stdout)
    en = json.loads(cli("--lang", "en", "rank", "on_time_rate", "--period", "2026-Q3", "--group", "ward",
                        "--format", "json", db=demo_db).stdout)
    assert en == vi  # the JSON keys and values are an interface, not words
    refused = cli("--lang", "en", "evaluate", "--period", "2026-Q5", db=demo_db)
    assert refused.returncode == 1 and refused.stderr.startswith("Error: Cannot read the period '2026-Q5'")


def test_a_bug_is_a_short_line_with_the_traceback_in_the_log(tmp_path, monkeypatch, capsys):
    import cli as cli_module

    def broken(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli_module, "cmd_init", broken)
    monkeypatch.delenv("DASHBOARD_DEBUG", raising=False)
    assert cli_module.main(["--db", str(tmp_path / "x.duckdb"), "init"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError" in err and "division by zero" not in err
    logged = (tmp_path / "cli-errors.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "division by zero" in logged

    monkeypatch.setenv("DASHBOARD_DEBUG", "1")
    assert cli_module.main(["--db", str(tmp_path / "x.duckdb"), "init"]) == 2
    assert "Traceback" in capsys.readouterr().err
