"""Sign-in attempts limited per client address and per typed name (issue 13 §6).

Limited means: one sentence, the same whoever asks and whatever name; no password check at
all (argon2 never runs); one audit row per limited key and window. Counted in the database.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import auth.users
import ui.session
import ui.state
from auth.ratelimit import RateLimits
from auth.roles import Role
from auth.users import SignInOutcome, authenticate, create_user, utcnow
from tests.auth.auth_helpers import PASSWORD, audit_rows

ROOT = Path(__file__).resolve().parents[2]
LIMITED_VI = "Quá nhiều lần thử đăng nhập; vui lòng thử lại sau {n} phút."
LIMITED_EN = "Too many sign-in attempts; please try again in {n} minutes."


@pytest.fixture
def accounts(store):
    create_user(store, "lan", Role.VIEWER, PASSWORD)
    create_user(store, "boss", Role.ADMIN, PASSWORD)
    return store


@pytest.fixture
def password_checks(monkeypatch):
    """Counts argon2 verifications (the real ones still run)."""
    calls = []
    real = auth.users.verify_password
    monkeypatch.setattr(auth.users, "verify_password", lambda *a: calls.append(1) or real(*a))
    return calls


def test_a_name_is_limited_after_its_failures_with_one_sentence_for_every_name(accounts, password_checks):
    limits = RateLimits(per_ip=1000, per_name=3)
    now = utcnow()
    for name in ("lan", "khong-co-ai"):   # an account and a name that is none
        outcomes = [authenticate(accounts, name, "sai-mat-khau-1", now=now, limits=limits).outcome for _ in range(3)]
        assert SignInOutcome.RATE_LIMITED not in outcomes
    checks_before = len(password_checks)
    account = authenticate(accounts, "lan", PASSWORD, now=now + timedelta(minutes=1), limits=limits)
    nobody = authenticate(accounts, "khong-co-ai", PASSWORD, now=now + timedelta(minutes=1), limits=limits)
    assert account.outcome is nobody.outcome is SignInOutcome.RATE_LIMITED   # even with the right password
    assert len(password_checks) == checks_before                              # no argon2 work when limited
    assert account.message() == nobody.message() == LIMITED_VI.format(n=14)
    assert account.message("en") == nobody.message("en") == LIMITED_EN.format(n=14)
    later = authenticate(accounts, "lan", PASSWORD, now=now + timedelta(minutes=15, seconds=1), limits=limits)
    assert later.ok   # the window has passed


def test_successes_do_not_count_against_a_name(accounts):
    limits = RateLimits(per_ip=1000, per_name=2)
    now = utcnow()
    assert all(authenticate(accounts, "lan", PASSWORD, now=now, limits=limits).ok for _ in range(5))


def test_an_address_is_limited_per_minute_whatever_the_names(accounts, password_checks):
    limits = RateLimits(per_ip=4, per_name=1000)
    now = utcnow()
    for name in ("a1-khong-co", "a2-khong-co", "lan", "boss"):
        assert authenticate(accounts, name, "sai-mat-khau-1", now=now, client_ip="203.0.113.9",
                            limits=limits).outcome is not SignInOutcome.RATE_LIMITED
    checks_before = len(password_checks)
    limited = authenticate(accounts, "boss", PASSWORD, now=now, client_ip="203.0.113.9", limits=limits)
    assert limited.outcome is SignInOutcome.RATE_LIMITED and limited.message() == LIMITED_VI.format(n=1)
    assert len(password_checks) == checks_before
    assert authenticate(accounts, "boss", PASSWORD, now=now, client_ip="198.51.100.7", limits=limits).ok
    assert authenticate(accounts, "boss", PASSWORD, now=now + timedelta(seconds=61), client_ip="203.0.113.9",
                        limits=limits).ok


def test_a_flood_is_audited_once_and_the_typed_name_never(accounts):
    limits = RateLimits(per_ip=1000, per_name=2)
    now = utcnow()
    typed = "Mat-khau-go-nham-2026!"   # a password typed into the name box
    results = [authenticate(accounts, typed, "x", now=now, limits=limits).outcome for _ in range(12)]
    assert results.count(SignInOutcome.RATE_LIMITED) == 10
    limited = audit_rows(accounts, "sign_in_rate_limited")
    assert len(limited) == 1 and limited[0][2].startswith("unknown:")
    assert typed.lower() not in str(audit_rows(accounts))
    stored = accounts.cursor().execute("SELECT * FROM sign_in_attempts").fetchall()
    assert typed.lower() not in str(stored)


def test_parallel_attempts_cannot_all_slip_under_the_limit(accounts, password_checks):
    """Counted and reserved in one write transaction: 8 at once for one name, only 3 get a password check."""
    limits = RateLimits(per_ip=1000, per_name=3)
    now = utcnow()
    outcomes = []
    threads = [threading.Thread(target=lambda: outcomes.append(
        authenticate(accounts, "lan", "sai-mat-khau-1", now=now, limits=limits).outcome)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(SignInOutcome.RATE_LIMITED) == 5
    assert len(password_checks) == 3


def test_the_limits_follow_their_settings(accounts, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SIGN_IN_MAX_PER_NAME", "2")
    now = utcnow()
    outcomes = [authenticate(accounts, "khong-co-ai", "x", now=now).outcome for _ in range(3)]
    assert outcomes[-1] is SignInOutcome.RATE_LIMITED and SignInOutcome.RATE_LIMITED not in outcomes[:2]


# --- the client address ----------------------------------------------------------------------------

class FakeContext:
    def __init__(self, ip, headers):
        self.ip_address = ip
        self.headers = headers


@pytest.mark.parametrize(("trusted", "ip", "forwarded", "expected"), [
    (None, "198.51.100.7", "203.0.113.9", "198.51.100.7"),            # a header anyone can send is ignored
    ("true", "10.0.0.2", "1.2.3.4, 203.0.113.9", "203.0.113.9"),        # the entry the trusted proxy added
    ("true", "10.0.0.2", "", "10.0.0.2"),
    (None, None, "203.0.113.9", None),                                 # a direct local connection
])
def test_the_client_address_trusts_forwarded_for_only_behind_a_trusted_proxy(monkeypatch, trusted, ip,
                                                                            forwarded, expected):
    if trusted:
        monkeypatch.setenv("DASHBOARD_TRUSTED_PROXY", trusted)
    else:
        monkeypatch.delenv("DASHBOARD_TRUSTED_PROXY", raising=False)
    monkeypatch.setattr(ui.session.st, "context", FakeContext(ip, {"X-Forwarded-For": forwarded}))
    assert ui.session.client_ip() == expected


# --- on the sign-in page ---------------------------------------------------------------------------

def test_the_sign_in_page_says_try_later_and_checks_no_password(accounts, monkeypatch, password_checks):
    monkeypatch.setattr(ui.state, "get_store", lambda: accounts)
    monkeypatch.setattr(ui.session, "client_ip", lambda: "203.0.113.9")
    monkeypatch.setenv("DASHBOARD_SIGN_IN_MAX_PER_IP", "3")
    at = AppTest.from_file(str(ROOT / "pages" / "sign_in.py"), default_timeout=30).run()

    def attempt(name: str, password: str) -> str:
        at.text_input(key="sign_in_username").input(name)
        at.text_input(key="sign_in_password").input(password)
        at.button[0].click().run()
        assert not at.exception
        return at.error[0].value if at.error else ""

    assert attempt("lan", "sai-mat-khau-1").startswith("Sai tên đăng nhập")
    assert attempt("khong-co-ai", "sai-mat-khau-1").startswith("Sai tên đăng nhập")
    assert attempt("boss", "sai-mat-khau-1").startswith("Sai tên đăng nhập")
    checks = len(password_checks)
    assert attempt("boss", PASSWORD) == LIMITED_VI.format(n=1)
    assert attempt("khong-co-ai", "x") == LIMITED_VI.format(n=1)
    assert len(password_checks) == checks
    assert "auth_session" not in at.session_state
    assert len(audit_rows(accounts, "sign_in_rate_limited")) == 1


def test_limited_attempts_after_the_first_write_nothing(accounts, monkeypatch):
    """With several workers every write publishes a copy of the database: a flood must not cause writes."""
    limits = RateLimits(per_ip=1000, per_name=2)
    now = utcnow()
    for _ in range(3):   # two failures, then the first limited attempt (audited)
        authenticate(accounts, "khong-co-ai", "x", now=now, limits=limits)
    writes = []
    real = accounts.transaction
    monkeypatch.setattr(accounts, "transaction", lambda: writes.append(1) or real())
    results = {authenticate(accounts, "khong-co-ai", "x", now=now, limits=limits).outcome for _ in range(10)}
    assert results == {SignInOutcome.RATE_LIMITED} and writes == []
