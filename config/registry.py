"""Every setting the product reads, declared once: name, environment variable, default, meaning.

A setting is read from its environment variable; the sign-in settings (`admin=True`)
may also be saved by an administrator on the *Quản trị* page. Values are parsed
strictly: a value that is not one of the allowed ones is an error naming the
variable, the value and what is allowed, never a silent fallback.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Kind:
    """How a setting's text is parsed, and the allowed values in words (for errors and the README)."""

    parse: Callable[[str], Any]   # raises ValueError on anything not allowed
    allowed_vi: str
    allowed_en: str


_TRUE = ("1", "true", "yes", "on", "có")
_FALSE = ("0", "false", "no", "off", "không")


def _boolean(text: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(text)


BOOLEAN = Kind(_boolean, "true hoặc false (cũng nhận 1/0, yes/no, on/off, có/không)",
               "`true` or `false` (also `1`/`0`, `yes`/`no`, `on`/`off`)")


def integer(low: int, high: int) -> Kind:
    def parse(text: str) -> int:
        digits = text.strip()
        if not digits.isascii() or not digits.isdigit():
            raise ValueError(text)
        value = int(digits)
        if not low <= value <= high:
            raise ValueError(text)
        return value

    return Kind(parse, f"một số nguyên từ {low} đến {high}", f"a whole number from {low} to {high}")


def number(high: float) -> Kind:
    def parse(text: str) -> float:
        value = float(text.strip())  # ValueError on anything that is not a number
        if not math.isfinite(value) or not 0 < value <= high:
            raise ValueError(text)
        return value

    return Kind(parse, f"một số lớn hơn 0 và không quá {high:g}", f"a number above 0, at most {high:g}")


def choice(*values: str) -> Kind:
    def parse(text: str) -> str:
        word = text.strip().lower()
        if word not in values:
            raise ValueError(text)
        return word

    return Kind(parse, " hoặc ".join(values), " or ".join(f"`{v}`" for v in values))


def _claim_name(text: str) -> str:
    name = text.strip()
    if not name or not name.isascii() or not all(c.isalnum() or c in "_-:./" for c in name):
        raise ValueError(text)
    return name


CLAIM = Kind(_claim_name, "tên một claim của nhà cung cấp định danh (chữ, số, _ - : . /)",
             "an identity-provider claim name (letters, digits, `_ - : . /`)")


def _path(text: str) -> Path:
    if not text.strip():
        raise ValueError(text)
    return Path(text)


PATH = Kind(_path, "một đường dẫn tệp", "a file path")


@dataclass(frozen=True)
class Setting:
    name: str                     # what code asks for: config.get("open_viewing")
    env: str                      # the environment variable that sets it
    default: Any
    meaning: str                  # English, for the README table
    kind: Kind
    shown_default: str = ""       # the default as the README shows it (when str(default) would not do)
    admin: bool = False           # an administrator may also save it (settings row 'auth')
    blank_is_unset: bool = False  # `VAR=` means "not set" (paths, flags); otherwise an empty value is refused

    @property
    def default_text(self) -> str:
        if self.shown_default:
            return self.shown_default
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return f"{self.default:g}" if isinstance(self.default, float) else str(self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "DASHBOARD_DB", PROJECT_ROOT / "data" / "dashboard.duckdb",
            "the database file (`--db PATH` on the command line wins over it)", PATH,
            shown_default="data/dashboard.duckdb", blank_is_unset=True),
    Setting("snapshot_dir", "DASHBOARD_SNAPSHOT_DIR", None,
            "set by `scripts/serve.sh --workers N` for every worker: processes read immutable snapshots of the "
            "database in this directory and write under a file lock; unset, one process reads and writes the file",
            PATH, shown_default="(unset)", blank_is_unset=True),
    Setting("open_viewing", "DASHBOARD_OPEN_VIEWING", True,
            "leaders may browse without signing in (intranet); every write still needs an analyst or admin",
            BOOLEAN, admin=True),
    Setting("session_idle_minutes", "DASHBOARD_SESSION_IDLE_MINUTES", 8 * 60,
            "sign-in sessions expire after this many idle minutes", integer(5, 7 * 24 * 60), admin=True),
    Setting("session_max_hours", "DASHBOARD_SESSION_MAX_HOURS", 12,
            "a sign-in session ends this many hours after it began, however active (absolute lifetime)",
            integer(1, 30 * 24)),
    Setting("sign_in_max_per_ip", "DASHBOARD_SIGN_IN_MAX_PER_IP", 20,
            "sign-in attempts one client address may make per minute; more get \"try again later\" with no "
            "password check", integer(1, 10_000)),
    Setting("sign_in_max_per_name", "DASHBOARD_SIGN_IN_MAX_PER_NAME", 10,
            "failed sign-ins per typed user name (an account or not) per 15 minutes before \"try again later\"; "
            "accounts also lock for 15 minutes after 5 wrong passwords", integer(1, 10_000)),
    Setting("trusted_proxy", "DASHBOARD_TRUSTED_PROXY", False,
            "the client address for sign-in limits is the last `X-Forwarded-For` entry, added by the one reverse "
            "proxy in front; only set it when every request comes through that proxy (else a client could "
            "pick its own address)", BOOLEAN, blank_is_unset=True),
    Setting("unknown_sso_users", "DASHBOARD_SSO_UNKNOWN_USERS", "viewer",
            "what happens to SSO users that no e-mail or group mapping matches: let them view, or refuse them",
            choice("viewer", "refuse"), admin=True),
    Setting("sso_verified_claim", "DASHBOARD_SSO_VERIFIED_CLAIM", "email_verified",
            "the claim that must be the boolean `true` before an SSO e-mail counts (for e-mail mappings and the "
            "audit name); `none` trusts every e-mail, only for a provider that verifies all of them", CLAIM),
    Setting("sso_groups_claim", "DASHBOARD_SSO_GROUPS_CLAIM", "groups",
            "the claim whose values are matched against the group mappings (no other claim is read for groups)",
            CLAIM),
    Setting("max_upload_mb", "DASHBOARD_MAX_UPLOAD_MB", 20, "largest file accepted for upload, in MB",
            number(10_000)),
    Setting("browser_path", "BROWSER_PATH", Path("/usr/bin/chromium"),
            "Chromium used by kaleido for image, PDF and slide export (never a fallback to another browser)",
            PATH, blank_is_unset=True),
    Setting("exports_reload_every", "EXPORTS_RELOAD_EVERY", 20,
            "images between reloads of kaleido's plotly.js tab (`1` is kaleido's stock behaviour)",
            integer(1, 10_000)),
    Setting("warm_months", "DASHBOARD_WARM_MONTHS", 18,
            "months back from the newest whose rankings and evaluations each server process computes ahead of "
            "its visitors, in the background at start and after every data change, whenever no visitor's run "
            "came for a second (18: every 12-month history opened from the newest 6 months); `0` turns it off",
            integer(0, 60)),
    Setting("concurrent_runs", "DASHBOARD_CONCURRENT_RUNS", 2,
            "page runs one server process computes at once; the others wait their turn (one process computes "
            "on one core: a few runs at a time finish sooner than forty sharing it); `0` lets every run through",
            integer(0, 64)),
    Setting("debug", "DASHBOARD_DEBUG", False, "the command line shows the full traceback of an unexpected error",
            BOOLEAN, blank_is_unset=True),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
