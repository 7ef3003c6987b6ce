"""Small hand-made databases for tests: every number in them is chosen by hand."""

from __future__ import annotations

from datetime import date

from metrics.indicators import DOCUMENT_COLUMNS, DOSSIER_COLUMNS, TASK_COLUMNS
from store import Store, open_store


def new_store(path=":memory:") -> Store:
    return open_store(path)


def add_unit(store: Store, code: str, unit_type: str = "ward", name: str | None = None,
             valid_from: date = date(2000, 1, 1), valid_to: date | None = None) -> None:
    store.cursor().execute(
        "INSERT INTO units (code, name, unit_type, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
        [code, name or code.upper(), unit_type, valid_from, valid_to],
    )


def add_field(store: Store, code: str, name: str | None = None) -> None:
    store.cursor().execute("INSERT INTO fields (code, name) VALUES (?, ?)", [code, name or code])


def add_batch(store: Store, name: str = "test.csv", by: str = "test") -> int:
    return store.cursor().execute(
        "INSERT INTO upload_batches (source_file, sha256, uploaded_by, row_count) VALUES (?, ?, ?, 0) RETURNING id",
        [name, name, by],
    ).fetchone()[0]


def add_dossiers(store: Store, batch: int, unit: str, month: str, field: str = "f1", **values: int) -> None:
    """One dossier fact row; unspecified columns are 0. `month` is 'YYYY-MM'."""
    unknown = set(values) - set(DOSSIER_COLUMNS) - {"is_current"}
    assert not unknown, unknown
    cols = ["batch_id", "unit_code", "field_code", "month", *DOSSIER_COLUMNS, "is_current"]
    row = [batch, unit, field, date.fromisoformat(month + "-01"),
           *[values.get(c, 0) for c in DOSSIER_COLUMNS], values.get("is_current", True)]
    store.cursor().execute(
        f"INSERT INTO dossier_facts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", row
    )


def add_documents(store: Store, batch: int, unit: str, month: str, total: int, signed: int) -> None:
    store.cursor().execute(
        f"INSERT INTO document_facts (batch_id, unit_code, month, {', '.join(DOCUMENT_COLUMNS)})"
        " VALUES (?, ?, ?, ?, ?)",
        [batch, unit, date.fromisoformat(month + "-01"), total, signed],
    )


def add_tasks(store: Store, batch: int, unit: str, month: str, **values: int) -> None:
    store.cursor().execute(
        f"INSERT INTO task_facts (batch_id, unit_code, month, {', '.join(TASK_COLUMNS)})"
        f" VALUES (?, ?, ?, {', '.join('?' * len(TASK_COLUMNS))})",
        [batch, unit, date.fromisoformat(month + "-01"), *[values.get(c, 0) for c in TASK_COLUMNS]],
    )


def add_target(store: Store, indicator: str, year: int, value: float, unit_type: str = "*") -> None:
    store.cursor().execute(
        "INSERT OR REPLACE INTO targets (indicator, year, unit_type, value) VALUES (?, ?, ?, ?)",
        [indicator, year, unit_type, value],
    )


def resolved(total: int, on_time: int, early: int = 0) -> dict[str, int]:
    """Resolved columns for `total` dossiers of which `early + on_time` were in time."""
    return {"resolved_total": total, "resolved_early": early, "resolved_on_time": on_time,
            "resolved_late": total - on_time - early}
