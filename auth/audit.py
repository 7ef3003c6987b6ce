"""The audit trail: every write to the database leaves a record here.

`record` takes the cursor of the caller's transaction, so the audit row is
committed together with the change it describes, or not at all.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pandas as pd


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def record(cur: duckdb.DuckDBPyConnection, actor: str, action: str, target: str | None = None,
           before: Any = None, after: Any = None, detail: str | None = None) -> None:
    cur.execute(
        "INSERT INTO audit_log (actor, action, target, before, after, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [actor, action, target, _json(before), _json(after), detail],
    )


def list_events(con: duckdb.DuckDBPyConnection, limit: int = 1000, action: str | None = None,
                actor: str | None = None) -> pd.DataFrame:
    return con.execute(
        "SELECT id, occurred_at, actor, action, target, before, after, detail FROM audit_log"
        " WHERE (?::VARCHAR IS NULL OR action = ?) AND (?::VARCHAR IS NULL OR actor = ?)"
        " ORDER BY id DESC LIMIT ?",
        [action, action, actor, actor, limit],
    ).df()
