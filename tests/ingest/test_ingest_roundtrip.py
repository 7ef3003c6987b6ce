"""Good files in every accepted format import to the right numbers."""

from __future__ import annotations

import io
import unicodedata

import pytest
from openpyxl import load_workbook

import ingest
from ingest.templates import DATA_SHEET, template_csv, template_xlsx
from metrics.indicators import Family
from tests.ingest.conftest import TODAY
from tests.ingest.ingest_forms import BIEU06_HEADER, GOOD_VALUES, csv_bytes, official_form


def _facts(store, table="dossier_facts", where="is_current"):
    return store.cursor().execute(f"SELECT * FROM {table} WHERE {where} ORDER BY ALL").df()


def _fill_template(store, family: Family, rows: list[list[object]]) -> bytes:
    wb = load_workbook(io.BytesIO(template_xlsx(store.cursor(), family)))
    ws = wb[DATA_SHEET]
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_template_round_trip_commits_the_figures(store):
    data = _fill_template(store, Family.DOSSIERS, [
        # unit, field, month, (3)…(13), full_process, fee, paid online, e-results, digitised,
        # resolved late without reason, overdue without reason
        ["Phường Hải Châu", "Đất đai", "2026-10", 10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0, 4, 6, 5, 7, 8, 1, 0],
        ["P. Hoà Cường", "ho-tich", "10/2026", 20, 15, 5, 0, 20, 10, 10, 0, 0, 0, 0, 15, 0, 0, 20, 20, 0, 0],
        ["so-tu-phap", "Tư pháp", "2026-09", 5, 0, 5, 0, 5, 0, 4, 1, 0, 0, 0, None, None, None, None, None, None, None],
    ])
    parsed = ingest.parse_upload(store, "mau.xlsx", data, today=TODAY)
    assert parsed.problems == ()
    assert ingest.preview(store, [parsed]).new_rows == 3
    [batch] = ingest.commit(store, [parsed], actor="cán bộ A")
    facts = _facts(store)
    assert list(facts["unit_code"]) == ["phuong-hai-chau", "phuong-hoa-cuong", "so-tu-phap"]
    assert list(facts["batch_id"]) == [batch] * 3
    extras = ["received_full_process", "fee_dossiers", "fee_paid_online", "electronic_results",
              "digitised", "resolved_late_unexcused", "pending_overdue_unexcused"]
    assert facts.loc[0, extras].tolist() == [4, 6, 5, 7, 8, 1, 0]
    assert facts.loc[1, "fee_dossiers"] == 0                 # an explicit 0 stays 0
    assert facts.loc[2, extras].isna().all()                 # blank cells are "not reported", never 0
    on_time = store.cursor().execute(
        "SELECT sum(resolved_early + resolved_on_time), sum(resolved_total) FROM dossier_facts WHERE is_current"
    ).fetchone()
    assert on_time == (4 + 3 + 10 + 10 + 0 + 4, 8 + 20 + 5)
    audit = store.cursor().execute("SELECT actor, action, target FROM audit_log").fetchall()
    assert audit == [("cán bộ A", "upload", f"batch:{batch}")]


def test_document_and_task_templates(store):
    docs = _fill_template(store, Family.DOCUMENTS, [["xa-hoa-vang", "2026-10", 120, 100]])
    tasks = _fill_template(store, Family.TASKS, [["so-noi-vu", "2026-10", 10, 7, 2, 1, 1, 1]])
    parsed = [ingest.parse_upload(store, n, d, today=TODAY) for n, d in (("vb.xlsx", docs), ("nv.xlsx", tasks))]
    assert [p.problems for p in parsed] == [(), ()]
    ingest.commit(store, parsed, actor="a")
    assert store.cursor().execute("SELECT unit_code, docs_outgoing_total, docs_outgoing_signed_electronic"
                                  " FROM document_facts").fetchall() == [("xa-hoa-vang", 120, 100)]
    assert store.cursor().execute("SELECT tasks_due, tasks_done_on_time, tasks_done_late_unexcused,"
                                  " tasks_overdue_unexcused FROM task_facts").fetchall() == [(10, 7, 1, 1)]


def test_template_csv_headers_are_snake_case():
    assert template_csv(Family.TASKS).decode("utf-8-sig").strip() == (
        "unit_code,month,tasks_due,tasks_done_on_time,tasks_done_late,tasks_overdue_open,"
        "tasks_done_late_unexcused,tasks_overdue_unexcused")


@pytest.mark.parametrize("sep,bom,decimal", [(",", False, "."), (";", True, ","), (";", False, "."), (",", True, ",")])
def test_csv_dialects(store, sep, bom, decimal):
    values = [str(v) for v in GOOD_VALUES]
    values[0] = f"10{decimal}0"  # a spreadsheet that wrote counts as decimals
    row = sep.join(["Phường Hải Châu", "Đất đai", "2026-10", *values])
    if sep == "," and decimal == ",":
        row = ",".join(["Phường Hải Châu", "Đất đai", "2026-10", '"10,0"', *map(str, GOOD_VALUES[1:])])
    data = csv_bytes(BIEU06_HEADER, [row], sep=sep, bom=bom)
    parsed = ingest.parse_upload(store, "x.csv", data, today=TODAY)
    assert parsed.problems == ()
    assert parsed.frames[Family.DOSSIERS]["received_total"].tolist() == [10]


def test_thousands_separators_and_nfd_names(store):
    nfd = unicodedata.normalize("NFD", "UBND phường Hoà Cường")
    data = csv_bytes(BIEU06_HEADER, [f"{nfd};dat-dai;2026-10;1.200;1.000;200;0;1 200;1.000;200;0;0;0;0"], sep=";")
    parsed = ingest.parse_upload(store, "x.csv", data, today=TODAY)
    assert parsed.problems == ()
    frame = parsed.frames[Family.DOSSIERS]
    assert frame["unit_code"].tolist() == ["phuong-hoa-cuong"]
    assert frame[["received_total", "received_online", "resolved_total"]].values.tolist() == [[1200, 1000, 1200]]


FORM_ROWS = [
    ("Đất đai", (12, 7, 3, 2, 10, 6, 3, 1, 2, 1, 1)),
    ("Hộ tịch", (30, 25, 5, 0, 30, 20, 10, 0, 0, 0, 0)),
    ("Lĩnh vực Chứng thực", (8, 0, 8, 0, 8, 8, 0, 0, None, None, None)),
]


@pytest.mark.parametrize("period_line", ["Kỳ báo cáo: Tháng 10/2026", "Từ ngày 01/10/2026 đến ngày 31/10/2026",
                                         "(Số liệu từ ngày 15/09/2026 đến ngày 14/10/2026)"])
@pytest.mark.parametrize("number_row", [True, False])
def test_official_form_imports_to_the_right_numbers(store, period_line, number_row):
    data = official_form(FORM_ROWS, period_line=period_line, number_row=number_row, alt_wording=not number_row)
    parsed = ingest.parse_upload(store, "bieu06.xlsx", data, today=TODAY)
    assert parsed.problems == ()
    ingest.commit(store, [parsed], actor="a")
    facts = _facts(store)
    assert set(facts["unit_code"]) == {"phuong-hai-chau"}
    assert {str(m)[:7] for m in facts["month"]} == {"2026-10"}
    got = facts.set_index("field_code").loc[["dat-dai", "ho-tich", "chung-thuc"],
                                            ["received_total", "resolved_on_time", "pending_overdue"]]
    # Chứng thực left the in-progress cells blank: "not reported" (NULL), never 0.
    assert got.astype(object).where(got.notna(), None).values.tolist() == [[12, 3, 1], [30, 10, 0], [8, 0, None]]
    first_row = 11 if number_row else 10  # header rows 8-9, "(1)…(13)" on row 10
    assert sorted(parsed.frames[Family.DOSSIERS]["_row"].tolist()) == [first_row, first_row + 1, first_row + 2]


def test_official_form_unit_line_and_unit_chosen_on_upload(store):
    with_line = official_form(FORM_ROWS[:1], agency=None, unit_line="Đơn vị báo cáo: UBND xã Hoà Vang")
    parsed = ingest.parse_upload(store, "a.xlsx", with_line, today=TODAY)
    assert parsed.problems == ()
    assert set(parsed.frames[Family.DOSSIERS]["unit_code"]) == {"xa-hoa-vang"}

    bare = official_form(FORM_ROWS[:1], agency=None, period_line=None)
    missing = ingest.parse_upload(store, "b.xlsx", bare, today=TODAY)
    assert {p.message.split(":")[0] for p in missing.errors} == {
        "Không xác định được đơn vị báo cáo", "Không xác định được kỳ báo cáo"}
    chosen = ingest.parse_upload(store, "b.xlsx", bare, unit="X. Hòa Vang", period="2026-10", today=TODAY)
    assert chosen.problems == ()
    assert set(chosen.frames[Family.DOSSIERS]["unit_code"]) == {"xa-hoa-vang"}

    conflict = ingest.parse_upload(store, "a.xlsx", with_line, unit="phuong-hai-chau", today=TODAY)
    assert any("khác đơn vị đã chọn" in p.message for p in conflict.errors)


def test_official_form_total_row_mismatch_is_a_warning(store):
    data = official_form(FORM_ROWS[:2])
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    ws["C13"] = 99  # the Tổng cộng row, column (3)
    buf = io.BytesIO()
    wb.save(buf)
    parsed = ingest.parse_upload(store, "t.xlsx", buf.getvalue(), today=TODAY)
    assert [(p.row, p.column) for p in parsed.warnings] == [(13, "C")]
    assert "Tổng cộng" in parsed.warnings[0].message
    assert not parsed.errors


def test_legacy_xls_is_read(store):
    """A real BIFF .xls cannot be written from Python here; calamine reads it, and sniffing accepts OLE."""
    from ingest.safety import FileKind, check_file

    assert check_file("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600) is FileKind.XLS


def test_same_key_on_two_sheets_is_an_error(store):
    from tests.ingest.ingest_forms import workbook_bytes

    header = BIEU06_HEADER.split(",")
    row = ["phuong-hai-chau", "dat-dai", "2026-10", *GOOD_VALUES]
    data = workbook_bytes({"T1": [header, row], "T2": [header, row]})
    parsed = ingest.parse_upload(store, "two.xlsx", data, today=TODAY)
    assert [(p.sheet, p.row, p.message) for p in parsed.errors] == [("T2", 2, "Trùng với dòng 2 của trang tính 'T1'")]
