"""Hostile names in real Chromium on the signed-in work pages (issue 13 §5): Tải dữ liệu lên,
Lô dữ liệu, Quản trị and Nhật ký, opened by URL by an administrator.

tests/e2e/test_names_e2e.py checks the browsing pages for an anonymous visitor; this is the
same check where an administrator works: unit and field names (as there), an administrator's
display name, a batch's file name and uploader, and audit rows whose actor, action, target,
before/after and detail carry names shaped like a Markdown image or link, an HTML tag, a
<script> or a spreadsheet formula. Nothing on these pages may fetch anything, link anywhere
or run anything; where a page shows a name as text (not inside st.dataframe's canvas), it
shows it exactly as stored.

The names point at the counting HTTP server of test_names_e2e (`trap`): a browser that
fetched an image or ran a script would show up there, whatever Playwright sees. Pages are
opened by their URL, so the server is `sessions_app.py` (the dashboard with its session
cookie): a fresh page load stays signed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from auth import audit
from auth.roles import Role
from auth.users import create_user
from i18n.catalogue import text
from store import open_store
from tests.e2e import test_names_e2e as browsing
from tests.e2e.conftest import (
    DESKTOP,
    E2E_ADMIN,
    E2E_PASSWORD,
    sign_in,
    start_server,
    stop_server,
    wait_ready,
)
from tests.e2e.test_names_e2e import INVISIBLE, assert_inert, local_names
from tests.e2e.test_session_reload_e2e import wait_for_cookie
from tests.factories import add_batch, add_documents, add_dossiers, add_unit, resolved
from tests.security.test_names import IMAGE, LINK, PICTURE, hostile_db
from ui.registry import PAGES, Section

# The browsing pages' counting HTTP server, a module-scoped fixture: one of its own for this module.
trap = browsing.trap

WORK = [spec.id for spec in PAGES if spec.section is Section.WORK and spec.least_role is not None]
DRAWN = "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"  # lazy widgets have come
FIELD = f"=Hộ tịch {PICTURE}"  # hostile_db's one field
TIMEOUT_MS = 60_000
# Visible words in inputs: a select shows its chosen option as an <input>'s value, not as text.
VALUES = """() => Array.from(document.querySelectorAll('input'))
    .filter(i => i.getClientRects().length > 0 && i.type !== 'password' && i.type !== 'file')
    .map(i => i.value).join('\\n')"""


def work_names(address: str) -> dict[str, str]:
    """What an administrator's pages carry besides unit and field names, each aimed at its own path of the trap."""
    url = f"http://{address}"
    return {
        "display": f"[Bấm vào đây]({url}/display)",                       # the administrator's display name
        "file": f"![x]({url}/file).csv",                                  # a batch's file name
        "uploader": f'=HYPERLINK("{url}/uploader","Phường Hải Châu")',    # who uploaded it
        "actor": f"![x]({url}/actor)",                                    # audit: who
        "action": f'<img src="{url}/action" onerror="window.__pwned=1">',  # audit: an action no catalogue knows
        "target": f"<script>window.__pwned=1; fetch('{url}/target')</script>",
        "detail": f'=HYPERLINK("{url}/detail","Bấm vào đây")',
        "pwn": "<img src=x onerror=\"window.__pwned=1\">",                  # an actor that would run if it were HTML
    }


@pytest.fixture(scope="module")
def work_server(tmp_path_factory, trap) -> Iterator[str]:
    """The browsing pages' hostile database, plus an administrator, a batch and audit rows carrying names."""
    address = trap[0]
    names = work_names(address)
    folder = tmp_path_factory.mktemp("hostile-work")
    db = folder / "h.duckdb"
    hostile_db(db)  # units named IMAGE, LINK, ANCHOR, FORMULA…, field FIELD, batch "=x.csv"
    store = open_store(db)
    batch = add_batch(store, names["file"], by=names["uploader"])
    for i, (code, name) in enumerate(local_names(address).items()):
        add_unit(store, code, "ward", name)
        add_dossiers(store, batch, code, "2026-10", field="ho-tich", received_total=80, received_direct=80,
                     **resolved(80, 79 - 3 * i))
        add_documents(store, batch, code, "2026-10", total=50, signed=40 + i)
    create_user(store, E2E_ADMIN, Role.ADMIN, E2E_PASSWORD, "Quản trị kiểm thử")
    # A display name written before the name rule (create_user refuses it today).
    store.cursor().execute("UPDATE users SET display_name = ? WHERE username = ?", [names["display"], E2E_ADMIN])
    cur = store.cursor()
    audit.record(cur, names["actor"], "unit_renamed", "phuong-g", before={"name": IMAGE},
                 after={"name": local_names(address)["phuong-g"]}, detail=names["detail"])
    audit.record(cur, names["pwn"], names["action"], names["target"], after={"file": names["file"]}, detail=LINK)
    store.close()
    base, proc = start_server(db, folder / "streamlit.log", script="sessions_app.py")
    yield base
    stop_server(proc)


@pytest.fixture(scope="module")
def admin_context(browser, work_server):
    """One browser context signed in as the administrator; its session cookie lets each test open pages by URL."""
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, locale="vi-VN")
    sign_in(context.new_page(), work_server)
    wait_for_cookie(context, True)
    yield context
    context.close()


def shown_text(page) -> str:
    """The page's visible words, with the chosen options of its selects, as a person reads them."""
    return (page.inner_text("body") + "\n" + page.evaluate(VALUES)).translate(INVISIBLE)


def drawn(page) -> None:
    wait_ready(page)
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)


def open_dropdown(page, key: str) -> str:
    """Opens the select or multiselect with widget key `key`, reads the page with its options, closes it."""
    box = page.locator(f".st-key-{key} input").first
    box.scroll_into_view_if_needed()  # a click that scrolls first closes the list again as it scrolls
    box.click()
    page.wait_for_selector('[role="option"] >> visible=true', timeout=TIMEOUT_MS)
    seen = shown_text(page)
    page.keyboard.press("Escape")
    return seen


def open_expanders(page) -> str:
    summaries = page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary')
    for i in range(summaries.count()):
        summaries.nth(i).click()
    drawn(page)
    return shown_text(page)


def open_tabs(page) -> str:
    """Each tab in turn (its lists of units and fields are in the later ones); the unit select opened too."""
    seen = []
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for i in range(tabs.count()):
        tabs.nth(i).click()
        page.wait_for_function("(i) => document.querySelectorAll('[data-testid=\"stMain\"] [role=\"tab\"]')[i]"
                               ".getAttribute('aria-selected') === 'true'", arg=i, timeout=TIMEOUT_MS)
        drawn(page)
        seen.append(shown_text(page))
        if page.locator(".st-key-unit_pick input >> visible=true").count():
            seen.append(open_dropdown(page, "unit_pick"))
    return "\n".join(seen)


REVEAL: dict[str, Callable[..., str]] = {
    "upload": open_expanders,
    "batches": lambda page: open_dropdown(page, "rollback_batch"),
    "admin": open_tabs,
    "audit": lambda page: open_dropdown(page, "audit_actor") + "\n" + open_dropdown(page, "audit_actions"),
}


def watched_page(context, trapped) -> tuple[object, list[str]]:
    """A new page of the signed-in context, the trap emptied, every URL it asks for recorded."""
    trapped[1].clear()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return page, requests


def open_work_page(context, base: str, trapped, page_id: str) -> tuple[object, list[str], str]:
    """Opens /page_id by URL in the signed-in context, reveals its lists, returns (page, requests, visible text)."""
    page, requests = watched_page(context, trapped)
    page.goto(f"{base}/{page_id}")
    drawn(page)
    page.wait_for_selector(f"h1:has-text('{text(f'{page_id}_title', 'vi')}')", timeout=TIMEOUT_MS)  # the page, not the sign-in box
    shown = shown_text(page) + "\n" + REVEAL[page_id](page)
    return page, requests, shown


@pytest.mark.parametrize("page_id", WORK)
def test_hostile_names_on_work_pages_fetch_nothing_and_link_nowhere(work_server, admin_context, trap, page_id):
    page, requests, shown = open_work_page(admin_context, work_server, trap, page_id)
    try:
        assert_inert(page, work_server, trap, requests)
        names = work_names(trap[0])
        # The user box on every page: the display name, as text, signed in.
        assert f"Đã đăng nhập: {names['display']}" in shown
        if page_id == "batches":    # the rollback select: "#2 — <file> (0 dòng, <uploader>)"
            assert names["file"] in shown and names["uploader"] in shown
        elif page_id == "admin":    # the unit select (Đơn vị) and the field select (Lĩnh vực); tables are a canvas
            assert FIELD in shown
            units = [*local_names(trap[0]).values(), IMAGE, LINK]
            assert [name for name in units if name in shown], "no unit name shown on Quản trị"
        elif page_id == "audit":    # the actor select and the action multiselect; the rows are a canvas
            for name in ("actor", "pwn", "action"):
                assert names[name] in shown, name
    finally:
        page.close()


def test_a_hostile_file_name_being_checked_fetches_nothing(work_server, admin_context, trap):
    """The upload page names each file while checking it: a name shaped like a Markdown image once
    drew <img src=…> in the progress bar's text and the browser fetched it (found by this module)."""
    page, requests = watched_page(admin_context, trap)
    page.goto(f"{work_server}/upload")
    drawn(page)
    name = f"![x](http://{trap[0]}/upload).csv"
    body = "unit_code,month,docs_outgoing_total,docs_outgoing_signed_electronic\n" + "".join(
        f"phuong-g,{2000 + i // 12:04d}-{i % 12 + 1:02d},50,45\n" for i in range(300))  # checked long enough to draw
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": name, "mimeType": "text/csv", "buffer": body.encode()}])
    page.wait_for_selector("text=Đã kiểm tra xong", timeout=TIMEOUT_MS)
    drawn(page)
    try:
        assert_inert(page, work_server, trap, requests)
    finally:
        page.close()
