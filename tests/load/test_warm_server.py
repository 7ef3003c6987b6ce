"""ui/warm.py in a real Streamlit server: the first visit starts the background pass, which computes
through Streamlit's caches outside any script run, finishes and logs it, with no error; the pages
then open from it."""

from __future__ import annotations

import random
from datetime import date

from bench.browser import start_server, stop_server, wait_for_figures_ahead
from bench.load_bench import Figures, StreamlitSession
from tests.load.helpers import run_apart


async def _visit(base: str, pages: tuple[str, ...]) -> Figures:
    import websockets

    figures = Figures()
    async with websockets.connect(base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, ping_interval=None, open_timeout=120) as ws:
        session = StreamlitSession(ws, figures, random.Random(1))
        for page in pages:
            await session.run_page(page)
    return figures


def test_the_first_visit_starts_a_pass_that_finishes_without_error(tmp_path, monkeypatch):
    from data.demo import build_demo
    from store import open_store

    db = tmp_path / "demo.duckdb"
    store = open_store(db)
    build_demo(store, today=date(2026, 11, 26))
    store.close()
    monkeypatch.setenv("DASHBOARD_WARM_MONTHS", "2")
    log = tmp_path / "streamlit.log"
    base, proc = start_server(db, log)
    try:
        first = run_apart(_visit(base, ("rankings",)))
        assert first.errors == [] and first.chart_s
        waited = wait_for_figures_ahead([log], timeout_s=240)
        assert waited.endswith("after the warm-up visits"), waited
        text = log.read_text("utf-8")
        ready = [line for line in text.splitlines() if "figures ready ahead of visitors" in line]
        # 2 months: 5 groups × (12 rankings + group values + Đánh giá) each month; for the 4 groups a unit
        # page ranks in (department, ward, commune; a district's: all), its twelve ranks each month and the
        # quarters of its 12-month score history, each once: 2025-Q4 to 2026-Q4 for October, none new for September
        assert ready and ready[0].split("INFO ui.warm: ")[1].startswith(f"{2 * (5 * 14) + 4 * (2 + 5)} figures"), ready
        assert "Traceback" not in text and "ScriptRunContext" not in text, text[-3000:]
        after = run_apart(_visit(base, ("unit_profile", "evaluation", "rankings")))
        assert after.errors == [] and len(after.run_s) == 3
    finally:
        stop_server(proc)
