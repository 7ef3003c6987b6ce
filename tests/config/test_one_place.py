"""Configuration is read in one place: no product module reads os.environ or runs SQL on `settings`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "tests", "config", ".git"}
# Process plumbing, not settings: the sandbox's own marker for its workers, and the variable a user
# names with `create-user --password-env NAME`. (Handing os.environ to a child process is not a read.)
NOT_SETTINGS = {"ingest/sandbox.py", "auth/cli.py"}
SETTINGS_SQL_OWNERS = {"store/settings.py", "metrics/freshness.py"}  # freshness only fingerprints the table


def _product_files() -> list[tuple[str, str]]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in SKIP:
            continue
        out.append((rel.as_posix(), path.read_text(encoding="utf-8")))
    return out


def test_no_module_reads_the_environment_except_through_config():
    env = re.compile(r"environ\.get\(|getenv\(|environ\[[^]]+\](?!\s*=)|\bin\s+os\.environ")
    offenders = [rel for rel, text in _product_files() if env.search(text) and rel not in NOT_SETTINGS]
    assert offenders == []


def test_only_the_store_runs_sql_on_the_settings_table():
    sql = re.compile(r"\b(FROM|INTO|UPDATE|TABLE)\s+settings\b", re.IGNORECASE)
    offenders = [rel for rel, text in _product_files() if sql.search(text) and rel not in SETTINGS_SQL_OWNERS]
    assert offenders == []
