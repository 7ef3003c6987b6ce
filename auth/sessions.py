"""Sign-in sessions, kept server-side in the `sessions` table (issue 13 §3).

A browser tab's Streamlit session holds a `Session` whose `id` names one row; every page
run checks that row (`state`), so ending the row ends the session in every tab that holds
it. A row ends on sign-out, on "sign out everywhere" (all of the user's rows), when an
administrator resets the password, changes the role or deactivates the account (in the
same transaction as that change, see `auth.users`), and when it has been idle too long or
has lived longer than the absolute lifetime.

The row id is random and never leaves the server. A browser that should survive a reload
gets a different random token in a cookie (`redeem_claim`); only its sha256 is stored. A
single sign-on row is bound to a hash of the identity claims in Streamlit's own signed
auth cookie (`sso_binding`), so a reload finds the same row and an ended row stays ended.

Pure functions over cursors and a `Store`, independent of Streamlit; times are naive UTC.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import duckdb

import config
from auth.roles import Role
from store import Store

COOKIE_NAME = "dx_session"               # the browser's session cookie (local accounts)
CLAIM_VALID_FOR = timedelta(minutes=2)   # the one-time code that becomes the cookie
TOUCH_EVERY = timedelta(minutes=5)       # last_seen is written at most this often (not on every run), and
# at most a tenth of the idle lifetime: with several workers each write publishes a copy of the database


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Session:
    """What a Streamlit session remembers of its sign-in; the row `id` is the authority."""

    username: str
    display_name: str
    role: Role
    source: str                 # 'local' or 'sso'
    signed_in_at: datetime      # UTC
    last_seen: datetime         # UTC
    id: str | None = None       # the `sessions` row; None only before it is registered

    def is_expired(self, idle_timeout: timedelta, now: datetime | None = None) -> bool:
        return (now or _utcnow()) - self.last_seen > idle_timeout

    def touched(self, now: datetime | None = None) -> Session:
        return replace(self, last_seen=now or _utcnow())


def start_session(username: str, display_name: str, role: Role, source: str = "local",
                  now: datetime | None = None, session_id: str | None = None) -> Session:
    now = now or _utcnow()
    return Session(username, display_name, role, source, now, now, session_id)


class EndReason(StrEnum):
    SIGN_OUT = "sign_out"
    SIGN_OUT_EVERYWHERE = "sign_out_everywhere"
    PASSWORD_RESET = "password_reset"
    ROLE_CHANGED = "role_changed"
    DEACTIVATED = "deactivated"
    IDLE = "idle"
    ABSOLUTE = "absolute"
    NO_ROLE = "no_role"          # single sign-on user no longer mapped to any role

    @property
    def expired(self) -> bool:
        return self in (EndReason.IDLE, EndReason.ABSOLUTE)


@dataclass(frozen=True)
class Lifetimes:
    idle: timedelta
    absolute: timedelta


def lifetimes_in_force(idle_minutes: int) -> Lifetimes:
    """The idle lifetime (a sign-in setting) and the absolute one (`DASHBOARD_SESSION_MAX_HOURS`)."""
    return Lifetimes(idle=timedelta(minutes=idle_minutes), absolute=timedelta(hours=config.get("session_max_hours")))


@dataclass(frozen=True)
class SessionRow:
    id: str
    username: str
    source: str
    created_at: datetime
    last_seen: datetime
    ended_at: datetime | None
    end_reason: str | None

    def ended_because(self, now: datetime, lifetimes: Lifetimes) -> EndReason | None:
        """Why this row no longer signs anyone in (ended, idle too long, too old), or None while live."""
        if self.ended_at is not None:
            try:
                return EndReason(self.end_reason)
            except ValueError:
                return EndReason.SIGN_OUT
        if now - self.last_seen > lifetimes.idle:
            return EndReason.IDLE
        if now - self.created_at > lifetimes.absolute:
            return EndReason.ABSOLUTE
        return None


def digest(secret: str) -> str:
    """What the database keeps of a secret that travels to a browser."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def sso_binding(claims: Mapping[str, object]) -> str:
    """A hash of the identity claims Streamlit keeps in its signed auth cookie.

    The same cookie (a reload, another tab) gives the same claims and so the same row; a new
    sign-in at the provider carries a new `iat`/`nonce`, hence a new row.
    """
    canonical = json.dumps({k: v for k, v in claims.items() if k != "is_logged_in"},
                           sort_keys=True, default=str, ensure_ascii=False)
    return digest(canonical)


_ROW = "id, username, source, created_at, last_seen, ended_at, end_reason"


def _row(found: tuple | None) -> SessionRow | None:
    return SessionRow(*found) if found else None


# Every session is over this long after it began (the longest absolute lifetime the settings allow is
# 30 days): older rows, ended or not, only take room. Sign-in attempts count for 15 minutes at most.
KEEP_SESSIONS = timedelta(days=31)
KEEP_ATTEMPTS = timedelta(days=1)


def prune(cur: duckdb.DuckDBPyConnection, now: datetime) -> None:
    """Deletes session rows begun more than KEEP_SESSIONS ago and sign-in attempts older than KEEP_ATTEMPTS.

    Run with every new session (inside its transaction), so the tables stay the size of a month of
    sign-ins however long the server runs. Sign-ins and sign-outs stay in the audit log.
    """
    cur.execute("DELETE FROM sessions WHERE created_at < ?", [now - KEEP_SESSIONS])
    cur.execute("DELETE FROM sign_in_attempts WHERE attempted_at < ?", [now - KEEP_ATTEMPTS])


def open_session(cur: duckdb.DuckDBPyConnection, username: str, source: str, now: datetime, *,
                 binding: str | None = None, created_at: datetime | None = None,
                 last_seen: datetime | None = None) -> str:
    """Inserts a live row (inside the caller's transaction) and returns its new random id; prunes old rows."""
    prune(cur, now)
    session_id = secrets.token_hex(16)
    cur.execute("INSERT INTO sessions (id, username, source, created_at, last_seen, sso_binding)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [session_id, username, source, created_at or now, last_seen or now, binding])
    return session_id


def get_row(con: duckdb.DuckDBPyConnection, session_id: str) -> SessionRow | None:
    return _row(con.execute(f"SELECT {_ROW} FROM sessions WHERE id = ?", [session_id]).fetchone())


def find_by_cookie(con: duckdb.DuckDBPyConnection, token: str) -> SessionRow | None:
    """The row a browser's session cookie stands for (live or not), or None."""
    if not token:
        return None
    return _row(con.execute(f"SELECT {_ROW} FROM sessions WHERE cookie_hash = ? AND source = 'local'",
                            [digest(token)]).fetchone())


def find_by_binding(con: duckdb.DuckDBPyConnection, binding: str) -> SessionRow | None:
    """The newest single sign-on row bound to these identity claims (live or not), or None."""
    return _row(con.execute(f"SELECT {_ROW} FROM sessions WHERE sso_binding = ? AND source = 'sso'"
                            " ORDER BY created_at DESC LIMIT 1", [binding]).fetchone())


def end(cur: duckdb.DuckDBPyConnection, session_id: str, reason: EndReason, now: datetime) -> bool:
    """Ends one live row; False when it had already ended (or never existed)."""
    done = cur.execute("UPDATE sessions SET ended_at = ?, end_reason = ?, claim_hash = NULL"
                       " WHERE id = ? AND ended_at IS NULL RETURNING id",
                       [now, reason.value, session_id]).fetchall()
    return bool(done)


def end_user_sessions(cur: duckdb.DuckDBPyConnection, username: str, reason: EndReason, now: datetime) -> int:
    """Ends every live row of `username` (inside the caller's transaction); returns how many."""
    return len(cur.execute("UPDATE sessions SET ended_at = ?, end_reason = ?, claim_hash = NULL"
                           " WHERE username = ? AND ended_at IS NULL RETURNING id",
                           [now, reason.value, username]).fetchall())


def live_count(con: duckdb.DuckDBPyConnection, username: str) -> int:
    return con.execute("SELECT count(*) FROM sessions WHERE username = ? AND ended_at IS NULL",
                       [username]).fetchone()[0]


def touch(store: Store, row: SessionRow, now: datetime, lifetimes: Lifetimes) -> None:
    """Records that the session was used; written rarely (`TOUCH_EVERY`, or a tenth of the idle lifetime)."""
    if now - row.last_seen < min(TOUCH_EVERY, lifetimes.idle / 10):
        return
    with store.transaction() as cur:
        cur.execute("UPDATE sessions SET last_seen = ? WHERE id = ? AND ended_at IS NULL", [now, row.id])


def new_claim(store: Store, session_id: str, now: datetime) -> str:
    """A one-time code the browser trades for its session cookie (see `redeem_claim`)."""
    code = secrets.token_urlsafe(32)
    with store.transaction() as cur:
        cur.execute("UPDATE sessions SET claim_hash = ?, claim_expires = ? WHERE id = ? AND ended_at IS NULL",
                    [digest(code), now + CLAIM_VALID_FOR, session_id])
    return code


def redeem_claim(store: Store, code: str, now: datetime, lifetimes: Lifetimes) -> tuple[str, int] | None:
    """Trades a live one-time code for a new cookie token and its max-age in seconds; None if refused.

    The code works once and for `CLAIM_VALID_FOR`; the token is new and random, only its hash
    is stored, and the cookie lives no longer than the session's absolute lifetime.
    """
    if not code or len(code) > 200:
        return None
    token = secrets.token_urlsafe(32)
    with store.transaction() as cur:
        found = cur.execute(f"SELECT {_ROW} FROM sessions WHERE claim_hash = ? AND claim_expires >= ?"
                            " AND ended_at IS NULL AND source = 'local'", [digest(code), now]).fetchone()
        row = _row(found)
        if row is None or row.ended_because(now, lifetimes) is not None:
            return None
        cur.execute("UPDATE sessions SET cookie_hash = ?, claim_hash = NULL, claim_expires = NULL WHERE id = ?",
                    [digest(token), row.id])
    max_age = int((row.created_at + lifetimes.absolute - now).total_seconds())
    return token, max(max_age, 0)
