"""Full-page screenshots of every leader page at laptop and phone size, for people to look at.

Saved to test-artifacts/screens/<page>_<width>.png (and one dark-mode shot). Each page must
draw without a Streamlit exception or traceback text; every chart must have finished drawing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, ROOT, error_texts, wait_ready
from ui.registry import PAGES, Section

SCREENS = ROOT / "test-artifacts" / "screens"
LEADER_PAGES = [spec.id for spec in PAGES if spec.section == Section.DASHBOARD]
# Every chart element holds a drawn plot (Streamlit first shows a grey skeleton while plotly loads).
CHARTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(c => c.querySelector('.js-plotly-plot svg.main-svg .plot'))"""


# Streamlit scrolls its main area inside the window, so a "full page" shot is only the window:
# the window is made as tall as the tallest scrolling area for the shot, then put back.
CONTENT_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll('*')].filter(e => e.scrollHeight > e.clientHeight + 1
        && /(auto|scroll)/.test(getComputedStyle(e).overflowY)).map(e => e.scrollHeight))"""
MAX_SHOT_HEIGHT = 12_000

# After a resize plotly redraws each chart to its container's width.
CHARTS_FIT = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => {
    const p = c.querySelector('.js-plotly-plot');
    if (!p) return false;
    const svg = p.querySelector('svg.main-svg');
    return svg && Math.abs(svg.getBoundingClientRect().width - p.getBoundingClientRect().width) < 3; })"""


def shoot(page, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    size = page.viewport_size
    height = min(int(page.evaluate(CONTENT_HEIGHT)), MAX_SHOT_HEIGHT)
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)  # charts below the old window mount now
        page.wait_for_function(CHARTS_FIT, timeout=60_000)
    page.screenshot(path=str(path), full_page=True, timeout=120_000)  # a tall page on a busy machine
    page.set_viewport_size(size)
    return path


def open_and_check(page, base: str, page_id: str) -> None:
    page.goto(f"{base}/{'' if page_id == 'overview' else page_id}")
    wait_ready(page)
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    assert error_texts(page) == []
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error:" not in body
    # A chart's text alternative is for screen readers: in the page, out of sight.
    hidden = page.locator('div[class*="-sralt"]')
    for i in range(hidden.count()):
        box = hidden.nth(i).bounding_box()
        assert box is None or (box["width"] <= 1 and box["height"] <= 1)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1366", "390"])
@pytest.mark.parametrize("page_id", LEADER_PAGES)
def test_screenshot_of_every_leader_page(streamlit_server, new_page, page_id, size):
    page = new_page(*size)
    open_and_check(page, streamlit_server, page_id)
    path = shoot(page, f"{page_id}_{size[0]}")
    assert path.stat().st_size > 10_000  # a drawn page, not a blank one


def test_the_app_and_its_charts_follow_a_dark_browser(streamlit_server, browser):
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, locale="vi-VN",
                                  color_scheme="dark")
    try:
        page = context.new_page()
        open_and_check(page, streamlit_server, "rankings")
        page.reload()  # st.context.theme is known from the second run of a session
        open_and_check(page, streamlit_server, "rankings")
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
        channels = [int(c) for c in background[background.index("(") + 1:-1].split(",")[:3]]
        assert sum(channels) < 150, f"page background {background} is not dark"
        shoot(page, "rankings_1366_dark")
    finally:
        context.close()
