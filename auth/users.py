"""Local accounts: creation, sign-in with lockout, roles and deactivation.

Pure functions over a `Store`; every change is written in one transaction
together with its audit record. Clear-text passwords are hashed on arrival
and never stored, logged or audited.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import duckdb

from auth import audit, ratelimit
from auth.passwords import (
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)
from auth.roles import Role
from auth.sessions import EndReason, end_user_sessions
from i18n.catalogue import text
from store import Store
from vocab.errors import UserFacingError
from vocab.names import DISPLAY_NAME_MAX, check_name

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")


class UserError(UserFacingError):
    """A refused account change, explained in one Vietnamese sentence."""


class UsernameTaken(UserError):
    """The user name already exists: the request was valid, the name is not free."""


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=15)


DEFAULT_LOCKOUT = LockoutPolicy()


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: Role
    active: bool = True
    source: str = "local"          # 'local' (password) or 'sso' (OpenID Connect)
    locked_until: datetime | None = None
    last_sign_in: datetime | None = None

    def is_locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())


# One sentence for an unknown name, a wrong password and a locked account: which one it was
# would tell an attacker which names exist (the audit trail and the administrator know).
_REFUSED_VI = ("Sai tên đăng nhập hoặc mật khẩu. Sau nhiều lần sai, tài khoản tạm khóa 15 phút; "
               "cần hỗ trợ, vui lòng liên hệ quản trị viên.")
_REFUSED_EN = ("Wrong user name or password. After repeated failures the account is locked for 15 minutes; "
               "contact the administrator for help.")


class SignInOutcome(StrEnum):
    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"   # unknown name or wrong password: never say which
    LOCKED = "locked"
    INACTIVE = "inactive"
    RATE_LIMITED = "rate_limited"         # too many attempts from this address or for this name: no password check


@dataclass(frozen=True)
class SignInResult:
    outcome: SignInOutcome
    user: User | None = None
    locked_until: datetime | None = None
    retry_minutes: int | None = None      # RATE_LIMITED: when trying again makes sense

    @property
    def ok(self) -> bool:
        return self.outcome is SignInOutcome.OK

    def message(self, lang: str = "vi") -> str:
        if self.outcome is SignInOutcome.RATE_LIMITED:
            return text("sessions_rate_limited", lang, minutes=self.retry_minutes or 1)
        if lang == "en":
            return {
                SignInOutcome.OK: "Signed in.",
                SignInOutcome.BAD_CREDENTIALS: _REFUSED_EN,
                SignInOutcome.LOCKED: _REFUSED_EN,
                SignInOutcome.INACTIVE: "This account is disabled; contact the administrator.",
            }[self.outcome]
        return {
            SignInOutcome.OK: "Đăng nhập thành công.",
            SignInOutcome.BAD_CREDENTIALS: _REFUSED_VI,
            SignInOutcome.LOCKED: _REFUSED_VI,
            SignInOutcome.INACTIVE: "Tài khoản đã bị vô hiệu hóa; vui lòng liên hệ quản trị viên.",
        }[self.outcome]


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def _check_username(username: str) -> str:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise UserError(
            "Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ không dấu, số và . _ - @."
        )
    return name


_COLUMNS = "username, display_name, role, active, locked_until, last_sign_in"


def _user(row: tuple) -> User:
    username, display_name, role, active, locked_until, last_sign_in = row
    return User(username, display_name, Role(role), bool(active), "local", locked_until, last_sign_in)


def get_user(con: duckdb.DuckDBPyConnection, username: str) -> User | None:
    row = con.execute(f"SELECT {_COLUMNS} FROM users WHERE username = ?",
                      [normalise_username(username)]).fetchone()
    return _user(row) if row else None


def list_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    return [_user(r) for r in con.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username").fetchall()]


def count_active_admins(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active").fetchone()[0]


def _public(user: User) -> dict:
    """What the audit trail may know of an account (never the hash)."""
    return {"username": user.username, "display_name": user.display_name,
            "role": user.role.value, "active": user.active}


def create_user(store: Store, username: str, role: Role | str, password: str,
                display_name: str | None = None, actor: str = "system") -> User:
    name = _check_username(username)
    role = Role.parse(role) if isinstance(role, str) else role
    problems = password_problems(password, name)
    if problems:
        raise UserError(" ".join(problems))
    # A display name is shown on every page and in the audit CSV: the one name rule (`vocab.names`).
    shown = (check_name(display_name, "hiển thị", DISPLAY_NAME_MAX, UserError)
             if (display_name or "").strip() else name)
    password_hash = hash_password(password)
    with store.transaction() as cur:
        if cur.execute("SELECT 1 FROM users WHERE username = ?", [name]).fetchone():
            raise UsernameTaken(f"Tên đăng nhập '{name}' đã tồn tại.")
        cur.execute(
            "INSERT INTO users (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)",
            [name, shown, role.value, password_hash],
        )
        user = User(name, shown, role)
        audit.record(cur, actor, "user_created", name, None, _public(user))
    return user


def anonymised(username: str) -> str:
    """What the audit trail keeps of a name that is no account: a short hash, never the text.

    People type passwords into the user-name box; an unknown name is never stored as typed.
    """
    return "unknown:" + hashlib.sha256(username.encode("utf-8")).hexdigest()[:12]


def authenticate(store: Store, username: str, password: str, *, now: datetime | None = None,
                 policy: LockoutPolicy = DEFAULT_LOCKOUT, client_ip: str | None = None,
                 limits: ratelimit.RateLimits | None = None) -> SignInResult:
    """Check a password, counting failures and locking after `policy.max_failures`.

    First the attempt limits per client address and per typed name (`auth.ratelimit`): a
    limited attempt gets RATE_LIMITED without any password work. Every attempt that goes on,
    successful or not, leaves an audit record. The password hash is checked outside the write
    transaction (argon2 takes ~100 ms: a flood of sign-in attempts must not hold the database's
    write lock), and it is checked for unknown names and locked accounts too, so the time taken
    does not tell which names exist.
    """
    now = now or utcnow()
    name = normalise_username(username)[:64]
    row = store.cursor().execute(
        "SELECT password_hash, active, locked_until FROM users WHERE username = ?", [name]).fetchone()
    limits = limits or ratelimit.limits_in_force()
    target = name if row else anonymised(name)
    limited = ratelimit.check(store.cursor(), name, client_ip, now, limits)
    if limited is None:
        with store.transaction() as cur:
            attempt, limited = ratelimit.begin(cur, name, client_ip, now, limits, target)
    elif not ratelimit.noted(store.cursor(), limited, name, client_ip, now):
        with store.transaction() as cur:
            ratelimit.note(cur, limited, name, client_ip, now, target)
    if limited is not None:
        return SignInResult(SignInOutcome.RATE_LIMITED, retry_minutes=limited.minutes)
    password_ok = verify_password(row[0] if row else None, password)
    with store.transaction() as cur:
        signs_in = row is not None and password_ok and bool(row[1]) and not (row[2] is not None and row[2] > now)
        ratelimit.finish(cur, attempt, signs_in)
        if row is None:
            audit.record(cur, "anonymous", "sign_in_failed", anonymised(name), detail="unknown user")
            return SignInResult(SignInOutcome.BAD_CREDENTIALS)
        _hash, active, locked_until = row
        if locked_until is not None and locked_until > now:
            audit.record(cur, name, "sign_in_failed", name, detail=f"locked until {locked_until:%Y-%m-%d %H:%M} UTC")
            return SignInResult(SignInOutcome.LOCKED, locked_until=locked_until)
        if not password_ok:
            return _count_failure(cur, name, now, policy)
        if not active:
            audit.record(cur, name, "sign_in_failed", name, detail="inactive account")
            return SignInResult(SignInOutcome.INACTIVE)
        cur.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in = ? WHERE username = ?",
            [now, name],
        )
        if needs_rehash(row[0]):
            cur.execute("UPDATE users SET password_hash = ? WHERE username = ?", [hash_password(password), name])
        audit.record(cur, name, "sign_in", name, detail="local")
        user = _user(cur.execute(f"SELECT {_COLUMNS} FROM users WHERE username = ?", [name]).fetchone())
    return SignInResult(SignInOutcome.OK, user)


def _count_failure(cur: duckdb.DuckDBPyConnection, name: str, now: datetime, policy: LockoutPolicy) -> SignInResult:
    """One more wrong password (counted in SQL, so parallel attempts all count); locks at the limit."""
    failed = cur.execute("UPDATE users SET failed_attempts = failed_attempts + 1 WHERE username = ?"
                         " RETURNING failed_attempts", [name]).fetchone()[0]
    audit.record(cur, name, "sign_in_failed", name, detail="wrong password")
    if failed < policy.max_failures:
        return SignInResult(SignInOutcome.BAD_CREDENTIALS)
    until = now + policy.lock_for
    cur.execute("UPDATE users SET failed_attempts = 0, locked_until = ? WHERE username = ?", [until, name])
    audit.record(cur, "system", "account_locked", name, None, {"locked_until": until},
                 detail=f"{failed} failed sign-ins")
    return SignInResult(SignInOutcome.LOCKED, locked_until=until)


def _existing(cur: duckdb.DuckDBPyConnection, username: str) -> User:
    user = get_user(cur, username)
    if user is None:
        raise UserError(f"Không có tài khoản '{normalise_username(username)}'.")
    return user


def _keeps_an_admin(cur: duckdb.DuckDBPyConnection, before: User) -> None:
    if before.role is Role.ADMIN and before.active and count_active_admins(cur) <= 1:
        raise UserError("Không thể bỏ quyền hoặc vô hiệu hóa quản trị viên cuối cùng.")


def set_role(store: Store, username: str, role: Role | str, actor: str) -> User:
    role = Role.parse(role) if isinstance(role, str) else role
    with store.transaction() as cur:
        before = _existing(cur, username)
        if before.role is role:
            return before
        if role is not Role.ADMIN:
            _keeps_an_admin(cur, before)
        cur.execute("UPDATE users SET role = ? WHERE username = ?", [role.value, before.username])
        after = _existing(cur, username)
        audit.record(cur, actor, "user_role_set", before.username, _public(before), _public(after))
        _end_sessions(cur, actor, before.username, EndReason.ROLE_CHANGED)
    return after


def set_active(store: Store, username: str, active: bool, actor: str) -> User:
    with store.transaction() as cur:
        before = _existing(cur, username)
        if before.active == active:
            return before
        if not active:
            _keeps_an_admin(cur, before)
        cur.execute("UPDATE users SET active = ? WHERE username = ?", [active, before.username])
        after = _existing(cur, username)
        audit.record(cur, actor, "user_activated" if active else "user_deactivated",
                     before.username, _public(before), _public(after))
        if not active:
            _end_sessions(cur, actor, before.username, EndReason.DEACTIVATED)
    return after


def deactivate(store: Store, username: str, actor: str) -> User:
    return set_active(store, username, False, actor)


def reset_password(store: Store, username: str, new_password: str, actor: str) -> None:
    name = normalise_username(username)
    problems = password_problems(new_password, name)
    if problems:
        raise UserError(" ".join(problems))
    password_hash = hash_password(new_password)
    with store.transaction() as cur:
        user = _existing(cur, name)
        cur.execute(
            "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE username = ?",
            [password_hash, user.username],
        )
        # The audit records that the password changed, never what to.
        audit.record(cur, actor, "user_password_reset", user.username)
        _end_sessions(cur, actor, user.username, EndReason.PASSWORD_RESET)


def _end_sessions(cur: duckdb.DuckDBPyConnection, actor: str, username: str, reason: EndReason) -> None:
    """Ends every live session of `username` in the transaction of the change that requires it:
    a tab opened before a password reset, role change or deactivation can no longer act."""
    ended = end_user_sessions(cur, username, reason, utcnow())
    if ended:
        audit.record(cur, actor, "sessions_ended", username, None, {"sessions": ended}, detail=reason.value)


def end_sessions(store: Store, username: str, actor: str) -> int:
    """An administrator signs `username` out everywhere (e.g. a lost laptop); returns how many sessions ended."""
    with store.transaction() as cur:
        user = _existing(cur, username)
        ended = end_user_sessions(cur, user.username, EndReason.SIGN_OUT_EVERYWHERE, utcnow())
        if ended:
            audit.record(cur, actor, "sessions_ended", user.username, None, {"sessions": ended},
                         detail=EndReason.SIGN_OUT_EVERYWHERE.value)
    return ended


def unlock(store: Store, username: str, actor: str) -> User:
    with store.transaction() as cur:
        before = _existing(cur, username)
        cur.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
                    [before.username])
        audit.record(cur, actor, "user_unlocked", before.username,
                     {"locked_until": before.locked_until}, {"locked_until": None})
    return _existing(store.cursor(), username)
