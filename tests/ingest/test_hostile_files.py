"""Hostile workbooks fail their own upload with a Vietnamese message; the server process survives.

python-calamine aborts the whole process (SIGABRT) on a 5 KB .xlsx with one value at XFD1048576
(STACK_NOTES). These files are written by hand, XML and all, so that each one is exactly the
attack it names. Every test goes through the public `ingest.parse_upload`: if a file reached
calamine in this process, pytest itself would die here.
"""

from __future__ import annotations

import io
import logging
import random
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook

import ingest
import ingest.readers
import ingest.sandbox
from ingest import Severity
from ingest.safety import FileKind
from ingest.sandbox import WorkbookRead, read_workbook_isolated
from ingest.workbook import read_workbook_here
from ingest.xlsx_guard import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, inspect_xlsx
from tests.ingest.conftest import TODAY
from tests.ingest.ingest_forms import BIEU06_HEADER, GOOD_VALUES, official_form

SHEET = "Số liệu"
PEAK_RSS_LIMIT = 500 * 1024 * 1024
_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Target="xl/workbook.xml" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
         '</Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             f'<sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
                  '</Relationships>')


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _table_rows(n: int = 30) -> str:
    """A small Biểu 06-like table (header + n rows), so the file looks like a real upload of a few KB."""
    header = BIEU06_HEADER.split(",")
    letters = [chr(65 + j) for j in range(len(header))]
    rows = ["<row r=\"1\">" + "".join(_cell(f"{c}1", h) for c, h in zip(letters, header, strict=True)) + "</row>"]
    for i in range(2, n + 2):
        values = ["phuong-hai-chau", "dat-dai", f"2026-{(i % 9) + 1:02d}", *GOOD_VALUES]
        rows.append(f'<row r="{i}">' + "".join(_cell(f"{c}{i}", v) for c, v in zip(letters, values, strict=True))
                    + "</row>")
    return "".join(rows)


def hand_made_xlsx(sheet_data: str, dimension: str | None = None, prefix: str = "") -> bytes:
    """A one-sheet workbook; `prefix` writes the sheet as .NET's OpenXML SDK does (<x:c>, <x:v>...)."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f"{dim}<sheetData>{sheet_data}</sheetData></worksheet>")
    if prefix:
        sheet = re.sub(r"<(/?)(worksheet|dimension|sheetData|row|c|v|is|t)\b", rf"<\1{prefix}:\2", sheet)
        sheet = sheet.replace("xmlns=", f"xmlns:{prefix}=")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/worksheets/sheet1.xml", sheet)):
            zf.writestr(name, text)
    return buf.getvalue()


def fingerprint(store) -> dict[str, int]:
    cur = store.cursor()
    return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("dossier_facts", "document_facts", "task_facts", "upload_batches")}


def worker_peaks(caplog) -> list[int]:
    return [r.peak_rss_bytes for r in caplog.records if hasattr(r, "peak_rss_bytes")]


FAR_CELLS = {
    # name: (extra row XML, the cell reference the message must show)
    "xfd_1048576.xlsx": ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "XFD1048576"),
    "az_1048576.xlsx": ('<row r="1048576"><c r="AZ1048576"><v>1</v></c></row>', "AZ1048576"),
    # calamine keeps a cell whose value is an empty string: it is as dangerous as a number.
    "empty_text_far.xlsx": ('<row r="900000"><c r="C900000" t="inlineStr"><is><t></t></is></c></row>', "C900000"),
    "far_column.xlsx": ('<row r="5"><c r="GS5"><v>1</v></c></row>', "GS5"),
    # calamine also reads lower-case references.
    "lower_case_ref.xlsx": ('<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>', "XFD1048576"),
}


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("name", list(FAR_CELLS))
def test_far_away_cell_is_refused_naming_file_sheet_and_cell(store, caplog, name, prefix):
    extra, ref = FAR_CELLS[name]
    data = hand_made_xlsx(_table_rows() + extra, prefix=prefix)
    assert 1_000 < len(data) < 8_000  # a few KB, like the file in STACK_NOTES
    before = fingerprint(store)
    caplog.set_level(logging.INFO, logger="ingest.sandbox")

    parsed = ingest.parse_upload(store, name, data, today=TODAY)

    assert parsed.frames == {}
    [problem] = parsed.errors
    assert problem.sheet == SHEET and problem.column == ref.rstrip("0123456789")
    assert problem.message == (
        f"Trang tính '{SHEET}' của tệp {name} có ô ở vị trí {ref}, vượt giới hạn {MAX_COLUMNS} cột × "
        f"{MAX_ROWS:,} dòng; hãy xóa các ô thừa ngoài bảng số liệu rồi lưu lại".replace("200,000", "200.000"))
    with pytest.raises(ingest.IngestError):
        ingest.commit(store, [parsed], actor="test")
    assert fingerprint(store) == before
    [peak] = worker_peaks(caplog)
    assert 0 < peak < PEAK_RSS_LIMIT


def test_style_only_far_cells_and_a_huge_declared_dimension_are_tolerated(store):
    """calamine ignores both (measured): the sheet is read by its real extent, as if they were absent."""
    plain = hand_made_xlsx(_table_rows())
    padded = hand_made_xlsx(_table_rows() + '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
                            '<row r="500000"><c r="B500000"><f>1+1</f></c></row>',  # a formula, no cached value
                            dimension="A1:XFD1048576")
    layout = inspect_xlsx("padded.xlsx", padded).sheet(SHEET)
    assert (layout.declared, layout.rows, layout.columns) == ("A1:XFD1048576", 31, 14)

    expected = ingest.parse_upload(store, "plain.xlsx", plain, today=TODAY)
    parsed = ingest.parse_upload(store, "padded.xlsx", padded, today=TODAY)
    assert parsed.row_count == expected.row_count == 30
    assert [p.message for p in parsed.problems] == [p.message for p in expected.problems]
    for family, frame in expected.frames.items():
        pd.testing.assert_frame_equal(parsed.frames[family], frame)


def _cell_bomb(rows: int, columns: int = 26) -> bytes:
    """More than MAX_CELLS small cells, each within the row and column limits. Thirty random row
    bodies keep deflate within the zip-bomb ratio check (safety.py), so the guard must count."""
    rng = random.Random(7)
    letters = [chr(65 + j) for j in range(columns)]
    bodies = ["".join(f'<c r="{c}#"><v>{rng.randrange(10_000)}</v></c>' for c in letters) for _ in range(30)]
    sheet = "".join(f'<row r="{r}">' + bodies[r % 30].replace("#", str(r)) + "</row>" for r in range(1, rows + 1))
    return hand_made_xlsx(sheet)


def test_sheet_with_millions_of_cells_is_refused_within_memory(store, caplog):
    rows = MAX_CELLS // 26 + 1_000
    data = _cell_bomb(rows)
    assert len(data) < 20 * 1024 * 1024
    before = fingerprint(store)
    caplog.set_level(logging.INFO, logger="ingest.sandbox")

    parsed = ingest.parse_upload(store, "bom_o.xlsx", data, today=TODAY)

    [problem] = parsed.errors
    assert problem.sheet == SHEET
    assert problem.message == (f"Trang tính '{SHEET}' của tệp bom_o.xlsx có hơn 5.000.000 ô có dữ liệu, vượt giới "
                               "hạn an toàn; hãy tách bảng số liệu thành nhiều tệp nhỏ hơn")
    assert fingerprint(store) == before
    [peak] = worker_peaks(caplog)
    assert 0 < peak < PEAK_RSS_LIMIT


def test_a_calamine_abort_without_the_guard_fails_only_that_upload():
    """The sandbox alone contains the crash from STACK_NOTES: SIGABRT in the worker, one problem here."""
    data = hand_made_xlsx(_table_rows(3) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    read = read_workbook_isolated("xfd.xlsx", data, FileKind.XLSX, None, None, guard=False)
    [problem] = read.problems
    assert read.tables == []
    assert problem.message.startswith("Không đọc được tệp xfd.xlsx: tệp vượt giới hạn bộ nhớ/thời gian khi đọc")
    assert "SIGABRT" in problem.message or "MB bộ nhớ" in problem.message


def test_a_worker_over_its_time_is_killed():
    data = hand_made_xlsx(_table_rows(3))
    read = read_workbook_isolated("cham.xlsx", data, FileKind.XLSX, None, None, timeout=0.001)
    assert [p.message for p in read.problems] == [
        "Không đọc được tệp cham.xlsx: tệp vượt giới hạn bộ nhớ/thời gian khi đọc (quá 0,001 giây); "
        "hãy xóa các ô thừa ngoài bảng số liệu, hoặc tách thành nhiều tệp nhỏ hơn"]


def test_doctype_is_refused():
    data = hand_made_xlsx(_table_rows(3))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet', 1)
            dst.writestr(info.filename, content)
    read = read_workbook_isolated("dtd.xlsx", buf.getvalue(), FileKind.XLSX, None, None)
    assert [p.message for p in read.problems] == [
        f"Trang tính '{SHEET}' của tệp dtd.xlsx bị từ chối: XML khai báo DOCTYPE/thực thể, "
        "điều mà bảng tính Excel thật không có"]


# --- legitimate files read exactly as before --------------------------------------------------


def _in_process(file, data, kind, unit, period, **_):
    tables, problems, notes = read_workbook_here(file, data, kind, unit, period)
    return WorkbookRead(tables, problems, notes)


def _template_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(BIEU06_HEADER.split(","))
    for field in ("dat-dai", "ho-tich", "chung-thuc"):
        ws.append(["phuong-hai-chau", field, "2026-10", *GOOD_VALUES])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD_FILES = {
    "template_text_cell.xlsx": None, "official_bad_sum.xlsx": None, "official_two_months.xlsx": None,
    "mau.xlsx": _template_xlsx,
    "bieu06.xlsx": lambda: official_form([("Đất đai", GOOD_VALUES), ("Hộ tịch", GOOD_VALUES)]),
}


@pytest.mark.parametrize("name", list(GOOD_FILES))
def test_legitimate_workbooks_read_the_same_through_the_sandbox(store, monkeypatch, caplog, name):
    from pathlib import Path

    make = GOOD_FILES[name]
    data = make() if make else (Path(__file__).parent / "corpus" / name).read_bytes()
    caplog.set_level(logging.INFO, logger="ingest.sandbox")
    isolated = ingest.parse_upload(store, name, data, today=TODAY)
    [peak] = worker_peaks(caplog)
    assert 0 < peak < PEAK_RSS_LIMIT
    monkeypatch.setattr(ingest.readers, "read_workbook_isolated", _in_process)
    direct = ingest.parse_upload(store, name, data, today=TODAY)

    assert isolated.problems == direct.problems
    assert isolated.notes == direct.notes
    assert isolated.frames.keys() == direct.frames.keys()
    for family, frame in direct.frames.items():
        pd.testing.assert_frame_equal(isolated.frames[family], frame)
    if make is not None:  # the hand-built good files import cleanly
        assert isolated.row_count > 0 and not [p for p in isolated.problems if p.severity is Severity.ERROR]


def test_the_reader_checks_calamine_grid_too():
    """Without the guard (the .xls path has none), a sheet beyond the limits that calamine could
    hold is still refused before Python copies it cell by cell."""
    data = hand_made_xlsx(_table_rows(3) + '<row r="250000"><c r="B250000"><v>1</v></c></row>')
    read = read_workbook_isolated("dai.xlsx", data, FileKind.XLSX, None, None, guard=False)
    assert [(p.sheet, p.message) for p in read.problems] == [(
        SHEET, f"Trang tính '{SHEET}' của tệp dai.xlsx có vùng dữ liệu đến ô N250000, vượt giới hạn "
               "200 cột × 200.000 dòng (và 10.000.000 ô); hãy xóa các ô thừa ngoài bảng số liệu rồi lưu lại")]
    assert read.peak_rss_bytes < PEAK_RSS_LIMIT
