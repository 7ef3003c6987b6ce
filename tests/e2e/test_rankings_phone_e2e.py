"""Rankings on a 390 × 844 phone: the ranking is a list of rows, the heatmap small lines; nothing clipped."""

from __future__ import annotations

from tests.e2e.conftest import PHONE, error_texts, screenshot, wait_ready

LIST = ".st-key-rk_phone .rk-row"
SLOW = 180_000  # a cold rankings page on a loaded 2-core machine took 20-40 s


def test_phone_shows_the_row_list_and_sparklines_not_the_wide_forms(streamlit_server, new_page):
    page = new_page(*PHONE)
    page.goto(f"{streamlit_server}/rankings?period=2026-10&group=ward&n=10")
    wait_ready(page, LIST, timeout_ms=SLOW)
    assert error_texts(page) == []
    rows = page.locator(LIST)
    assert rows.count() >= 10
    # A phone is sent only its forms (its browser says "Mobile"): the wide ones never reach it, so
    # they cannot flash before the style loads, and it draws and downloads no figure it hides.
    assert page.locator(".st-key-rk_wide, .st-key-rk_heat_wide").count() == 0
    assert page.locator(".js-plotly-plot").count() == 0   # the list is HTML; the months tab is not open
    first = rows.first.inner_text()
    assert first.startswith("1.") and "%" in first
    # No value label clipped: each value, change and badge fits inside its row and the screen.
    clipped = page.evaluate("""() => {
        const out = [];
        for (const el of document.querySelectorAll('.st-key-rk_phone .rk-value, .st-key-rk_phone .rk-change,'
                                                   + ' .st-key-rk_phone .rk-badge span, .st-key-rk_phone .rk-rank')) {
            const r = el.getBoundingClientRect(), row = el.closest('.rk-row').getBoundingClientRect();
            if (el.scrollWidth > el.clientWidth + 1 || r.right > window.innerWidth || r.left < 0
                || r.right > row.right + 1 || r.left < row.left - 1) out.push(el.textContent);
        }
        return out;
    }""")
    assert clipped == []
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    screenshot(page, "rankings_phone_list_390px")
    page.get_by_role("tab", name="Diễn biến 12 tháng").click()
    page.locator(".st-key-rk_heat_phone .js-plotly-plot").first.wait_for(state="visible", timeout=SLOW)
    assert page.locator(".st-key-rk_heat_wide").count() == 0 and page.locator(".js-plotly-plot").count() == 1
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1                                  # the tab bar fits a phone too


def test_desktop_shows_the_dot_chart_not_the_list(streamlit_server, new_page):
    page = new_page(1366, 768)
    page.goto(f"{streamlit_server}/rankings?period=2026-10&group=ward&n=10")
    wait_ready(page, ".st-key-rk_wide .js-plotly-plot", timeout_ms=SLOW)
    assert not page.locator(".st-key-rk_phone").is_visible()
    assert not page.locator(".st-key-rk_heat_phone").is_visible()
    screenshot(page, "rankings_desktop_1366px")
    page.get_by_role("tab", name="Diễn biến 12 tháng").click()
    page.locator(".st-key-rk_heat_wide .js-plotly-plot").wait_for(state="visible", timeout=SLOW)
    assert not page.locator(".st-key-rk_heat_phone").is_visible()
