"""Password hashing (argon2id) and the minimum password rules.

Only the hash ever reaches the database; the clear text is never logged.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the user name is unknown, so that a miss costs as long as a hit.
_DUMMY_HASH = _hasher.hash("not-a-real-password-only-for-timing")


def password_problems(password: str, username: str | None = None) -> list[str]:
    """Reasons (Vietnamese) why a password is refused; empty when acceptable."""
    problems = []
    if not password or not password.strip():
        problems.append("Mật khẩu không được để trống.")
    elif len(password) < MIN_LENGTH:
        problems.append(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.")
    if password and username and password.strip().lower() == username.strip().lower():
        problems.append("Mật khẩu không được trùng tên đăng nhập.")
    return problems


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; never raises for a wrong or malformed hash."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
