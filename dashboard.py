"""Entry point: `streamlit run dashboard.py`.

Page config, the sign-in gate, navigation and the shared sidebar filters; the
screens live in `pages/` and are declared once in `ui/registry.py`. Every run:
resolve who is signed in (once), build the navigation from the registry, refuse a
page this visitor may not open (with the sign-in form), draw the shared filters
for browsing pages, then run the page inside an error boundary. Nothing here falls
back to open access: if the sign-in stack cannot load or answer, no page opens.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

import config
from auth.roles import Role
from i18n.catalogue import error_text
from ui import cached, slots, warm
from ui.access import USER_KEY, auth_settings, current_user
from ui.errors import error_boundary
from ui.filters import FILTERS_KEY, language_switch, sidebar_filters
from ui.layout import SHELL_CSS, demo_banner, missing_reports_banner
from ui.shell import build_navigation, show
from ui.state import lang
from ui.streamlit_words import streamlit_words
from ui.strings import t
from ui.user_box import user_box
from vocab.errors import UserFacingError

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
for _chatty in ("kaleido", "choreographer"):  # they log every rendered image at INFO
    logging.getLogger(_chatty).setLevel(logging.WARNING)
log = logging.getLogger("dashboard")


def main() -> None:
    run_started = time.perf_counter()
    warm.visitor_seen()  # the background pass of ui/warm.py waits while visitors' runs come
    st.set_page_config(page_title=t("app_title"), page_icon="📊", layout="wide", initial_sidebar_state="auto")

    with st.sidebar:
        language_switch()
    streamlit_words(lang())  # Streamlit's own input hint in the reader's language
    st.html(SHELL_CSS)  # constant: smaller page titles on a phone

    try:
        config.check_environment()  # a bad setting stops every page, saying which variable and why
        cached.refresh_data_version()
        warm.start()  # once per process: the figures a meeting reads first, computed in the background
        user = current_user()
        open_viewing = auth_settings().open_viewing
    except UserFacingError as exc:
        log.error("Refusing to serve pages: %s", exc)
        st.error(error_text(exc, lang()), icon="⚠️")
        st.stop()
    except Exception:  # fail closed: without a working gate, show nothing
        log.exception("Could not open the store or decide page access")
        st.error(t("error_page"), icon="⚠️")
        st.stop()

    route = build_navigation(user.role if user else None, open_viewing)
    st.session_state[FILTERS_KEY] = None
    if route.allowed and route.spec is not None and route.spec.shared_filters:
        with error_boundary("filters"):
            filters = sidebar_filters()
            demo_banner()
            if filters is None:
                st.info(t("no_data_at_all"), icon="📭")
            elif route.spec.missing_banner:
                missing_reports_banner(filters)

    with st.sidebar:
        user_box()

    page_started = time.perf_counter()
    name = route.spec.id if route.spec else f"unknown path {route.unknown_path!r}"
    with error_boundary(f"page {name}"):
        show(route, user)
    warm.visitor_seen()
    log.info("page %s drawn in %.0f ms (whole run %.0f ms)", name,
             (time.perf_counter() - page_started) * 1000, (time.perf_counter() - run_started) * 1000)


def _staff() -> bool:
    """This session's user, as its last run resolved them, may upload or administer: their runs do not queue."""
    user = st.session_state.get(USER_KEY)
    return user is not None and user.role.at_least(Role.ANALYST)


warm.visitor_seen()  # a visitor waiting for a place holds the background pass back as well
with slots.run_slot(queue=not _staff()):  # a few runs compute at a time; the rest wait their turn (ui/slots.py)
    main()
