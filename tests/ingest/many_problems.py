"""A CSV with exactly 43,022 problems (the size of the slow report in issue 10).

    .venv/bin/python tests/ingest/many_problems.py OUT.csv   # then time `cli.py import OUT.csv --dry-run`

14,341 rows of the same unit-field-month, each with two unreadable cells: 2 "không phải là số"
problems per row plus one "Trùng" per row after the first = 3 × 14,341 − 1 = 43,022.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # also run as a script from the project root
    sys.path.insert(0, str(ROOT))

from metrics.indicators import DOSSIER_COLUMNS  # noqa: E402

# Every dossier column the schema has today (the list grows), each 0 unless set here.
VALUES = {"received_total": "10", "received_online": "x", "received_direct": "3", "received_carried_over": "2",
          "resolved_total": "8", "resolved_early": "x", "resolved_on_time": "3", "resolved_late": "1",
          "pending_total": "2", "pending_on_time": "2", "pending_overdue": "0"}
HEADER = ",".join(("unit_code", "field_code", "month", *DOSSIER_COLUMNS))
ROW = ",".join(("phuong-hai-chau", "dat-dai", "2026-10", *(VALUES.get(c, "0") for c in DOSSIER_COLUMNS)))
ROWS = 14_341
PROBLEMS = 3 * ROWS - 1


def many_problems_csv(rows: int = ROWS) -> bytes:
    return ("\n".join([HEADER, *([ROW] * rows)]) + "\n").encode("utf-8")


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(many_problems_csv())
    print(f"{sys.argv[1]}: {ROWS} dòng, {PROBLEMS} vấn đề")
