"""A click on a ranking dot, a ranking table row or a heatmap cell opens that unit's page, same filters."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.e2e.conftest import DESKTOP, error_texts, wait_ready

START = "/rankings?period=2026-09&group=ward&n=5"
SLOW = 180_000  # a cold page on a loaded 2-core machine took 20-40 s


def opened_unit(page) -> dict[str, str]:
    page.wait_for_url("**/unit_profile?**", timeout=SLOW)
    wait_ready(page, timeout_ms=SLOW)
    page.wait_for_selector("h1:has-text('Chi tiết đơn vị')", timeout=SLOW)
    assert error_texts(page) == []
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def first_listed(page) -> str:
    """The first unit of the ranking as listed (the phone list is in the page, hidden on a desktop)."""
    return page.evaluate("() => document.querySelector('.st-key-rk_phone .rk-unit').textContent").strip()


def test_a_click_on_a_dot_opens_its_unit(streamlit_server, new_page):
    page = new_page(*DESKTOP)
    page.goto(streamlit_server + START)
    wait_ready(page, ".st-key-rk_wide .js-plotly-plot", timeout_ms=SLOW)
    name = first_listed(page)
    dot = page.locator(".st-key-rk_wide .scatterlayer .trace .points path").first  # rank 1's dot
    dot.scroll_into_view_if_needed()
    box = dot.bounding_box()  # plotly's drag layer lies over the points: click where the dot is drawn
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    params = opened_unit(page)
    assert params["period"] == "2026-09" and params["group"] == "ward" and params["ind"] == "on_time_rate"
    assert page.get_by_text(name, exact=False).count() > 0


def test_a_click_on_a_table_row_opens_its_unit(streamlit_server, new_page):
    page = new_page(*DESKTOP)
    page.goto(streamlit_server + START + "&show=bottom")
    wait_ready(page, ".st-key-rk_table [data-testid='stDataFrame']", timeout_ms=SLOW)
    table = page.locator(".st-key-rk_table")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    worst = first_listed(page)  # worst first: the table's first row is the list's first row
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # its row-selection box (header and rows ~35 px)
    params = opened_unit(page)
    assert params["period"] == "2026-09" and params["group"] == "ward" and "show" not in params
    assert page.get_by_text(worst, exact=False).count() > 0
