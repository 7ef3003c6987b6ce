"""Sign-in settings: open viewing, session idle timeout, unknown single sign-on users.

Declared in `config.registry` like every setting. The environment wins: a variable
that is set fixes its setting; otherwise the value an administrator saved (settings
row 'auth', holding only the settings the administrator changed); otherwise the
default. See `config` for the rule and why it fails closed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum

import duckdb

import config
from store.settings import read_json

SETTINGS_KEY = "auth"
NAMES = ("open_viewing", "session_idle_minutes", "unknown_sso_users")  # registry names = fields = JSON keys
ENV_VARS = {name: config.setting(name).env for name in NAMES}


class UnknownSsoUsers(StrEnum):
    """What happens to a single sign-on user that no mapping matches."""

    VIEWER = "viewer"
    REFUSE = "refuse"


_DEFAULT_UNKNOWN_SSO = UnknownSsoUsers(config.setting("unknown_sso_users").default)
_PROBLEMS_VI = {
    "open_viewing": "Cài đặt xem không cần đăng nhập không hợp lệ.",
    "session_idle_minutes": "Thời gian hết phiên phải từ 5 phút đến 7 ngày.",
    "unknown_sso_users": "Cách xử lý người dùng SSO chưa được ánh xạ không hợp lệ.",
}


@dataclass(frozen=True)
class AuthSettings:
    open_viewing: bool = config.setting("open_viewing").default  # leaders may browse without signing in
    session_idle_minutes: int = config.setting("session_idle_minutes").default  # idle this long: sign in again
    unknown_sso_users: UnknownSsoUsers = _DEFAULT_UNKNOWN_SSO

    def problems(self) -> list[str]:
        out = []
        for name, value in self.as_stored().items():
            try:
                config.parse_stored(name, value)
            except ValueError:
                out.append(_PROBLEMS_VI[name])
        return out

    def as_stored(self) -> dict[str, object]:
        """The values as JSON keeps them (the enum as its code)."""
        data = asdict(self)
        data["unknown_sso_users"] = UnknownSsoUsers(self.unknown_sso_users).value
        return data

    def to_json(self) -> str:
        return json.dumps(self.as_stored(), sort_keys=True)


def stored_auth_settings(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """What administrators saved (only the settings they changed); {} when nothing."""
    return read_json(con, SETTINGS_KEY) or {}


def resolve_auth_settings(stored: dict[str, object]) -> AuthSettings:
    """The settings in force given what is saved: environment, then saved, then default."""
    return AuthSettings(open_viewing=config.get("open_viewing", stored),
                        session_idle_minutes=config.get("session_idle_minutes", stored),
                        unknown_sso_users=UnknownSsoUsers(config.get("unknown_sso_users", stored)))


def load_auth_settings(con: duckdb.DuckDBPyConnection) -> AuthSettings:
    return resolve_auth_settings(stored_auth_settings(con))


def setting_sources(stored: dict[str, object]) -> dict[str, config.Source]:
    """Per sign-in setting, where its value comes from: "env" (fixed by the environment), "stored" or "default"."""
    return {name: config.source(name, stored) for name in NAMES}


def auth_setting_sources(con: duckdb.DuckDBPyConnection) -> dict[str, config.Source]:
    """`setting_sources` of what is saved: the admin page disables a setting whose source is "env"."""
    return setting_sources(stored_auth_settings(con))
