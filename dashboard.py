"""Entry point: `streamlit run dashboard.py`.

Page config, the sign-in gate, navigation and the shared sidebar filters; the
screens themselves live in `pages/`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ui import cached
from ui.errors import error_boundary
from ui.filters import FILTERS_KEY, language_switch, mark_shell_drawn, sidebar_filters
from ui.layout import demo_banner, missing_reports_banner
from ui.state import get_store, lang
from ui.strings import t

ROOT = Path(__file__).resolve().parent
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
for _chatty in ("kaleido", "choreographer"):  # they log every rendered image at INFO
    logging.getLogger(_chatty).setLevel(logging.WARNING)
log = logging.getLogger("dashboard")


@dataclass(frozen=True)
class PageSpec:
    id: str
    icon: str
    section: str  # string key of the navigation section
    leader: bool  # a browsing page with the shared filters


PAGES = (
    PageSpec("overview", ":material/dashboard:", "nav_dashboard", True),
    PageSpec("rankings", ":material/leaderboard:", "nav_dashboard", True),
    PageSpec("unit_profile", ":material/apartment:", "nav_dashboard", True),
    PageSpec("evaluation", ":material/grading:", "nav_dashboard", True),
    PageSpec("exports", ":material/download:", "nav_dashboard", True),
    PageSpec("upload", ":material/upload_file:", "nav_work", False),
    PageSpec("batches", ":material/inventory_2:", "nav_work", False),
    PageSpec("admin", ":material/settings:", "nav_work", False),
    PageSpec("audit", ":material/history:", "nav_work", False),
    PageSpec("sign_in", ":material/login:", "nav_work", False),
)
LEADER_PAGES = {"overview", "rankings", "unit_profile", "evaluation"}


def allowed_pages() -> set[str]:
    """Page ids this session may open: the gate decides when it exists, else the four leader pages."""
    try:
        from ui import auth_gate
    except ImportError:
        return set(LEADER_PAGES)
    auth_gate.set_store_provider(get_store)
    return set(auth_gate.visible_pages(auth_gate.current_user(lang())))


def build_navigation(allowed: set[str]) -> tuple[object, PageSpec | None]:
    """The navigation and the spec of the page chosen in this run."""
    sections: dict[str, list] = {}
    by_title: dict[str, PageSpec] = {}
    for spec in PAGES:
        path = ROOT / "pages" / f"{spec.id}.py"
        if spec.id not in allowed or not path.exists():
            continue
        page = st.Page(str(path), title=t(f"page_{spec.id}"), icon=spec.icon, url_path=spec.id,
                       default=spec.id == "overview" or (spec.id == "sign_in" and "overview" not in allowed))
        sections.setdefault(t(spec.section), []).append(page)
        by_title[page.title] = spec
    navigation = st.navigation(sections, position="sidebar")
    # The default page's url_path is "": identify the chosen page by its title.
    return navigation, by_title.get(navigation.title)


run_started = time.perf_counter()
st.set_page_config(page_title=t("app_title"), page_icon="📊", layout="wide", initial_sidebar_state="auto")

with st.sidebar:
    language_switch()

try:
    cached.refresh_data_version()
    allowed = allowed_pages()
except Exception:  # fail closed: without a working gate, show nothing
    log.exception("Could not open the store or decide page access")
    st.error(t("error_page"), icon="⚠️")
    st.stop()

navigation, spec = build_navigation(allowed)
st.session_state[FILTERS_KEY] = None
if spec is not None and spec.leader:
    with error_boundary("filters"):
        filters = sidebar_filters()
        demo_banner()
        if filters is None:
            st.info(t("no_data_at_all"), icon="📭")
        elif spec.id in LEADER_PAGES:
            missing_reports_banner(filters)

try:
    from ui.auth_gate import user_box
except ImportError:
    pass
else:
    with st.sidebar:
        user_box(lang())

mark_shell_drawn()
page_started = time.perf_counter()
with error_boundary(f"page {spec.id if spec else navigation.title}"):
    navigation.run()
log.info("page %s drawn in %.0f ms (whole run %.0f ms)", spec.id if spec else navigation.title,
         (time.perf_counter() - page_started) * 1000, (time.perf_counter() - run_started) * 1000)
