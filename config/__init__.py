"""The one way the product reads its settings (declared in `config.registry`).

    config.get("open_viewing", stored)   the value in force
    config.source("open_viewing", stored)   "env", "stored" or "default": where it comes from

Precedence, one rule that fails closed: **the environment wins**. A variable that is
set fixes its setting; a value an administrator saved (sign-in settings only, passed
in as `stored`, the JSON object of the settings row) counts only while the variable
is not set, and the admin page shows the setting as fixed by the environment. So an
operator who restarts with `DASHBOARD_OPEN_VIEWING=false` gets open viewing off,
whatever was saved before. Without either, the registry's default.

Parsing is strict: a value that is not allowed raises `UserFacingError` naming the
variable, the value and the allowed values, and the app refuses to start
(`check_environment`) instead of falling back to something more open. The
environment is read at every call, never cached, so a test or a restart sees the
current value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

from config.registry import BY_NAME, SETTINGS, Setting
from vocab.errors import UserFacingError

__all__ = ["SETTINGS", "Setting", "Source", "check_environment", "debug_enabled", "from_env", "get",
           "parse_stored", "setting", "source"]

Source = Literal["env", "stored", "default"]
_MISSING = object()


def setting(name: str) -> Setting:
    """The declaration of `name`; an unknown name is a programming error (KeyError)."""
    return BY_NAME[name]


def _env_text(s: Setting) -> str | None:
    text = os.environ.get(s.env)
    if text is None or (s.blank_is_unset and not text.strip()):
        return None
    return text


def from_env(name: str) -> Any | None:
    """The parsed value of the setting's environment variable, or None when it is not set."""
    s = setting(name)
    text = _env_text(s)
    if text is None:
        return None
    try:
        return s.kind.parse(text)
    except ValueError:
        raise UserFacingError(
            f"Biến môi trường {s.env}={text!r} không hợp lệ: cần {s.kind.allowed_vi}. "
            f"Sửa hoặc bỏ biến này rồi khởi động lại.",
            key="setting_env_invalid", env=s.env, value=text, allowed=s.kind.allowed_en) from None


def parse_stored(name: str, value: object) -> Any:
    """A saved JSON value (bool, number or text) checked by the same rule as the variable; ValueError if not allowed."""
    s = setting(name)
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float | str):
        text = str(value)
    else:
        raise ValueError(value)
    return s.kind.parse(text)


def _stored(s: Setting, stored: Mapping[str, object] | None) -> Any:
    if not s.admin or not stored or s.name not in stored:
        return _MISSING
    value = stored[s.name]
    try:
        return parse_stored(s.name, value)
    except ValueError:
        raise UserFacingError(
            f"Giá trị đã lưu cho cài đặt '{s.name}' ({value!r}) không hợp lệ: cần {s.kind.allowed_vi}. "
            f"Đặt biến môi trường {s.env} (biến này được ưu tiên) rồi khởi động lại.",
            key="setting_stored_invalid", name=s.name, value=value, env=s.env, allowed=s.kind.allowed_en) from None


def get(name: str, stored: Mapping[str, object] | None = None) -> Any:
    """The value in force: the environment variable if set, else the saved value, else the default."""
    s = setting(name)
    value = from_env(name)
    if value is not None:
        return value
    value = _stored(s, stored)
    return s.default if value is _MISSING else value


def source(name: str, stored: Mapping[str, object] | None = None) -> Source:
    """Where `get(name, stored)` takes its value from; "env" means the admin page cannot change it."""
    s = setting(name)
    if _env_text(s) is not None:
        return "env"
    if s.admin and stored and s.name in stored:
        return "stored"
    return "default"


def check_environment() -> None:
    """Refuses to start on any invalid variable: one `UserFacingError` naming every one of them."""
    problems = []
    for s in SETTINGS:
        try:
            from_env(s.name)
        except UserFacingError as exc:
            problems.append(exc)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise UserFacingError(" ".join(p.message for p in problems))


def debug_enabled() -> bool:
    """DASHBOARD_DEBUG for the CLI's error handler, which must not fail itself.

    An invalid value counts as off here: `check_environment` has already reported it.
    """
    try:
        return bool(get("debug"))
    except UserFacingError:
        return False
