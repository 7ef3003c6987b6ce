"""A workbook whose formulas carry no computed value (written by a program, not saved by Excel)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook

import ingest
from store import open_store
from store.reference import load_reference

HEADER = ["unit_code", "field_code", "month", "received_total", "received_online", "received_direct",
          "received_carried_over", "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
          "pending_total", "pending_on_time", "pending_overdue"]


def _workbook(total) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(HEADER)
    ws.append(["phuong-hai-chau", "dat-dai", "2026-10", total, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_formulas_without_cached_values_are_named_not_read_as_blanks(tmp_path):
    store = open_store(tmp_path / "f.duckdb")
    load_reference(store)
    before = store.cursor().execute("SELECT count(*) FROM dossier_facts").fetchone()
    parsed = ingest.parse_upload(store, "tong.xlsx", _workbook("=E2+F2+G2"), today=date(2026, 11, 28))
    [problem] = parsed.errors
    assert problem.sheet == "Số liệu"
    assert problem.message.startswith("Ô D2 chứa công thức nhưng tệp không lưu kết quả đã tính")
    assert "mở tệp bằng Excel, bấm Lưu" in problem.message
    assert store.cursor().execute("SELECT count(*) FROM dossier_facts").fetchone() == before


def test_plain_numbers_pass(tmp_path):
    store = open_store(tmp_path / "f.duckdb")
    load_reference(store)
    parsed = ingest.parse_upload(store, "so.xlsx", _workbook(10), today=date(2026, 11, 28))
    assert parsed.problems == ()
