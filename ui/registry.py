"""The page registry: every screen declared once.

Navigation, the router's role check, page titles, the page tests and the page
benchmark all read `PAGES`. Adding a screen is one file in `pages/`, one line
here and its title key (`page_<id>`) in the word catalogue (`i18n/words/`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from auth.roles import Role

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"


class Section(StrEnum):
    """Navigation sections; the label is the catalogue key `nav_<value>`."""

    DASHBOARD = "dashboard"
    WORK = "work"


@dataclass(frozen=True)
class PageSpec:
    """One screen: `pages/<id>.py`, its title `page_<id>` and who may open it.

    `least_role` is the least role that may open the page; None means anyone, even
    signed out (the sign-in page). Browsing pages ask for `Role.VIEWER`, which an
    anonymous visitor holds when open viewing is on.
    """

    id: str
    icon: str
    section: Section
    least_role: Role | None
    shared_filters: bool = False  # draws the sidebar's period/group/field filters
    missing_banner: bool = False  # says above the page which units have not reported the period

    @property
    def title_key(self) -> str:
        return f"page_{self.id}"

    @property
    def path(self) -> Path:
        return PAGES_DIR / f"{self.id}.py"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", ":material/dashboard:", Section.DASHBOARD, Role.VIEWER, shared_filters=True, missing_banner=True),
    PageSpec("rankings", ":material/leaderboard:", Section.DASHBOARD, Role.VIEWER, shared_filters=True, missing_banner=True),
    PageSpec("unit_profile", ":material/apartment:", Section.DASHBOARD, Role.VIEWER, shared_filters=True, missing_banner=True),
    PageSpec("compare", ":material/compare_arrows:", Section.DASHBOARD, Role.VIEWER, shared_filters=True),
    PageSpec("evaluation", ":material/grading:", Section.DASHBOARD, Role.VIEWER, shared_filters=True, missing_banner=True),
    PageSpec("exports", ":material/download:", Section.DASHBOARD, Role.VIEWER, shared_filters=True),
    PageSpec("upload", ":material/upload_file:", Section.WORK, Role.ANALYST),
    PageSpec("batches", ":material/inventory_2:", Section.WORK, Role.ANALYST),
    PageSpec("admin", ":material/settings:", Section.WORK, Role.ADMIN),
    PageSpec("audit", ":material/history:", Section.WORK, Role.ADMIN),
    PageSpec("sign_in", ":material/login:", Section.WORK, None),
)
HOME = "overview"      # the default page for whoever may browse
SIGN_IN = "sign_in"    # the default page otherwise, and where refused visitors land

_BY_ID = {spec.id: spec for spec in PAGES}


def page(page_id: str) -> PageSpec:
    return _BY_ID[page_id]


def effective_role(role: Role | None, open_viewing: bool) -> Role | None:
    """The role a visitor browses with: their own, or viewer when signed out and viewing is open."""
    if role is not None:
        return role
    return Role.VIEWER if open_viewing else None


def may_open(spec: PageSpec, role: Role | None, open_viewing: bool) -> bool:
    """True when a visitor with `role` (None = signed out) may open `spec`. Fails closed."""
    if spec.least_role is None:
        return True
    browsing_as = effective_role(role, open_viewing)
    return browsing_as is not None and browsing_as.at_least(spec.least_role)


def allowed_ids(role: Role | None, open_viewing: bool) -> frozenset[str]:
    return frozenset(spec.id for spec in PAGES if may_open(spec, role, open_viewing))


def default_id(role: Role | None, open_viewing: bool) -> str:
    return HOME if may_open(_BY_ID[HOME], role, open_viewing) else SIGN_IN
