"""Server-side sessions (issue 13 §3): every run checks its row, so a session ended anywhere ends here.

Tabs are separate AppTest sessions over one store (as browser tabs are separate Streamlit
sessions over one server). A second tab of the same browser, or a reload, carries the
session cookie: AppTest cannot send cookies, so the cookie the real route hands out is fed
to `ui.session.browser_cookie` (the real server path is checked in tests/e2e/test_session_reload_e2e.py).
"""

from __future__ import annotations

import re
import warnings
from datetime import timedelta
from pathlib import Path

import pytest
from starlette.applications import Starlette
from streamlit.testing.v1 import AppTest

import ui.session
import ui.session_cookie
import ui.state
from auth.roles import Role
from auth.sessions import EndReason, Lifetimes, SessionRow, live_count, open_session, redeem_claim
from auth.users import create_user, reset_password, set_active, set_role, utcnow
from tests.auth.auth_helpers import PASSWORD, audit_rows

with warnings.catch_warnings():  # starlette 1.x would rather have httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

HERE = Path(__file__).resolve().parent
GATE_APP = str(HERE / "gate_app.py")
HOST = "testserver"

# A stand-in for a write page: the button's callback asks `current_actor()` and then writes,
# as the upload commit and the batch rollback do.
COMMIT_APP = """
import streamlit as st
from auth import audit
from auth.roles import Role
from ui.access import current_actor, require_role
from ui.state import get_store

def commit():
    actor = current_actor()
    with get_store().transaction() as cur:
        audit.record(cur, actor, "upload", "probe-batch")

require_role(Role.ANALYST)
st.title("PAGE:commit")
st.button("Ghi", key="commit", on_click=commit)
"""


@pytest.fixture
def accounts(store, monkeypatch):
    monkeypatch.delenv("DASHBOARD_OPEN_VIEWING", raising=False)
    monkeypatch.delenv("DASHBOARD_SESSION_MAX_HOURS", raising=False)
    monkeypatch.delenv("DASHBOARD_SESSION_IDLE_MINUTES", raising=False)
    for name, role in [("boss", Role.ADMIN), ("an.tran", Role.ANALYST), ("lan.le", Role.VIEWER)]:
        create_user(store, name, role, PASSWORD, name.title())
    monkeypatch.setattr(ui.state, "get_store", lambda: store)
    monkeypatch.setattr(ui.session_cookie, "ENABLED", True)  # as when served by sessions_app.py
    return store


@pytest.fixture
def clock(monkeypatch):
    """Moves the sessions' clock (`ui.session.utcnow`) forward; starts at the real now."""
    now = [utcnow()]
    monkeypatch.setattr(ui.session, "utcnow", lambda: now[0])

    def advance(**delta) -> None:
        now[0] += timedelta(**delta)
    return advance


def role_caption(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if c.value.startswith("ROLE:"))


def sign_in(username: str) -> AppTest:
    at = AppTest.from_file(GATE_APP, default_timeout=30)
    at.run()
    at.switch_page("../../pages/sign_in.py").run()
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert role_caption(at) != "ROLE:anonymous"
    return at


def claim_code(at: AppTest) -> str:
    """The one-time code the page handed the browser in its cookie script."""
    scripts = [h.proto.body for h in at.get("html") if "/api/dx-session/claim" in h.proto.body]
    assert len(scripts) == 1 and all(h.proto.unsafe_allow_javascript for h in at.get("html"))
    return re.search(r"body: \"([^\"]+)\"", scripts[0]).group(1)


def cookie_route() -> TestClient:
    return TestClient(Starlette(routes=ui.session_cookie.routes()), base_url=f"http://{HOST}")


def trade(code: str, origin: str = f"http://{HOST}"):
    return cookie_route().post("/api/dx-session/claim", content=code, headers={"Origin": origin})


def cookie_of(at: AppTest) -> str:
    """Signs the browser's cookie in, as the page's script does right after sign-in."""
    response = trade(claim_code(at))
    assert response.status_code == 204
    return response.cookies["dx_session"]


def new_tab(monkeypatch, cookie: str | None) -> AppTest:
    """A new Streamlit session of a browser that sends `cookie` (a reload or another tab)."""
    monkeypatch.setattr(ui.session, "browser_cookie", lambda: cookie)
    return AppTest.from_file(GATE_APP, default_timeout=30).run()


# --- the cookie: what the route sets and what a reload gets --------------------------------------

def test_the_route_sets_an_httponly_strict_cookie_and_stores_only_its_hash(accounts):
    at = sign_in("an.tran")
    response = trade(claim_code(at))
    header = response.headers["set-cookie"]
    assert response.status_code == 204
    assert "HttpOnly" in header and "SameSite=strict" in header and "Path=/" in header
    assert "Secure" not in header  # plain http here; https gets Secure (next test)
    max_age = int(re.search(r"Max-Age=(\d+)", header).group(1))
    assert 12 * 3600 - 60 <= max_age <= 12 * 3600  # the absolute lifetime, 12 h by default
    token = response.cookies["dx_session"]
    stored = accounts.cursor().execute("SELECT id, cookie_hash, claim_hash FROM sessions").fetchall()
    assert len(stored) == 1 and token not in stored[0] and stored[0][1] is not None and stored[0][2] is None


def test_the_cookie_is_secure_over_https(accounts):
    at = sign_in("an.tran")
    client = TestClient(Starlette(routes=ui.session_cookie.routes()), base_url="https://dash.example")
    response = client.post("/api/dx-session/claim", content=claim_code(at), headers={"Origin": "https://dash.example"})
    assert response.status_code == 204 and "Secure" in response.headers["set-cookie"]


def test_a_code_works_once_only_from_this_site(accounts):
    at = sign_in("an.tran")
    code = claim_code(at)
    assert trade(code, origin="https://evil.example").status_code == 403
    assert trade("not-a-code").status_code == 403
    assert trade(code).status_code == 204
    assert trade(code).status_code == 403


def test_a_claim_expires_after_two_minutes(accounts):
    with accounts.transaction() as cur:
        session_id = open_session(cur, "an.tran", "local", utcnow())
    from auth.sessions import new_claim
    code = new_claim(accounts, session_id, utcnow())
    life = Lifetimes(timedelta(hours=8), timedelta(hours=12))
    assert redeem_claim(accounts, code, utcnow() + timedelta(minutes=3), life) is None
    assert redeem_claim(accounts, code, utcnow(), life) is not None


def test_a_reload_keeps_the_analyst_signed_in(accounts, monkeypatch):
    at = sign_in("an.tran")
    cookie = cookie_of(at)
    reloaded = new_tab(monkeypatch, cookie)
    assert not reloaded.exception and role_caption(reloaded) == "ROLE:analyst"
    assert [r[1] for r in audit_rows(accounts)].count("sign_in") == 1  # the same session, not a new sign-in
    assert role_caption(new_tab(monkeypatch, "forged-" + cookie)) == "ROLE:anonymous"
    assert role_caption(new_tab(monkeypatch, None)) == "ROLE:anonymous"


# --- ending a session ends it everywhere it is held ----------------------------------------------

def test_sign_out_ends_the_session_in_every_tab_of_the_browser(accounts, monkeypatch):
    first = sign_in("an.tran")
    cookie = cookie_of(first)
    second = new_tab(monkeypatch, cookie)
    assert role_caption(second) == "ROLE:analyst"
    first.button(key="user_box_sign_out").click().run()
    assert role_caption(first) == "ROLE:anonymous"
    second.run()
    assert role_caption(second) == "ROLE:anonymous"
    assert role_caption(new_tab(monkeypatch, cookie)) == "ROLE:anonymous"  # a reload after sign-out
    clear = [h.proto.body for h in first.get("html")]
    assert any("/api/dx-session/clear" in body for body in clear)  # the browser is asked to drop the cookie
    response = cookie_route().post("/api/dx-session/clear", headers={"Origin": f"http://{HOST}"})
    assert 'dx_session=""' in response.headers["set-cookie"] and "Max-Age=0" in response.headers["set-cookie"]


def test_sign_out_everywhere_ends_every_session_of_the_user_only(accounts):
    office, home, other = sign_in("an.tran"), sign_in("an.tran"), sign_in("lan.le")
    assert live_count(accounts.cursor(), "an.tran") == 2
    home.button(key="user_box_sign_out_everywhere").click().run()
    office.run()
    other.run()
    assert role_caption(home) == role_caption(office) == "ROLE:anonymous"
    assert role_caption(other) == "ROLE:viewer"
    assert office.info[0].value.startswith("Phiên làm việc đã kết thúc")  # on the sign-in page it was on
    event = audit_rows(accounts, "sign_out_everywhere")
    assert [(r[0], r[4]) for r in event] == [("an.tran", '{"sessions": 2}')]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda store: reset_password(store, "an.tran", "Mật-khẩu-mới-2026!", actor="boss"), "password_reset"),
    (lambda store: set_role(store, "an.tran", Role.VIEWER, actor="boss"), "role_changed"),
    (lambda store: set_active(store, "an.tran", False, actor="boss"), "deactivated"),
])
def test_reset_role_change_and_deactivation_end_every_session_of_the_user(accounts, change, reason):
    tabs = [sign_in("an.tran"), sign_in("an.tran")]
    bystander = sign_in("lan.le")
    change(accounts)
    assert live_count(accounts.cursor(), "an.tran") == 0
    for tab in tabs:
        tab.run()
        assert role_caption(tab) == "ROLE:anonymous"
    bystander.run()
    assert role_caption(bystander) == "ROLE:viewer"
    ended = audit_rows(accounts, "sessions_ended")
    assert [(r[0], r[2], r[4], r[5]) for r in ended] == [("boss", "an.tran", '{"sessions": 2}', reason)]
    rows = accounts.cursor().execute("SELECT DISTINCT end_reason FROM sessions WHERE username = 'an.tran'").fetchall()
    assert rows == [(reason,)]


def test_a_tab_opened_before_a_password_reset_cannot_commit(accounts):
    tab = AppTest.from_string(COMMIT_APP, default_timeout=30)
    from auth.sessions import start_session
    tab.session_state["auth_session"] = start_session("an.tran", "An", Role.ANALYST)
    tab.run()
    assert [t.value for t in tab.title] == ["PAGE:commit"]
    tab.button(key="commit").click().run()   # while the session is live the write goes through
    assert [r[:3] for r in audit_rows(accounts, "upload")] == [("an.tran", "upload", "probe-batch")]

    reset_password(accounts, "an.tran", "Mật-khẩu-mới-2026!", actor="boss")
    tab.button(key="commit").click().run()   # the page was drawn before the reset: click its button
    assert not tab.exception
    assert len(audit_rows(accounts, "upload")) == 1           # refused: nothing written
    assert "Vui lòng đăng nhập" in tab.warning[0].value       # and the page asks to sign in
    assert not tab.title


def test_a_tab_still_live_commits_with_its_own_name(accounts):
    tab = AppTest.from_string(COMMIT_APP, default_timeout=30)
    from auth.sessions import start_session
    tab.session_state["auth_session"] = start_session("an.tran", "An", Role.ANALYST)
    tab.run()
    sign_in("an.tran").button(key="user_box_sign_out").click().run()  # another browser's sign-out
    tab.button(key="commit").click().run()
    assert [r[0] for r in audit_rows(accounts, "upload")] == ["an.tran"]


# --- lifetimes ---------------------------------------------------------------------------------

def test_an_idle_session_ends_after_the_idle_lifetime(accounts, clock):
    at = sign_in("an.tran")
    clock(hours=7, minutes=59)
    at.run()
    assert role_caption(at) == "ROLE:analyst"
    clock(hours=8, minutes=1)
    at.run()
    assert role_caption(at) == "ROLE:anonymous"
    assert "không hoạt động" in at.info[0].value
    assert [(r[0], r[5]) for r in audit_rows(accounts, "session_expired")] == [("an.tran", "local: idle")]


def test_an_active_session_ends_at_the_absolute_lifetime(accounts, clock, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SESSION_MAX_HOURS", "12")
    at = sign_in("an.tran")
    for _ in range(11):
        clock(hours=1)
        at.run()
        assert role_caption(at) == "ROLE:analyst"  # used every hour: never idle
    clock(minutes=59)
    at.run()
    assert role_caption(at) == "ROLE:analyst"      # 11 h 59 min
    clock(minutes=2)
    at.run()
    assert role_caption(at) == "ROLE:anonymous"    # 12 h 01 min
    assert [r[5] for r in audit_rows(accounts, "session_expired")] == ["local: absolute"]


def test_an_expired_cookie_does_not_sign_a_reload_in(accounts, clock, monkeypatch):
    cookie = cookie_of(sign_in("an.tran"))
    clock(hours=9)
    assert role_caption(new_tab(monkeypatch, cookie)) == "ROLE:anonymous"


@pytest.mark.parametrize(("seen", "age", "ended"), [
    (timedelta(minutes=10), timedelta(hours=1), None),
    (timedelta(hours=9), timedelta(hours=9), EndReason.IDLE),
    (timedelta(minutes=1), timedelta(hours=13), EndReason.ABSOLUTE),
])
def test_a_row_says_why_it_no_longer_signs_in(seen, age, ended):
    now = utcnow()
    row = SessionRow("x", "an.tran", "local", now - age, now - seen, None, None)
    assert row.ended_because(now, Lifetimes(timedelta(hours=8), timedelta(hours=12))) is ended


# --- single sign-on ------------------------------------------------------------------------------

AUTH_SECRETS = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                "client_id": "dashboard", "client_secret": "s",
                "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration"}
CLAIMS = {"is_logged_in": True, "sub": "7", "name": "Lan", "email": "lan@danang.gov.vn", "email_verified": True,
          "iat": 1795890000, "nonce": "n-1"}


def sso_tab() -> AppTest:
    at = AppTest.from_file(GATE_APP, default_timeout=30)
    at.secrets["auth"] = AUTH_SECRETS
    at.user = dict(CLAIMS)
    return at.run()


def test_an_sso_reload_finds_its_session_and_sign_out_everywhere_ends_it(accounts):
    first = sso_tab()
    assert role_caption(first) == "ROLE:viewer"
    again = sso_tab()        # a reload: Streamlit's auth cookie carries the same claims
    assert role_caption(again) == "ROLE:viewer"
    assert live_count(accounts.cursor(), "lan@danang.gov.vn") == 1
    assert len(audit_rows(accounts, "sign_in")) == 1
    with accounts.transaction() as cur:
        from auth.sessions import end_user_sessions
        end_user_sessions(cur, "lan@danang.gov.vn", EndReason.SIGN_OUT_EVERYWHERE, utcnow())
    first.run()
    assert role_caption(first) == "ROLE:anonymous"
    assert role_caption(sso_tab()) == "ROLE:anonymous"  # the same provider cookie does not start a new session
    assert live_count(accounts.cursor(), "lan@danang.gov.vn") == 0


def test_an_administrator_signs_a_user_out_everywhere_from_the_admin_page(accounts):
    analyst = sign_in("an.tran")
    admin_page = AppTest.from_file(str(HERE.parents[1] / "pages" / "admin.py"), default_timeout=30)
    from auth.sessions import start_session
    admin_page.session_state["auth_session"] = start_session("boss", "Boss", Role.ADMIN)
    admin_page.run()
    table = admin_page.dataframe[0].value  # the accounts table, first on the page
    assert dict(zip(table["Tên đăng nhập"], table["Phiên đang mở"], strict=True)) == {
        "an.tran": 1, "boss": 1, "lan.le": 0}
    admin_page.selectbox(key="edit_username").set_value("an.tran").run()
    admin_page.button(key="end_sessions").click().run()
    assert not admin_page.exception
    assert "Đã kết thúc mọi phiên làm việc của an.tran." in [s.value for s in admin_page.success]
    analyst.run()
    assert role_caption(analyst) == "ROLE:anonymous"
    assert [(r[0], r[2]) for r in audit_rows(accounts, "sessions_ended")] == [("boss", "an.tran")]


def test_the_upload_page_drawn_before_a_password_reset_commits_nothing(accounts):
    """The real upload page: files checked and the commit button shown, then the admin resets the password."""
    from auth.sessions import start_session
    from store.reference import load_reference
    from tests.ingest.ingest_forms import BIEU06_HEADER, csv_bytes

    load_reference(accounts)
    tab = AppTest.from_file(str(HERE.parents[1] / "pages" / "upload.py"), default_timeout=60)
    tab.session_state["auth_session"] = start_session("an.tran", "An", Role.ANALYST)
    tab.run()
    rows = ["phuong-hai-chau,dat-dai,2026-10,10,5,3,2,8,4,3,1,2,2,0"]
    tab.get("file_uploader")[0].upload("thang10.csv", csv_bytes(BIEU06_HEADER, rows), "text/csv").run()
    assert "upload_commit" in [b.key for b in tab.button]

    reset_password(accounts, "an.tran", "Mật-khẩu-mới-2026!", actor="boss")
    tab.button(key="upload_commit").click().run()
    assert not tab.exception
    assert accounts.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()[0] == 0
    assert audit_rows(accounts, "upload") == []
    assert "Vui lòng đăng nhập" in tab.warning[0].value
