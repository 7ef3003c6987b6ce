"""Ingest speed: validate-and-commit a 100,000-row CSV and .xlsx; peak memory.

    .venv/bin/python bench/ingest_bench.py [n_rows]

Rows are dossiers of the 17 city departments (valid since 2000) × 20 fields × as
many months as needed, all consistent, into a fresh on-disk database.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import ingest  # noqa: E402
from i18n.numbers import fmt_int, fmt_number  # noqa: E402
from ingest.templates import template_columns  # noqa: E402
from metrics.indicators import Family  # noqa: E402
from store import open_store  # noqa: E402
from store.reference import load_reference  # noqa: E402
from vocab.periods import add_months  # noqa: E402


def make_rows(units: list[str], fields: list[str], n_rows: int, last_month=None) -> pd.DataFrame:
    from datetime import date

    last_month = last_month or add_months(date.today().replace(day=1), -1)
    per_month = len(units) * len(fields)
    months = -(-n_rows // per_month)
    idx = np.arange(n_rows)
    rng = np.random.default_rng(7)
    online, direct, carried = (rng.integers(0, 50, n_rows) for _ in range(3))
    received = online + direct + carried
    early = rng.integers(0, 20, n_rows)
    on_time = rng.integers(0, 20, n_rows)
    late = rng.integers(0, 3, n_rows)
    resolved = early + on_time + late
    pending_on_time = np.maximum(received - resolved, 0)
    pending = pending_on_time
    received = resolved + pending  # consistent: 3 = 7 + 11
    direct = received - online - carried
    fix = direct < 0
    online = np.where(fix, received - carried, online)
    online = np.where(online < 0, 0, online)
    carried = np.where(received - online - carried < 0, received - online, carried)
    direct = received - online - carried
    month_list = [f"{add_months(last_month, -k):%Y-%m}" for k in range(months)]
    return pd.DataFrame({
        "unit_code": np.array(units)[(idx // len(fields)) % len(units)],
        "field_code": np.array(fields)[idx % len(fields)],
        "month": np.array(month_list)[idx // per_month],
        "received_total": received, "received_online": online, "received_direct": direct,
        "received_carried_over": carried, "resolved_total": resolved, "resolved_early": early,
        "resolved_on_time": on_time, "resolved_late": late, "pending_total": pending,
        "pending_on_time": pending_on_time, "pending_overdue": np.zeros(n_rows, dtype=int),
        "received_full_process": np.minimum(online, 3), "fee_dossiers": direct, "fee_paid_online": direct // 2,
        "electronic_results": resolved // 2, "digitised": online + direct,
        "resolved_late_unexcused": np.zeros(n_rows, dtype=int), "pending_overdue_unexcused": np.zeros(n_rows, dtype=int),
    })[list(template_columns(Family.DOSSIERS))]


def _xlsx_bytes(frame: pd.DataFrame) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Số liệu")
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _timed_import(db: Path, name: str, data: bytes) -> tuple[float, int]:
    store = open_store(db)
    try:
        start = time.perf_counter()
        parsed = ingest.parse_upload(store, name, data)
        assert not parsed.problems, [p.line() for p in parsed.problems[:5]]
        ingest.commit(store, [parsed], actor="bench")
        return time.perf_counter() - start, parsed.row_count
    finally:
        store.close()


def run(n_rows: int = 100_000) -> list[tuple[str, str]]:
    """(label, formatted figure) pairs: CSV and .xlsx validate+commit time, peak memory (maxrss)."""
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "ref.duckdb"
        store = open_store(template)
        load_reference(store)
        # 500 synthetic communes active since 2000: 10,000 rows a month over 20 fields, so
        # 100,000 rows are 10 months (a province-wide year-to-date upload), never a month
        # before a unit existed nor a merged unit.
        units = [f"bench-{i:04d}" for i in range(1, 501)]
        with store.transaction() as cur:
            cur.executemany("INSERT INTO units (code, name, unit_type, valid_from) VALUES (?, ?, 'commune', ?)",
                            [(code, f"Xã thử {code[-4:]}", date(2000, 1, 1)) for code in units])
        fields = [r[0] for r in store.cursor().execute("SELECT code FROM fields ORDER BY code").fetchall()]
        store.close()
        frame = make_rows(units, fields, n_rows)
        csv_data = frame.to_csv(index=False).encode("utf-8")
        xlsx_data = _xlsx_bytes(frame)

        results: list[tuple[str, str]] = []
        for label, name, data in (("CSV", "bench.csv", csv_data), (".xlsx", "bench.xlsx", xlsx_data)):
            db = Path(tmp) / f"{label.strip('.')}.duckdb"
            db.write_bytes(template.read_bytes())
            seconds, rows = _timed_import(db, name, data)
            results.append((f"{label} {fmt_int(rows)} dòng ({fmt_number(len(data) / 1e6)} MB): kiểm tra + ghi",
                            f"{fmt_number(seconds, 2)} s"))
        # tracemalloc would slow the timed runs several-fold; maxrss costs nothing.
        try:
            import resource

            results.append(("Bộ nhớ đỉnh tiến trình (maxrss)",
                             f"{fmt_number(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)} MB"))
        except ImportError:  # not on Windows
            pass
        return results


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for label, figure in run(n):
        print(f"{label}: {figure}")
