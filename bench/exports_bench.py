"""Benchmark of chart exports (issue 5 item 5, issue 12 §9): cold first image, warm images, a full briefing pack.

    .venv/bin/python -m bench.exports_bench [--db PATH]

Uses the demo database at PATH (built there if the file does not exist) and
the latest month with data. Figures are the deck's own ranking charts (16:9,
PNG at 1920×1080). Wall times on this process; the first image includes
starting Chromium.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from data.demo import build_demo
from exports.images import ImageFormat, figure_bytes
from exports.pack import pack_content, render_pack
from exports.render import get_renderer
from metrics.queries import latest_month
from store import open_store
from vocab.periods import Period

WARM_IMAGES = 20
IMAGE_TARGET_S = 0.3
PACK_TARGET_S = 15.0  # issue 12: the whole pack of both deck groups


def tree_cpu_seconds() -> float:
    """CPU time of this process and its descendants (Chromium), from /proc: comparable on a busy machine."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)], cpu[int(entry)] = int(fields[1]), (int(fields[11]) + int(fields[12])) / tick
    me = os.getpid()

    def mine(pid: int) -> bool:
        while pid and pid != me:
            pid = parent.get(pid, 0)
        return pid == me

    return sum(c for pid, c in cpu.items() if mine(pid))


def _verdict(ok: bool) -> str:
    return "ok" if ok else "SLOW"


def run(db_path: str | Path | None = None) -> list[tuple[str, str]]:
    """Measures and prints; returns (label, figure) rows."""
    with tempfile.TemporaryDirectory(prefix="exports-bench-") as tmp:
        path = Path(db_path) if db_path else Path(tmp) / "demo.duckdb"
        fresh = not path.exists()
        store = open_store(path)
        if fresh or store.is_empty():
            build_demo(store)
        con = store.cursor()
        period = Period.month(*(lambda d: (d.year, d.month))(latest_month(con)))

        started = time.perf_counter()
        content = pack_content(con, period)
        content_s = time.perf_counter() - started
        charts = content.charts

        started = time.perf_counter()
        figure_bytes(charts[1].figure, ImageFormat.PNG)
        cold_s = time.perf_counter() - started

        warm = []
        cpu0 = tree_cpu_seconds()
        for i in range(WARM_IMAGES):
            fig = charts[1 + i % (len(charts) - 1)].figure
            t0 = time.perf_counter()
            figure_bytes(fig, ImageFormat.PNG)
            warm.append(time.perf_counter() - t0)
        warm_median = statistics.median(warm)
        warm_cpu = (tree_cpu_seconds() - cpu0) / WARM_IMAGES

        # The whole pack as `cli.py export` makes it: content (queries, figures, words), then every file.
        started, cpu0 = time.perf_counter(), tree_cpu_seconds()
        pack = render_pack(pack_content(con, period))
        pack_s, pack_cpu = time.perf_counter() - started, tree_cpu_seconds() - cpu0
        files_mb = sum(len(b) for b in pack.files.values()) / 1e6
        store.close()

    rows = [
        ("first image (cold: starts Chromium)", f"{cold_s:.2f} s"),
        (f"next {WARM_IMAGES} PNG 1920×1080, median (target ≤ {IMAGE_TARGET_S} s)",
         f"{warm_median:.3f} s {_verdict(warm_median <= IMAGE_TARGET_S)}"),
        (f"next {WARM_IMAGES} PNG, min / max", f"{min(warm):.3f} / {max(warm):.3f} s"),
        ("  CPU per PNG, Python + Chromium (load-independent)", f"{warm_cpu:.3f} s"),
        ("pack content: frames, figures, commentary (no rendering)", f"{content_s:.2f} s"),
        (f"full pack {period}: {pack.chart_count} slide PNGs, cover + commentary + {len(content.reports)} A4 "
         f"reports (PDF), pptx, pdf, zip, xlsx (target ≤ {PACK_TARGET_S:.0f} s)",
         f"{pack_s:.2f} s {_verdict(pack_s <= PACK_TARGET_S)}"),
        ("  CPU of the full pack, Python + Chromium", f"{pack_cpu:.1f} s"),
        (f"  files of the pack ({len(pack.files)})", f"{files_mb:.1f} MB"),
        ("load average (1 min) at the end", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"),
        ("Chromium", str(get_renderer().browser)),
    ]
    width = max(len(label) for label, _ in rows)
    for label, figure in rows:
        print(f"{label:<{width}}  {figure}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of chart exports (issue 5).")
    parser.add_argument("--db", default=None, help="demo database (default: a fresh one in a temporary folder)")
    args = parser.parse_args(argv)
    run(args.db)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
