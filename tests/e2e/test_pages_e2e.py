"""The real server in headless Chromium: every leader page, desktop and phone, no error on screen."""

from __future__ import annotations

import pytest

from i18n.catalogue import text
from tests.e2e.conftest import DESKTOP, PHONE, error_texts, screenshot, wait_ready
from ui.registry import PAGES as REGISTRY

PAGES = {spec.id: text(f"{spec.id}_title") for spec in REGISTRY if spec.missing_banner}  # id → Vietnamese h1
CHART = ".js-plotly-plot"


def test_a_deep_link_opens_inside_the_app_frame(streamlit_server, new_page):
    """The very first request may be a shared link to a page, with its filters."""
    page = new_page(*DESKTOP)
    page.goto(f"{streamlit_server}/rankings?period=2026-09&group=ward&ind=online_rate")
    wait_ready(page, CHART)
    assert error_texts(page) == []
    page.wait_for_selector("h1:has-text('Xếp hạng đơn vị')")
    title = page.locator(f"{CHART} .gtitle").first.text_content()
    assert "Tỷ lệ hồ sơ trực tuyến" in title and "Phường" in title and "tháng 09/2026" in title
    assert page.get_by_text("Dữ liệu minh họa", exact=False).count() + page.get_by_text(
        "dữ liệu minh họa", exact=False).count() > 0
    screenshot(page, "rankings_deep_link_ward_2026-09")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("page_id", list(PAGES))
def test_every_page_without_errors(streamlit_server, new_page, page_id, size):
    page = new_page(*size)
    path = "" if page_id == "overview" else page_id
    page.goto(f"{streamlit_server}/{path}")
    # A phone's Xếp hạng opens on the ranking as a list of rows (HTML); every other page draws a chart.
    wait_ready(page, ".st-key-rk_phone .rk-row" if (page_id, size) == ("rankings", PHONE) else CHART)
    page.wait_for_selector(f"h1:has-text('{PAGES[page_id]}')")
    assert error_texts(page) == []
    # Nothing wider than the screen (no sideways scrolling, no overlap off-screen).
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the screen"
    # On a phone the title (page and period) leaves room for the first figure: at most 28 px a line.
    title_px = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert title_px <= 28 if size == PHONE else title_px > 28, title_px
    screenshot(page, f"{page_id}_{size[0]}px")


def test_sidebar_navigation_and_filters_in_the_url(streamlit_server, new_page):
    page = new_page(*DESKTOP)
    page.goto(f"{streamlit_server}/?group=department")
    wait_ready(page, CHART)
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Xếp hạng").click()
    page.wait_for_url("**/rankings**")
    wait_ready(page, CHART)
    assert "group=department" in page.url
    assert "Sở, ban, ngành" in page.locator(f"{CHART} .gtitle").first.text_content()
    assert error_texts(page) == []


def test_english_switch(streamlit_server, new_page):
    page = new_page(*DESKTOP)
    page.goto(f"{streamlit_server}/evaluation?lang=en")
    wait_ready(page, CHART)
    page.wait_for_selector("h1:has-text('Unit evaluation')")
    assert error_texts(page) == []
    screenshot(page, "evaluation_en_1366px")
