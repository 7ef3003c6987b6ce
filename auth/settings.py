"""Sign-in settings: open viewing, session idle timeout, unknown single sign-on users.

A value saved by an administrator (settings row 'auth') wins; otherwise the
environment variable; otherwise the default.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from enum import StrEnum

import duckdb

SETTINGS_KEY = "auth"
ENV_OPEN_VIEWING = "DASHBOARD_OPEN_VIEWING"
ENV_IDLE_MINUTES = "DASHBOARD_SESSION_IDLE_MINUTES"
ENV_UNKNOWN_SSO = "DASHBOARD_SSO_UNKNOWN_USERS"


class UnknownSsoUsers(StrEnum):
    """What happens to a single sign-on user that no mapping matches."""

    VIEWER = "viewer"
    REFUSE = "refuse"


@dataclass(frozen=True)
class AuthSettings:
    open_viewing: bool = True            # leaders may browse without signing in (intranet)
    session_idle_minutes: int = 8 * 60   # a session unused this long must sign in again
    unknown_sso_users: UnknownSsoUsers = UnknownSsoUsers.VIEWER

    def problems(self) -> list[str]:
        out = []
        if not 5 <= self.session_idle_minutes <= 7 * 24 * 60:
            out.append("Thời gian hết phiên phải từ 5 phút đến 7 ngày.")
        return out

    def to_json(self) -> str:
        data = asdict(self)
        data["unknown_sso_users"] = self.unknown_sso_users.value
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_env(cls) -> AuthSettings:
        base = cls()
        open_env = os.environ.get(ENV_OPEN_VIEWING)
        if open_env is not None:
            base = replace(base, open_viewing=_truthy(open_env))
        idle_env = os.environ.get(ENV_IDLE_MINUTES)
        if idle_env and idle_env.strip().isdigit():
            base = replace(base, session_idle_minutes=int(idle_env))
        sso_env = os.environ.get(ENV_UNKNOWN_SSO)
        if sso_env and sso_env.strip().lower() in {u.value for u in UnknownSsoUsers}:
            base = replace(base, unknown_sso_users=UnknownSsoUsers(sso_env.strip().lower()))
        return base


def _truthy(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on", "có"}


def load_auth_settings(con: duckdb.DuckDBPyConnection) -> AuthSettings:
    settings = AuthSettings.from_env()
    row = con.execute("SELECT value FROM settings WHERE key = ?", [SETTINGS_KEY]).fetchone()
    if not row:
        return settings
    try:
        saved = json.loads(row[0])
    except json.JSONDecodeError:
        return settings
    if isinstance(saved.get("open_viewing"), bool):
        settings = replace(settings, open_viewing=saved["open_viewing"])
    if isinstance(saved.get("session_idle_minutes"), int):
        settings = replace(settings, session_idle_minutes=saved["session_idle_minutes"])
    if saved.get("unknown_sso_users") in {u.value for u in UnknownSsoUsers}:
        settings = replace(settings, unknown_sso_users=UnknownSsoUsers(saved["unknown_sso_users"]))
    return settings
