"""Helpers shared by the auth tests (a unique module name: several test folders have a conftest)."""

from __future__ import annotations

from store import Store

PASSWORD = "Mật-khẩu-đủ-dài-2026"


def audit_rows(store: Store, action: str | None = None) -> list[tuple]:
    return store.cursor().execute(
        "SELECT actor, action, target, before, after, detail FROM audit_log"
        " WHERE ?::VARCHAR IS NULL OR action = ? ORDER BY id", [action, action]
    ).fetchall()
