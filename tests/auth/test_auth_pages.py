"""The gate in a running app (AppTest): who reaches which page, sign-in, sign-out, expiry, SSO roles."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.state
from auth.oidc import set_mapping
from auth.roles import Role
from auth.sessions import start_session
from auth.users import create_user, utcnow
from tests.auth.auth_helpers import PASSWORD, audit_rows

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GATE_APP = str(HERE / "gate_app.py")


@pytest.fixture
def accounts(store, monkeypatch):
    monkeypatch.delenv("DASHBOARD_OPEN_VIEWING", raising=False)
    for name, role in [("boss", Role.ADMIN), ("an.tran", Role.ANALYST), ("lan.le", Role.VIEWER)]:
        create_user(store, name, role, PASSWORD, name.title())
    monkeypatch.setattr(ui.state, "get_store", lambda: store)
    return store


def signed_in(username: str) -> AppTest:
    at = AppTest.from_file(GATE_APP, default_timeout=30)
    at.run()
    at.switch_page("../../pages/sign_in.py").run()
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


REFUSED = ["<refused>"]


def open_page(at: AppTest, page: str) -> list[str]:
    """Titles after switching to `page`; REFUSED when the router refused it (the page did not run).

    Every registry page is in the navigation (hidden from the menu when not allowed), so the
    switch itself always succeeds, as typing the URL would; the router then refuses.
    """
    at.switch_page(page).run()
    assert not at.exception
    warnings = [w.value for w in at.warning] + [e.value for e in at.error]
    if any("Vui lòng đăng nhập" in w or "không có quyền" in w for w in warnings):
        assert not any(title.startswith("PAGE:") for title in titles(at))
        return REFUSED
    return titles(at)


def test_anonymous_browses_but_reaches_neither_upload_nor_admin(accounts):
    at = AppTest.from_file(GATE_APP, default_timeout=30).run()
    assert titles(at) == ["PAGE:overview"]
    assert open_page(at, "../../pages/admin.py") == REFUSED
    assert open_page(at, "../../pages/audit.py") == REFUSED


def test_viewer_cannot_reach_upload_or_admin(accounts):
    at = signed_in("lan.le")
    assert "ROLE:viewer" in [c.value for c in at.sidebar.caption]
    assert open_page(at, "stub_pages/upload.py") == REFUSED
    assert open_page(at, "stub_pages/batches.py") == REFUSED
    assert open_page(at, "../../pages/admin.py") == REFUSED
    assert open_page(at, "../../pages/audit.py") == REFUSED


def test_analyst_reaches_upload_but_not_admin(accounts):
    at = signed_in("an.tran")
    assert open_page(at, "stub_pages/upload.py") == ["PAGE:upload"]
    assert open_page(at, "../../pages/admin.py") == REFUSED


def test_admin_reaches_admin_and_audit(accounts):
    at = signed_in("boss")
    assert open_page(at, "../../pages/admin.py")[0] == "Quản trị"
    assert open_page(at, "../../pages/audit.py")[0] == "Nhật ký hệ thống"
    assert [r[:3] for r in audit_rows(accounts, "sign_in")] == [("boss", "sign_in", "boss")]


@pytest.mark.parametrize(("role", "page"), [(Role.VIEWER, "admin"), (Role.ANALYST, "admin"),
                                             (Role.VIEWER, "audit"), (Role.ANALYST, "audit")])
def test_admin_pages_refuse_lower_roles_even_when_opened_directly(accounts, role, page):
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=30)
    username = "lan.le" if role is Role.VIEWER else "an.tran"
    at.session_state["auth_session"] = start_session(username, username, role)
    at.run()
    assert not at.exception and not at.title and not at.tabs and not at.dataframe
    assert "không có quyền" in at.error[0].value


def test_admin_page_without_sign_in_asks_to_sign_in(accounts):
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=30).run()
    assert not at.title and "Vui lòng đăng nhập" in at.warning[0].value


def test_admin_creates_a_user_and_sets_a_target_through_the_page(accounts):
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=30)
    at.session_state["auth_session"] = start_session("boss", "Boss", Role.ADMIN)
    at.run()
    at.text_input(key="new_username").input("minh.vo")
    at.text_input(key="new_display_name").input("Võ Minh")
    at.text_input(key="new_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Tạo tài khoản").click().run()
    assert not at.exception and "Đã tạo tài khoản minh.vo." in [s.value for s in at.success]
    at.number_input(key="target_value").set_value(97.5)
    next(b for b in at.button if b.label == "Lưu chỉ tiêu").click().run()
    assert not at.exception
    assert accounts.cursor().execute("SELECT indicator, value FROM targets").fetchall() == [("on_time_rate", 0.975)]
    assert [r[:3] for r in audit_rows(accounts)][-2:] == [
        ("boss", "user_created", "minh.vo"), ("boss", "target_set", f"on_time_rate/{utcnow().year}/*")]
    at.text_input(key="new_username").input("x")
    at.text_input(key="new_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Tạo tài khoản").click().run()
    assert at.error and not at.exception  # refused with a message, no traceback


def test_failed_sign_in_shows_a_message_and_is_audited(accounts):
    at = AppTest.from_file(str(ROOT / "pages" / "sign_in.py"), default_timeout=30).run()
    at.text_input(key="sign_in_username").input("lan.le")
    at.text_input(key="sign_in_password").input("sai-mat-khau-1")
    at.button[0].click().run()
    assert at.error[0].value.startswith("Sai tên đăng nhập hoặc mật khẩu.")
    assert audit_rows(accounts, "sign_in_failed")[0][2] == "lan.le"
    assert "auth_session" not in at.session_state


def test_sign_out_ends_the_session(accounts):
    at = signed_in("an.tran")
    at.button(key="user_box_sign_out").click().run()
    assert "ROLE:anonymous" in [c.value for c in at.sidebar.caption]
    assert [r[1] for r in audit_rows(accounts)][-1] == "sign_out"


def test_idle_session_expires(accounts):
    at = AppTest.from_file(GATE_APP, default_timeout=30)
    at.session_state["auth_session"] = start_session("an.tran", "An", Role.ANALYST,
                                                     now=utcnow() - timedelta(hours=9))
    at.run()
    assert "ROLE:anonymous" in [c.value for c in at.sidebar.caption]
    assert audit_rows(accounts, "session_expired")[0][0] == "an.tran"


def test_role_change_takes_effect_at_once(accounts):
    """A role change ends the user's sessions (issue 13 §3); the next sign-in has the new role."""
    from auth.users import set_role
    at = signed_in("an.tran")
    set_role(accounts, "an.tran", Role.VIEWER, actor="boss")
    at.run()
    assert "ROLE:anonymous" in [c.value for c in at.sidebar.caption]
    assert "ROLE:viewer" in [c.value for c in signed_in("an.tran").sidebar.caption]


def test_open_viewing_off_hides_browsing_pages_from_anonymous(accounts, monkeypatch):
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "false")
    at = AppTest.from_file(GATE_APP, default_timeout=30).run()
    assert titles(at) == ["Đăng nhập"]


AUTH_SECRETS = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                "client_id": "dashboard", "client_secret": "s",
                "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration"}


@pytest.mark.parametrize(("claims", "role"), [
    ({"email": "an@danang.gov.vn", "email_verified": True, "groups": ["phan-tich"]}, "analyst"),
    ({"email": "lan@danang.gov.vn", "email_verified": True}, "viewer"),
])
def test_sso_user_gets_the_mapped_role(accounts, claims, role):
    set_mapping(accounts, "group", "phan-tich", Role.ANALYST, actor="boss")
    at = AppTest.from_file(GATE_APP, default_timeout=30)
    at.secrets["auth"] = AUTH_SECRETS
    at.user = {"is_logged_in": True, "sub": "1", "name": "Người Dùng", **claims}
    at.run()
    assert f"ROLE:{role}" in [c.value for c in at.sidebar.caption]
    assert audit_rows(accounts, "sign_in")[0][5] == "sso"


def test_unknown_sso_user_refused_when_so_configured(accounts, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "refuse")
    at = AppTest.from_file(GATE_APP, default_timeout=30)
    at.secrets["auth"] = AUTH_SECRETS
    at.user = {"is_logged_in": True, "sub": "9", "email": "x@gmail.com", "email_verified": True}
    at.run()
    assert "ROLE:anonymous" in [c.value for c in at.sidebar.caption]
    assert audit_rows(accounts, "sign_in_failed")[0][2] == "x@gmail.com"


def test_the_audit_table_shows_a_dash_where_nothing_was_recorded(accounts):
    """A sign-in row has no before/after: the table (and its CSV) say "—", never "None"."""
    at = signed_in("boss")
    open_page(at, "../../pages/audit.py")
    table = next(d.value for d in at.dataframe)
    row = table[table["Hành động"].str.contains("Đăng nhập", case=False)].iloc[0]
    assert row["Trước"] == "—" and row["Sau"] == "—", dict(row)
    assert "None" not in table.astype(str).to_string()
