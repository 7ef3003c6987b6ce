"""Hostile names in real Chromium (issue 13 §5): a unit or field name shaped like a Markdown
image or link makes no request to another host and no link on the page.

The database holds the names as if written before the name rule (or by a reference
file): the entry refusal is tested in tests/security/test_names.py, here only what a
visitor's browser does with names already stored.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import error_texts, start_server, stop_server, wait_ready
from tests.security.test_names import EVIL, hostile_db

CHART = ".js-plotly-plot"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    hostile_db(folder / "h.duckdb")
    base, proc = start_server(folder / "h.duckdb", folder / "streamlit.log")
    yield base
    stop_server(proc)


@pytest.mark.parametrize("path", ["rankings?period=2026-10&group=ward&field=ho-tich",
                                  "unit_profile?period=2026-10&group=ward&unit=phuong-a"])
def test_hostile_names_fetch_nothing_and_link_nowhere(hostile_server, new_page, path):
    page = new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{hostile_server}/{path}")
    wait_ready(page, CHART)
    assert error_texts(page) == []
    own = urlparse(hostile_server).netloc
    foreign = [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != own]
    assert foreign == [], foreign
    assert page.locator(f'a[href*="{EVIL}"], img[src*="{EVIL}"]').count() == 0
    assert page.locator(f"{CHART} a").count() == 0  # plotly's SVG links use xlink:href: none at all in a chart
    assert EVIL in page.inner_text("body")  # the names are on the page, as text
