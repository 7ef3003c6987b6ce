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


def open_tab(page, label: str, selector: str) -> None:
    """Clicks one of Xếp hạng's tabs and waits for its content: a tab is built only when opened."""
    page.get_by_role("tab", name=label).click()
    wait_ready(page, selector, timeout_ms=SLOW)


def test_a_click_on_a_table_row_opens_its_unit(streamlit_server, new_page):
    page = new_page(*DESKTOP)
    page.goto(streamlit_server + START + "&show=bottom")
    wait_ready(page, ".st-key-rk_wide .js-plotly-plot", timeout_ms=SLOW)
    worst = first_listed(page)  # worst first: the table's first row is the list's first row
    assert page.locator(".st-key-rk_table").count() == 0     # not built before its tab is opened
    open_tab(page, "Bảng xếp hạng", ".st-key-rk_table [data-testid='stDataFrame']")
    assert "view=table" in page.url                          # a copied link opens the same tab
    table = page.locator(".st-key-rk_table")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # its row-selection box (header and rows ~35 px)
    params = opened_unit(page)
    assert params["period"] == "2026-09" and params["group"] == "ward" and "show" not in params
    assert page.get_by_text(worst, exact=False).count() > 0


def test_a_click_on_a_heatmap_cell_opens_its_unit(streamlit_server, new_page):
    page = new_page(*DESKTOP)
    page.goto(streamlit_server + START)
    wait_ready(page, ".st-key-rk_wide .js-plotly-plot", timeout_ms=SLOW)
    open_tab(page, "Diễn biến 12 tháng", ".st-key-rk_heat_wide .js-plotly-plot")
    assert page.locator(".st-key-rk_wide").count() == 0      # the chart's tab is no longer built
    cells = page.locator(".st-key-rk_heat_wide .heatmaplayer image")   # the cells, drawn as one image
    cells.scroll_into_view_if_needed()
    box = cells.bounding_box()
    top = page.evaluate("() => Array.from(document.querySelectorAll('.st-key-rk_heat_wide .ytick text'))"
                        ".map(t => [t.getBoundingClientRect().top, t.textContent]).sort((a, b) => a[0] - b[0])[0][1]")
    page.mouse.click(box["x"] + 15, box["y"] + 10)     # the drag layer lies over them: click the top row's first cell
    params = opened_unit(page)
    assert params["period"] == "2026-09" and params["group"] == "ward" and params.get("unit")
    assert page.get_by_text(top.strip(), exact=False).count() > 0   # the row's unit, by name
