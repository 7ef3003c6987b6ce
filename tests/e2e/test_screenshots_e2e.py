"""Whole-page screenshots of every leader page at laptop and phone width, for people to look at.

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
# Charts below the window stay skeletons until scrolled to; those mounted must be drawn. A chart
# hidden by CSS (the desktop form on a phone, or the other way round) is never drawn by plotly.
CHARTS_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(p => p.getClientRects().length > 0)
        .every(p => p.querySelector('svg.main-svg'))"""  # every figure kind has one (a table has no .plot)
# Streamlit draws grey skeletons while an element's code loads (a fresh browser loads each widget kind
# on first use): a shot is taken once none is left in the window (below it they wait to be scrolled to).
NO_SKELETON_IN_VIEW = """() => [...document.querySelectorAll('[data-testid="stSkeleton"]')]
        .every(s => { const r = s.getBoundingClientRect(); return r.height === 0 || r.top >= innerHeight; })"""


# Streamlit scrolls its main area inside the window, so a "full page" shot of the window is only its
# first screen. The whole page: the window made as tall as the content (capped), then every chart
# mounted and drawn and no skeleton left before the shot.
CONTENT_HEIGHT = """() => Math.max(...[...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]')]
        .map(e => e.scrollHeight), innerHeight)"""
MAX_SHOT_HEIGHT = 16_000


def show_whole_page(page) -> None:
    """Makes the window as tall as the content (capped), so every chart is mounted and drawn.

    Streamlit mounts a chart when it comes into view: what a test reads of "every chart" depends
    on the window otherwise (a language-switch test once compared 3 charts with 5)."""
    width = page.viewport_size["width"]
    for _ in range(3):  # the content grows as charts mount at their real height
        height = min(int(page.evaluate(CONTENT_HEIGHT)), MAX_SHOT_HEIGHT)
        if height <= page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        page.wait_for_function(NO_SKELETON_IN_VIEW, timeout=60_000)


def shoot(page, name: str) -> Path:
    """The whole page at the window's width: what a leader sees scrolling down, in one image."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    show_whole_page(page)
    page.screenshot(path=str(path), full_page=True, timeout=120_000)
    return path


def open_and_check(page, base: str, page_id: str) -> None:
    page.goto(f"{base}/{'' if page_id == 'overview' else page_id}")
    wait_ready(page)
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    page.wait_for_function(NO_SKELETON_IN_VIEW, timeout=60_000)
    assert error_texts(page) == []
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error:" not in body
    # A chart's text alternative is for screen readers: in the page, out of sight.
    hidden = page.locator('div[class*="-sralt"]')
    for i in range(hidden.count()):
        box = hidden.nth(i).bounding_box()
        assert box is None or box["height"] <= 1  # clipped to nothing: no line of text shows


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1366", "390"])
@pytest.mark.parametrize("page_id", LEADER_PAGES)
def test_screenshot_of_every_leader_page(streamlit_server, new_page, page_id, size):
    page = new_page(*size)
    open_and_check(page, streamlit_server, page_id)
    path = shoot(page, f"{page_id}_{size[0]}")
    assert path.stat().st_size > 10_000  # a drawn page, not a blank one
