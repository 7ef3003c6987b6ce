"""The audit trail: every write to the database leaves a record here.

`record` takes the cursor of the caller's transaction, so the audit row is
committed together with the change it describes, or not at all. Nothing in
the application updates or deletes audit rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import duckdb
import pandas as pd

from i18n.cells import safe_csv


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


_LIST_EVENTS = """
SELECT id, occurred_at, actor, action, target, before, after, detail FROM audit_log
WHERE (?::VARCHAR IS NULL OR action = ?)
  AND (?::VARCHAR IS NULL OR actor = ?)
  AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], action))
  AND (?::DATE IS NULL OR occurred_at >= ?::DATE)
  AND (?::DATE IS NULL OR occurred_at < ?::DATE)
  AND (?::VARCHAR IS NULL OR contains(lower(coalesce(target, '') || ' ' || coalesce(detail, '')
                                             || ' ' || actor), lower(?)))
ORDER BY id DESC LIMIT ?
"""


def list_events(con: duckdb.DuckDBPyConnection, limit: int = 1000, action: str | None = None,
                actor: str | None = None, *, actions: Sequence[str] | None = None,
                since: date | None = None, until: date | None = None,
                text: str | None = None) -> pd.DataFrame:
    """Newest first. `until` is inclusive (the whole day); `text` searches target, detail and actor."""
    end = until + timedelta(days=1) if until else None
    actions_list = list(actions) if actions else None
    text = text.strip() if text and text.strip() else None
    return con.execute(
        _LIST_EVENTS,
        [action, action, actor, actor, actions_list, actions_list, since, since, end, end, text, text, limit],
    ).df()


def list_actions(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT action FROM audit_log ORDER BY action").fetchall()]


def list_actors(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT actor FROM audit_log ORDER BY actor").fetchall()]


def events_csv(events: pd.DataFrame) -> bytes:
    """CSV for download; UTF-8 with BOM so Excel shows Vietnamese correctly.

    File names and user names in the trail are typed by anyone: neutralised so none runs as a formula.
    """
    return safe_csv(events).encode("utf-8-sig")
