"""Reading a one-stop system's "Excel" export (HTML saved as .xls) of 10,000 rows.

    .venv/bin/python bench/html_bench.py [n_rows]

The export is a consolidated Biểu 06a (one row per unit and field, the unit cell spanning
its field rows, three-row merged header, title in <p> lines): 500 synthetic units × 20
fields for one month, all consistent, in a fresh temporary database. Timed: the HTML grid
alone, and `ingest.parse_upload` (grid + Biểu 06 reader + matching + validation), medians
of warm runs.
"""

from __future__ import annotations

import html
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import ingest  # noqa: E402
from i18n.numbers import fmt_int, fmt_number  # noqa: E402
from ingest.html_table import html_grid  # noqa: E402
from store import open_store  # noqa: E402
from store.reference import load_reference  # noqa: E402
from vocab.periods import add_months  # noqa: E402

RUNS = 5
_HEADER = """<tr><th rowspan="3">STT</th><th rowspan="3">Đơn vị</th><th rowspan="3">Lĩnh vực</th>
<th colspan="4">Số hồ sơ nhận giải quyết</th><th colspan="7">Kết quả giải quyết</th></tr>
<tr><th rowspan="2">Tổng số</th><th colspan="3">Trong đó</th><th colspan="4">Số hồ sơ đã giải quyết</th>
<th colspan="3">Số hồ sơ đang giải quyết</th></tr>
<tr><th>Số mới tiếp nhận trực tuyến</th><th>Số mới tiếp nhận trực tiếp, dịch vụ bưu chính</th>
<th>Số kỳ trước chuyển qua</th><th>Tổng số</th><th>Trả trước hạn</th><th>Trả đúng thời hạn</th><th>Trả quá hạn</th>
<th>Tổng số</th><th>Chưa đến hạn</th><th>Quá hạn</th></tr>"""


def export_html(units: list[str], fields: list[str], month: date, seed: int = 7) -> bytes:
    """A consistent consolidated export: every unit × every field, in the systems' HTML."""
    rng = np.random.default_rng(seed)
    n = len(units) * len(fields)
    online, direct, carried = (rng.integers(0, 60, n) for _ in range(3))
    received = online + direct + carried
    early = rng.integers(0, 20, n)
    on_time = rng.integers(0, 20, n)
    late = rng.integers(0, 3, n)
    resolved = np.minimum(early + on_time + late, received)
    early = np.minimum(early, resolved)
    on_time = np.minimum(on_time, resolved - early)
    late = resolved - early - on_time
    pending = received - resolved
    overdue = np.minimum(pending, rng.integers(0, 3, n))
    not_due = pending - overdue
    values = np.column_stack([received, online, direct, carried, resolved, early, on_time, late,
                              pending, not_due, overdue])
    out = ["<html><head><meta charset='utf-8'></head><body>", "<p>UBND THÀNH PHỐ ĐÀ NẴNG</p>",
           "<p>Biểu số II.06a/VPCP/KSTT</p>", f"<p>Kỳ báo cáo: Tháng {month.month} năm {month.year}</p>",
           '<table border="1">', _HEADER]
    k = 0
    for unit in units:
        for j, field in enumerate(fields):
            unit_cell = f'<td rowspan="{len(fields)}">{html.escape(unit)}</td>' if j == 0 else ""
            cells = "".join(f"<td>{v}</td>" for v in values[k])
            out.append(f"<tr><td>{k + 1}</td>{unit_cell}<td>{html.escape(field)}</td>{cells}</tr>")
            k += 1
    out.append("</table><p>Người lập biểu</p></body></html>")
    return "\n".join(out).encode("utf-8")


def _median(fn, runs: int = RUNS) -> tuple[float, float]:
    """(wall, CPU) medians in seconds. The CPU time is this process's own: on a shared machine the
    wall time also counts the waits for a core."""
    fn()  # warm: imports, first parse
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def run(n_rows: int = 10_000) -> list[tuple[str, str]]:
    """(label, figure) pairs: grid only, and parse + validate, for an HTML export of `n_rows` rows."""
    with tempfile.TemporaryDirectory(prefix="html-bench-") as tmp:
        store = open_store(Path(tmp) / "html.duckdb")
        try:
            load_reference(store)
            cur = store.cursor()
            fields = [r[0] for r in cur.execute("SELECT name FROM fields ORDER BY code").fetchall()]
            n_units = -(-n_rows // len(fields))
            # Synthetic units in this throwaway database only: real Đà Nẵng has 111, a
            # 10,000-row month needs more units than that.
            units = [(f"bench-u{k:04d}", f"Đơn vị thử {k:04d}") for k in range(1, n_units + 1)]
            cur.executemany("INSERT INTO units (code, name, unit_type, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
                            [(code, name, "department", date(2000, 1, 1), None) for code, name in units])
            month = add_months(date.today().replace(day=1), -1)
            data = export_html([name for _, name in units], fields, month)
            parsed = ingest.parse_upload(store, "bench.xls", data)
            assert not parsed.problems, [p.line() for p in parsed.problems[:5]]
            rows = parsed.row_count
            grid_s = _median(lambda: html_grid(data))
            parse_s = _median(lambda: ingest.parse_upload(store, "bench.xls", data))
        finally:
            store.close()
    size = f"{fmt_number(len(data) / 1e6)} MB"

    def figure(times: tuple[float, float]) -> str:
        return f"{fmt_number(times[0], 2)} s (CPU {fmt_number(times[1], 2)} s)"

    return [
        (f"HTML .xls {fmt_int(rows)} dòng ({size}): bảng HTML → lưới ô", figure(grid_s)),
        (f"HTML .xls {fmt_int(rows)} dòng ({size}): đọc + kiểm tra (parse_upload)", figure(parse_s)),
    ]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for label, figure in run(n):
        print(f"{label}: {figure}")
