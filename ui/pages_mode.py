"""Streamlit's old multipage mode, which a `pages/` folder beside dashboard.py switches on."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

ASKED_PATH = "_asked_path_before_rerun"   # the URL path a first request named, kept across our rerun


def leave_pages_directory_mode() -> None:
    """Sends a run that skipped dashboard.py back through it.

    Because `pages/` sits beside dashboard.py, Streamlit starts each server process in
    its old multipage mode (`PagesManager.uses_pages_directory` is True until the first
    `st.navigation` call sets it False): when the first request after a start is a deep
    link such as /upload, Streamlit runs pages/upload.py on its own, without the shell's
    sign-in, filters and navigation. Every page guard calls this first: it switches the
    process to `st.navigation` mode and reruns, so dashboard.py draws the page.
    The old mode's first run also sends the list of every page file to the sidebar before any
    of our code runs: `.streamlit/config.toml` therefore sets client.showSidebarNavigation =
    false (that run's menu is hidden), and `show_navigation_menu` turns it back on before our
    own `st.navigation`.

    The rerun asks for the main script, so the path the browser named would be lost: a path that
    names no page file (/khong-co-trang-nay) is kept in session state for `ui.shell.requested_path`,
    and the visitor gets "Không có trang …" instead of the home page without a word.
    """
    if PagesManager.uses_pages_directory:
        ctx = get_script_run_ctx()
        manager = ctx.pages_manager if ctx is not None else None
        name = getattr(manager, "intended_page_name", None)
        if name and not getattr(manager, "intended_page_script_hash", None):
            st.session_state[ASKED_PATH] = name
        PagesManager.uses_pages_directory = False
        st.rerun()


def show_navigation_menu() -> None:
    """Called before the shell's `st.navigation`: leave the old mode, then let the menu show.

    `client.showSidebarNavigation = false` in `.streamlit/config.toml` keeps the old mode's
    first run (a deep link as the first request after a start) from listing every page
    file to an anonymous visitor; in Streamlit 1.67 the same option hides the menu that
    `st.navigation` draws too, so the shell turns it on again (a `client` option, settable
    from a script with `st.set_option`; process-wide). The old mode is switched off first,
    so no later run can draw the file list with the option on.
    """
    PagesManager.uses_pages_directory = False
    if st.get_option("client.showSidebarNavigation") is False:
        st.set_option("client.showSidebarNavigation", True)
