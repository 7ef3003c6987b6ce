"""`python cli.py bench`: every benchmark of the project, printed as one report.

Each part prints its own medians as it goes; this module runs them in turn on
fresh temporary databases and ends with a summary. Figures are medians of
repeated warm runs measured in one process on this (shared, noisy) machine.
"""

from __future__ import annotations

import importlib
import logging
import tempfile
import time
from pathlib import Path

PARTS = ("metrics", "ingest", "pages", "exports")   # what `cli.py bench` runs by default
ON_REQUEST = ("load",)   # minutes of servers, sessions and browsers: only with `--only load`
LOAD_DEFAULTS = {"sessions": 50, "seconds": 60.0, "workers": 1}


def _demo_db(directory: Path) -> Path:
    from data.demo import build_demo
    from store import open_store

    path = directory / "demo.duckdb"
    store = open_store(path)
    build_demo(store)
    store.close()
    return path


def _quiet_logs() -> None:
    """Keep the report readable: the renderer and the pages log every step at INFO."""
    for name in ("kaleido", "choreographer", "dashboard", "streamlit"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main(scale: str = "both", only: str | list[str] | None = None, load_options: dict | None = None) -> int:
    _quiet_logs()
    parts = ([only] if isinstance(only, str) else list(only)) if only else list(PARTS)
    unknown = set(parts) - set(PARTS) - set(ON_REQUEST)
    if unknown:
        raise ValueError(f"Không có phần đo '{', '.join(unknown)}': chọn một trong {', '.join(PARTS + ON_REQUEST)}")
    summary: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as tmp:
        demo = None
        for part in parts:
            print(f"\n=== {part} ===", flush=True)
            started = time.perf_counter()
            module = importlib.import_module(f"bench.{part}_bench")
            if part == "metrics":
                rows = module.run(scale=scale)
            elif part == "ingest":
                # Template CSV/xlsx at 100,000 rows, then a one-stop system's HTML "Excel" export.
                rows = module.run() + importlib.import_module("bench.html_bench").run()
            elif part == "load":
                demo = demo or _demo_db(Path(tmp))
                options = {k: v for k, v in (load_options or {}).items() if v is not None}
                rows = module.run(str(demo), **{**LOAD_DEFAULTS, **options})
            else:
                demo = demo or _demo_db(Path(tmp))
                rows = module.run(str(demo))
            summary += [(part, label, figure) for label, figure in rows]
            print(f"({part}: {time.perf_counter() - started:.1f} s)", flush=True)
    print("\n=== summary ===")
    width = max(len(label) for _, label, _ in summary) if summary else 10
    for part, label, figure in summary:
        print(f"{part:8} {label:<{width}}  {figure}")
    return 0
