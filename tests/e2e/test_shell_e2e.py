"""The shell in a real browser: switching language changes words only; refused and unknown paths explain themselves."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from i18n.catalogue import text
from tests.e2e.conftest import DESKTOP, error_texts, sign_in, wait_ready
from tests.e2e.test_screenshots_e2e import CHARTS_DRAWN, show_whole_page
from ui.registry import PAGES

CHART = ".js-plotly-plot"
LEADER_PAGES = [spec.id for spec in PAGES if spec.missing_banner]  # the four browsing pages with charts
NUMBERS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(g => g.data.map(
    t => ['x', 'y', 'z'].map(k => (Array.isArray(t[k]) ? t[k].flat() : [])
        .filter(v => typeof v === 'number').map(v => Math.round(v * 1e6) / 1e6))))"""


def _state(page) -> tuple[dict[str, list[str]], list]:
    """The filter codes in the URL (language aside) and every number drawn in the charts (all mounted)."""
    show_whole_page(page)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    query = {k: v for k, v in parse_qs(urlparse(page.url).query).items() if k != "lang"}
    return query, page.evaluate(NUMBERS)


def _nav(page, page_id: str):
    title = text(f"page_{page_id}", "en")
    return page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=title).first


def _switch_language(page, label: str, selector: str | None = CHART) -> None:
    """Clicks the language switch and waits for the rerun it causes (the URL says the language)."""
    english = label == "English"
    page.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).click()
    page.wait_for_function("(en) => window.location.search.includes('lang=en') === en", arg=english)
    wait_ready(page, selector)


@pytest.mark.parametrize("page_id", LEADER_PAGES)
def test_switching_language_changes_words_only(streamlit_server, new_page, page_id):
    page = new_page(*DESKTOP)
    path = "" if page_id == "overview" else page_id
    page.goto(f"{streamlit_server}/{path}?period=2026-09&group=ward&field=dat-dai")
    wait_ready(page, CHART)
    before = _state(page)
    assert before[0]["field"] == ["dat-dai"] and before[0]["group"] == ["ward"]

    _switch_language(page, "English")
    assert _state(page) == before
    # The reported bug showed on the next click: every page said "No data" and the URL took a label.
    other = "rankings" if page_id != "rankings" else "overview"
    _nav(page, other).click()
    wait_ready(page, CHART)
    _nav(page, page_id).click()
    wait_ready(page, CHART)
    assert _state(page) == before
    assert page.get_by_text("No data", exact=False).count() == 0

    _switch_language(page, "Tiếng Việt")
    assert _state(page) == before
    assert error_texts(page) == []


def test_a_visitor_asking_for_a_work_page_gets_a_vietnamese_reason_and_the_sign_in_form(streamlit_server, new_page):
    page = new_page(*DESKTOP)
    page.goto(f"{streamlit_server}/upload")
    wait_ready(page)
    page.wait_for_selector("text=Vui lòng đăng nhập")
    assert page.locator("h1", has_text="Đăng nhập").count() == 1
    assert page.get_by_text("Page not found", exact=False).count() == 0
    menu = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Tổng quan" in menu and "Tải dữ liệu lên" not in menu and "Quản trị" not in menu


def test_an_unknown_path_gets_a_sentence_not_page_not_found(streamlit_server, new_page):
    """On a server that has served a page (the first request after a start is
    tests/e2e/test_first_request_e2e.py's: Streamlit's own first run answers it in English too)."""
    warm = new_page(*DESKTOP)
    warm.goto(streamlit_server)
    wait_ready(warm)
    page = new_page(*DESKTOP)
    page.goto(f"{streamlit_server}/khong-co-trang-nay")
    wait_ready(page)
    page.wait_for_selector("text=Không có trang")
    assert page.get_by_text("Page not found", exact=False).count() == 0
    assert page.get_by_text("You have requested page", exact=False).count() == 0
    assert error_texts(page) == []


WORK_PAGES = [spec.id for spec in PAGES if spec.least_role is not None and not spec.shared_filters]


def test_work_pages_switch_language_without_losing_choices(streamlit_server, new_page):
    """Signed in as an administrator: each work page in English and back, no error, same URL."""
    page = new_page(*DESKTOP)
    sign_in(page, streamlit_server)
    for page_id in WORK_PAGES:
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=text(f"page_{page_id}", "vi")).first.click()
        wait_ready(page)
        page.wait_for_selector(f"h1:has-text('{text(f'{page_id}_title', 'vi')}')")
        path = urlparse(page.url).path
        _switch_language(page, "English", None)
        page.wait_for_selector(f"h1:has-text('{text(f'{page_id}_title', 'en')}')")
        assert urlparse(page.url).path == path
        assert error_texts(page) == []
        _switch_language(page, "Tiếng Việt", None)
        page.wait_for_selector(f"h1:has-text('{text(f'{page_id}_title', 'vi')}')")
        assert error_texts(page) == []


def test_the_copy_link_box_holds_the_full_address_with_the_filters(streamlit_server, new_page):
    """st.context.url lacks the query: the box adds the parameters, so the link opens the same view."""
    page = new_page(*DESKTOP)
    page.goto(f"{streamlit_server}/evaluation?period=2026-09&group=department")
    wait_ready(page, CHART)
    page.locator('[data-testid="stSidebar"] [data-testid="stPopover"] button').first.click()   # "Chia sẻ đường dẫn"
    box = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').first
    link = box.inner_text().strip()
    assert link.startswith(f"{streamlit_server}/evaluation?"), link
    query = parse_qs(urlparse(link).query)
    assert query["period"] == ["2026-09"] and query["group"] == ["department"]
    # The link opens that view in a fresh page.
    other = new_page(*DESKTOP)
    other.goto(link)
    wait_ready(other, CHART)
    assert "tháng 09/2026" in other.locator("h1").first.inner_text()
