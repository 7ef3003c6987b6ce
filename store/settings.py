"""The `settings` table: one JSON object per key. The only code that runs SQL on it.

(`metrics.freshness` also hashes the table to notice a change, without reading values.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import duckdb

from vocab.errors import UserFacingError

READ_SQL = "SELECT value FROM settings WHERE key = ?"
WRITE_SQL = "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"


def read_json(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, object] | None:
    """The object saved under `key`, or None when nothing is saved.

    A row that is not a JSON object is refused, not ignored: ignoring it would
    quietly bring back defaults the administrator had changed.
    """
    row = con.execute(READ_SQL, [key]).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
    except (TypeError, json.JSONDecodeError):
        value = None
    if not isinstance(value, dict):
        raise UserFacingError(f"Dòng cài đặt '{key}' trong cơ sở dữ liệu bị hỏng (không phải một đối tượng JSON).",
                              key="settings_row_corrupt", row=key)
    return value


def write_json(cur: duckdb.DuckDBPyConnection, key: str, value: Mapping[str, object]) -> None:
    """Saves `value` under `key`, replacing what was there; call it inside `store.transaction()`."""
    cur.execute(WRITE_SQL, [key, json.dumps(dict(value), sort_keys=True, ensure_ascii=False)])
