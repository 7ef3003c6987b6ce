"""Files as offices really save them, and the precise Vietnamese message each one gets.

Each case is a small hand-made file run through `parse_upload` (the page's and the CLI's path).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from ingest import parse_upload
from ingest.formula_check import formula_cells_without_value, formula_problem_message
from ingest.model import Severity
from ingest.xlsx_guard import inspect_xlsx
from metrics.indicators import Family
from tests.ingest.conftest import TODAY
from tests.ingest.ingest_forms import BIEU06_HEADER, GOOD_VALUES

GOOD = ",".join(map(str, GOOD_VALUES))
ROW = f"phuong-hai-chau,dat-dai,2026-10,{GOOD}"
ENGLISH = re.compile(r"\b(Error|Expected|fields|line|saw|tokeniz|codec|binary|decode)\b", re.IGNORECASE)


def text_of(parsed) -> str:
    return "\n".join(p.line() for p in parsed.problems)


def parse(store, name: str, data: bytes):
    return parse_upload(store, name, data, today=TODAY)


def months(parsed) -> list[date]:
    return sorted({m.date() for m in parsed.frames[Family.DOSSIERS]["month"]})


# --- CSV: Excel's "sep=" line, UTF-16, ragged lines ------------------------------------------

def test_sep_line_from_excel_is_the_delimiter(store):
    body = "sep=;\r\n" + BIEU06_HEADER.replace(",", ";") + "\r\n" + ROW.replace(",", ";") + "\r\n"
    parsed = parse(store, "excel-sep.csv", body.encode("utf-8-sig"))
    assert parsed.ok, text_of(parsed)
    assert parsed.row_count == 1 and months(parsed) == [date(2026, 10, 1)]


def test_sep_line_wins_over_a_guess(store):
    # A delimiter we would never guess (the guess looks at ; , and tab only).
    body = "sep=|\n" + BIEU06_HEADER.replace(",", "|") + "\n" + ROW.replace(",", "|") + "\n"
    parsed = parse(store, "sep-pipe.csv", body.encode())
    assert parsed.ok, text_of(parsed)
    assert parsed.row_count == 1


def test_sep_line_keeps_row_numbers_as_excel_shows_them(store):
    body = "sep=;\n" + BIEU06_HEADER.replace(",", ";") + "\n" + ROW.replace(",", ";").replace(";10;5;", ";10;x;", 1) + "\n"
    parsed = parse(store, "sep-rows.csv", body.encode())
    [problem] = parsed.errors
    assert problem.row == 2 and "giá trị 'x' không phải là số" in problem.message   # Excel hides the sep line


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_from_excel_is_read_not_called_binary(store, encoding):
    body = BIEU06_HEADER.replace(",", "\t") + "\r\n" + ROW.replace(",", "\t") + "\r\n"
    data = body.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data            # Python's utf-16-be adds no BOM; Excel's files have one
    assert data.startswith((b"\xff\xfe", b"\xfe\xff"))
    parsed = parse(store, "unicode-text.txt", data)
    assert parsed.ok, text_of(parsed)
    assert "nhị phân" not in text_of(parsed)
    assert parsed.row_count == 1


def test_a_ragged_line_is_named_in_vietnamese(store):
    body = BIEU06_HEADER + "\n" + ROW + "\n" + ROW + ",1,2,3\n"
    parsed = parse(store, "ragged.csv", body.encode())
    [problem] = parsed.errors
    assert problem.row == 3
    assert problem.message.startswith("Dòng 3 có 17 cột trong khi dòng tiêu đề có 14 cột (phân cách bằng dấu phẩy)")
    assert not ENGLISH.search(problem.message), problem.message


# --- months written as Excel day serials -----------------------------------------------------

@pytest.mark.parametrize("cell", ["46296", "46296.0"])
def test_excel_day_serial_in_the_month_column_is_read_with_a_warning(store, cell):
    parsed = parse(store, "serial.csv", f"{BIEU06_HEADER}\n{ROW.replace('2026-10', cell)}\n".encode())
    assert not parsed.errors, text_of(parsed)
    [warning] = parsed.warnings
    assert warning.severity is Severity.WARNING and warning.row == 2 and warning.column == "month"
    assert warning.message == (f"Tháng '{cell}' là số ngày kiểu Excel (= ngày 01/10/2026), đã hiểu là tháng "
                               "10/2026; hãy xác nhận, hoặc định dạng cột tháng là Văn bản và ghi dạng 2026-10")
    assert months(parsed) == [date(2026, 10, 1)]


def test_a_number_that_is_no_serial_stays_an_invalid_month(store):
    parsed = parse(store, "month-number.csv", f"{BIEU06_HEADER}\n{ROW.replace('2026-10', '202610')}\n".encode())
    [error] = parsed.errors
    assert error.message == "Tháng '202610' không hợp lệ (dạng YYYY-MM, ví dụ 2026-10)"


# --- negative counts -------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["-5.0", "-5,0", "-5", "−5", "(5)"])
def test_negative_counts_are_called_negative(store, cell):
    row = ROW.replace(",2,2,0", f",2,2,{cell}" if "," not in cell else f',2,2,"{cell}"')
    parsed = parse(store, "negative.csv", f"{BIEU06_HEADER}\n{row}\n".encode())
    [error] = parsed.errors
    assert error.row == 2 and error.column == "pending_overdue"
    assert error.message == (f"Cột 'pending_overdue' (Đang giải quyết quá hạn): số âm '{cell}' không hợp lệ "
                             "(số đếm phải từ 0 trở lên)")
    assert "số nguyên" not in error.message and "không phải là số" not in error.message


def test_negative_number_cell_in_a_workbook(store):
    wb = Workbook()
    ws = wb.active
    ws.append(BIEU06_HEADER.split(","))
    ws.append(["phuong-hai-chau", "dat-dai", "2026-10", *GOOD_VALUES[:-1], -5.0])
    buf = io.BytesIO()
    wb.save(buf)
    parsed = parse(store, "negative.xlsx", buf.getvalue())
    [error] = parsed.errors
    assert "số âm '-5.0' không hợp lệ" in error.message and "số nguyên" not in error.message


# --- formulas without a cached value (detector for the xlsx guard) ----------------------------

def workbook_with_formula() -> bytes:
    """As generators write it: openpyxl stores the formula and no computed value."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws["A1"], ws["A2"], ws["A3"] = 5, 6, "=SUM(A1:A2)"
    other = wb.create_sheet("Tổng hợp")
    other["C4"] = "='Số liệu'!A3*2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def with_cached_values(data: bytes) -> bytes:
    """The same workbook as Excel saves it: every <f> followed by its <v>."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"(<f>[^<]*</f>)(<v\s*/>|<v></v>)?", rb"\1<v>11</v>", body)
            dst.writestr(info, body)
    return out.getvalue()


def test_formulas_without_values_are_found_per_sheet():
    data = workbook_with_formula()
    layout = inspect_xlsx("f.xlsx", data)

    def without_value(workbook: bytes) -> list[tuple[str, str]]:
        with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
            return [(sheet.name, cell) for sheet in layout.sheets if sheet.formulas
                    for cell in formula_cells_without_value(zf.open(sheet.part))]

    assert without_value(data) == [("Số liệu", "A3"), ("Tổng hợp", "C4")]
    assert without_value(with_cached_values(data)) == []


def test_formula_detector_on_sheet_xml():
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    xml = (f'<worksheet {ns}><sheetData><row r="1">'
           '<c r="A1"><v>1</v></c>'
           '<c r="B1"><f>A1*2</f></c>'                       # formula, no value
           '<c r="C1"><f>A1*3</f><v></v></c>'                 # empty value
           '<c r="D1" t="str"><f>"x"</f><v>x</v></c>'        # cached
           '<c r="E1" t="inlineStr"><is><t>chữ</t></is></c>'
           '<c r="F1"><f t="shared" si="0"/></c>'            # shared formula, no value
           '</row></sheetData></worksheet>').encode()
    assert formula_cells_without_value(xml) == ["B1", "C1", "F1"]
    assert formula_cells_without_value(io.BytesIO(xml)) == ["B1", "C1", "F1"]


def test_formula_message_names_cells_and_what_to_do():
    message = formula_problem_message([f"A{i}" for i in range(1, 14)])
    assert message.startswith("Ô A1, A2, A3, A4, A5, A6, A7, A8, A9, A10 và 3 ô khác chứa công thức")
    assert "mở tệp bằng Excel, bấm Lưu rồi tải lên lại" in message
