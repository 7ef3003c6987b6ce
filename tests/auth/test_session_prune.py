"""Old session rows and sign-in attempts are deleted as new sessions open: the tables stay a month's size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auth.sessions import KEEP_SESSIONS, get_row, open_session
from store import open_store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC).replace(tzinfo=None)


def test_opening_a_session_deletes_rows_no_session_can_still_use(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    try:
        with store.transaction() as cur:
            old = open_session(cur, "an.nv", "local", NOW - KEEP_SESSIONS - timedelta(hours=1))
            recent_ended = open_session(cur, "an.nv", "local", NOW - timedelta(days=3))
            cur.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", [NOW - timedelta(days=3), recent_ended])
            live = open_session(cur, "binh.tt", "local", NOW - timedelta(hours=2))
            for i, when in enumerate([NOW - timedelta(days=2), NOW - timedelta(minutes=5)]):
                cur.execute("INSERT INTO sign_in_attempts VALUES (?, ?, '10.0.0.1', 'k', 'failed')", [f"a{i}", when])
        with store.transaction() as cur:
            newest = open_session(cur, "chi.lt", "local", NOW)
        con = store.cursor()
        assert get_row(con, old) is None                          # begun 31 days ago: over, deleted
        assert get_row(con, recent_ended) is not None             # ended 3 days ago: kept
        assert get_row(con, live) is not None and get_row(con, newest) is not None
        assert [r[0] for r in con.execute("SELECT id FROM sign_in_attempts").fetchall()] == ["a1"]
    finally:
        store.close()
