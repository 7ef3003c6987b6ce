"""A signed-in session and when it expires (idle timeout), independent of Streamlit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from auth.roles import Role
from auth.users import utcnow


@dataclass(frozen=True)
class Session:
    username: str
    display_name: str
    role: Role
    source: str                 # 'local' or 'sso'
    signed_in_at: datetime      # UTC
    last_seen: datetime         # UTC

    def is_expired(self, idle_timeout: timedelta, now: datetime | None = None) -> bool:
        return (now or utcnow()) - self.last_seen > idle_timeout

    def touched(self, now: datetime | None = None) -> Session:
        return replace(self, last_seen=now or utcnow())


def start_session(username: str, display_name: str, role: Role, source: str = "local",
                  now: datetime | None = None) -> Session:
    now = now or utcnow()
    return Session(username, display_name, role, source, now, now)
