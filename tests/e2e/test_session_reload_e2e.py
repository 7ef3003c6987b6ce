"""A local account survives a reload in real Chromium, through the HttpOnly session cookie (issue 13 §3).

The server is `streamlit run sessions_app.py` (the dashboard with the cookie routes) over its
own small database. Checks what the browser really holds: the cookie is HttpOnly and
SameSite=Strict, a reload and a second tab are still signed in, sign-out in one tab signs the
other out and clears the cookie, and a copy of the old cookie signs nobody in.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browser import DESKTOP, free_port, stop_server, wait_for_health, wait_ready
from tests.e2e.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]
ANALYST = "e2e.analyst"
PASSWORD = "Mật-khẩu-đủ-dài-2026"


@pytest.fixture(scope="module")
def cookie_server(tmp_path_factory) -> Iterator[str]:
    from auth.roles import Role
    from auth.users import create_user
    from store import open_store

    folder = tmp_path_factory.mktemp("session-reload")
    db = folder / "sessions.duckdb"
    store = open_store(db)
    create_user(store, ANALYST, Role.ANALYST, PASSWORD, "Phân tích viên")
    store.close()
    port = free_port()
    with open(folder / "streamlit.log", "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "sessions_app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env={**os.environ, "DASHBOARD_DB": str(db)}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, proc)
        yield base
    finally:
        stop_server(proc)


def session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == "dx_session"), None)


def wait_for_cookie(context, present: bool, timeout: float = 60.0) -> dict | None:
    """Polls the browser's cookie jar until the session cookie is there (or gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = session_cookie(context)
        if bool(found and found["value"]) == present:
            return found
        time.sleep(0.1)  # polling interval of the cookie jar, not a wait for the app
    raise AssertionError(f"session cookie {'never set' if present else 'never cleared'}")


def signed_in_as(page) -> str:
    wait_ready(page)
    box = page.locator('[data-testid="stSidebar"]')
    box.get_by_text("Đã đăng nhập").or_(box.get_by_text("Chưa đăng nhập")).first.wait_for()
    return "analyst" if box.get_by_text("Đã đăng nhập: Phân tích viên").count() else "nobody"


def test_a_reload_and_a_new_tab_stay_signed_in_until_sign_out(cookie_server, browser):
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, locale="vi-VN")
    try:
        page = context.new_page()
        sign_in(page, cookie_server, ANALYST, PASSWORD)
        cookie = wait_for_cookie(context, True)
        assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert page.evaluate("document.cookie").find("dx_session") == -1   # page scripts cannot read it

        page.reload()
        assert signed_in_as(page) == "analyst"
        other = context.new_page()
        other.goto(cookie_server)
        assert signed_in_as(other) == "analyst"

        sidebar = other.locator('[data-testid="stSidebar"]')
        sidebar.get_by_role("button", name="Đăng xuất", exact=True).click()
        sidebar.get_by_text("Chưa đăng nhập").wait_for(timeout=60_000)  # the rerun after the click has drawn
        assert signed_in_as(other) == "nobody"
        wait_for_cookie(context, False)
        page.reload()
        assert signed_in_as(page) == "nobody"

        stolen = browser.new_context()
        stolen.add_cookies([{**cookie, "sameSite": "Strict"}])
        replay = stolen.new_page()
        replay.goto(cookie_server)
        assert signed_in_as(replay) == "nobody"   # the old cookie's session has ended
        stolen.close()
    finally:
        context.close()
