"""The router: the navigation built from `ui.registry`, and what a refused or unknown path shows.

Every page of the registry is in the navigation so that its URL always resolves;
the pages this visitor may not open are hidden from the menu, and when one is
asked for by URL the router shows why (sign in, or the role it needs) with the
sign-in form instead of running it. A path that names no page gets a sentence in
the reader's language and the same choices, never Streamlit's English
"Page not found". `requested_path` and `ui.pages_mode.leave_pages_directory_mode` lean on
Streamlit internals; they are small, documented, and pinned by tests/ui/test_shell.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from auth.roles import Role
from auth.users import User
from ui.access import refusal
from ui.pages_mode import ASKED_PATH, show_navigation_menu
from ui.registry import HOME, PAGES, PageSpec, default_id, may_open
from ui.sign_in import sign_in_page
from ui.strings import t

PageSource = Callable[[PageSpec], Path]


def page_file(spec: PageSpec) -> Path:
    """Where a page's script lives (tests swap in stand-ins)."""
    return spec.path


def requested_path() -> str | None:
    """The URL path segment the browser asked for ("upload"), or None for the home page.

    Read from the session's `PagesManager` (internal: `intended_page_name`), set from the
    browser's request before the script runs; None when the request names a page by
    its hash (a click in the menu) or names none. A first request after a start goes through
    one rerun (`ui.pages_mode.leave_pages_directory_mode`), which keeps its path in session state.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    asked = st.session_state.pop(ASKED_PATH, None)  # a first request's path, across the old mode's rerun
    manager = ctx.pages_manager
    name = getattr(manager, "intended_page_name", None)
    if asked and not name:
        manager.set_script_intent("", asked)  # st.navigation then resolves the path, not the main script
        return asked
    if getattr(manager, "intended_page_script_hash", None):
        return None
    return name or None


@dataclass(frozen=True)
class Route:
    """What this run shows: a registry page (allowed or not), or an unknown path."""

    navigation: object                 # the StreamlitPage returned by st.navigation
    spec: PageSpec | None               # None for an unknown path
    allowed: bool
    pages: dict[str, object]            # page id → its StreamlitPage (for links)
    unknown_path: str | None = None


def build_navigation(role: Role | None, open_viewing: bool, source: PageSource = page_file) -> Route:
    """Registers every page (hidden when not allowed) and returns the page this run shows."""
    home = default_id(role, open_viewing)
    sections: dict[str, list] = {}
    by_page: dict[int, PageSpec] = {}  # st.navigation returns one of the page objects given to it
    pages: dict[str, object] = {}
    for spec in PAGES:
        allowed = may_open(spec, role, open_viewing)
        page = st.Page(str(source(spec)), title=t(spec.title_key), icon=spec.icon, url_path=spec.id,
                       default=spec.id == home, visibility="visible" if allowed else "hidden")
        sections.setdefault(t(f"nav_{spec.section.value}"), []).append(page)
        by_page[id(page)] = spec
        pages[spec.id] = page
    unknown = requested_path()
    if unknown == home:
        _ask_for_home_by_its_address()
    if unknown is not None and unknown in {spec.id for spec in PAGES}:
        unknown = None
    if unknown is not None:
        try:  # a hidden page at the unknown path: Streamlit resolves it instead of saying "Page not found"
            stray = st.Page(_not_found_page, title=t("page_not_found", path=unknown), url_path=unknown,
                            visibility="hidden")
        except Exception:  # a path Streamlit cannot serve as a page name: let it fall back to home
            unknown = None
        else:
            sections.setdefault(t("nav_work"), []).append(stray)
    show_navigation_menu()  # the old multipage mode's menu is hidden by config; ours is not
    navigation = st.navigation(sections, position="sidebar")
    spec = by_page.get(id(navigation))
    if spec is None and unknown is not None:
        return Route(navigation, None, True, pages, unknown)
    return Route(navigation, spec, spec is not None and may_open(spec, role, open_viewing), pages)


def _ask_for_home_by_its_address() -> None:
    """/sign_in (or /overview) typed while it is the default page: Streamlit serves the default
    page at "/" only and would answer its own English "Page not found" before showing it anyway;
    asking for the default page by no name shows the same page without that dialog."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.pages_manager.set_script_intent("", "")


def _not_found_page() -> None:
    """Registered for an unknown path (st.navigation needs a callable); `show` draws the screen."""


def show(route: Route, user: User | None) -> None:
    """Runs the page of `route`, or explains why not and offers the sign-in form."""
    if route.unknown_path is not None:
        st.warning(t("page_not_found", path=route.unknown_path), icon="🧭")
    elif not route.allowed:
        st.warning(refusal(route.spec.least_role, user), icon="🔒")
    else:
        route.navigation.run()
        return
    if user is None:
        sign_in_page()
    else:
        st.page_link(route.pages[HOME])
