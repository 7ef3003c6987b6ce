"""Load benchmark (issue 14): many leaders browsing at once while an analyst commits.

    .venv/bin/python cli.py bench --only load [--sessions 50] [--seconds 60] [--workers 1]

Starts the dashboard on 127.0.0.1 over a private copy of the demo database (one
Streamlit process, or `scripts/serve.sh --workers W` behind HAProxy), then drives
`sessions` websocket sessions that speak Streamlit's own protocol (the BackMsg /
ForwardMsg protobufs shipped with streamlit): the same server work as a browser,
without the rendering. Each session opens a leader page, then every 1–3 s changes a
sidebar or page filter or moves to another leader page, until `seconds` have passed.

Alongside, two real headless Chromium pages: a probe that keeps opening Xếp hạng (the
browser's time to a visible ranking chart) and a work page signed in as an analyst
with admin rights that, a third of the way in, uploads and commits a batch through
the upload page and then changes a target on the admin page.

'Time to chart' is from sending the run request to the first plotly chart element of
that run. Printed one figure per line; `p95 <seconds>` on its own line. Afterwards the
committed batch is checked row for row in the database file.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import resource
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import browser as browser_tools

ROOT = Path(__file__).resolve().parent.parent
RUN_TIMEOUT_S = 120.0          # one page run may take this long under load before it counts as an error
THINK_S = (1.0, 3.0)
RAMP_S = 5.0                   # sessions arrive over the first seconds, like a room opening a link
BROWSER_TIMEOUT_MS = 300_000   # a Chromium page on a loaded 2-core machine
WORK_USER = "bench.analyst"
WORK_PASSWORD = "Mật-khẩu-đo-tải-2026"
SHARED_FILTERS = ("flt_group", "flt_field", "flt_period_month")
PAGE_FILTERS = ("rk_indicator", "rk_show", "rk_view_tabs")   # the last: Xếp hạng's tabs (chart, table, months)


@dataclass
class Figures:
    """What every session and the browser pages measured, shared between them."""

    chart_s: list[float] = field(default_factory=list)       # request → first plotly chart element
    run_s: list[float] = field(default_factory=list)         # request → script finished
    errors: list[str] = field(default_factory=list)
    browser_chart_s: list[float] = field(default_factory=list)
    browser_first_s: float | None = None
    commit_s: float | None = None
    target_s: float | None = None
    batch_id: int | None = None
    batch_rows: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


# --- the websocket sessions -------------------------------------------------------------------


class StreamlitSession:
    """One visitor speaking Streamlit's websocket protocol: rerun requests out, forward messages in."""

    def __init__(self, ws, figures: Figures, rng: random.Random):
        self.ws = ws
        self.figures = figures
        self.rng = rng
        self.page = "rankings"
        self.query = ""
        self.widgets: dict[str, tuple[str, list[str]]] = {}   # key → (widget id, options) as last drawn
        self.states: dict[str, object] = {}                   # widget id → WidgetState proto we set

    async def run_page(self, page: str | None = None) -> None:
        """Requests one script run and reads until it has finished; records its times and errors."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if page is not None:
            self.page = page
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = self.page
        for state in self.states.values():
            msg.rerun_script.widget_states.widgets.append(state)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        chart = None
        deadline = started + RUN_TIMEOUT_S
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"page run of {self.page} took over {RUN_TIMEOUT_S:.0f} s")
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), left))
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "add_block":
                self._tabs(fwd.delta.add_block)
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind == "plotly_chart" and chart is None:
                    chart = time.perf_counter() - started
                elif element_kind == "exception":
                    self.figures.error(f"{self.page}: exception {element.exception.type} {element.exception.message[:120]}")
                elif element_kind == "alert" and element.alert.format == 1:  # Alert.ERROR: a page's error box
                    self.figures.error(f"{self.page}: error box {element.alert.body[:60]!r}")
                elif element_kind in ("selectbox", "radio"):
                    widget = getattr(element, element_kind)
                    key = widget.id.rsplit("-", 1)[-1]
                    self.widgets[key] = (widget.id, list(widget.options))
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "script_finished":
                if fwd.script_finished == 2:   # FINISHED_EARLY_FOR_RERUN: the app asked for another run
                    continue
                if fwd.script_finished == 1:
                    self.figures.error(f"{self.page}: compile error")
                break
        done = time.perf_counter() - started
        with self.figures.lock:
            self.figures.run_s.append(done)
            if chart is not None:
                self.figures.chart_s.append(chart)

    def _tabs(self, block) -> None:
        """Keeps a stateful tab bar as a widget: its id, then the label of each tab as it is drawn."""
        block_kind = block.WhichOneof("type")
        if block_kind == "tab_container" and block.tab_container.id:
            self._tab_bar = block.tab_container.id.rsplit("-", 1)[-1]
            self.widgets[self._tab_bar] = (block.tab_container.id, [])
        elif block_kind == "tab" and getattr(self, "_tab_bar", None) in self.widgets:
            self.widgets[self._tab_bar][1].append(block.tab.label)

    def change_a_filter(self) -> bool:
        """Picks another value in one of the drawn filters (as a click in the browser would)."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        keys = [k for k in (*SHARED_FILTERS, *PAGE_FILTERS) if k in self.widgets and len(self.widgets[k][1]) > 1]
        if not keys:
            return False
        key = self.rng.choice(keys)
        widget_id, options = self.widgets[key]
        state = WidgetState(id=widget_id, string_value=self.rng.choice(options[: min(len(options), 6)]))
        self.states = {wid: s for wid, s in self.states.items() if not wid.endswith("-" + key)}
        self.states[widget_id] = state
        return True


async def _visitor(url: str, pages: tuple[str, ...], figures: Figures, start_after: float, stop_at: float,
                   seed: int) -> None:
    import websockets

    rng = random.Random(seed)
    await asyncio.sleep(start_after)
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None,
                                      open_timeout=60, close_timeout=5) as ws:
            session = StreamlitSession(ws, figures, rng)
            await session.run_page("rankings")
            while time.monotonic() < stop_at:
                await asyncio.sleep(rng.uniform(*THINK_S))
                if time.monotonic() >= stop_at:
                    break
                if rng.random() < 0.25 or not session.change_a_filter():
                    await session.run_page(rng.choice(pages))
                else:
                    await session.run_page()
    except Exception as exc:  # a refused connection, a dropped socket or a run that never finished
        figures.error(f"session {seed}: {type(exc).__name__}: {exc}"[:200])


async def warm_up(base: str, workers: int) -> None:
    """Opens each leader page once on each worker before the clock starts (the issue measures a warm server)."""
    import websockets

    from bench.pages_bench import bench_pages

    url = base.replace("http://", "ws://") + "/_stcore/stream"
    for worker in range(1, max(workers, 1) + 1):
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None,
                                      open_timeout=RUN_TIMEOUT_S,
                                      additional_headers={"Cookie": f"DASHBOARD_WORKER=w{worker}"}) as ws:
            session = StreamlitSession(ws, Figures(), random.Random(worker))
            for page in bench_pages():
                await session.run_page(page)


async def _drive(base: str, sessions: int, seconds: float, figures: Figures) -> None:
    from bench.pages_bench import bench_pages

    url = base.replace("http://", "ws://") + "/_stcore/stream"
    stop_at = time.monotonic() + seconds
    ramp = min(RAMP_S, seconds / 4)
    tasks = [_visitor(url, bench_pages(), figures, ramp * k / max(sessions, 1), stop_at, k) for k in range(sessions)]
    await asyncio.wait_for(asyncio.gather(*tasks), seconds + RUN_TIMEOUT_S + 60)


# --- the browser pages ----------------------------------------------------------------------


def _chromium(p):
    from bench.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP

    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    page.set_default_navigation_timeout(BROWSER_TIMEOUT_MS)
    return browser, page


def _probe(base: str, seconds: float, figures: Figures) -> None:
    """A real Chromium page: the time from clicking Xếp hạng to the ranking chart painted, until `seconds`
    (painted as in the pages bench: `bench.browser.PAINT_WATCH`)."""
    from playwright.sync_api import sync_playwright

    from bench.browser import RANKING_CHART, painted_at, wait_ready, watch_paint, watch_paint_on_load
    from i18n.catalogue import text

    overview, rankings, rankings_title = text("page_overview"), text("page_rankings"), text("rankings_title")
    overview_title = text("overview_title")
    stop_at = time.monotonic() + seconds
    try:
        with sync_playwright() as p:
            browser, probe = _chromium(p)
            watch_paint_on_load(probe.context, RANKING_CHART)
            probe.goto(f"{base}/rankings")
            figures.browser_first_s = painted_at(probe, BROWSER_TIMEOUT_MS) / 1000
            while time.monotonic() < stop_at:
                probe.wait_for_timeout(random.uniform(*THINK_S) * 1000)
                probe.locator('[data-testid="stSidebarNavLink"]', has_text=overview).click()
                # Gone first: right after the click the ranking chart is still there, and a watch started
                # then would "see" it painted at once (the median once read 0.00 s).
                probe.wait_for_selector(RANKING_CHART, state="detached", timeout=BROWSER_TIMEOUT_MS)
                probe.wait_for_selector(f"h1:has-text('{overview_title}')", timeout=BROWSER_TIMEOUT_MS)
                wait_ready(probe, ".js-plotly-plot", timeout_ms=BROWSER_TIMEOUT_MS)
                clicked = watch_paint(probe, RANKING_CHART)
                probe.locator('[data-testid="stSidebarNavLink"]', has_text=rankings).click()
                probe.wait_for_selector(f"h1:has-text('{rankings_title}')", timeout=BROWSER_TIMEOUT_MS)
                figures.browser_chart_s.append((painted_at(probe, BROWSER_TIMEOUT_MS) - clicked) / 1000)
            browser.close()
    except Exception as exc:
        figures.error(f"browser probe: {type(exc).__name__}: {exc}"[:300])


def _work(base: str, start_after: float, upload: Path, figures: Figures) -> None:
    """The analyst (an account with admin rights) in Chromium: signs in, commits a batch, changes a target."""
    from playwright.sync_api import sync_playwright

    time.sleep(start_after)
    try:
        with sync_playwright() as p:
            browser, page = _chromium(p)
            _analyst_and_admin(page, base, upload, figures)
            browser.close()
    except Exception as exc:
        figures.error(f"analyst/admin: {type(exc).__name__}: {exc}"[:300])


def _analyst_and_admin(page, base: str, upload: Path, figures: Figures) -> None:
    """Signs in, commits `upload` on the upload page, then saves a target on the admin page (both timed)."""
    from bench.browser import wait_ready
    from i18n.catalogue import text

    page.goto(f"{base}/sign_in")
    wait_ready(page, timeout_ms=BROWSER_TIMEOUT_MS)
    page.get_by_label("Tên đăng nhập").fill(WORK_USER)
    page.get_by_label("Mật khẩu").fill(WORK_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Đã đăng nhập", timeout=BROWSER_TIMEOUT_MS)
    wait_ready(page, timeout_ms=BROWSER_TIMEOUT_MS)
    page.locator('[data-testid="stSidebarNavLink"]', has_text=text("page_upload")).first.click()
    wait_ready(page, timeout_ms=BROWSER_TIMEOUT_MS)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    commit = page.get_by_role("button", name=text("upload_commit"))
    commit.wait_for(timeout=BROWSER_TIMEOUT_MS)
    confirm = page.get_by_text(text("upload_confirm"))
    if confirm.count():
        confirm.click()
    page.wait_for_function(
        "(name) => [...document.querySelectorAll('button')].some(b => b.innerText.includes(name) && !b.disabled)",
        arg=text("upload_commit"), timeout=BROWSER_TIMEOUT_MS)
    began = time.perf_counter()
    commit.click()
    page.wait_for_selector(f"text={text('upload_done', batches='#')[:-2]}", timeout=BROWSER_TIMEOUT_MS)
    figures.commit_s = time.perf_counter() - began
    done = page.get_by_text(text("upload_done", batches="#")[:-2]).first.inner_text()
    figures.batch_id = int(done.split("#", 1)[1].split(".")[0].split(",")[0])

    page.locator('[data-testid="stSidebarNavLink"]', has_text=text("page_admin")).first.click()
    wait_ready(page, timeout_ms=BROWSER_TIMEOUT_MS)
    page.get_by_role("tab", name=text("admin_tab_targets")).click()
    value = page.get_by_label(text("admin_target_value"))
    value.fill("91.5")
    began = time.perf_counter()
    page.get_by_role("button", name=text("admin_target_save")).click()
    page.wait_for_selector(f"text={text('admin_target_saved')}", timeout=BROWSER_TIMEOUT_MS)
    figures.target_s = time.perf_counter() - began


# --- servers, memory and the database -------------------------------------------------------


def prepare_database(demo: Path, directory: Path) -> tuple[Path, Path, int]:
    """A private copy of the demo with the analyst account, and a CSV batch of one new month to commit.

    Returns (database, csv file, rows in the file). The batch is the demo's first month moved one
    month back (a month without data), so it is new rows, not a replacement.
    """
    from auth.roles import Role
    from auth.users import create_user
    from ingest.templates import template_columns
    from metrics.indicators import Family
    from store import open_store
    from vocab.periods import add_months

    db = directory / "load.duckdb"
    shutil.copy(demo, db)
    store = open_store(db)
    create_user(store, WORK_USER, Role.ADMIN, WORK_PASSWORD, "Chuyên viên đo tải")
    columns = list(template_columns(Family.DOSSIERS))
    cur = store.cursor()
    first = cur.execute("SELECT min(month) FROM dossier_facts").fetchone()[0]
    frame = cur.execute(
        f"SELECT {', '.join(c for c in columns if c != 'month')} FROM dossier_facts "
        "WHERE is_current AND month = ? ORDER BY unit_code, field_code", [first]).df()
    store.close()
    previous = add_months(first.replace(day=1), -1)
    frame["month"] = f"{previous:%Y-%m}"
    csv = directory / f"bao-cao-{previous:%Y-%m}.csv"
    frame[columns].to_csv(csv, index=False)
    return db, csv, len(frame)


def _own_cpu_s() -> float:
    """CPU seconds of this process, every thread (the websocket clients share the machine with the server)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int:
    try:
        fields_ = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields_[11]) + int(fields_[12])
    except (OSError, IndexError):
        return 0


def _descendants(pid: int) -> list[int]:
    """`pid` and every process under it: children are listed per thread (Playwright starts its driver
    from the probe's thread), so every thread's list is read."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for children in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(child) for child in children.read_text().split())
    return found


class Sampler(threading.Thread):
    """Peak summed RSS and average CPU of the server processes (all workers, not the proxy's children),
    and the CPU of this process's other children (Chromium and its Playwright driver), which share the
    machine's cores with the server during the run."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids = pids          # callable → current server pids
        self.peak_kb = 0
        self.stop = threading.Event()
        self.ticks0 = 0
        self.started_at = time.monotonic()
        self.browser_ticks: dict[int, tuple[int, int]] = {}   # pid → (first seen, last seen) ticks

    def _browsers(self) -> None:
        servers = set(self.pids())
        for pid in _descendants(os.getpid())[1:]:
            if pid in servers or any(pid in _descendants(s) for s in servers):
                continue
            ticks = _cpu_ticks(pid)
            first, _ = self.browser_ticks.get(pid, (ticks, ticks))
            self.browser_ticks[pid] = (first, ticks)

    def run(self) -> None:
        self.ticks0 = sum(_cpu_ticks(p) for p in self.pids())
        self.started_at = time.monotonic()
        while not self.stop.wait(0.5):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in self.pids()))
            self._browsers()
        self.ticks1 = sum(_cpu_ticks(p) for p in self.pids())
        seconds = (time.monotonic() - self.started_at) * os.sysconf("SC_CLK_TCK")
        self.cpu_pct = 100 * (self.ticks1 - self.ticks0) / seconds
        # a browser started during the run counts from its first sample: a little under its real use
        self.browser_cpu_pct = 100 * sum(last - first for first, last in self.browser_ticks.values()) / seconds


def start_servers(db: Path, workers: int, directory: Path) -> tuple[str, subprocess.Popen, callable]:
    """What start.sh serves (workers == 1) or `scripts/serve.sh --workers N`; returns (url, process, server pids)."""
    from bench.browser import free_port, start_server, wait_for_health

    if workers <= 1:
        base, proc = start_server(db, directory / "streamlit.log", script="sessions_app.py")
        return base, proc, lambda: _descendants(proc.pid)
    port = free_port()
    run_dir = directory / "serve"
    log = open(directory / "serve.log", "w")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "serve.sh"), "--workers", str(workers), "--port", str(port),
         "--address", "127.0.0.1", "--db", str(db), "--run-dir", str(run_dir), "--no-setup"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_for_health(base, proc, timeout=300)
    for url in worker_urls(run_dir).values():   # every worker, not only the first to answer
        wait_for_health(url, proc, timeout=300)
    for worker in worker_urls(run_dir):         # … and the proxy counts each as up
        wait_for_proxy(base, worker, proc)

    def server_pids() -> list[int]:
        pids = []
        for pidfile in [*run_dir.glob("worker-*.pid"), run_dir / "haproxy.pid"]:
            with contextlib.suppress(ValueError, OSError):
                pids.append(int(pidfile.read_text()))
        return pids

    return base, proc, server_pids


def wait_for_proxy(base: str, worker: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    """Until a request pinned to `worker` by the proxy's cookie is served by it (no new cookie comes back)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serve.sh exited with code {proc.returncode}")
        request = urllib.request.Request(f"{base}/_stcore/health", headers={"Cookie": f"DASHBOARD_WORKER={worker}"})
        with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=5) as r:
            if r.status == 200 and not any("DASHBOARD_WORKER=" in c for c in r.headers.get_all("Set-Cookie") or []):
                return
        time.sleep(0.2)   # polling the proxy's view of the worker
    raise TimeoutError(f"the proxy at {base} never sent requests to {worker}")


def worker_urls(run_dir: Path) -> dict[str, str]:
    """{"w1": "http://127.0.0.1:port", …} from the HAProxy configuration serve.sh wrote."""
    found = {}
    for line in (run_dir / "haproxy.cfg").read_text().splitlines():
        parts = line.split()
        if parts[:1] == ["server"]:
            found[parts[1]] = f"http://{parts[2]}"
    return found


def worker_pids(run_dir: Path) -> dict[str, int]:
    """{"w1": pid, …} of the workers serve.sh started in `run_dir`."""
    return {f"w{p.stem.split('-')[1]}": int(p.read_text()) for p in run_dir.glob("worker-*.pid")}


def stop_servers(proc: subprocess.Popen, server_pids=lambda: []) -> None:
    """Stops serve.sh (or the one server); then any worker or proxy it started that is still there, by pid."""
    left = [p for p in server_pids() if p != proc.pid]
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 15)


def batch_is_intact(db: Path, batch_id: int | None, rows: int) -> tuple[bool, int | None]:
    """The committed batch has exactly the file's rows, all current (checked in the database file)."""
    if batch_id is None:
        return False, None
    from store import open_store

    store = open_store(db, read_only=True, migrate=False)
    con = store.cursor()
    try:
        found = con.execute("SELECT count(*) FROM dossier_facts WHERE batch_id = ? AND is_current",
                            [batch_id]).fetchone()[0]
        recorded = con.execute("SELECT row_count FROM upload_batches WHERE id = ? AND status = 'active'",
                               [batch_id]).fetchone()
    finally:
        store.close()
    return found == rows and recorded is not None and recorded[0] == rows, found


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def run(db_path: str, sessions: int = 50, seconds: float = 60.0, workers: int = 1,
        commit: bool = True, browsers: bool = True) -> list[tuple[str, str]]:
    """Runs the load once and returns (label, figure) rows (also printed, one per line)."""
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="load-bench-") as tmp:
        directory = Path(tmp)
        db, csv, csv_rows = prepare_database(Path(db_path), directory)
        base, proc, server_pids = start_servers(db, workers, directory)
        sampler = Sampler(server_pids)
        try:
            asyncio.run(warm_up(base, workers))
            ahead_s = browser_tools.wait_for_figures_ahead(
                [directory / "streamlit.log"] if workers <= 1 else sorted((directory / "serve").glob("worker-*.log")))
            sampler.start()
            began = time.monotonic()
            clients_cpu0 = _own_cpu_s()
            threads = []
            if browsers:
                threads.append(threading.Thread(target=_probe, args=(base, seconds, figures), daemon=True))
            if commit:
                threads.append(threading.Thread(target=_work, args=(base, seconds / 3, csv, figures), daemon=True))
            for thread in threads:
                thread.start()
            try:
                asyncio.run(_drive(base, sessions, seconds, figures))
            except TimeoutError:
                figures.error("the sessions did not stop in time")
            for thread in threads:
                thread.join(timeout=BROWSER_TIMEOUT_MS / 1000 * 3)
            elapsed = time.monotonic() - began
            clients_cpu = 100 * (_own_cpu_s() - clients_cpu0) / elapsed
        finally:
            sampler.stop.set()
            sampler.join(timeout=5)
            stop_servers(proc, server_pids)
            primary = _primary_file(db, directory, workers)
        intact, found = batch_is_intact(primary, figures.batch_id, csv_rows) if commit else (None, None)

    charts = figures.chart_s
    rows = [
        ("workers", str(workers)),
        ("sessions", str(sessions)),
        ("seconds", f"{elapsed:.0f}"),
        ("page runs", str(len(figures.run_s))),
        ("runs/s", f"{len(figures.run_s) / elapsed:.2f}"),
        ("time to chart p50", _s(_pct(charts, 50))),
        ("time to chart p95", _s(_pct(charts, 95))),
        ("time to chart max", _s(max(charts) if charts else None)),
        ("browser first ranking chart painted (fresh page)", _s(figures.browser_first_s)),
        ("browser click → ranking chart painted, median", _s(statistics.median(figures.browser_chart_s)
                                                    if figures.browser_chart_s else None)),
        ("browser visits", str(len(figures.browser_chart_s))),
        ("figures ahead of visitors (ui/warm.py) ready before the clock", ahead_s),
        ("errors", str(len(figures.errors))),
        ("commit", _s(figures.commit_s) + (f" (batch #{figures.batch_id}, {csv_rows} rows)" if commit else "")),
        ("admin target change", _s(figures.target_s)),
        ("batch intact", "—" if intact is None else ("yes" if intact else f"NO ({found} of {csv_rows} rows)")),
        ("peak RSS of server processes", f"{sampler.peak_kb / 1024:.0f} MB"),
        ("server CPU", f"{getattr(sampler, 'cpu_pct', 0):.0f} %"),
        ("load generator CPU (this process: the websocket clients and the analyst's steps)", f"{clients_cpu:.0f} %"),
        ("Chromium CPU (the probes and the analyst's browser, with their Playwright driver)",
         f"{getattr(sampler, 'browser_cpu_pct', 0):.0f} %"),
        ("machine load average (1 min) at the end", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"),
    ]
    for label, figure in rows:
        print(f"{label}: {figure}", flush=True)
    for what in figures.errors[:10]:
        print(f"  error: {what}", flush=True)
    p95 = _pct(charts, 95)
    print(f"p95 {p95:.2f}" if p95 is not None else "p95 —", flush=True)
    return rows


def _primary_file(db: Path, directory: Path, workers: int) -> Path:
    """Where committed rows live: the database file itself (the snapshots are copies of it)."""
    return db


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-commit", action="store_true")
    args = parser.parse_args()
    run(args.db, args.sessions, args.seconds, args.workers, commit=not args.no_commit)


if __name__ == "__main__":
    main()
