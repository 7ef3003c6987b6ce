"""The layering rules of STYLE.md, checked so that they stay true."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("metrics", "store", "ingest", "charts", "exports", "auth", "i18n", "ui", "pages", "data", "bench")


def _py(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_metrics_never_import_streamlit():
    offenders = [p.name for p in _py("metrics") if re.search(r"^\s*(import|from)\s+streamlit", p.read_text(), re.M)]
    assert offenders == []


def test_pages_hold_no_sql_and_open_no_database():
    pattern = re.compile(r"duckdb\.connect|\bSELECT\b.*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b")
    offenders = [p.name for p in _py("pages") if pattern.search(p.read_text())]
    assert offenders == []


def test_only_the_store_opens_duckdb():
    opened = {p.relative_to(ROOT).as_posix() for d in CODE_DIRS for p in _py(d) if "duckdb.connect(" in p.read_text()}
    assert opened == {"store/__init__.py"}


def test_nothing_reads_the_shared_folder_at_run_time():
    offenders = [p.relative_to(ROOT).as_posix() for d in (*CODE_DIRS, "tests") for p in _py(d)
                 if "../shared" in p.read_text() and p.name != "test_architecture.py"]
    assert offenders == []


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
