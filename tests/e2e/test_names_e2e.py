"""Hostile names in real Chromium (issue 13 §5), on every browsing page: a unit or field name
shaped like a Markdown image or link, an HTML tag, a <script> or a spreadsheet formula makes
no request anywhere and no link, image or script on the page, and shows as the text it is.

The names point at a small HTTP server on 127.0.0.1 that counts what it is asked for: a
browser that fetched a Markdown image, followed a prefetch or ran a script would show up
there, whatever Playwright sees. The database holds the names as if written before the
name rule (or by a reference file): the entry refusal is tested in
tests/security/test_names.py, here only what a visitor's browser does with stored names.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import urlparse

import pytest

from store import open_store
from tests.e2e.conftest import error_texts, start_server, stop_server, wait_ready
from tests.e2e.test_screenshots_e2e import CHARTS_DRAWN
from tests.factories import add_batch, add_documents, add_dossiers, add_unit, resolved
from tests.security.test_names import EVIL, hostile_db
from ui.registry import PAGES

CHART = ".js-plotly-plot"
INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u200c\u200d\ufeff"))  # what ui.text.plain may slip in
QUERY = "period=2026-10&group=ward&field=ho-tich"
TEXTS_DRAWN = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(p => p.getClientRects().length > 0)
    .every(p => Array.from(p.querySelectorAll('svg text')).some(t => t.textContent.trim()))"""
BROWSING = [spec.id for spec in PAGES if spec.shared_filters]  # overview, rankings, unit_profile, evaluation, exports…


class _Counter(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def trap():
    """A local HTTP server that counts every request; returns (address, list of paths asked for)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", _Counter.hits
    server.shutdown()
    server.server_close()


def local_names(trap_address: str) -> dict[str, str]:
    """Unit code → a hostile name aimed at the trap."""
    url = f"http://{trap_address}"
    return {
        "phuong-g": f"![x]({url}/img)",
        "phuong-h": f"[Bấm vào đây]({url}/leak)",
        "phuong-i": f"<script>fetch('{url}/script')</script>",
        "phuong-j": f'=HYPERLINK("{url}/formula","Phường Hải Châu")',
        "phuong-k": f'<img src="{url}/tag" onerror="fetch(\'{url}/onerror\')">',
    }


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, trap):
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "h.duckdb"
    hostile_db(db)  # names aimed at evil.example, field "=Hộ tịch <img …>"
    store = open_store(db)
    batch = add_batch(store, "hostile.csv")
    for i, (code, name) in enumerate(local_names(trap[0]).items()):
        add_unit(store, code, "ward", name)
        add_dossiers(store, batch, code, "2026-10", field="ho-tich", received_total=80, received_direct=80,
                     **resolved(80, 79 - 3 * i))
        add_documents(store, batch, code, "2026-10", total=50, signed=40 + i)
    store.close()
    base, proc = start_server(db, folder / "streamlit.log")
    yield base
    stop_server(proc)


def _path(page_id: str, unit: str = "phuong-g") -> str:
    path = "" if page_id == "overview" else page_id
    return f"{path}?{QUERY}" + (f"&unit={unit}" if page_id == "unit_profile" else "")


def assert_inert(page, base: str, trapped, requests: list[str]) -> None:
    """Nothing fetched from another host, linked, loaded or run, and no error box, on the page as drawn.

    `trapped` is the `trap` fixture's (address, paths asked for); `requests` every URL the page asked for."""
    address, hits = trapped
    page.wait_for_timeout(1000)  # lazy images and late scripts would have asked by now
    assert error_texts(page) == []
    own = urlparse(base).netloc
    foreign = [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != own]
    assert foreign == [], foreign
    assert hits == [], hits                                   # the trap server was never asked
    for target in (address, EVIL):
        assert page.locator(f'[href*="{target}"], [src*="{target}"], [srcset*="{target}"]').count() == 0, target
    assert page.evaluate("() => Array.from(document.querySelectorAll('script'))"
                         f".filter(s => s.textContent.includes('{address}')).length") == 0
    assert page.evaluate("() => window.__pwned === undefined")


def _check(page, base: str, trap, path: str) -> str:
    """Loads `path`, checks that nothing was fetched or linked, returns the page's visible text."""
    hits = trap[1]
    hits.clear()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/{path}")
    wait_ready(page)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)  # names are read from the drawn charts too
    # Xếp hạng: its style and phone list are st.html elements whose code loads on first use; read the
    # page once the style has hidden the phone list and the desktop chart is drawn.
    page.wait_for_function("""() => { const p = document.querySelector('.st-key-rk_phone');
        if (!p) return true;
        const chart = document.querySelector('.st-key-rk_wide .js-plotly-plot svg.main-svg');
        return getComputedStyle(p).display === 'none' && chart !== null; }""", timeout=60_000)
    # A chart redrawn by a late run is an empty box for a moment: read once every shown chart has its
    # texts again (a CI run read two charts in that moment and found no name at all).
    page.wait_for_function(TEXTS_DRAWN, timeout=60_000)
    assert_inert(page, base, trap, requests)
    assert page.locator(f"{CHART} a").count() == 0          # plotly's SVG links use xlink:href: none in a chart
    page.wait_for_function(TEXTS_DRAWN, timeout=60_000)     # again: a late run may have redrawn a chart meanwhile
    if "rankings" in path:  # its names are the dot chart's ticks: read them once they are drawn and shown
        # (every wait above holds at once while no chart is shown: a CI run read the page with none)
        page.wait_for_function("""() => Array.from(document.querySelectorAll('.st-key-rk_wide .ytick text'))
            .filter(t => t.getClientRects().length > 0 && t.textContent.trim()).length >= 5""", timeout=60_000)
    # The page's visible words plus the words drawn in its shown charts (SVG text is not in
    # innerText); a form hidden by CSS for this screen width (the phone list) does not count.
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".filter(p => p.getClientRects().length > 0)"
        ".flatMap(p => Array.from(p.querySelectorAll('svg text')).map(t => t.textContent)).join('\\n')")
    return (page.inner_text("body") + "\n" + drawn).translate(INVISIBLE)


@pytest.mark.parametrize("page_id", BROWSING)
def test_hostile_names_fetch_nothing_and_link_nowhere(hostile_server, trap, new_page, page_id):
    shown = _check(new_page(), hostile_server, trap, _path(page_id))
    names = local_names(trap[0])
    if page_id == "rankings":  # every unit is in the chart: every name, as text (tables draw on a canvas)
        for name in names.values():
            assert name in shown, name
    elif page_id == "unit_profile":
        assert names["phuong-g"] in shown


@pytest.mark.parametrize("unit", ["phuong-a", "phuong-k"])
def test_each_hostile_unit_profile_fetches_nothing(hostile_server, trap, new_page, unit):
    shown = _check(new_page(), hostile_server, trap, _path("unit_profile", unit))
    expected = {**local_names(trap[0])}.get(unit)
    assert (expected or EVIL) in shown
