"""A real Streamlit server on the dashboard and a headless Chromium to drive it.

Used by the pages benchmark and by the browser tests (tests/e2e), which import
it from here: product code never imports tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DESKTOP = (1366, 768)
START_TIMEOUT = 60.0
DRAW_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(base_url: str, proc: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    """Polls /_stcore/health until it answers "ok" (the condition, not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)  # polling interval of the health check, not a wait for the app
    raise TimeoutError(f"{base_url} did not become healthy in {timeout} s")


def start_server(db_path: Path, log_path: Path, script: str = "dashboard.py") -> tuple[str, subprocess.Popen]:
    """`streamlit run <script>` (default the dashboard) on a free port over `db_path`; returns its base URL
    and process. The script path is relative to the repository root."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db_path)}
    log = open(log_path, "w")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, proc)
    except Exception:
        proc.terminate()
        raise
    return base, proc


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_ready(page, selector: str | None = None, timeout_ms: int = DRAW_TIMEOUT_MS) -> None:
    """Waits until the script has finished its run (and `selector`, if given, is visible)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
        " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }",
        timeout=timeout_ms,
    )
    if selector:
        # Only a shown element counts: a page may draw a phone form and a desktop form of the same
        # chart and let CSS hide one, and the first match may be the hidden one.
        page.wait_for_selector(f"{selector} >> visible=true", state="visible", timeout=timeout_ms)


# When a chart is on screen. Playwright's own "visible" check runs on the page's main thread, so it
# answers only once the page has finished all its other work (a second chart below the fold, the
# table's canvas), not when the chart shows. This watcher checks `selector` in every animation frame
# (requestAnimationFrame runs just before the browser paints) and keeps the first frame in which a
# match has a size: the chart's first paint, in ms since the document's navigation started
# (`performance.now()`). A busy main thread delays the frame, so the figure stays honest.
RANKING_CHART = ".st-key-rk_wide .js-plotly-plot g.trace"   # Xếp hạng's dot chart on a desktop
PAINT_WATCH = """(selector) => {
  window.__chartPaint = null;
  const look = () => {
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) { window.__chartPaint = performance.now(); return; }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def watch_paint_on_load(context, selector: str) -> None:
    """Every page of `context` watches for `selector`'s first paint from its first frame (`PAINT_WATCH`)."""
    import json

    context.add_init_script(f"({PAINT_WATCH})({json.dumps(selector)});")


def watch_paint(page, selector: str) -> float:
    """Starts watching `selector` in the current document; returns the page's clock (ms) at the start."""
    return page.evaluate(f"(s) => {{ ({PAINT_WATCH})(s); return performance.now(); }}", selector)


def painted_at(page, timeout_ms: int = DRAW_TIMEOUT_MS) -> float:
    """The page clock (ms) of the watched chart's first paint, waiting for it up to `timeout_ms`."""
    page.wait_for_function("() => window.__chartPaint !== null", timeout=timeout_ms)
    return page.evaluate("window.__chartPaint")


FIGURES_AHEAD_TIMEOUT_S = 300.0


def wait_for_figures_ahead(logs: list[Path], timeout_s: float = FIGURES_AHEAD_TIMEOUT_S) -> str:
    """Until each server log says its first pass of ui/warm.py is done: the issue measures a warm server.

    Returns how long the wait took (after the warm-up visits), "off" when the setting turns the warmer off.
    """
    import config

    if not config.get("warm_months"):
        return "off"
    began = time.monotonic()
    while time.monotonic() - began < timeout_s:
        done = [log for log in logs if log.exists() and "figures ready ahead of visitors" in log.read_text("utf-8")]
        if logs and len(done) == len(logs):
            return f"{time.monotonic() - began:.1f} s after the warm-up visits"
        time.sleep(0.5)
    return f"not ready after {timeout_s:.0f} s (measured anyway)"
