"""The role matrix by URL in real Chromium (issue 13 §5): anonymous (viewing closed and open),
viewer, analyst and admin × every page of the registry.

A page opens iff `ui.registry.may_open` says so; otherwise the visitor reads the refusal
sentence (sign in, or the role the page needs) and nothing of the page. On every screen the
sidebar lists no page the visitor may not open. The table itself is the registry's rule,
written out in tests/security/test_role_matrix.py (AppTest); this checks the real browser.

Anonymous visitors type each URL (a fresh load, a new Streamlit session). A typed URL also
reloads the tab, and under plain `streamlit run` a reload signs a local account out (the
session cookie needs the Starlette routes), so signed-in visitors sign in once and then
change the tab's URL in place (history.pushState + popstate, as the back button does):
Streamlit resolves the path to the page, the router decides.
"""

from __future__ import annotations

import shutil
from datetime import date
from urllib.parse import urlparse

import pytest

from auth.roles import Role
from i18n.catalogue import text
from tests.e2e.conftest import (
    DRAW_TIMEOUT_MS,
    E2E_PASSWORD,
    RunCounter,
    error_texts,
    sign_in,
    start_server,
    stop_server,
    wait_ready,
)
from ui.registry import HOME, PAGES, may_open

NEED_SIGN_IN = text("auth_need_sign_in", "vi")
FORBIDDEN = "không có quyền"          # auth_forbidden, whatever the role names
ACCOUNTS = {Role.VIEWER: "e2e.viewer", Role.ANALYST: "e2e.analyst", Role.ADMIN: "e2e.boss"}
NAV_LINKS = """() => Array.from(document.querySelectorAll('[data-testid="stSidebarNav"] a'))
    .map(a => [new URL(a.href, location.href).pathname, a.textContent])"""
DRAWN = """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state')
    === 'notRunning' && (document.querySelector('[data-testid="stMain"]')?.innerText || '').trim().length > 0"""


@pytest.fixture(scope="module")
def matrix_db(tmp_path_factory):
    from auth.users import create_user
    from data.demo import build_demo
    from store import open_store

    path = tmp_path_factory.mktemp("matrix") / "db.duckdb"
    store = open_store(path)
    build_demo(store, today=date(2026, 11, 26), months=3)
    for role, name in ACCOUNTS.items():
        create_user(store, name, role, E2E_PASSWORD, name)
    store.close()
    return path


@pytest.fixture(scope="module")
def servers(matrix_db, tmp_path_factory):
    """One server with open viewing off, one with it on (the setting is read at start), each on its own copy."""
    started = {}
    mp = pytest.MonkeyPatch()
    try:
        for open_viewing in (False, True):
            mp.setenv("DASHBOARD_OPEN_VIEWING", "true" if open_viewing else "false")
            folder = tmp_path_factory.mktemp("matrix-server")
            shutil.copyfile(matrix_db, folder / "db.duckdb")  # one process per DuckDB file
            started[open_viewing] = start_server(folder / "db.duckdb", folder / "streamlit.log")
        yield {ov: base for ov, (base, _) in started.items()}
    finally:
        mp.undo()
        for _, proc in started.values():
            stop_server(proc)


def _check_screen(page, spec, role: Role | None, open_viewing: bool, label: str) -> None:
    """The page opened iff may_open; refused → the sentence and nothing of the page; the menu hides what is shut."""
    allowed = may_open(spec, role, open_viewing)
    body = page.inner_text('[data-testid="stMain"]')
    where = f"{label} → /{spec.id}"
    assert error_texts(page) == [], where
    assert page.locator('[role="dialog"]').count() == 0, (where, "Streamlit's 'Page not found'")
    refused = NEED_SIGN_IN in body or FORBIDDEN in body
    assert refused is not allowed, (where, body[:300])
    if refused:
        assert (NEED_SIGN_IN if role is None else FORBIDDEN) in body, where
        assert page.locator('[data-testid="stMain"] .js-plotly-plot, [data-testid="stFileUploader"]').count() == 0
    shut = {s.id: text(s.title_key, "vi") for s in PAGES if not may_open(s, role, open_viewing)}
    for path, name in page.evaluate(NAV_LINKS):
        assert path.rstrip("/").rsplit("/", 1)[-1] not in shut, (where, path)
        assert not any(name.endswith(title) for title in shut.values()), (where, name)


@pytest.mark.parametrize("open_viewing", [False, True], ids=["viewing-closed", "viewing-open"])
def test_anonymous_typing_each_url(servers, browser, open_viewing):
    base = servers[open_viewing]
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        for spec in PAGES:
            page.goto(f"{base}/{spec.id}")
            wait_ready(page)
            page.wait_for_function(DRAWN, timeout=DRAW_TIMEOUT_MS)
            _check_screen(page, spec, None, open_viewing, f"anonymous, open viewing {open_viewing}")
    finally:
        context.close()


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=[r.value for r in ACCOUNTS])
def test_signed_in_changing_the_url_to_each_page(servers, browser, role):
    base = servers[False]  # viewing closed: what a signed-in visitor sees is their own role's
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        runs = RunCounter(page)
        sign_in(page, base, ACCOUNTS[role])
        for spec in PAGES:
            seen = runs.finished
            page.evaluate("(p) => { history.pushState({}, '', p); dispatchEvent(new PopStateEvent('popstate')); }",
                          f"/{spec.id}")
            runs.wait_for_run_after(page, seen)
            path = urlparse(page.url).path
            assert path == f"/{spec.id}" or (spec.id == HOME and path == "/"), (role, spec.id, path)
            assert page.get_by_text("Đã đăng nhập").count() >= 1 or spec.id == "sign_in"  # still signed in
            _check_screen(page, spec, role, False, role.value)
    finally:
        context.close()
