"""A file with tens of thousands of problems is listed in linear time and cut to 200 lines on screen."""

from __future__ import annotations

import io
import time

import pandas as pd

from ingest.cli import run_import
from ingest.model import Problem, Severity, problems_summary
from tests.ingest.many_problems import PROBLEMS, many_problems_csv


def test_summary_keeps_the_first_and_counts_the_rest_by_severity():
    problems = [Problem("a.csv", "", i, "B", f"p{i}", Severity.ERROR if i % 3 else Severity.WARNING)
                for i in range(1, 501)]
    shown, hidden = problems_summary(problems, limit=200)
    assert shown == problems[:200]
    assert hidden == {Severity.ERROR: 200, Severity.WARNING: 100}
    assert problems_summary(problems[:5]) == (problems[:5], {Severity.ERROR: 0, Severity.WARNING: 0})


def test_43022_problems_print_200_lines_and_a_count_quickly(store, tmp_path, capsys):
    path = tmp_path / "nhieu-loi.csv"
    path.write_bytes(many_problems_csv())
    full = tmp_path / "van-de.csv"
    started = time.perf_counter()
    code = run_import(store, [str(path)], dry_run=True, actor="test", problems_csv_path=str(full))
    elapsed = time.perf_counter() - started
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    # Was 656 s (a tuple rebuilt and scanned per problem); parsing the file dominates now.
    assert elapsed < 60, elapsed
    assert out[0] == f"nhieu-loi.csv: 14341 dòng, {PROBLEMS} lỗi, 0 cảnh báo"
    assert sum(line.startswith("  [LỖI]") for line in out) == 200
    assert "  … và 42.822 vấn đề khác (lỗi: 42.822, cảnh báo: 0); danh sách đầy đủ trong" in "\n".join(out)
    assert f"danh sách đầy đủ trong {full}" in "\n".join(out)
    listed = pd.read_csv(io.BytesIO(full.read_bytes()), encoding="utf-8-sig")
    assert len(listed) == PROBLEMS
    assert set(listed["Mức độ"]) == {"Lỗi"}


def test_without_the_csv_the_summary_says_how_to_get_everything(store, tmp_path, capsys):
    path = tmp_path / "nhieu-loi.csv"
    path.write_bytes(many_problems_csv(rows=100))    # 299 problems
    run_import(store, [str(path)], dry_run=True, actor="test")
    out = capsys.readouterr().out
    assert "… và 99 vấn đề khác (lỗi: 99, cảnh báo: 0); danh sách đầy đủ: dùng --problems-csv FILE" in out
