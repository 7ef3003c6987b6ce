"""Several workers behind HAProxy (scripts/serve.sh --workers 2), driven over Streamlit's websocket protocol.

A commit made through the shared write path becomes visible on both workers at their next
page run; killing a worker (SIGKILL) loses no committed row and the proxy serves its visitors
from the other worker. Needs haproxy, which scripts/setup.sh installs.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from bench.load_bench import (
    WORK_PASSWORD,
    WORK_USER,
    Figures,
    StreamlitSession,
    prepare_database,
    start_servers,
    stop_servers,
    worker_pids,
)
from tests.load.helpers import run_apart

ROOT = Path(__file__).resolve().parents[2]
WS_TIMEOUT = 180



@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    from data.demo import build_demo
    from store import open_store

    directory = tmp_path_factory.mktemp("workers")
    demo = directory / "demo.duckdb"
    store = open_store(demo)
    build_demo(store, today=date(2026, 11, 26))
    store.close()
    db, csv, rows = prepare_database(demo, directory)
    base, proc, server_pids = start_servers(db, 2, directory)
    try:
        yield {"base": base, "db": db, "csv": csv, "rows": rows, "run_dir": directory / "serve"}
    finally:
        stop_servers(proc, server_pids)


async def _page_run(base: str, worker: str, page: str = "rankings") -> tuple[StreamlitSession, Figures, str]:
    """One visitor pinned to `worker` by the proxy's cookie; returns the session after a run and who served it."""
    import websockets

    figures = Figures()
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None,
                                  open_timeout=WS_TIMEOUT,
                                  additional_headers={"Cookie": f"DASHBOARD_WORKER={worker}"}) as ws:
        set_cookie = " ".join(ws.response.headers.get_all("Set-Cookie"))
        served_by = set_cookie.split("DASHBOARD_WORKER=")[1].split(";")[0] if "DASHBOARD_WORKER=" in set_cookie else worker
        session = StreamlitSession(ws, figures, random.Random(1))
        await session.run_page(page)
    return session, figures, served_by


def _period_options(session: StreamlitSession) -> list[str]:
    return session.widgets["flt_period_month"][1]


def test_a_commit_is_visible_on_both_workers_at_their_next_page_run(cluster):
    year, month = cluster["csv"].stem.rsplit("-", 2)[-2:]      # bao-cao-2024-10.csv: a month without data
    missing = f"tháng {month}/{year}"
    for worker in ("w1", "w2"):
        session, figures, served = run_apart(_page_run(cluster["base"], worker))
        assert served == worker and figures.errors == [] and figures.chart_s
        assert missing not in _period_options(session)

    # The analyst's commit takes the same path as one made on a worker's upload page
    # (SnapshotStore.transaction: file lock, write the database, publish a snapshot).
    env = {**os.environ, "DASHBOARD_DB": str(cluster["db"]), "DASHBOARD_SNAPSHOT_DIR": str(cluster["run_dir"] / "db")}
    done = subprocess.run([sys.executable, "cli.py", "import", str(cluster["csv"]), "--confirm-warnings"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

    for worker in ("w1", "w2"):
        session, figures, served = run_apart(_page_run(cluster["base"], worker))
        assert served == worker and figures.errors == []
        assert missing in _period_options(session), f"{worker} does not show the committed month"


def _snapshot_batches(cluster) -> dict[int, tuple[str, int, int]]:
    """Every batch of the snapshot the workers read now: id → (status, recorded rows, current dossier rows)."""
    current = (cluster["run_dir"] / "db" / "current").read_text().strip()
    snapshot = cluster["run_dir"] / "db" / "snapshots" / f"{current}.duckdb"
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        rows = con.execute(
            "SELECT b.id, b.status, b.row_count, count(f.batch_id) FROM upload_batches b"
            " LEFT JOIN dossier_facts f ON f.batch_id = b.id AND f.is_current GROUP BY ALL").fetchall()
    finally:
        con.close()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def test_killing_a_worker_loses_no_data_and_its_visitors_go_to_the_other(cluster):
    # Independent of the order tests run in (the commit test may have run before or not).
    before = _snapshot_batches(cluster)
    assert before
    pids = worker_pids(cluster["run_dir"])
    os.kill(pids["w1"], signal.SIGKILL)
    for attempt in range(3):   # a browser whose socket dropped reconnects the same way, a few times
        try:
            _, figures, served = run_apart(_page_run(cluster["base"], "w1"))
            break
        except OSError:   # websockets' InvalidStatus/ConnectionClosed are not OSError: those fail the test
            if attempt == 2:
                raise
    assert served == "w2", "the proxy kept sending the visitor to the dead worker"
    assert figures.errors == [] and figures.chart_s, figures.errors

    # every committed row is still in the snapshot the workers read, batch by batch
    after = _snapshot_batches(cluster)
    assert after == before
    committed = [b for b, (status, recorded, _) in after.items() if status == "active" and recorded == cluster["rows"]]
    for batch in committed:   # the analyst's file, when the commit test ran first: exactly its rows
        assert after[batch][2] == cluster["rows"], f"{after[batch][2]} of {cluster['rows']} rows"


def test_a_signed_in_account_stays_signed_in_across_a_reload_through_the_proxy(cluster, browser):
    """serve.sh serves what start.sh serves (sessions_app.py): the session cookie is set through the
    proxy, and a reload on the worker the proxy keeps the browser on finds the session again."""
    from tests.e2e.conftest import sign_in, wait_ready
    from tests.e2e.test_session_reload_e2e import wait_for_cookie

    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    try:
        page = context.new_page()
        sign_in(page, cluster["base"], WORK_USER, WORK_PASSWORD)
        assert wait_for_cookie(context, True)["httpOnly"] is True
        assert any(c["name"] == "DASHBOARD_WORKER" for c in context.cookies())   # kept on one worker
        page.reload()
        wait_ready(page)
        box = page.locator('[data-testid="stSidebar"]')
        box.get_by_text("Đã đăng nhập").or_(box.get_by_text("Chưa đăng nhập")).first.wait_for(timeout=120_000)
        assert box.get_by_text("Đã đăng nhập").count() == 1, "a reload through the proxy signed the account out"
    finally:
        context.close()
