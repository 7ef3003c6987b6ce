"""Hidden sheets, rows and columns are not imported, and the parsed file says what was skipped.

A workbook's hidden parts are drafts, old versions or helper columns: what the office sees on
screen is what it reports. Each hidden place below holds data that validation would reject
(an unknown unit, a count larger than its total), so importing it by mistake cannot go unnoticed.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

import ingest
from ingest.xlsx_guard import inspect_xlsx
from tests.ingest.conftest import TODAY
from tests.ingest.ingest_forms import BIEU06_HEADER, GOOD_VALUES

SHEET = "Số liệu"
HEADER = BIEU06_HEADER.split(",")
FIELDS = ("dat-dai", "ho-tich", "chung-thuc", "tu-phap")
BAD_ROW = ["ĐƠN VỊ NHÁP KHÔNG CÓ", "dat-dai", "2026-10", 999, 999, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def _workbook(rows: list[list[object]]) -> tuple[Workbook, object]:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    return wb, ws


def _bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _good(field: str) -> list[object]:
    return ["phuong-hai-chau", field, "2026-10", *GOOD_VALUES]


def _imported_fields(parsed) -> list[str]:
    return sorted(parsed.frames[next(iter(parsed.frames))]["field_code"])


def test_hidden_rows_are_skipped_and_named(store):
    wb, ws = _workbook([_good("dat-dai"), BAD_ROW, BAD_ROW, _good("ho-tich"), BAD_ROW, _good("chung-thuc")])
    for r in (3, 4, 6):  # Excel rows of the three bad rows (row 1 is the header)
        ws.row_dimensions[r].hidden = True
    ws.row_dimensions[20].hidden = True  # hidden but empty: nothing was skipped there
    data = _bytes(wb)
    assert inspect_xlsx("an_dong.xlsx", data).sheet(SHEET).hidden_rows == {3, 4, 6, 20}

    parsed = ingest.parse_upload(store, "an_dong.xlsx", data, today=TODAY)

    assert parsed.errors == ()
    assert _imported_fields(parsed) == ["chung-thuc", "dat-dai", "ho-tich"]
    assert parsed.notes == (f"Bỏ qua 3 dòng ẩn (dòng 3–4, 6) của trang tính '{SHEET}'",)


def test_a_hidden_sheet_is_skipped_and_named(store):
    wb, _ = _workbook([_good("dat-dai")])
    draft = wb.create_sheet("Nháp")
    draft.append(HEADER)
    draft.append(BAD_ROW)
    draft.sheet_state = "hidden"
    secret = wb.create_sheet("Cũ")
    secret.append(HEADER)
    secret.append(_good("ho-tich"))
    secret.sheet_state = "veryHidden"

    parsed = ingest.parse_upload(store, "an_trang.xlsx", _bytes(wb), today=TODAY)

    assert parsed.errors == ()
    assert _imported_fields(parsed) == ["dat-dai"]
    assert parsed.notes == ("Bỏ qua trang tính ẩn 'Nháp'", "Bỏ qua trang tính ẩn 'Cũ'")


def test_a_hidden_column_is_skipped_and_named(store):
    """Column O holds 'digitised' = 999 on every row, more than the 10 dossiers received: imported,
    it would be an error; hidden, it is skipped like a column the file does not have."""
    wb, ws = _workbook([[*_good(f), 999] for f in FIELDS[:2]])
    ws["O1"] = "digitised"
    ws.column_dimensions["O"].hidden = True
    plain_wb, _ = _workbook([_good(f) for f in FIELDS[:2]])

    parsed = ingest.parse_upload(store, "an_cot.xlsx", _bytes(wb), today=TODAY)
    plain = ingest.parse_upload(store, "khong_an.xlsx", _bytes(plain_wb), today=TODAY)

    assert parsed.errors == ()
    assert parsed.notes == (f"Bỏ qua cột ẩn O của trang tính '{SHEET}'",)
    frame = parsed.frames[next(iter(parsed.frames))]
    assert not (frame.select_dtypes("number") == 999).any().any()
    assert [p.message for p in parsed.problems] == [p.message for p in plain.problems]


def test_visible_workbook_has_no_notes(store):
    wb, _ = _workbook([_good("dat-dai")])
    parsed = ingest.parse_upload(store, "mau.xlsx", _bytes(wb), today=TODAY)
    assert parsed.notes == () and parsed.errors == ()
