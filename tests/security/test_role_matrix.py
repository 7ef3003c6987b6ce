"""The role matrix (issue 13): who may open which page, written out as a table.

Each visitor goes through the real dashboard.py (AppTest, one app per visitor) and asks
for every page of the registry by navigation, as a click or a typed URL would; the
router must run exactly the pages the table allows and refuse the others with a
warning and the sign-in form, drawing nothing of the page. The write actions
(`ingest.commit`, `ingest.rollback`, `auth.admin.*`, `auth.users.*`) trust their
caller, so what protects them is the work page stopping before its first widget:
each work page file is also run on its own for every visitor the table refuses.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Widget

from auth.roles import Role
from auth.sessions import start_session
from auth.users import create_user
from store import open_store
from tests.auth.auth_helpers import PASSWORD
from tests.ui.conftest import APP, TIMEOUT, make_small_db
from ui.registry import PAGES, Section, may_open, page

OPEN, SHUT = True, False

# Who is asking: (label, account in the test database or None, its role, open viewing).
VISITORS = (
    ("anonymous, open viewing", None, None, True),
    ("anonymous, viewing closed", None, None, False),
    ("viewer", "lan.le", Role.VIEWER, True),
    ("analyst", "an.tran", Role.ANALYST, True),
    ("admin", "boss", Role.ADMIN, True),
)

# The matrix itself. A new page fails test_the_table_covers_every_page until it has a row here.
MATRIX: dict[str, tuple[bool, bool, bool, bool, bool]] = {
    #                anonymous  anonymous   viewer  analyst  admin
    #                (open)     (closed)
    "overview":     (OPEN,      SHUT,       OPEN,   OPEN,    OPEN),
    "rankings":     (OPEN,      SHUT,       OPEN,   OPEN,    OPEN),
    "unit_profile": (OPEN,      SHUT,       OPEN,   OPEN,    OPEN),
    "compare":      (OPEN,      SHUT,       OPEN,   OPEN,    OPEN),
    "evaluation":   (OPEN,      SHUT,       OPEN,   OPEN,    OPEN),
    "exports":      (OPEN,      SHUT,       OPEN,   OPEN,    OPEN),
    "upload":       (SHUT,      SHUT,       SHUT,   OPEN,    OPEN),
    "batches":      (SHUT,      SHUT,       SHUT,   OPEN,    OPEN),
    "admin":        (SHUT,      SHUT,       SHUT,   SHUT,    OPEN),
    "audit":        (SHUT,      SHUT,       SHUT,   SHUT,    OPEN),
    "sign_in":      (OPEN,      OPEN,       OPEN,   OPEN,    OPEN),
}

# Each page's own title, as the reader sees it (Vietnamese, the default language).
TITLES = {
    "overview": "Tổng quan", "rankings": "Xếp hạng đơn vị", "unit_profile": "Chi tiết đơn vị",
    "compare": "So sánh đơn vị",
    "evaluation": "Đánh giá, xếp loại đơn vị", "exports": "Báo cáo giao ban", "upload": "Nạp dữ liệu",
    "batches": "Lô dữ liệu đã nạp", "admin": "Quản trị", "audit": "Nhật ký hệ thống", "sign_in": "Đăng nhập",
}
SIGN_IN_TITLE = TITLES["sign_in"]
NEED_SIGN_IN = "Vui lòng đăng nhập"   # the refusal for a signed-out visitor
FORBIDDEN = "không có quyền"          # the refusal for a signed-in visitor whose role is too low

WORK_PAGES = [spec.id for spec in PAGES if spec.section is Section.WORK and spec.least_role is not None]
VISITOR_IDS = [label for label, *_ in VISITORS]


@pytest.fixture(scope="module")
def matrix_db(tmp_path_factory) -> Path:
    """The small database with one account per role, built once for the module (nothing here writes)."""
    path = make_small_db(tmp_path_factory.mktemp("matrix") / "small.duckdb")
    store = open_store(path)
    for _, username, role, _ in VISITORS:
        if username is not None:
            create_user(store, username, role, PASSWORD, username.title())
    store.close()
    return path


@pytest.fixture
def database(matrix_db, monkeypatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DB", str(matrix_db))
    for name in ("DASHBOARD_OPEN_VIEWING", "DASHBOARD_SSO_UNKNOWN_USERS"):
        monkeypatch.delenv(name, raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield matrix_db
    st.cache_resource.clear()
    st.cache_data.clear()


def visitor(label: str) -> tuple[str | None, Role | None, bool]:
    _, username, role, open_viewing = next(v for v in VISITORS if v[0] == label)
    return username, role, open_viewing


def as_visitor(at: AppTest, label: str, monkeypatch) -> AppTest:
    username, role, open_viewing = visitor(label)
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "true" if open_viewing else "false")
    if username is not None:
        at.session_state["auth_session"] = start_session(username, username, role)
    return at


def walk(node) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def inputs(at: AppTest) -> list[str]:
    """Every widget and form on the screen (main area and sidebar), by type."""
    return [n.type for area in (at.main, at.sidebar) for n in walk(area)
            if isinstance(n, Widget) or (isinstance(n, Block) and n.type == "form")]


def refusals(at: AppTest) -> list[str]:
    return [w.value for w in at.warning] + [e.value for e in at.error]


def outcome(at: AppTest, page_id: str) -> bool:
    """OPEN when the page ran, SHUT when the router refused it; fails if it is neither cleanly."""
    assert not at.exception, (page_id, [e.value for e in at.exception])
    titles = [t.value for t in at.title]
    refused = [w for w in refusals(at) if NEED_SIGN_IN in w or FORBIDDEN in w]
    if not refused:
        # browsing pages add " · <period>" to their title
        assert titles[:1] and titles[0].split(" · ")[0] == TITLES[page_id], (page_id, titles)
        return OPEN
    # Refused: the warning, then at most the sign-in form; nothing of the page itself.
    assert set(titles) <= {SIGN_IN_TITLE}, (page_id, titles)
    assert not at.dataframe and not at.get("plotly_chart") and not at.tabs, page_id
    assert not at.get("download_button") and not at.get("file_uploader"), page_id
    return SHUT


def test_the_table_covers_every_page():
    assert list(MATRIX) == [spec.id for spec in PAGES]
    assert set(TITLES) == set(MATRIX)


@pytest.mark.parametrize("label", VISITOR_IDS)
def test_each_visitor_opens_exactly_the_pages_of_the_table(database, monkeypatch, label):
    column = VISITOR_IDS.index(label)
    at = as_visitor(AppTest.from_file(APP, default_timeout=TIMEOUT), label, monkeypatch).run()
    seen: dict[str, bool] = {}
    for spec in PAGES:
        at.switch_page(f"pages/{spec.id}.py").run()
        seen[spec.id] = outcome(at, spec.id)
        if seen[spec.id] is SHUT:
            username, _, _ = visitor(label)
            wanted = NEED_SIGN_IN if username is None else FORBIDDEN
            assert any(wanted in w for w in refusals(at)), (spec.id, refusals(at))
            if username is None:  # a signed-out visitor is offered the sign-in form in its place
                assert at.text_input(key="sign_in_username")
    assert seen == {page_id: row[column] for page_id, row in MATRIX.items()}


@pytest.mark.parametrize("label", VISITOR_IDS)
def test_may_open_agrees_with_the_table(label):
    column = VISITOR_IDS.index(label)
    _, role, open_viewing = visitor(label)
    assert {spec.id: may_open(spec, role, open_viewing) for spec in PAGES} == {
        page_id: row[column] for page_id, row in MATRIX.items()}


def test_work_pages_are_the_ones_that_write():
    assert WORK_PAGES == ["upload", "batches", "admin", "audit"]


@pytest.mark.parametrize(("page_id", "label"), [
    (page_id, label) for page_id in WORK_PAGES for label in VISITOR_IDS
    if MATRIX[page_id][VISITOR_IDS.index(label)] is SHUT])
def test_a_work_page_run_on_its_own_stops_before_any_widget(database, monkeypatch, page_id, label):
    """The page's own require_role holds even without the router: no button, uploader or form is drawn."""
    at = as_visitor(AppTest.from_file(str(page(page_id).path), default_timeout=TIMEOUT), label, monkeypatch)
    at.run()
    assert not at.exception
    assert inputs(at) == [], inputs(at)
    assert not at.title and not at.dataframe
    username, _, _ = visitor(label)
    assert any((NEED_SIGN_IN if username is None else FORBIDDEN) in w for w in refusals(at))


@pytest.mark.parametrize("page_id", WORK_PAGES)
def test_a_session_claiming_a_higher_role_gets_the_role_in_the_database(database, page_id):
    """The role is re-read from the accounts on every run: a forged or stale session role earns nothing."""
    at = AppTest.from_file(str(page(page_id).path), default_timeout=TIMEOUT)
    at.session_state["auth_session"] = start_session("lan.le", "lan.le", Role.ADMIN)
    at.run()
    assert not at.exception and inputs(at) == [] and not at.title
    assert any(FORBIDDEN in w for w in refusals(at))


@pytest.mark.parametrize("page_id", WORK_PAGES)
def test_the_least_role_does_get_the_page_widgets(database, monkeypatch, page_id):
    """The control for the test above: the same run with the least role the table allows draws inputs."""
    label = next(lb for lb in VISITOR_IDS if MATRIX[page_id][VISITOR_IDS.index(lb)] is OPEN)
    at = as_visitor(AppTest.from_file(str(page(page_id).path), default_timeout=TIMEOUT), label, monkeypatch)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == [TITLES[page_id]]
    assert inputs(at)
