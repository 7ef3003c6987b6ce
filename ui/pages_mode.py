"""Streamlit's old multipage mode, which a `pages/` folder beside dashboard.py switches on."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_pages_directory_mode() -> None:
    """Sends a run that skipped dashboard.py back through it.

    Because `pages/` sits beside dashboard.py, Streamlit starts each server process in
    its old multipage mode (`PagesManager.uses_pages_directory` is True until the first
    `st.navigation` call sets it False): when the first request after a start is a deep
    link such as /upload, Streamlit runs pages/upload.py on its own, without the shell's
    sign-in, filters and navigation. Every page guard calls this first: it switches the
    process to `st.navigation` mode and reruns, so dashboard.py draws the page.
    (client.showSidebarNavigation = false would hide the old mode's list of page files for
    that first instant, but in Streamlit 1.67 it hides st.navigation's menu as well.)
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
