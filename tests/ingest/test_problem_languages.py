"""Problems found in an upload read in Vietnamese or English: one key and its params, two sentences.

The Vietnamese sentence is `Problem.message` (what the CLI prints and the other tests read); the
English one comes from the same catalogue entry (`Problem.text("en")`), with column names and
numbers rendered for English.
"""

from __future__ import annotations

import pytest

from i18n.catalogue import CATALOGUE, error_text
from ingest import IngestError, commit, parse_upload, problems_frame
from ingest.cli import run_import
from ingest.model import Problem, Severity, problems_csv
from ingest.safety import UnsafeFile, check_file
from tests.ingest.conftest import TODAY
from tests.ingest.ingest_forms import GOOD_VALUES, official_form

HEADER = ("unit_code,field_code,month,received_total,received_online,received_direct,received_carried_over,"
          "resolved_total,resolved_early,resolved_on_time,resolved_late,pending_total,pending_on_time,pending_overdue")
GOOD = ",".join(map(str, GOOD_VALUES))


def csv(*rows: str) -> bytes:
    return ("\n".join((HEADER, *rows)) + "\n").encode("utf-8")


def only(parsed, key: str) -> Problem:
    [problem] = [p for p in parsed.problems if p.key == key]
    return problem


def test_every_ingest_word_has_both_languages():
    ingest_keys = {k: v for k, v in CATALOGUE.items() if k.startswith("ingest.")}
    assert len(ingest_keys) > 80
    for key, (vi, en) in ingest_keys.items():
        assert vi.strip() and en.strip(), key
        assert vi.count("{") == en.count("{"), key  # the same params in both sentences
        assert "{key" not in vi + en and "{lang" not in vi + en, key  # names taken by i18n.catalogue.text


def test_a_bad_number_and_a_broken_sum_read_in_english(store):
    bad = GOOD.split(",")
    bad[0] = "mười"
    broken = GOOD.split(",")
    broken[0] = str(int(broken[0]) + 1)
    parsed = parse_upload(store, "a.csv", csv(f"phuong-hai-chau,dat-dai,2026-10,{','.join(bad)}",
                                              f"phuong-hai-chau,ho-tich,2026-10,{','.join(broken)}"), today=TODAY)
    not_number = only(parsed, "ingest.problem.not_a_number")
    assert not_number.message == ("Cột 'received_total' (Số hồ sơ nhận giải quyết – Tổng số): giá trị 'mười' "
                                  "không phải là số")
    assert not_number.text("en") == "Column 'received_total' (Dossiers received – total): value 'mười' is not a number"
    assert not_number.text("vi") == not_number.message
    total = only(parsed, "ingest.problem.sum_rule")
    assert total.text("en").startswith("Column 'received_total' (Dossiers received – total) = ")
    assert "(must be (3) = (4) + (5) + (6))" in total.text("en")
    assert "phải có (3) = (4) + (5) + (6)" in total.message


def test_unknown_unit_missing_month_and_future_month_in_english(store):
    parsed = parse_upload(store, "a.csv", csv(f"phuong-khong-co,dat-dai,2026-10,{GOOD}",
                                              f"phuong-hai-chau,dat-dai,,{GOOD}",
                                              f"phuong-hai-chau,ho-tich,2099-01,{GOOD}"), today=TODAY)
    assert only(parsed, "ingest.problem.with_more").text("en").startswith("No unit named 'phuong-khong-co'")
    assert only(parsed, "ingest.problem.missing_month").text("en") == "Missing reporting month (blank cell)"
    future = only(parsed, "ingest.problem.future_month")
    assert future.message == "Tháng 01/2099 ở tương lai, chưa thể có số liệu"
    assert future.text("en") == "Month 01/2099 is in the future: it cannot have figures yet"


def test_problem_table_and_csv_follow_the_language(store):
    parsed = parse_upload(store, "a.csv", csv(f"phuong-hai-chau,dat-dai,,{GOOD}"), today=TODAY)
    vi, en = problems_frame(parsed.problems), problems_frame(parsed.problems, lang="en")
    assert list(vi.columns) == ["Mức độ", "Tệp", "Trang tính", "Dòng", "Cột", "Nội dung"]
    assert list(en.columns) == ["Severity", "File", "Sheet", "Row", "Column", "Problem"]
    assert en["Severity"].tolist() == ["Error"] and en["Problem"].tolist() == ["Missing reporting month (blank cell)"]
    assert "Missing reporting month" in problems_csv(parsed.problems, lang="en").decode("utf-8-sig")
    assert Severity.WARNING.label("en") == "Warning"


def test_refused_files_are_user_facing_errors_in_both_languages(store):
    with pytest.raises(UnsafeFile) as refused:
        check_file("report.doc", b"x")
    assert str(refused.value) == "Không hỗ trợ định dạng '.doc': chỉ nhận .xlsx, .xls hoặc .csv"
    assert error_text(refused.value, "en") == "The format '.doc' is not supported: only .xlsx, .xls or .csv"
    parsed = parse_upload(store, "a.csv", b"", today=TODAY)
    assert [p.text("en") for p in parsed.problems] == ["The file is empty"]
    assert [p.message for p in parsed.problems] == ["Tệp rỗng"]


def test_commit_refusal_in_english(store):
    parsed = parse_upload(store, "a.csv", csv(f"phuong-hai-chau,dat-dai,,{GOOD}"), today=TODAY)
    with pytest.raises(IngestError) as refused:
        commit(store, [parsed], actor="a")
    assert str(refused.value) == "Không thể ghi: còn lỗi trong tệp a.csv"
    assert error_text(refused.value, "en") == "Nothing can be written: file a.csv still has errors"


def test_a_problem_made_without_a_key_keeps_its_sentence():
    p = Problem("a.csv", "", 2, "B", "một câu")
    assert p.text("en") == "một câu" and p.line("en") == "a.csv · - · 2 · B: một câu"


def test_an_official_form_for_a_quarter_is_refused_in_both_languages(store):
    data = official_form([("Đất đai", GOOD_VALUES)], period_line="Kỳ báo cáo: Quý III năm 2026")
    parsed = parse_upload(store, "bieu06.xlsx", data, today=TODAY)
    [refusal] = parsed.errors
    assert refusal.message.startswith("Kỳ báo cáo trong tệp là 01/07/2026–30/09/2026 (3 tháng; dòng 5: ")
    assert refusal.text("en").startswith("The file's reporting period is 01/07/2026–30/09/2026 (3 months; row 5: ")
    assert refusal.line("en").startswith("bieu06.xlsx · Biểu 06 · - · title: ")


def test_an_official_form_without_a_period_asks_for_one_in_english(store):
    parsed = parse_upload(store, "bieu06.xlsx", official_form([("Đất đai", GOOD_VALUES)], period_line=None),
                          today=TODAY)
    [missing] = parsed.errors
    assert missing.key == "ingest.problem.period_unknown"
    assert missing.text("en").startswith("The reporting period is unknown: the title states no month")


def test_notes_on_skipped_content_read_in_english(store):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(HEADER.split(","))
    ws.append(["phuong-hai-chau", "dat-dai", "2026-10", *GOOD_VALUES])
    wb.create_sheet("Nháp").sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    parsed = parse_upload(store, "a.xlsx", buffer.getvalue(), today=TODAY)
    assert parsed.notes == ("Bỏ qua trang tính ẩn 'Nháp'",)
    assert parsed.note_texts("en") == ("Skipped the hidden sheet 'Nháp'",)


def test_cli_import_speaks_english_when_asked(store, tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(csv(f"phuong-hai-chau,dat-dai,,{GOOD}"))
    assert run_import(store, [str(path)], dry_run=True, actor="cli", lang="en") == 1
    out = capsys.readouterr().out
    assert "a.csv: rows 1, errors 1, warnings 0" in out
    assert "[ERROR] a.csv · - · 2 · month: Missing reporting month (blank cell)" in out
    assert "Nothing was written to the database: fix the errors above and import again." in out
