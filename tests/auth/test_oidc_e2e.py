"""Single sign-on end to end: a real `streamlit run`, a real headless Chromium and a
local mock OpenID Connect provider; the signed-in user gets the role mapped to their group,
and an e-mail mapping to admin is earned only with `email_verified` the boolean true (issue 13).

The app runs from a temporary directory holding its own `.streamlit/secrets.toml`,
so the repository's secrets file is never written.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import werkzeug.serving

from auth.oidc import set_mapping
from auth.roles import Role
from store import open_store

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SSO_USER = {"sub": "an.tran", "email": "an.tran@danang.gov.vn", "email_verified": True, "name": "Trần Văn An",
            "groups": ["so-tttt-phan-tich"]}
# One administrator's address, mapped to admin by e-mail, sent four ways (one predefined user each):
# only the boolean true may earn the mapping; the others sign in as unknown users (viewer).
BOSS_EMAIL = "BOSS@Danang.gov.vn"
BOSS_VARIANTS = {  # sub → email_verified as sent (absent when missing)
    "boss-verified-missing": {},
    "boss-verified-string-false": {"email_verified": "false"},
    "boss-verified-false": {"email_verified": False},
    "boss-verified-true": {"email_verified": True},
}

# No skip when Chromium is missing: scripts/setup.sh installs it, so its absence is a setup bug.


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oidc_provider(monkeypatch):
    """The mock provider on 127.0.0.1 in a thread; yields its base URL."""
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on the loopback only
    from oidc_provider_mock import User, app

    server = werkzeug.serving.make_server(
        "127.0.0.1", 0, app(user_claims=[
            User(sub=SSO_USER["sub"], claims={k: v for k, v in SSO_USER.items() if k != "sub"}),
            *(User(sub=sub, claims={"email": BOSS_EMAIL, "name": "Sếp", **verified})
              for sub, verified in BOSS_VARIANTS.items()),
        ]), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    """Polls the health endpoint until it answers; between polls waits on the process itself."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            try:
                proc.wait(0.1)  # returns only if streamlit died
            except subprocess.TimeoutExpired:
                continue
            raise RuntimeError("streamlit exited before answering") from None
    raise TimeoutError(url)


@pytest.fixture
def app_server(tmp_path, oidc_provider):
    db = tmp_path / "dashboard.duckdb"
    store = open_store(db)
    set_mapping(store, "group", "so-tttt-phan-tich", Role.ANALYST, actor="test")
    set_mapping(store, "email", BOSS_EMAIL, Role.ADMIN, actor="test")
    store.close()

    port = free_port()
    app_dir = tmp_path / "app"
    (app_dir / ".streamlit").mkdir(parents=True)
    (app_dir / ".streamlit" / "config.toml").write_text(
        "[browser]\ngatherUsageStats = false\n[server]\nheadless = true\n", encoding="utf-8")
    (app_dir / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "dashboard"\nclient_secret = "mock-secret"\n'
        f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n',
        encoding="utf-8")
    env = {**os.environ, "DASHBOARD_DB": str(db), "PYTHONPATH": str(ROOT),
           "AUTHLIB_INSECURE_TRANSPORT": "1", "DASHBOARD_OPEN_VIEWING": "true"}
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(HERE / "gate_app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://127.0.0.1:{port}", db, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _audit_after_stop(proc, db, sql: str) -> list[tuple]:
    """Stops the dashboard (it holds the database) and reads the audit rows the test expects."""
    proc.terminate()
    proc.wait(10)
    store = open_store(db)
    try:
        return store.cursor().execute(sql).fetchall()
    finally:
        store.close()


def test_sso_signs_in_with_the_mapped_role(app_server, browser):
    from playwright.sync_api import expect

    base, db, proc = app_server
    expect.set_options(timeout=30_000)  # the first script run can be slow on a busy machine
    context = browser.new_context()  # the shared browser (tests/conftest.py); a fresh context, fresh cookies
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{base}/sign_in")
        expect(page.get_by_text("ROLE:anonymous")).to_be_visible()
        page.get_by_role("button", name="Đăng nhập bằng tài khoản một lần (SSO)").click()
        # The mock provider's consent page: pick the predefined user.
        page.get_by_role("button", name=SSO_USER["sub"], exact=True).click()
        expect(page.get_by_text("ROLE:analyst")).to_be_visible()
        expect(page.get_by_text("Đã đăng nhập: Trần Văn An — Chuyên viên phân tích").first).to_be_visible()
        nav = page.get_by_test_id("stSidebarNav")
        # By link target: the menu shows titles ("Quản trị"), and an icon's ligature text ("upload_file")
        # is what made get_by_text("upload") match; get_by_text("admin") matched nothing for anyone.
        expect(nav.locator('a[href$="/upload"]')).to_have_count(1)
        expect(nav.locator('a[href$="/admin"]')).to_have_count(0)
        # Signing out clears the cookie and ends the provider session (RP-initiated logout):
        # the mock asks for confirmation, then sends the browser back to the app, anonymous.
        page.get_by_test_id("stSidebar").get_by_role("button", name="Đăng xuất", exact=True).click()
        page.get_by_role("button", name="End session").click()
        expect(page.get_by_text("ROLE:anonymous")).to_be_visible()
    finally:
        context.close()

    rows = _audit_after_stop(proc, db, "SELECT actor, action, after, detail FROM audit_log"
                                       " WHERE action LIKE 'sign%' ORDER BY id")
    assert rows == [("an.tran@danang.gov.vn", "sign_in", '{"role": "analyst"}', "sso"),
                    ("an.tran@danang.gov.vn", "sign_out", None, "sso")]


def test_an_unverified_email_earns_no_mapped_role(app_server, browser):
    """`email_verified` missing, the string "false" or false: signed in, but as an unknown user (viewer),
    and the admin page refuses even when typed as a URL; the boolean true earns the mapped admin."""
    from playwright.sync_api import expect

    base, db, proc = app_server
    expect.set_options(timeout=30_000)
    for sub, verified in BOSS_VARIANTS.items():
        is_admin = verified.get("email_verified") is True
        context = browser.new_context()  # fresh cookies: each variant is its own sign-in
        try:
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/sign_in")
            page.get_by_role("button", name="Đăng nhập bằng tài khoản một lần (SSO)").click()
            page.get_by_role("button", name=sub, exact=True).click()
            expect(page.get_by_text("ROLE:admin" if is_admin else "ROLE:viewer")).to_be_visible()
            nav = page.get_by_test_id("stSidebarNav")
            expect(nav.locator('a[href$="/admin"]')).to_have_count(1 if is_admin else 0)
            page.goto(f"{base}/admin")  # by URL, in a new session: the cookie's claims are judged again
            expect(page.get_by_text("ROLE:admin" if is_admin else "ROLE:viewer")).to_be_visible()
            if is_admin:
                expect(page.get_by_role("heading", name="Quản trị")).to_be_visible()
            else:
                expect(page.get_by_text("không có quyền")).to_be_visible()
                expect(page.get_by_role("heading", name="Quản trị")).to_have_count(0)
        finally:
            context.close()

    rows = _audit_after_stop(proc, db, "SELECT DISTINCT actor, after FROM audit_log"
                                       " WHERE action = 'sign_in' ORDER BY actor")
    assert rows == sorted([("boss@danang.gov.vn", '{"role": "admin"}'),
                           *((f"sso:{sub}", '{"role": "viewer"}') for sub in BOSS_VARIANTS
                             if sub != "boss-verified-true")])
