"""Local accounts: hashing, sign-in, lockout, roles; passwords never in clear."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from auth.roles import Role
from auth.users import (
    SignInOutcome,
    UserError,
    anonymised,
    authenticate,
    create_user,
    deactivate,
    get_user,
    reset_password,
    set_role,
    unlock,
    utcnow,
)
from tests.auth.auth_helpers import PASSWORD, audit_rows


def test_created_user_signs_in_and_is_audited(store):
    create_user(store, "An.Nguyen", Role.ANALYST, PASSWORD, "Nguyễn Văn An", actor="cli:root")
    result = authenticate(store, "an.nguyen", PASSWORD)
    assert result.ok and result.user.role is Role.ANALYST and result.user.display_name == "Nguyễn Văn An"
    assert get_user(store.cursor(), "an.nguyen").last_sign_in is not None
    assert [r[:3] for r in audit_rows(store)] == [
        ("cli:root", "user_created", "an.nguyen"), ("an.nguyen", "sign_in", "an.nguyen")]


def test_wrong_password_and_unknown_user_look_the_same_and_are_audited(store):
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    wrong = authenticate(store, "lan", "sai-mat-khau-123")
    unknown = authenticate(store, "khong-co", PASSWORD)
    assert wrong.outcome is unknown.outcome is SignInOutcome.BAD_CREDENTIALS
    assert wrong.message() == unknown.message()
    assert wrong.message().startswith("Sai tên đăng nhập hoặc mật khẩu.")
    failed = audit_rows(store, "sign_in_failed")
    assert [(r[2], r[5]) for r in failed] == [("lan", "wrong password"), (anonymised("khong-co"), "unknown user")]


def test_a_password_typed_as_the_user_name_never_reaches_the_audit_trail(store):
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    authenticate(store, "Mat-khau-bi-mat-2026!", "x")
    rows = store.cursor().execute("SELECT * FROM audit_log").fetchall()
    assert not any("mat-khau-bi-mat" in str(value).lower() for row in rows for value in row)
    assert audit_rows(store, "sign_in_failed")[0][:3] == (
        "anonymous", "sign_in_failed", anonymised("mat-khau-bi-mat-2026!"))


def test_a_locked_account_reads_like_a_wrong_password(store):
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    now = utcnow()
    results = [authenticate(store, "lan", "sai-mat-khau-123", now=now) for _ in range(6)]
    assert results[-1].outcome is SignInOutcome.LOCKED
    assert {r.message() for r in results} == {authenticate(store, "khong-co", "x").message()}
    assert {r.message("en") for r in results} == {authenticate(store, "khong-co", "x").message("en")}


def test_five_failures_lock_the_account_for_fifteen_minutes(store):
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    now = utcnow()
    outcomes = [authenticate(store, "lan", "sai-mat-khau-123", now=now).outcome for _ in range(5)]
    assert outcomes == [SignInOutcome.BAD_CREDENTIALS] * 4 + [SignInOutcome.LOCKED]
    # Even the right password is refused while locked …
    assert authenticate(store, "lan", PASSWORD, now=now + timedelta(minutes=14)).outcome is SignInOutcome.LOCKED
    # … and accepted once the lock has passed.
    assert authenticate(store, "lan", PASSWORD, now=now + timedelta(minutes=16)).ok
    locked = audit_rows(store, "account_locked")
    assert len(locked) == 1 and locked[0][2] == "lan"


def test_admin_can_unlock(store):
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    for _ in range(5):
        authenticate(store, "lan", "sai-mat-khau-123")
    assert get_user(store.cursor(), "lan").is_locked()
    unlock(store, "lan", actor="admin")
    assert authenticate(store, "lan", PASSWORD).ok
    assert audit_rows(store, "user_unlocked")[0][0] == "admin"


def test_inactive_account_cannot_sign_in(store):
    create_user(store, "boss", Role.ADMIN, PASSWORD)
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    deactivate(store, "lan", actor="boss")
    assert authenticate(store, "lan", PASSWORD).outcome is SignInOutcome.INACTIVE
    assert audit_rows(store, "user_deactivated")[0][:3] == ("boss", "user_deactivated", "lan")


def test_short_empty_or_same_as_name_passwords_are_refused(store):
    for bad in ["", "   ", "ngan", "lan.tranxx"]:
        with pytest.raises(UserError):
            create_user(store, "lan.tranxx", Role.VIEWER, bad)
    assert store.cursor().execute("SELECT count(*) FROM users").fetchone()[0] == 0


def test_duplicate_and_malformed_user_names_are_refused(store):
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    with pytest.raises(UserError, match="đã tồn tại"):
        create_user(store, "LAN", Role.VIEWER, PASSWORD)
    with pytest.raises(UserError):
        create_user(store, "x y", Role.VIEWER, PASSWORD)


def test_last_admin_cannot_be_demoted_or_deactivated(store):
    create_user(store, "boss", Role.ADMIN, PASSWORD)
    with pytest.raises(UserError, match="cuối cùng"):
        set_role(store, "boss", Role.VIEWER, actor="boss")
    with pytest.raises(UserError, match="cuối cùng"):
        deactivate(store, "boss", actor="boss")
    create_user(store, "boss2", Role.ADMIN, PASSWORD)
    assert set_role(store, "boss", Role.ANALYST, actor="boss2").role is Role.ANALYST
    before_after = audit_rows(store, "user_role_set")[0]
    assert '"admin"' in before_after[3] and '"analyst"' in before_after[4]


def test_passwords_are_never_stored_or_logged_in_clear(store, caplog):
    caplog.set_level(logging.DEBUG)
    create_user(store, "boss", Role.ADMIN, PASSWORD)
    authenticate(store, "boss", PASSWORD)
    authenticate(store, "boss", PASSWORD + "x")
    reset_password(store, "boss", PASSWORD[::-1], actor="boss")
    stored_hash = store.cursor().execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored_hash.startswith("$argon2id$")
    everything = ""
    cur = store.cursor()
    for (table,) in cur.execute("SELECT table_name FROM information_schema.tables").fetchall():
        everything += str(cur.execute(f'SELECT * FROM "{table}"').fetchall())
    for secret in (PASSWORD, PASSWORD + "x", PASSWORD[::-1]):
        assert secret not in everything
        assert secret not in caplog.text
    assert audit_rows(store, "user_password_reset")[0][3:5] == (None, None)
