"""The upload and batches pages (AppTest) and the blank Biểu 06 they offer."""

from __future__ import annotations

import io
import tomllib

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

import ingest
from ingest.safety import DEFAULT_MAX_UPLOAD_MB
from ingest.templates import OFFICIAL_FORM_SHEET, official_form_xlsx
from metrics.indicators import Family
from tests.ingest.conftest import ROOT, TODAY
from tests.ingest.ingest_forms import BIEU06_HEADER, csv_bytes

ROW = "phuong-hai-chau,{field},2026-10,10,5,3,2,8,4,3,1,2,2,0"
REPLACE_LABEL = "Thay thế toàn bộ số liệu của đơn vị – tháng (xóa các lĩnh vực không có trong tệp)"


def page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def dossier_csv(*fields: str) -> bytes:
    return csv_bytes(BIEU06_HEADER, [ROW.format(field=f) for f in fields])


def table(at: AppTest, column: str):
    """The first table on screen with this header (st.dataframe keys are not visible to AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def button_keys(at: AppTest) -> list[str]:
    return [b.key for b in at.button]


def test_the_server_upload_limit_is_the_one_ingest_applies():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == DEFAULT_MAX_UPLOAD_MB


def test_uploader_speaks_vietnamese_and_states_the_real_limit(pages_store):
    at = page("upload.py")
    uploader = at.get("file_uploader")[0]
    assert uploader.label == (f"Chọn tệp số liệu (.xlsx, .xls, .csv) — tối đa {DEFAULT_MAX_UPLOAD_MB} MB mỗi tệp, "
                              "có thể chọn nhiều tệp")
    assert uploader.proto.max_upload_size_mb == DEFAULT_MAX_UPLOAD_MB
    assert "tpl_official_form" in [b.key for b in at.get("download_button")]


def test_commit_button_is_gone_after_the_commit_until_new_files_are_chosen(pages_store):
    at = page("upload.py")
    at.get("file_uploader")[0].upload("thang10.csv", dossier_csv("dat-dai"), "text/csv").run()
    assert at.checkbox(key="upload_replace_unit_month").label == REPLACE_LABEL
    assert "upload_commit" in button_keys(at)
    at.button(key="upload_commit").click().run()
    assert not at.exception
    assert at.success[0].value == "Đã ghi các lô #1."
    assert "upload_commit" not in button_keys(at)
    at.run()  # any later rerun with the same files: still no second commit
    assert "upload_commit" not in button_keys(at) and not at.error
    assert pages_store.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()[0] == 1

    at.get("file_uploader")[0].set_value(("ho_tich.csv", dossier_csv("ho-tich"), "text/csv")).run()
    assert "upload_commit" in button_keys(at)


def test_replacing_the_unit_month_lists_the_rows_it_drops_first(pages_store):
    [parsed] = [ingest.parse_upload(pages_store, "thang10.csv", dossier_csv("dat-dai", "ho-tich"), today=TODAY)]
    ingest.commit(pages_store, [parsed], actor="a")
    fix = dossier_csv("dat-dai").replace(b",10,5,3,2,", b",10,6,2,2,")
    at = page("upload.py")
    at.get("file_uploader")[0].upload("sua.csv", fix, "text/csv").run()
    changes = table(at, "Số cũ")
    assert list(changes.columns) == ["Tệp", "Nhóm số liệu", "Đơn vị", "Lĩnh vực", "Tháng", "Chỉ tiêu", "Số cũ", "Số mới"]
    assert changes[["Chỉ tiêu", "Số cũ", "Số mới"]].values.tolist() == [["Nhận trực tuyến", 5, 6],
                                                                        ["Nhận trực tiếp, dịch vụ bưu chính", 3, 2]]
    assert not at.warning  # merging drops nothing

    at.checkbox(key="upload_replace_unit_month").check().run()
    assert not at.exception
    assert "1 dòng đang có sẽ bị xóa" in at.warning[0].value
    dropped = table(at, "Tổng số đã giải quyết")
    assert dropped[["Đơn vị", "Lĩnh vực", "Tháng"]].values.tolist() == [["phuong-hai-chau", "ho-tich", "2026-10"]]
    assert dropped["Tổng số đã giải quyết"].tolist() == [8]
    at.button(key="upload_commit").click().run()
    current = pages_store.cursor().execute("SELECT field_code FROM dossier_facts WHERE is_current").fetchall()
    assert current == [("dat-dai",)]


def test_two_files_writing_the_same_key_are_refused_on_the_page(pages_store):
    at = page("upload.py")
    at.get("file_uploader")[0].set_value([("A.csv", dossier_csv("dat-dai"), "text/csv"),
                                          ("B.csv", dossier_csv("dat-dai", "ho-tich"), "text/csv")]).run()
    assert not at.exception
    assert at.error[0].value == ("Tệp A.csv và B.csv cùng ghi số liệu Phường Hải Châu · Đất đai · 10/2026; "
                                 "hãy bỏ một tệp")
    assert "upload_commit" not in button_keys(at)


def test_long_problem_lists_are_capped_with_a_full_download(pages_store):
    bad = csv_bytes(BIEU06_HEADER, [ROW.format(field="dat-dai").replace(",8,4,", ",abc,4,")
                                    .replace("2026-10", f"{2000 + k // 12}-{k % 12 + 1:02d}") for k in range(250)])
    at = page("upload.py")
    at.get("file_uploader")[0].upload("bad.csv", bad, "text/csv").run()
    assert not at.exception
    assert len(table(at, "Nội dung")) == 200
    assert any("Chỉ hiện 200 vấn đề đầu tiên" in c.value for c in at.caption)
    assert "upload_problems_csv" in [b.key for b in at.get("download_button")]


def test_batches_page_asks_again_for_each_rollback(pages_store):
    for name, field in (("a.csv", "dat-dai"), ("b.csv", "ho-tich")):
        ingest.commit(pages_store, [ingest.parse_upload(pages_store, name, dossier_csv(field), today=TODAY)],
                      actor="a")
    at = page("batches.py")
    assert table(at, "Trạng thái")["Trạng thái"].tolist() == ["đang dùng", "đang dùng"]
    assert at.button(key="rollback_button").disabled
    at.checkbox(key="rollback_confirm").check().run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Đã hoàn tác lô #2")
    # The box is cleared: the next rollback needs its own confirmation.
    assert at.checkbox(key="rollback_confirm").value is False
    assert at.button(key="rollback_button").disabled
    assert table(at, "Trạng thái")["Trạng thái"].tolist() == ["đã hoàn tác", "đang dùng"]


def test_blank_official_form_has_the_title_block_header_numbers_and_fields(store):
    wb = load_workbook(io.BytesIO(official_form_xlsx(store.cursor())))
    ws = wb[OFFICIAL_FORM_SHEET]
    assert ws["J1"].value == "Biểu số 06/VPCP/KSTT"
    assert ws["A4"].value.startswith("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC")
    assert [ws.cell(row=8, column=j).value for j in (1, 2, 3, 7, 11)] == [
        "STT", "Lĩnh vực giải quyết", "Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A8:A9", "B8:B9", "C8:F8", "G8:J8", "K8:M8"} <= merged
    assert [ws.cell(row=9, column=j).value for j in (3, 7, 11)] == ["Tổng số"] * 3
    assert [ws.cell(row=10, column=j).value for j in range(1, 14)] == [f"({j})" for j in range(1, 14)]
    fields = [name for (name,) in store.cursor().execute("SELECT name FROM fields WHERE active ORDER BY name")
              .fetchall()]
    assert [ws.cell(row=11 + k, column=2).value for k in range(len(fields))] == fields
    assert [ws.cell(row=11 + k, column=1).value for k in range(len(fields))] == list(range(1, len(fields) + 1))
    assert ws.cell(row=11 + len(fields), column=2).value == "Tổng cộng"
    assert all(ws.cell(row=11 + k, column=j).value is None for k in range(len(fields)) for j in range(3, 14))


def test_blank_official_form_filled_in_imports_and_unfilled_is_refused(store):
    data = official_form_xlsx(store.cursor())
    blank = ingest.parse_upload(store, "trong.xlsx", data, today=TODAY)
    assert blank.row_count == 0 and blank.errors  # no unit, no month: never some unit's figures
    wb = load_workbook(io.BytesIO(data))
    ws = wb[OFFICIAL_FORM_SHEET]
    ws["A1"] = "Đơn vị báo cáo: UBND phường Hải Châu"
    ws["A5"] = "Kỳ báo cáo: Tháng 10/2026"
    row = next(r for r in range(11, ws.max_row + 1) if ws.cell(row=r, column=2).value == "Đất đai")
    for j, value in enumerate((10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0), start=3):
        ws.cell(row=row, column=j, value=value)
    total = next(r for r in range(11, ws.max_row + 1) if ws.cell(row=r, column=2).value == "Tổng cộng")
    buf = io.BytesIO()
    wb.save(buf)
    # Saved by a program, not by Excel: the total row's formulas carry no computed value, and
    # the upload says so instead of reading them as blanks.
    unsaved = ingest.parse_upload(store, "bieu06.xlsx", buf.getvalue(), today=TODAY)
    cells = [f"{ws.cell(row=total, column=j).column_letter}{total}" for j in range(3, 14)]  # C…M, 11 cells
    assert [p.message.split(" chứa công thức")[0] for p in unsaved.errors] == [
        "Ô " + ", ".join(cells[:10]) + " và 1 ô khác"]
    # What Excel stores when the analyst saves: the computed totals.
    for j, value in enumerate((10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0), start=3):
        ws.cell(row=total, column=j, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    parsed = ingest.parse_upload(store, "bieu06.xlsx", buf.getvalue(), today=TODAY)
    assert parsed.errors == ()
    frame = parsed.frames[Family.DOSSIERS]
    assert frame[["unit_code", "field_code", "resolved_total", "resolved_on_time"]].values.tolist() == [
        ["phuong-hai-chau", "dat-dai", 8, 3]]
