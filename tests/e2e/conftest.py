"""Fixtures for browser tests: a demo database, the real Streamlit server, headless Chromium.

Reusable by any end-to-end test: `streamlit_server` gives the base URL,
`browser` a Playwright browser, `new_page(width, height)` a fresh page, and
`wait_ready(page)` waits until the app has finished drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bench.browser import (  # noqa: F401  (re-exported for the browser tests)
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    DRAW_TIMEOUT_MS,
    START_TIMEOUT,
    free_port,
    start_server,
    stop_server,
    wait_for_health,
    wait_ready,
)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = (390, 844)
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0.0.0 Mobile Safari/537.36")
E2E_ADMIN = "e2e.admin"               # an administrator in the browser tests' database
E2E_PASSWORD = "Mật-khẩu-đủ-dài-2026"


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory) -> Path:
    """A fresh demo database the server may lock (the same demo as in the product)."""
    from data.demo import build_demo
    from store import open_store

    path = tmp_path_factory.mktemp("e2e") / "demo.duckdb"
    store = open_store(path)
    build_demo(store, today=date(2026, 11, 26))
    from auth.roles import Role
    from auth.users import create_user

    create_user(store, E2E_ADMIN, Role.ADMIN, E2E_PASSWORD, "Quản trị kiểm thử")
    store.close()
    return path


@pytest.fixture(scope="session")
def streamlit_server(e2e_db, tmp_path_factory) -> Iterator[str]:
    log_path = tmp_path_factory.mktemp("logs") / "streamlit.log"
    base, proc = start_server(e2e_db, log_path)
    yield base
    stop_server(proc)


@pytest.fixture
def new_page(browser) -> Iterator[Callable]:
    contexts = []

    def make(width: int = DESKTOP[0], height: int = DESKTOP[1], color_scheme: str = "light"):
        # A phone-sized page is a phone: its browser says so (`ui.client.is_phone`), as a real one does.
        phone = dict(user_agent=PHONE_AGENT, is_mobile=True, has_touch=True) if width <= 640 else {}
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN",
                                  color_scheme=color_scheme, **phone)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def error_texts(page) -> list[str]:
    """Texts of exceptions and error messages on the screen (should be empty)."""
    found = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [found.nth(i).inner_text() for i in range(found.count())]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


class RunCounter:
    """Counts the page runs the server finished for one page, read from the websocket itself.

    The DOM's `data-test-script-state` is not a reliable witness: when the server is busy, the
    "running" and "finished" messages can arrive together and React draws only the last, so the
    attribute never changes. Each run ends with one `script_finished` ForwardMsg, whatever the
    browser draws. Attach before the page's first navigation.
    """

    def __init__(self, page) -> None:
        self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg()
        try:
            msg.ParseFromString(bytes(payload))
        except Exception:
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished != 2:  # 2: ended early for a rerun
            self.finished += 1

    def wait_for_run_after(self, page, seen: int, timeout_ms: int = DRAW_TIMEOUT_MS) -> None:
        """Waits (bounded) until a run has finished after `seen` runs, then until the page has drawn it."""
        waited = 0
        while self.finished <= seen:
            if waited >= timeout_ms:
                raise TimeoutError(f"no page run finished within {timeout_ms} ms (finished runs: {self.finished})")
            page.wait_for_timeout(100)   # lets Playwright deliver the websocket events
            waited += 100
        wait_ready(page)


def sign_in(page, base: str, username: str = E2E_ADMIN, password: str = E2E_PASSWORD) -> None:
    """Signs in through the real form on /sign_in and waits until the app says so."""
    page.goto(f"{base}/sign_in")
    wait_ready(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Đã đăng nhập")
    wait_ready(page)
