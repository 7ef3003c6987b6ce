"""Limits on sign-in attempts per client address and per typed name (issue 13 §6).

Counted in the `sign_in_attempts` table, not in memory, so the limits hold when several
server processes share the database. An attempt is reserved (`begin`) inside one write
transaction that first counts the recent ones, so parallel attempts cannot all slip under
the limit; the password is checked only after that, and `finish` records the outcome.

- per client address: at most `per_ip` attempts of any outcome per minute;
- per typed name: at most `per_name` failed attempts per 15 minutes, whether or not the
  name is an account (so being limited says nothing about which names exist). Accounts
  also lock after `auth.users.LockoutPolicy.max_failures` wrong passwords.

A limited attempt does no password work, gets the same sentence whoever asks, and is
audited once per limited key and window (a flood does not flood the audit trail).
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

import config
from auth import audit
from auth.sessions import digest

IP_WINDOW = timedelta(minutes=1)
NAME_WINDOW = timedelta(minutes=15)
KEEP = timedelta(days=1)       # older attempt rows are pruned


@dataclass(frozen=True)
class RateLimits:
    per_ip: int = config.setting("sign_in_max_per_ip").default       # attempts per address per minute
    per_name: int = config.setting("sign_in_max_per_name").default   # failed attempts per name per 15 minutes


def limits_in_force() -> RateLimits:
    return RateLimits(per_ip=config.get("sign_in_max_per_ip"), per_name=config.get("sign_in_max_per_name"))


@dataclass(frozen=True)
class Limited:
    """An attempt refused before any password work; `minutes` until trying again makes sense."""

    minutes: int
    key: str          # 'ip' or 'name': which limit was reached (audit only, never shown)


def name_key(name: str) -> str:
    return digest(name)


def _minutes_until(oldest: datetime, window: timedelta, now: datetime) -> int:
    return max(1, math.ceil((oldest + window - now).total_seconds() / 60))


def _limited(cur: duckdb.DuckDBPyConnection, key: str, ip: str | None, now: datetime,
             limits: RateLimits) -> Limited | None:
    if ip is not None:
        count, oldest = cur.execute(
            "SELECT count(*), min(attempted_at) FROM sign_in_attempts"
            " WHERE client_ip = ? AND attempted_at > ? AND outcome <> 'limited'", [ip, now - IP_WINDOW]).fetchone()
        if count >= limits.per_ip:
            return Limited(_minutes_until(oldest, IP_WINDOW, now), "ip")
    count, oldest = cur.execute(
        "SELECT count(*), min(attempted_at) FROM sign_in_attempts"
        " WHERE name_key = ? AND attempted_at > ? AND outcome IN ('failed', 'pending')",
        [key, now - NAME_WINDOW]).fetchone()
    if count >= limits.per_name:
        return Limited(_minutes_until(oldest, NAME_WINDOW, now), "name")
    return None


def check(con: duckdb.DuckDBPyConnection, name: str, ip: str | None, now: datetime,
          limits: RateLimits) -> Limited | None:
    """Read only: whether this attempt is limited. A flood of limited attempts then writes nothing
    (with several workers every write publishes a copy of the database, see `store.snapshot`)."""
    return _limited(con, name_key(name), ip, now, limits)


def _marker(limited: Limited, key: str, ip: str | None) -> tuple[str, str | None, timedelta]:
    return ("client_ip", ip, IP_WINDOW) if limited.key == "ip" else ("name_key", key, NAME_WINDOW)


def noted(con: duckdb.DuckDBPyConnection, limited: Limited, name: str, ip: str | None, now: datetime) -> bool:
    """True when this limited key has already been audited in its window."""
    column, value, window = _marker(limited, name_key(name), ip)
    return con.execute(f"SELECT 1 FROM sign_in_attempts WHERE {column} = ? AND outcome = 'limited'"
                       " AND attempted_at > ? LIMIT 1", [value, now - window]).fetchone() is not None


def note(cur: duckdb.DuckDBPyConnection, limited: Limited, name: str, ip: str | None, now: datetime,
         audit_target: str) -> None:
    """Audits a limited key once per window (inside a write transaction)."""
    if noted(cur, limited, name, ip, now):
        return
    cur.execute("INSERT INTO sign_in_attempts VALUES (?, ?, ?, ?, 'limited')",
                [secrets.token_hex(8), now, ip, name_key(name)])
    audit.record(cur, "anonymous", "sign_in_rate_limited", audit_target,
                 detail=f"limit per {limited.key}" + (f", address {ip}" if ip else ""))


def begin(cur: duckdb.DuckDBPyConnection, name: str, ip: str | None, now: datetime, limits: RateLimits,
          audit_target: str) -> tuple[str | None, Limited | None]:
    """Inside a write transaction: (attempt id, None) when the attempt may go on, or (None, Limited).

    Counts again under the write lock, so parallel attempts cannot all slip under the limit.
    `audit_target` is what the audit trail may know of the typed name (the account name, or
    its hash when it is no account). The first limited attempt of a key per window is audited.
    """
    key = name_key(name)
    limited = _limited(cur, key, ip, now, limits)
    if limited is not None:
        note(cur, limited, name, ip, now, audit_target)
        return None, limited
    cur.execute("DELETE FROM sign_in_attempts WHERE attempted_at < ?", [now - KEEP])
    attempt = secrets.token_hex(8)
    cur.execute("INSERT INTO sign_in_attempts VALUES (?, ?, ?, ?, 'pending')", [attempt, now, ip, key])
    return attempt, None


def finish(cur: duckdb.DuckDBPyConnection, attempt: str, ok: bool) -> None:
    cur.execute("UPDATE sign_in_attempts SET outcome = ? WHERE id = ?", ["ok" if ok else "failed", attempt])
