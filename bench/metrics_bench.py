"""Benchmark of the metrics layer at national scale and at the demo's size (issue 2, item 7).

Builds a synthetic database of about 3,400 units × 60 months × 20 fields with
the demo's own simulation (`data.demo.simulate`), then times warm queries the
dashboard makes: a ranking for a month and a quarter, all ten indicators for a
year (city-wide and per unit), and the evaluation of every unit for a year.

    .venv/bin/python -m bench.metrics_bench [--scale demo|national|both]

Timings are medians of warm runs: each query runs once untimed, then
`repeats` timed times. Peak memory is the process's maximum resident set size
(`ru_maxrss`), so it covers building *and* querying, and every phase run
before it in the same process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from data.demo import LOCAL_FIELDS, SimUnit, build_demo, simulate
from metrics.evaluation import evaluate_units
from metrics.indicators import DOCUMENT_COLUMNS, DOSSIER_COLUMNS, INDICATORS, TASK_COLUMNS
from metrics.queries import By, latest_month
from metrics.ranking import rank_units
from metrics.values import indicator_values
from store import open_store
from store.reference import reference_fields, reference_targets
from vocab.periods import Period, add_months, last_full_month
from vocab.units import UnitGroup

NATIONAL_UNITS = 3400
NATIONAL_MONTHS = 60
NATIONAL_FIELDS = 20
# Units simulated at once: the whole 60-month series of 400 units × 20 fields
# (480k rows) is ~100 MB in pandas, where all 3,400 at once peak at ~1.5 GB.
CHUNK_UNITS = 400

RANKING_TARGET_MS = {"national": 50.0, "demo": 10.0}
PEAK_MEMORY_TARGET_MB = 1024.0

# Share of each unit type in the synthetic country (~3,300 wards/communes, ~100 agencies),
# and the demo profiles each type draws from.
UNIT_MIX = (("department", 100), ("ward", 1100), ("commune", 2200))
TYPE_PROFILES = {
    "department": (("department", "small_department"), (0.9, 0.1)),
    "ward": (("urban", "town"), (0.25, 0.75)),
    "commune": (("rural", "mountain"), (0.7, 0.3)),
}
TYPE_NAMES = {"department": "Sở", "ward": "Phường", "commune": "Xã"}


@dataclass(frozen=True)
class BuildResult:
    seconds: float
    size_bytes: int
    rows: int  # dossier fact rows


@dataclass(frozen=True)
class Measurement:
    scale: str
    label: str
    value: float
    unit: str  # "ms", "s", "MB", "rows"
    target: float | None = None
    cpu_ms: float | None = None  # CPU time of the process (all DuckDB threads) for the same runs

    @property
    def figure(self) -> str:
        if self.unit == "rows":
            return f"{self.value:,.0f}"
        cpu = "" if self.cpu_ms is None else f" (cpu {self.cpu_ms:,.1f} ms)"
        return f"{self.value:,.1f} {self.unit}{cpu}"

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "OK" if self.value <= self.target else "over"

    def row(self) -> tuple[str, str]:
        return (f"{self.scale}: {self.label}", self.figure)


# --- building --------------------------------------------------------------------------

def synthetic_units(n: int, fields: tuple[str, ...], first: date, last: date,
                    rng: np.random.Generator) -> tuple[list[tuple[str, str, str, date, None]], list[SimUnit]]:
    """`n` units (u0001 …) in the national mix of types, as `units` rows and as simulation input."""
    total = sum(count for _, count in UNIT_MIX)
    counts = [max(1, round(n * count / total)) for _, count in UNIT_MIX[:-1]]
    counts.append(n - sum(counts))
    rows, sims = [], []
    code_no = 0
    for (unit_type, _), count in zip(UNIT_MIX, counts, strict=True):
        profiles, weights = TYPE_PROFILES[unit_type]
        for _ in range(count):
            code_no += 1
            code = f"u{code_no:04d}"
            rows.append((code, f"{TYPE_NAMES[unit_type]} {code_no:04d}", unit_type, date(2000, 1, 1), None))
            skill = float(rng.normal(0, 0.015))
            lnr = float(rng.choice([0.0, 0.0, 0.0, 0.05, 0.35], p=[0.5, 0.2, 0.1, 0.12, 0.08]))
            sims.append(SimUnit(code, str(rng.choice(profiles, p=weights)), fields, first, last, skill, lnr))
    return rows, sims


def build_national(path: str | Path, units: int = NATIONAL_UNITS, months: int = NATIONAL_MONTHS,
                   fields: int = NATIONAL_FIELDS, seed: int = 1) -> BuildResult:
    """A fresh database at `path` with `units` synthetic units reporting every field for `months` months.

    Months end with the last full month. Facts are stored as the ingest layer
    would leave them: one upload batch per month, rows in month order.
    """
    path = Path(path)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    field_rows = reference_fields()
    if fields > len(field_rows):
        raise ValueError(f"only {len(field_rows)} reference fields, asked for {fields}")
    # Local units' usual fields first, so a small `fields` still looks like a commune's.
    field_rows = sorted(field_rows, key=lambda r: (r[0] not in LOCAL_FIELDS, r[0]))[:fields]
    field_codes = tuple(code for code, _ in field_rows)
    last = last_full_month()
    first = add_months(last, -(months - 1))
    month_list = Period.range(first, last).month_list()

    started = time.perf_counter()
    store = open_store(path)
    unit_rows, sims = synthetic_units(units, field_codes, first, last, np.random.default_rng(seed))
    with store.transaction() as cur:
        cur.executemany("INSERT INTO units (code, name, unit_type, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
                        unit_rows)
        cur.executemany("INSERT INTO fields (code, name) VALUES (?, ?)", field_rows)
        cur.executemany("INSERT INTO targets (indicator, year, unit_type, value) VALUES (?, ?, ?, ?)",
                        reference_targets(range(first.year - 1, last.year + 1)))
        store.set_meta("bench", "true", cur)

    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=path.parent))
    try:
        # Each chunk of units is simulated over the whole window (a series carries its
        # backlog month to month), staged as Parquet with one row group per month, and
        # then read back month by month so the table is in upload order.
        con = store.cursor()
        parts, doc_frames, task_frames = [], [], []
        for i in range(0, len(sims), CHUNK_UNITS):
            chunk = sims[i:i + CHUNK_UNITS]
            dossiers, documents, tasks = simulate(chunk, first, last, seed + i)
            part = staging / f"dossiers-{i:05d}.parquet"
            con.from_df(dossiers).write_parquet(str(part), row_group_size=len(chunk) * len(field_codes))
            parts.append(str(part))
            doc_frames.append(documents)
            task_frames.append(tasks)
            del dossiers
        docs_all = pd.concat(doc_frames, ignore_index=True)  # noqa: F841  (read by DuckDB's replacement scan)
        tasks_all = pd.concat(task_frames, ignore_index=True)  # noqa: F841
        d_cols = ", ".join(("unit_code", "field_code", "month", *DOSSIER_COLUMNS))
        doc_cols = ", ".join(("unit_code", "month", *DOCUMENT_COLUMNS))
        task_cols = ", ".join(("unit_code", "month", *TASK_COLUMNS))
        with store.transaction() as cur:
            for month in month_list:
                batch_id = cur.execute(
                    "INSERT INTO upload_batches (source_file, sha256, uploaded_by, uploaded_at, row_count)"
                    " VALUES (?, ?, 'bench', ?, 0) RETURNING id",
                    [f"bench-{month:%Y-%m}.xlsx", f"bench-{month:%Y-%m}",
                     datetime.combine(add_months(month, 1), datetime.min.time()).replace(day=5, hour=9)],
                ).fetchone()[0]
                inserted = 0
                for sql in (f"INSERT INTO dossier_facts (batch_id, {d_cols}) "
                            f"SELECT ?, {d_cols} FROM read_parquet(?) WHERE month = ?",
                            f"INSERT INTO document_facts (batch_id, {doc_cols}) "
                            f"SELECT ?, {doc_cols} FROM docs_all WHERE month = ?",
                            f"INSERT INTO task_facts (batch_id, {task_cols}) "
                            f"SELECT ?, {task_cols} FROM tasks_all WHERE month = ?"):
                    params = [batch_id, parts, month] if "read_parquet" in sql else [batch_id, month]
                    inserted += cur.execute(sql, params).fetchone()[0]
                cur.execute("UPDATE upload_batches SET row_count = ? WHERE id = ?", [inserted, batch_id])
        rows = con.execute("SELECT count(*) FROM dossier_facts").fetchone()[0]
        con.execute("CHECKPOINT")
    finally:
        store.close()
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(time.perf_counter() - started, path.stat().st_size, rows)


# --- timing ----------------------------------------------------------------------------

def _median_ms(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall time and median process CPU time of `repeats` warm runs, after one discarded run.

    On a shared machine the wall time includes waiting for a core; the CPU time
    (summed over DuckDB's threads) does not, so the two together tell load from work.
    """
    fn()
    wall, cpu = [], []
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return 1000.0 * statistics.median(wall), 1000.0 * statistics.median(cpu)


def _periods(latest: date) -> tuple[Period, Period, Period]:
    """The latest month, the last complete quarter and the last complete year up to it."""
    month = Period.month(latest.year, latest.month)
    q_last = add_months(latest, -(latest.month % 3))  # last month of the last complete quarter
    quarter = Period.quarter(q_last.year, (q_last.month - 1) // 3 + 1)
    year = Period.year(latest.year if latest.month == 12 else latest.year - 1)
    return month, quarter, year


def _measure_queries(db_path: str | Path, scale: str, repeats: int) -> list[Measurement]:
    target = RANKING_TARGET_MS.get(scale)
    store = open_store(db_path, read_only=True)
    try:
        con = store.cursor()
        latest = latest_month(con)
        if latest is None:
            raise ValueError(f"{db_path} has no dossier facts")
        month, quarter, year = _periods(latest)

        def all_ten(by: By) -> Callable[[], None]:
            def run() -> None:
                for ind in INDICATORS:
                    indicator_values(con, ind, year, by=by)
            return run

        cases = [
            (f"rank on_time_rate, month {month}, all units",
             lambda: rank_units(con, "on_time_rate", month, UnitGroup.ALL), target),
            (f"rank on_time_rate, quarter {quarter}, all units",
             lambda: rank_units(con, "on_time_rate", quarter, UnitGroup.ALL), target),
            (f"10 indicators city-wide, year {year}", all_ten(By.CITY), None),
            (f"10 indicators by unit, year {year}", all_ten(By.UNIT), None),
            (f"evaluate all units, year {year}", lambda: evaluate_units(con, year, UnitGroup.ALL), None),
        ]
        out = []
        for label, fn, tgt in cases:
            wall, cpu = _median_ms(fn, repeats)
            out.append(Measurement(scale, label, wall, "ms", tgt, cpu))
        return out
    finally:
        store.close()


def time_queries(db_path: str | Path, repeats: int = 15) -> list[tuple[str, str]]:
    """(label, median) of warm runs of the dashboard's heavier queries on the database at `db_path`."""
    return [(m.label, m.figure) for m in _measure_queries(db_path, "national", repeats)]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _count(db_path: Path) -> int:
    store = open_store(db_path, read_only=True)
    try:
        return store.cursor().execute("SELECT count(*) FROM dossier_facts").fetchone()[0]
    finally:
        store.close()


# --- running ---------------------------------------------------------------------------

def _national(tmp: Path, repeats: int) -> list[Measurement]:
    db = tmp / "national.duckdb"
    built = build_national(db)
    size = f"{NATIONAL_UNITS:,} units × {NATIONAL_MONTHS} months × {NATIONAL_FIELDS} fields"
    out = [
        Measurement("national", f"build ({size})", built.seconds, "s"),
        Measurement("national", "dossier fact rows", built.rows, "rows"),
        Measurement("national", "file size", built.size_bytes / 2**20, "MB"),
        Measurement("national", "peak memory after build (ru_maxrss)", _peak_mb(), "MB", PEAK_MEMORY_TARGET_MB),
    ]
    out += _measure_queries(db, "national", repeats)
    out.append(Measurement("national", "peak memory, build + queries (ru_maxrss)", _peak_mb(), "MB",
                           PEAK_MEMORY_TARGET_MB))
    db.unlink(missing_ok=True)
    return out


def _demo(tmp: Path, repeats: int) -> list[Measurement]:
    db = tmp / "demo.duckdb"
    started = time.perf_counter()
    store = open_store(db)
    try:
        build_demo(store)
        store.cursor().execute("CHECKPOINT")
    finally:
        store.close()
    seconds = time.perf_counter() - started
    out = [
        Measurement("demo", "build (build_demo)", seconds, "s"),
        Measurement("demo", "dossier fact rows", _count(db), "rows"),
        Measurement("demo", "file size", db.stat().st_size / 2**20, "MB"),
    ]
    out += _measure_queries(db, "demo", repeats)
    out.append(Measurement("demo", "peak memory so far in this process (ru_maxrss)", _peak_mb(), "MB",
                           PEAK_MEMORY_TARGET_MB))
    db.unlink(missing_ok=True)
    return out


def print_table(measurements: list[Measurement]) -> None:
    width = max(len(f"{m.scale}: {m.label}") for m in measurements)
    fig_w = max(len(m.figure) for m in measurements)
    print(f"{'measure':<{width}}  {'figure':>{fig_w}}  {'target':>9}  result")
    print("-" * (width + fig_w + 22))
    for m in measurements:
        target = "" if m.target is None else f"≤ {m.target:,.0f} {m.unit}"
        print(f"{m.scale + ': ' + m.label:<{width}}  {m.figure:>{fig_w}}  {target:>9}  {m.verdict}")


def run(scale: str = "both", db_dir: str | Path | None = None, repeats: int = 15) -> list[tuple[str, str]]:
    """Builds the databases of `scale` under a temporary directory, measures, prints a table."""
    if scale not in ("demo", "national", "both"):
        raise ValueError(f"scale must be demo, national or both, not {scale!r}")
    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="metrics-bench-", dir=db_dir) as tmp:
        if scale in ("national", "both"):
            measurements += _national(Path(tmp), repeats)
        if scale in ("demo", "both"):
            measurements += _demo(Path(tmp), repeats)
    print_table(measurements)
    print(f"Medians of {repeats} warm runs (one discarded run first); targets apply to wall time, cpu is "
          "the process's CPU time over all threads. Peak memory is ru_maxrss of this process: it covers "
          "building and querying, and every earlier phase.")
    return [m.row() for m in measurements]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of the metrics layer (issue 2, item 7).")
    parser.add_argument("--scale", choices=("demo", "national", "both"), default="both")
    parser.add_argument("--db-dir", default=None, help="where to put the temporary databases")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    run(args.scale, args.db_dir, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
