"""The first request after a start is a deep link (issue 13 §7): the sidebar never lists a page
the visitor may not open, not even for an instant.

Because `pages/` sits beside dashboard.py, Streamlit starts each process in its old multipage
mode, whose first run sends the list of every page file to the sidebar before any of our
code runs. Each case starts its own server (the state under test is the fresh process) and
reads the sidebar's DOM every few milliseconds from the first byte until the page is drawn
and a while after.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from i18n.catalogue import text
from tests.e2e.conftest import start_server, stop_server, wait_ready
from ui.registry import PAGES, may_open

WATCH_AFTER_READY_S = 2.0
SIDEBAR_LINKS = """() => {
  const bar = document.querySelector('[data-testid="stSidebar"]');
  const nav = Array.from(document.querySelectorAll('[data-testid="stSidebarNav"]')).map(n => n.textContent);
  const links = bar ? Array.from(bar.querySelectorAll('a[href]')).map(a => a.getAttribute('href') + ' ' + a.textContent) : [];
  return nav.concat(links);
}"""


def _forbidden(open_viewing: bool) -> dict[str, set[str]]:
    """Page id → every name the sidebar could show for it (old mode's file name, titles in both languages)."""
    return {spec.id: {spec.id, spec.id.replace("_", " "), text(spec.title_key, "vi"), text(spec.title_key, "en")}
            for spec in PAGES if not may_open(spec, None, open_viewing)}


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    from data.demo import build_demo
    from store import open_store

    path = tmp_path_factory.mktemp("first") / "db.duckdb"
    store = open_store(path)
    build_demo(store, today=date(2026, 11, 26), months=3)
    store.close()
    return path


def _watch_first_load(browser, base: str, path: str) -> list[str]:
    """Every distinct sidebar text seen from the first byte of `path` until 2 s after it is drawn."""
    context = browser.new_context(locale="vi-VN")
    seen: set[str] = set()
    try:
        page = context.new_page()
        page.goto(f"{base}/{path}", wait_until="commit")
        ready_at = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            seen.update(page.evaluate(SIDEBAR_LINKS))
            if ready_at is None and page.evaluate(
                    "() => document.querySelector('[data-testid=\"stApp\"]')"
                    "?.getAttribute('data-test-script-state') === 'notRunning'"
                    " && !!document.querySelector('h1')"):
                ready_at = time.monotonic()
            if ready_at is not None and time.monotonic() - ready_at > WATCH_AFTER_READY_S:
                break
            page.wait_for_timeout(15)  # polling interval of the DOM watch
        assert ready_at is not None, "the page was never drawn"
        wait_ready(page)
    finally:
        context.close()
    return sorted(seen)


@pytest.mark.parametrize(("open_viewing", "path"), [
    (False, "rankings?period=2026-10"),   # the reported case: a shared link to a browsing page, viewing closed
    (True, "upload"),                     # a work page asked for first while anyone may browse
])
def test_a_fresh_server_never_lists_a_forbidden_page(browser, small_db, tmp_path, monkeypatch, open_viewing, path):
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "true" if open_viewing else "false")
    base, proc = start_server(small_db, tmp_path / "streamlit.log")
    try:
        seen = _watch_first_load(browser, base, path)
    finally:
        stop_server(proc)
    shown = " | ".join(seen)
    leaks = {page_id: sorted(name for name in names if name in shown)
             for page_id, names in _forbidden(open_viewing).items()}
    leaks = {page_id: names for page_id, names in leaks.items() if names}
    hrefs = [s for s in seen if any(f"/{page_id}" in s.split(" ")[0] for page_id in _forbidden(open_viewing))]
    assert leaks == {} and hrefs == [], (leaks, hrefs, seen)
    if open_viewing:  # the shell's own menu is not hidden with the old mode's list
        assert text("page_overview", "vi") in shown and text("page_rankings", "vi") in shown


def test_a_wrong_address_as_the_first_request_after_a_start_says_so(browser, small_db, tmp_path):
    """The old multipage mode's rerun used to lose the path: a fresh server showed the home page as if
    the address were right. The path is kept across that rerun (ui.pages_mode), so the visitor reads
    the Vietnamese sentence. Streamlit's own first run still sends its "Page not found" message before
    any of our code runs; a later request never gets it (tests/e2e/test_shell_e2e.py)."""
    base, proc = start_server(small_db, tmp_path / "streamlit.log")
    try:
        page = browser.new_page()
        page.goto(f"{base}/khong-co-trang-nay")
        wait_ready(page)
        page.wait_for_selector("text=Không có trang “khong-co-trang-nay”", timeout=60_000)
        assert page.url.rstrip("/").endswith("/khong-co-trang-nay")
        page.close()
    finally:
        stop_server(proc)
