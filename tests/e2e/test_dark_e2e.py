"""The page follows the browser's dark preference, and so do the charts (issue 12, point 10).

Streamlit learns the page's theme from the browser; on a session's very first run it may not know
it yet, so the first chart may come light (on its own white background) and the next run dark.
"""

from __future__ import annotations

from charts.theme import DARK, LIGHT, contrast_ratio
from tests.e2e.conftest import DESKTOP, error_texts, wait_ready
from tests.e2e.test_screenshots_e2e import shoot

CHART = ".js-plotly-plot"
# The paper colour and the title colour of every shown chart, as plotly drew them.
COLOURS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(p => p.getClientRects().length > 0)
    .map(p => [p._fullLayout.paper_bgcolor, p._fullLayout.title.font.color])"""


def _hex(colour: str) -> str:
    if colour.startswith("#"):
        return colour.upper()
    r, g, b = (int(float(x)) for x in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])
    return f"#{r:02X}{g:02X}{b:02X}"


def _rankings_after_a_second_run(new_page, base: str, scheme: str):
    """Xếp hạng in a browser preferring `scheme`, after a second run (the theme is known by then)."""
    page = new_page(*DESKTOP, color_scheme=scheme)
    page.goto(f"{base}/rankings?group=ward")
    wait_ready(page, CHART)
    page.get_by_text("Kém nhất trước", exact=True).first.click()  # any widget change reruns the page
    wait_ready(page, CHART)
    return page


def test_a_dark_browser_gets_dark_charts_with_readable_text(streamlit_server, new_page):
    page = _rankings_after_a_second_run(new_page, streamlit_server, "dark")
    page.wait_for_function(f"""() => {{ const c = ({COLOURS})(); return c.length > 0 &&
        c.every(([bg]) => bg.toUpperCase() === '{DARK.background}' || bg.includes('14, 17, 23')); }}""",
                           timeout=60_000)
    assert error_texts(page) == []
    for bg, ink in page.evaluate(COLOURS):
        assert _hex(bg) == DARK.background
        assert contrast_ratio(_hex(ink), DARK.background) >= 7
    shoot(page, "rankings_1366_dark")


def test_a_light_browser_keeps_the_light_charts(streamlit_server, new_page):
    page = _rankings_after_a_second_run(new_page, streamlit_server, "light")
    assert {_hex(bg) for bg, _ in page.evaluate(COLOURS)} == {LIGHT.background.upper()}
