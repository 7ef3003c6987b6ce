"""The router fails closed, and the Streamlit behaviour the shell relies on still holds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
AUTH_STACK = ["ui.access", "ui.session", "ui.shell", "ui.sign_in", "ui.user_box", "ui.filters", "ui.layout"]


def _shown(at: AppTest) -> list[str]:
    return [t.value for t in at.title] + [m.value for m in at.markdown] + [str(c) for c in at.get("plotly_chart")]


def test_a_broken_sign_in_stack_opens_no_page(small_db, monkeypatch):
    """An import failure anywhere in the sign-in stack is an error, never open access."""
    for name in AUTH_STACK:
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "auth.users", None)  # "import auth.users" now raises ImportError
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert at.exception  # the run stopped; the server shows its generic error, no details
    assert not at.title and not at.get("plotly_chart") and not at.dataframe
    page = AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=TIMEOUT).run()
    assert page.exception and not page.title and not page.get("plotly_chart")


def test_a_gate_that_cannot_answer_opens_no_page(small_db, monkeypatch):
    import ui.access

    def broken():
        raise OSError("the settings table cannot be read")

    monkeypatch.setattr(ui.access, "auth_settings", broken)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [e.value for e in at.error] and "Đã xảy ra lỗi" in at.error[0].value
    assert not at.title and not at.get("plotly_chart") and not at.dataframe


def test_pin_a_pages_folder_starts_streamlit_in_its_old_multipage_mode():
    """ui.pages_mode relies on this: PagesManager turns the old mode on when pages/ sits beside the script."""
    saved = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        PagesManager(str(ROOT / "dashboard.py"), setup_watcher=False)
        assert PagesManager.uses_pages_directory is True
    finally:
        PagesManager.uses_pages_directory = saved


def test_pin_st_navigation_leaves_the_old_mode(small_db):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert PagesManager.uses_pages_directory is False


def test_pin_the_old_modes_menu_is_hidden_by_config_and_the_shell_shows_its_own(small_db):
    """ui.pages_mode relies on this: client.showSidebarNavigation = false (config.toml) hides the old
    mode's list of page files, and hides st.navigation's sidebar menu as well, so the shell turns
    the option back on before drawing its own. tests/e2e/test_first_request_e2e.py checks the result."""
    import inspect

    import streamlit.config as st_config
    from streamlit.commands.navigation import _navigation
    from streamlit.runtime.scriptrunner.script_runner import _mpa_v1

    assert "\nshowSidebarNavigation = false\n" in (ROOT / ".streamlit" / "config.toml").read_text()
    for reader in (_mpa_v1, _navigation):  # both menus obey the same option
        assert 'get_option("client.showSidebarNavigation") is False' in inspect.getsource(reader)
    saved = st_config.get_option("client.showSidebarNavigation")
    try:
        st_config.set_option("client.showSidebarNavigation", False)
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
        assert not at.exception and at.title
        assert st_config.get_option("client.showSidebarNavigation") is True
        assert PagesManager.uses_pages_directory is False
    finally:
        st_config.set_option("client.showSidebarNavigation", saved)


RUN_PROBE = """
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
st.session_state.setdefault("cursors", []).append(get_script_run_ctx().cursors)
"""


def test_pin_every_run_gets_a_new_cursor_map():
    """ui.access resolves the user once per run by the identity of `ctx.cursors`."""
    at = AppTest.from_string(RUN_PROBE).run()
    at.run()
    first, second = at.session_state["cursors"]
    assert first is not second


def test_the_user_is_resolved_once_per_run(small_db, monkeypatch):
    import ui.session

    calls = []
    real = ui.session.resolve
    monkeypatch.setattr(ui.session, "resolve", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception and at.title
    assert len(calls) == 1
    at.run()
    assert len(calls) == 2


@pytest.mark.parametrize("page", ["upload", "batches", "admin", "audit"])
def test_a_work_page_asked_for_by_a_visitor_shows_why_and_the_sign_in_form(small_db, page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert "Vui lòng đăng nhập" in at.warning[0].value
    assert [t.value for t in at.title] == ["Đăng nhập"]  # the sign-in form, not the page
    assert at.text_input(key="sign_in_username")


def test_an_invalid_setting_stops_every_page_with_its_reason(small_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "viewr")  # a typo must not fall back to letting users in
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "DASHBOARD_SSO_UNKNOWN_USERS" in at.error[0].value
    assert not at.title and not at.get("plotly_chart") and not at.dataframe
    at.query_params["lang"] = "en"
    at.session_state["lang"] = "en"
    at.run()
    assert "is not valid" in at.error[0].value


@pytest.mark.parametrize("period", ["0001-01", "9999-12", "2026-13", "abc"])
def test_a_nonsense_period_in_a_link_opens_the_latest_period(small_db, period):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["period"] = period
    at.run()
    assert not at.exception and not at.error
    assert at.title and "10/2026" in at.caption[0].value
