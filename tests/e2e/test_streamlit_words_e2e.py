"""Streamlit's own hint under a text box reads Vietnamese in Vietnamese (issue 12, point 10)."""

from __future__ import annotations

from tests.e2e.conftest import DESKTOP, wait_ready

HINT = """() => { const el = document.querySelector('[data-testid="InputInstructions"]');
    if (!el) return null;
    return {before: getComputedStyle(el, '::before').content, shown: el.innerText}; }"""


def _typed_hint(page, base: str, lang: str):
    page.goto(f"{base}/unit_profile?lang={lang}")
    wait_ready(page)
    box = page.locator(".st-key-up_search input")
    box.click()
    box.press_sequentially("hai")
    page.wait_for_selector('[data-testid="InputInstructions"]', timeout=30_000)
    return page.evaluate(HINT)


def test_the_enter_hint_is_vietnamese(streamlit_server, new_page):
    hint = _typed_hint(new_page(*DESKTOP), streamlit_server, "vi")
    assert hint["before"] == '"Nhấn Enter để áp dụng"'
    assert "Press Enter" not in hint["shown"]       # Streamlit's English span is hidden


def test_english_keeps_streamlits_own_hint(streamlit_server, new_page):
    hint = _typed_hint(new_page(*DESKTOP), streamlit_server, "en")
    assert hint["before"] in ("none", "normal")
    assert "Press Enter to apply" in hint["shown"]
