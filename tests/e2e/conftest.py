"""Fixtures for browser tests: a demo database, the real Streamlit server, headless Chromium.

Reusable by any end-to-end test: `streamlit_server` gives the base URL,
`browser` a Playwright browser, `new_page(width, height)` a fresh page, and
`wait_ready(page)` waits until the app has finished drawing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (the browser fixture lives there)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = (1366, 768)
PHONE = (390, 844)
START_TIMEOUT = 60.0
DRAW_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(base_url: str, proc: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    """Polls /_stcore/health until it answers "ok" (the condition, not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)  # polling interval of the health check, not a wait for the app
    raise TimeoutError(f"{base_url} did not become healthy in {timeout} s")


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory) -> Path:
    """A fresh demo database the server may lock (the same demo as in the product)."""
    from data.demo import build_demo
    from store import open_store

    path = tmp_path_factory.mktemp("e2e") / "demo.duckdb"
    store = open_store(path)
    build_demo(store, today=date(2026, 11, 26))
    store.close()
    return path


def start_server(db_path: Path, log_path: Path) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db_path)}
    log = open(log_path, "w")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, proc)
    except Exception:
        proc.terminate()
        raise
    return base, proc


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def streamlit_server(e2e_db, tmp_path_factory) -> Iterator[str]:
    log_path = tmp_path_factory.mktemp("logs") / "streamlit.log"
    base, proc = start_server(e2e_db, log_path)
    yield base
    stop_server(proc)


@pytest.fixture
def new_page(browser) -> Iterator[Callable]:
    contexts = []

    def make(width: int = DESKTOP[0], height: int = DESKTOP[1]):
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def wait_ready(page, selector: str | None = None, timeout_ms: int = DRAW_TIMEOUT_MS) -> None:
    """Waits until the script has finished its run (and `selector`, if given, is visible)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
        " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }",
        timeout=timeout_ms,
    )
    if selector:
        page.wait_for_selector(selector, state="visible", timeout=timeout_ms)


def error_texts(page) -> list[str]:
    """Texts of exceptions and error messages on the screen (should be empty)."""
    found = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [found.nth(i).inner_text() for i in range(found.count())]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
