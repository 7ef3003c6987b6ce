"""Biểu số 06 as offices and one-stop systems really export it (issue 10, points 3 and 4).

Every good file imports to hand-computed figures; every bad one is refused with its message
and leaves the database exactly as it was. Files come from make_real_corpus.py, built here.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pandas as pd
import pytest

import ingest
from ingest import IngestError, html_table
from ingest.html_table import html_grid, looks_like_html
from ingest.safety import UnsafeFile
from metrics.indicators import Family
from tests.ingest.conftest import TODAY, snapshot
from tests.ingest.make_real_corpus import THREE_ROW, TWO_ROW, Form, build_corpus, form_xlsx

COUNTS = ["received_total", "received_online", "received_direct", "received_carried_over",
          "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
          "pending_total", "pending_on_time", "pending_overdue"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    return build_corpus(tmp_path_factory.mktemp("real_corpus"))


def _parse(store, corpus, name: str, **kw) -> ingest.ParsedFile:
    return ingest.parse_upload(store, name, corpus[name].read_bytes(), today=TODAY, **kw)


def _commit(store, parsed: ingest.ParsedFile) -> pd.DataFrame:
    assert not parsed.errors, [p.line() for p in parsed.errors]
    ingest.commit(store, [parsed], actor="test", confirm_warnings=True)
    return store.cursor().execute(
        f"SELECT unit_code, field_code, strftime(month, '%Y-%m') AS month, {', '.join(COUNTS)} "
        "FROM dossier_facts WHERE is_current ORDER BY unit_code, field_code").df()


def _rows(facts: pd.DataFrame) -> dict[tuple[str, str, str], list[int]]:
    return {(r.unit_code, r.field_code, r.month): [int(getattr(r, c)) for c in COUNTS]
            for r in facts.itertuples(index=False)}


def _on_time_rate(facts: pd.DataFrame) -> float:
    return float((facts["resolved_early"] + facts["resolved_on_time"]).sum() / facts["resolved_total"].sum())


def test_three_row_merged_header_without_numbers(store, corpus):
    parsed = _parse(store, corpus, "ba_dong_tieu_de.xlsx")
    assert parsed.problems == ()
    # The extra columns and the "incl. returned/withdrawn" wording are noted, not imported.
    assert any("'Chờ bổ sung' không thuộc Biểu số 06" in n for n in parsed.notes)
    assert any("'Trả lại/Rút hồ sơ' không thuộc Biểu số 06" in n for n in parsed.notes)
    assert any("gồm cả hồ sơ trả lại/xin rút" in n for n in parsed.notes)
    # 9 title rows (heading, motto, form number, title, period, unit line, recipient, unit of
    # measure, blank), 3 header rows: data on rows 13–15, "Tổng cộng" on 16 is only a check.
    assert sorted(parsed.frames[Family.DOSSIERS]["_row"]) == [13, 14, 15]
    facts = _commit(store, parsed)
    assert _rows(facts) == {
        ("phuong-hai-chau", "dat-dai", "2026-10"): [40, 20, 15, 5, 32, 10, 18, 4, 8, 6, 2],
        ("phuong-hai-chau", "ho-tich", "2026-10"): [80, 50, 30, 0, 75, 60, 15, 0, 5, 5, 0],
        ("phuong-hai-chau", "xay-dung", "2026-10"): [12, 4, 6, 2, 10, 2, 5, 3, 2, 1, 1],
    }
    # On time = (early + on time) / resolved = (10+18 + 60+15 + 2+5) / (32+75+10) = 110 / 117.
    assert _on_time_rate(facts) == pytest.approx(110 / 117)


def test_formula_number_row_and_total_first(store, corpus):
    parsed = _parse(store, corpus, "dong_so_cong_thuc.xlsx")
    assert parsed.problems == ()
    # Title 7 rows + blank, header 9–10, "(3)=(4)+(5)+(6)" row 11, "Tổng cộng" 12, data 13–14.
    assert sorted(parsed.frames[Family.DOSSIERS]["_row"]) == [13, 14]
    facts = _commit(store, parsed)
    assert _rows(facts) == {
        ("xa-hoa-vang", "chung-thuc", "2026-09"): [60, 0, 60, 0, 60, 60, 0, 0, 0, 0, 0],
        ("xa-hoa-vang", "dat-dai", "2026-09"): [25, 5, 18, 2, 20, 5, 12, 3, 5, 3, 2],
    }
    # (5 + 12 + 60 + 0) / (20 + 60) = 77 / 80.
    assert _on_time_rate(facts) == pytest.approx(77 / 80)


def test_only_the_report_unit_line_names_the_unit(store, corpus):
    parsed = _parse(store, corpus, "chi_don_vi_bao_cao.xlsx")
    assert parsed.problems == ()
    assert _rows(_commit(store, parsed)) == {
        ("so-tu-phap", "ho-tich", "2026-10"): [14, 10, 4, 0, 12, 3, 8, 1, 2, 2, 0]}


def test_html_export_with_title_rows_inside_the_table(store, corpus):
    parsed = _parse(store, corpus, "html_tieu_de_trong_bang.xls")
    assert parsed.problems == ()
    assert set(parsed.frames[Family.DOSSIERS]["_sheet"]) == {"html_tieu_de_trong_bang"}
    facts = _commit(store, parsed)
    # Direct = "Trực tiếp" + "Dịch vụ bưu chính công ích": 20 + 10 = 30 and 280 + 20 = 300;
    # "1.300" is one thousand three hundred (Vietnamese thousands separator).
    assert _rows(facts) == {
        ("phuong-hoa-cuong", "chung-thuc", "2026-10"): [300, 0, 300, 0, 300, 290, 10, 0, 0, 0, 0],
        ("phuong-hoa-cuong", "ho-tich", "2026-10"): [1300, 1250, 30, 20, 1250, 1000, 200, 50, 50, 40, 10],
    }
    # (1000 + 200 + 290 + 10) / (1250 + 300) = 1500 / 1550.
    assert _on_time_rate(facts) == pytest.approx(1500 / 1550)


def test_html_export_utf16_with_title_before_the_table(store, corpus):
    parsed = _parse(store, corpus, "html_tieu_de_ngoai_bang.xls")
    assert parsed.problems == ()
    facts = _commit(store, parsed)
    assert _rows(facts) == {
        ("phuong-thanh-khe", "dat-dai", "2026-10"): [9, 6, 3, 0, 7, 1, 5, 1, 2, 0, 2],
        ("phuong-thanh-khe", "xay-dung", "2026-10"): [5, 5, 0, 0, 5, 5, 0, 0, 0, 0, 0],
    }
    assert _on_time_rate(facts) == pytest.approx((1 + 5 + 5) / (7 + 5))


def test_period_closing_on_the_14th_is_the_month_it_ends_in(store, corpus):
    parsed = _parse(store, corpus, "ky_15_den_14.xlsx")
    assert parsed.problems == ()  # a note, not a warning: nothing to confirm
    assert any("15/08/2026–14/09/2026" in n and "tháng 09/2026" in n for n in parsed.notes)
    assert _rows(_commit(store, parsed)) == {
        ("phuong-hai-chau", "dat-dai", "2026-09"): [10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0]}


def test_consolidated_06a_sheet_one_row_per_unit(store, corpus):
    parsed = _parse(store, corpus, "tong_hop_06a.xlsx")
    assert parsed.problems == ()  # "Tổng cộng" = sum of the unit rows: no warning
    assert any("Bỏ qua 2 dòng nhóm" in n for n in parsed.notes)  # "I. Cấp phường", "II. Cấp xã"
    facts = _commit(store, parsed)
    assert _rows(facts) == {
        ("phuong-hai-chau", "dat-dai", "2026-10"): [30, 20, 10, 0, 30, 10, 15, 5, 0, 0, 0],
        ("phuong-hoa-cuong", "dat-dai", "2026-10"): [16, 8, 8, 0, 12, 4, 6, 2, 4, 4, 0],
        ("xa-hoa-vang", "dat-dai", "2026-10"): [7, 1, 6, 0, 7, 0, 7, 0, 0, 0, 0],
    }
    # The group rows were not stored as units: 3 rows, 30 + 16 + 7 received.
    assert int(facts["received_total"].sum()) == 53


def test_html_06a_with_unit_cell_spanning_its_fields(store, corpus):
    parsed = _parse(store, corpus, "html_06a_don_vi_linh_vuc.xls")
    assert parsed.problems == ()
    assert _rows(_commit(store, parsed)) == {
        ("phuong-hai-chau", "dat-dai", "2026-10"): [30, 20, 10, 0, 30, 10, 15, 5, 0, 0, 0],
        ("phuong-hai-chau", "ho-tich", "2026-10"): [11, 11, 0, 0, 11, 11, 0, 0, 0, 0, 0],
        ("xa-hoa-vang", "xay-dung", "2026-10"): [4, 0, 4, 0, 3, 0, 2, 1, 1, 0, 1],
    }


def test_07a_layout_keeps_the_on_time_rate(store, corpus):
    parsed = _parse(store, corpus, "kieu_07a.xlsx")
    assert parsed.problems == ()
    assert any("không có cột 'Trước hạn'" in n and "tỷ lệ đúng hạn không đổi" in n for n in parsed.notes)
    assert (parsed.frames[Family.DOSSIERS]["resolved_early"] == 0).all()
    ingest.commit(store, [parsed], actor="test", confirm_warnings=True)
    rows = store.cursor().execute(
        "SELECT received_total, resolved_total, resolved_early, resolved_on_time, resolved_late, pending_total "
        "FROM dossier_facts WHERE is_current").fetchall()
    # 20 received = 18 resolved + 2 pending; 18 = 15 on time (early ones included) + 3 late; early 0.
    assert rows == [(20, 18, 0, 15, 3, 2)]
    # on-time rate (0 + 15) / 18 = 83,3 %, as the form says
    from metrics.values import single_value
    from vocab.periods import Period
    assert single_value(store.cursor(), "on_time_rate", Period.parse("2026-08")).value == pytest.approx(15 / 18)


def test_month_chosen_on_upload_only_fills_a_missing_period(store, corpus):
    missing = _parse(store, corpus, "khong_ky_bao_cao.xlsx")
    assert [p.message.split(":")[0] for p in missing.errors] == ["Không xác định được kỳ báo cáo"]
    for chosen in ("2026-10", "10/2026"):
        filled = _parse(store, corpus, "khong_ky_bao_cao.xlsx", period=chosen)
        assert filled.problems == ()
        assert {str(m)[:7] for m in filled.frames[Family.DOSSIERS]["month"]} == {"2026-10"}
    # A unit chosen by its code agrees with the title's spelling; a different unit does not.
    assert _parse(store, corpus, "ba_dong_tieu_de.xlsx", unit="phuong-hai-chau").problems == ()
    other = _parse(store, corpus, "ba_dong_tieu_de.xlsx", unit="phuong-hoa-cuong")
    assert [p.message for p in other.errors] == [
        "Đơn vị trong tiêu đề 'Phường Hải Châu' khác đơn vị đã chọn 'phuong-hoa-cuong'"]
    before = snapshot(store)
    stated = _parse(store, corpus, "ba_dong_tieu_de.xlsx", period="2026-09")
    assert [p.message for p in stated.errors] == ["Kỳ báo cáo trong tiêu đề (2026-10) khác kỳ đã chọn (2026-09)"]
    with pytest.raises(IngestError):
        ingest.commit(store, [stated], actor="test")
    assert snapshot(store) == before


REFUSED = [
    ("dau_bieu_khac_don_vi.xlsx", None, 6,
     "Đơn vị ở phần đầu biểu 'UBND PHƯỜNG HẢI CHÂU' (dòng 1) khác đơn vị báo cáo 'Phường Hòa Cường' (dòng 6): "
     "không biết số liệu thuộc đơn vị nào, hãy sửa tệp"),
    ("quy_iii.xlsx", None, None,
     "Kỳ báo cáo trong tệp là 01/07/2026–30/09/2026 (3 tháng; dòng 5: 'Quý III năm 2026'), không phải là một tháng; "
     "hệ thống chỉ nhận số liệu theo từng tháng"),
    ("nam_2026.xlsx", None, None, "Kỳ báo cáo trong tệp là 01/01/2026–31/12/2026 (12 tháng; dòng 5: 'BÁO CÁO NĂM 2026')"),
    ("luy_ke_tu_thang_1.xlsx", None, None, "Kỳ báo cáo trong tệp là 01/01/2026–30/09/2026 (9 tháng;"),
    ("khoang_ngay_3_thang.xlsx", None, None,
     "Kỳ báo cáo trong tệp là 01/07/2026–30/09/2026 (3 tháng; dòng 5: 'Từ ngày 01/07/2026 đến ngày 30/09/2026')"),
    ("sau_thang_dau_nam.xls", None, None, "Kỳ báo cáo trong tệp là 01/01/2026–30/06/2026 (6 tháng;"),
    ("trang_web.xls", None, None, "thực chất là một trang web (HTML) không chứa bảng Biểu số 06/VPCP/KSTT"),
    ("06a_khong_linh_vuc.xlsx", None, None, "Biểu tổng hợp theo đơn vị không ghi lĩnh vực"),
    ("06a_tat_ca_linh_vuc.xlsx", 3, None, "Biểu ghi 'Tất cả lĩnh vực': số liệu gộp mọi lĩnh vực không tách được"),
]


@pytest.mark.parametrize("chosen", [None, "2026-09"], ids=["no-choice", "month-chosen"])
@pytest.mark.parametrize(("name", "row_06a", "row", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_files_change_nothing(store, corpus, name, row_06a, row, message, chosen):
    before = snapshot(store)
    parsed = _parse(store, corpus, name, period=chosen)
    assert parsed.frames == {} or not parsed.ok
    matching = [p for p in parsed.errors if message in p.message]
    assert matching, [p.line() for p in parsed.problems]
    expected_row = row if row is not None else row_06a
    assert matching[0].row == expected_row
    if "Kỳ báo cáo trong tệp" in message and chosen:
        # A month chosen on upload never replaces the span the file states.
        assert "tháng đã chọn khi tải lên (2026-09) chỉ dùng khi tệp không ghi kỳ báo cáo" in matching[0].message
    with pytest.raises(IngestError):
        ingest.commit(store, [parsed], actor="test", confirm_warnings=True)
    assert snapshot(store) == before


def test_a_field_named_like_a_total_is_data(store):
    """"Công thương" starts like "Cộng": only a whole "Cộng"/"Tổng cộng (I+II)" label is the total row."""
    title = [["UBND PHƯỜNG HẢI CHÂU"], ["Kỳ báo cáo: Tháng 10 năm 2026"]]
    body = [[1, "Công thương", 4, 4, 0, 0, 4, 4, 0, 0, 0, 0, 0], [2, "Đất đai", 10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0],
            ["", "Tổng cộng (1+2)", 14, 9, 3, 2, 12, 8, 3, 1, 2, 2, 0]]
    parsed = ingest.parse_upload(store, "cong_thuong.xlsx", form_xlsx(Form(title, ["STT", "Lĩnh vực"], THREE_ROW, body)),
                                 today=TODAY)
    assert parsed.problems == ()
    assert sorted(parsed.frames[Family.DOSSIERS]["field_code"]) == ["cong-thuong", "dat-dai"]


def test_number_row_places_columns_when_the_field_header_is_unusual(store):
    title = [["UBND PHƯỜNG HẢI CHÂU"], ["Kỳ báo cáo: Tháng 10 năm 2026"]]
    numbers = [f"({k})" for k in range(1, 14)]
    form = Form(title, ["STT", "Nội dung"], TWO_ROW, [[1, "Đất đai", 10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0]], numbers=numbers)
    parsed = ingest.parse_upload(store, "noi_dung.xlsx", form_xlsx(form), today=TODAY)
    assert parsed.problems == ()
    assert parsed.frames[Family.DOSSIERS][["field_code", "received_total", "pending_on_time"]].values.tolist() == [
        ["dat-dai", 10, 2]]
    form.numbers = None  # without the numbers nothing says which column holds the fields: not guessed
    refused = ingest.parse_upload(store, "noi_dung.xlsx", form_xlsx(form), today=TODAY)
    assert [p.message.split(":")[0] for p in refused.errors] == ["Không nhận ra bảng số liệu"]


def test_month_not_over_yet_needs_confirmation(store):
    today = date.today()
    title = [["UBND PHƯỜNG HẢI CHÂU"], [f"Kỳ báo cáo: Tháng {today.month} năm {today.year}"]]
    data = form_xlsx(Form(title, ["STT", "Lĩnh vực"], THREE_ROW, [[1, "Đất đai", 10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0]]))
    parsed = ingest.parse_upload(store, "dang_do.xlsx", data, today=today)
    assert not parsed.errors
    assert [p.message.split(":")[0] for p in parsed.warnings] == [
        f"Kỳ báo cáo 01/{today:%m/%Y}–{pd.Timestamp(today).days_in_month}/{today:%m/%Y} chưa kết thúc (hôm nay "
        f"{today:%d/%m/%Y})"]
    before = snapshot(store)
    with pytest.raises(IngestError):
        ingest.commit(store, [parsed], actor="test")
    assert snapshot(store) == before
    ingest.commit(store, [parsed], actor="test", confirm_warnings=True)


# --- the HTML reader on its own -----------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"<html><body><table></table></body></html>",
    b"\xef\xbb\xbf  \r\n<!DOCTYPE html><html>",
    "<html><table><tr><td>1</td></tr></table></html>".encode("utf-16"),
    "\n<table><tr><td>x</td></tr></table>".encode("utf-16-le"),
    b"\n\n<meta http-equiv='Content-Type' content='text/html; charset=utf-8'><table>",
])
def test_html_is_recognised(data):
    assert looks_like_html(data)


@pytest.mark.parametrize("data", [b"PK\x03\x04rest", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"unit_code,month\n", b""])
def test_workbooks_and_text_are_not_html(data):
    assert not looks_like_html(data)


def test_rowspan_and_colspan_become_a_grid():
    page = (b"<table><tr><td rowspan='2'>STT</td><td colspan='2'>Nh\xc3\xb3m</td><td rowspan='2'>Z</td></tr>"
            b"<tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2<br>3</td><td>4</td><td>5</td></tr></table>")
    assert html_grid(page) == [["STT", "Nhóm", "Nhóm", "Z"], ["STT", "a", "b", "Z"], ["1", "2\n3", "4", "5"]]


def test_scripts_styles_and_entities_are_never_read():
    page = (b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><head>'
            b"<script>document.write('<table><tr><td>STT</td></tr></table>')</script>"
            b"<style>td{}</style></head><body><p>&x;</p><table><tr><td>ok</td></tr></table></body></html>")
    grid = html_grid(page)
    assert ["ok"] in grid
    assert not any("root:" in cell or "STT" in cell or "td{}" in cell for row in grid for cell in row)


def test_huge_spans_are_refused_quickly(monkeypatch):
    rows = b"".join(b"<tr><td colspan='1000' rowspan='1000'>x</td></tr>" for _ in range(5))
    with pytest.raises(UnsafeFile, match="rộng hơn 256 cột"):
        html_grid(b"<table>" + rows + b"</table>")
    # Rowspans fill at most the rows the table has: 3 rows of 200 columns each, not 1000 × 200.
    tall = b"<table><tr><td colspan='200' rowspan='1000'>x</td></tr><tr></tr><tr></tr></table>"
    assert [len(r) for r in html_grid(tall)] == [200, 200, 200]
    monkeypatch.setattr(html_table, "MAX_CELLS", 1000)
    many = b"<table>" + (b"<tr>" + b"<td>1</td>" * 200 + b"</tr>") * 6 + b"</table>"
    with pytest.raises(UnsafeFile, match=r"hơn 1\.000 ô"):
        html_grid(many)


def test_cli_period_only_fills_and_never_replaces(store, corpus, capsys):
    from ingest.cli import EXIT_ERRORS, EXIT_OK, run_import

    before = snapshot(store)
    assert run_import(store, [str(corpus["quy_iii.xlsx"])], dry_run=False, actor="cli", period="2026-09") == EXIT_ERRORS
    out = capsys.readouterr().out
    assert "Kỳ báo cáo trong tệp là 01/07/2026–30/09/2026 (3 tháng" in out
    assert "tháng đã chọn khi tải lên (2026-09) chỉ dùng khi tệp không ghi kỳ báo cáo" in out
    assert run_import(store, [str(corpus["khong_ky_bao_cao.xlsx"])], dry_run=True, actor="cli",
                      period="Quý III/2026") == EXIT_ERRORS
    assert "--period 'Quý III/2026' không hợp lệ" in capsys.readouterr().out
    assert snapshot(store) == before
    assert run_import(store, [str(corpus["ky_15_den_14.xlsx"])], dry_run=False, actor="cli") == EXIT_OK
    out = capsys.readouterr().out
    assert "[GHI CHÚ]" in out and "chốt số liệu ngày 14 hằng tháng) được ghi là tháng 09/2026" in out


def test_html_table_shaped_like_the_template_is_read_as_the_template(store):
    header = ["unit_code", "field_code", "month", *COUNTS]
    row = ["Phường Hải Châu", "Hộ tịch", "2026-10", 6, 6, 0, 0, 6, 5, 1, 0, 0, 0, 0]
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'></head><body>"
            "<table><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr><tr>"
            + "".join(f"<td>{v}</td>" for v in row) + "</tr></table></body></html>")
    parsed = ingest.parse_upload(store, "mau.xls", page.encode(), today=TODAY)
    assert parsed.problems == ()
    frame = parsed.frames[Family.DOSSIERS]
    assert frame[["unit_code", "field_code", "received_total", "resolved_early"]].values.tolist() == [
        ["phuong-hai-chau", "ho-tich", 6, 5]]


def test_legacy_windows_1258_page_is_decoded():
    page = ("<html><head><meta charset='windows-1258'></head><body><table><tr><td>Đơn vi\u0323</td></tr></table>"
            "</body></html>").encode("cp1258")
    [[cell]] = html_grid(page)
    assert unicodedata.normalize("NFC", cell) == "Đơn vị"


def test_a_form_column_missing_from_the_header_is_named(store):
    columns = [c for c in THREE_ROW if c[-1] != "Số mới tiếp nhận trực tuyến"]
    title = [["UBND PHƯỜNG HẢI CHÂU"], ["Kỳ báo cáo: Tháng 10/2026"]]
    data = form_xlsx(Form(title, ["STT", "Lĩnh vực"], columns, [[1, "Đất đai", 10, 3, 2, 8, 4, 3, 1, 2, 2, 0]]))
    before = snapshot(store)
    parsed = ingest.parse_upload(store, "thieu_cot.xlsx", data, today=TODAY)
    [error] = parsed.errors
    assert (error.sheet, error.row) == ("Biểu 06", 4)  # two title rows, a blank one, the header from row 4
    assert error.message.startswith("Biểu số 06: không nhận ra các cột 'received_online' (Nhận trực tuyến) trong "
                                    "phần tiêu đề bảng (dòng 4–6)")
    with pytest.raises(IngestError):
        ingest.commit(store, [parsed], actor="test")
    assert snapshot(store) == before
