"""Periods in form titles are read as written and never guessed (issue 10, point 4)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.report_period import ConflictingPeriods, month_last_day, parse_report_period


@pytest.mark.parametrize(("text", "month"), [
    ("Kỳ báo cáo: Tháng 9 năm 2026", "2026-09"),
    ("THÁNG 9 NĂM 2026", "2026-09"),
    ("tháng 9/2026", "2026-09"),
    ("Tháng 09-2026", "2026-09"),
    ("T9/2026", "2026-09"),
    ("Số liệu T12/2026", "2026-12"),
    ("Kỳ báo cáo: 09/2026", "2026-09"),
    ("Từ ngày 01/09/2026 đến ngày 30/09/2026", "2026-09"),
    ("từ ngày 1-9-2026 đến ngày 30-9-2026", "2026-09"),
    ("01/02/2028 - 29/02/2028", "2028-02"),                       # leap year: the whole of February
    ("Từ ngày 01 tháng 9 năm 2026 đến ngày 30 tháng 9 năm 2026", "2026-09"),
    ("Thang 9 nam 2026", "2026-09"),                              # typed without diacritics
    ("Tha\u0301ng 9 na\u0306m 2026", "2026-09"),                  # NFD text from a Mac
])
def test_one_calendar_month(text, month):
    found = parse_report_period(text)
    assert found is not None
    assert (found.month, found.note, found.partial) == (month, None, False)
    y, m = int(month[:4]), int(month[5:])
    assert (found.first_day, found.last_day) == (date(y, m, 1), month_last_day(y, m))


@pytest.mark.parametrize(("text", "first", "last", "length"), [
    ("Quý III năm 2026", date(2026, 7, 1), date(2026, 9, 30), "3 tháng"),
    ("QUÝ I/2026", date(2026, 1, 1), date(2026, 3, 31), "3 tháng"),
    ("Quý IV - 2026", date(2026, 10, 1), date(2026, 12, 31), "3 tháng"),
    ("Quý 2 năm 2026", date(2026, 4, 1), date(2026, 6, 30), "3 tháng"),
    ("6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30), "6 tháng"),
    ("Sáu tháng cuối năm 2026", date(2026, 7, 1), date(2026, 12, 31), "6 tháng"),
    ("9 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 9, 30), "9 tháng"),
    ("Báo cáo nửa đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30), "6 tháng"),
    ("Kỳ báo cáo: Năm 2026", date(2026, 1, 1), date(2026, 12, 31), "12 tháng"),
    ("BÁO CÁO NĂM 2026", date(2026, 1, 1), date(2026, 12, 31), "12 tháng"),
    ("Từ tháng 01 năm 2026 đến tháng 9 năm 2026", date(2026, 1, 1), date(2026, 9, 30), "9 tháng"),
    ("Từ tháng 1 đến tháng 9 năm 2026", date(2026, 1, 1), date(2026, 9, 30), "9 tháng"),
    ("Từ tháng 11/2025 đến tháng 02/2026", date(2025, 11, 1), date(2026, 2, 28), "4 tháng"),
    ("Từ ngày 01/07/2026 đến ngày 30/09/2026", date(2026, 7, 1), date(2026, 9, 30), "3 tháng"),
    ("Từ ngày 15/08/2026 đến ngày 14/10/2026", date(2026, 8, 15), date(2026, 10, 14), "2 tháng"),
    ("Từ ngày 10/09/2026 đến ngày 20/10/2026", date(2026, 9, 10), date(2026, 10, 20), "41 ngày"),
    ("Tháng 9/2026 (lũy kế từ đầu năm)", date(2026, 1, 1), date(2026, 9, 30), "9 tháng"),
])
def test_spans_of_several_months_are_not_a_month(text, first, last, length):
    found = parse_report_period(text)
    assert found is not None and found.month is None
    assert (found.first_day, found.last_day, found.length) == (first, last, length)
    message = found.refusal(row=5)
    assert message.startswith(f"Kỳ báo cáo trong tệp là {first:%d/%m/%Y}–{last:%d/%m/%Y} ({length}; dòng 5: '")
    assert "không phải là một tháng" in message and "hãy xuất lại báo cáo cho từng tháng" in message


def test_the_refusal_quotes_the_words_of_the_file():
    found = parse_report_period("Kỳ báo cáo: Quý III năm 2026")
    assert found.source == "Quý III năm 2026"
    assert found.refusal() == (
        "Kỳ báo cáo trong tệp là 01/07/2026–30/09/2026 (3 tháng; 'Quý III năm 2026'), không phải là một tháng; "
        "hệ thống chỉ nhận số liệu theo từng tháng và không thể tách số liệu nhiều tháng thành từng tháng: "
        "hãy xuất lại báo cáo cho từng tháng")


@pytest.mark.parametrize(("text", "month", "first"), [
    ("Kỳ báo cáo: Tháng 9 năm 2026 (Từ ngày 15/08/2026 đến ngày 14/09/2026)", "2026-09", date(2026, 8, 15)),
    ("(Số liệu từ ngày 15/09/2026 đến ngày 14/10/2026)", "2026-10", date(2026, 9, 15)),
    ("Từ ngày 15/12/2025 đến ngày 14/01/2026", "2026-01", date(2025, 12, 15)),   # across a year
    ("Tháng 9 năm 2026 | (Từ ngày 15/08/2026 đến ngày 14/09/2026)", "2026-09", date(2026, 8, 15)),
])
def test_month_closing_on_the_14th_is_the_month_it_ends_in(text, month, first):
    found = parse_report_period(text)
    assert (found.month, found.first_day, found.partial) == (month, first, False)
    assert found.note is not None and f"tháng {month[5:]}/{month[:4]}" in found.note
    assert "chốt số liệu ngày 14" in found.note


def test_part_of_one_month_is_flagged_partial():
    found = parse_report_period("Từ ngày 01/10/2026 đến ngày 20/10/2026")
    assert (found.month, found.partial, found.length) == ("2026-10", True, "20 ngày")


@pytest.mark.parametrize("text", [
    "Đà Nẵng, ngày 05 tháng 10 năm 2026",          # the signing date, not the period
    "Đà Nẵng, ngày … tháng … năm 2026",
    "(Ban hành kèm theo Thông tư số 01/2020/TT-VPCP ngày 21 tháng 10 năm 2020)",
    "Biểu số 06/VPCP/KSTT",
    "Nghị định 118/2025/NĐ-CP",
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC",
    "Đơn vị tính: Số hồ sơ",
    "",
])
def test_text_without_a_period(text):
    assert parse_report_period(text) is None


def test_signing_date_beside_the_period_is_ignored():
    found = parse_report_period("Đà Nẵng, ngày 05 tháng 10 năm 2026 | Kỳ báo cáo: Tháng 9 năm 2026")
    assert found.month == "2026-09"


def test_two_different_months_are_a_conflict():
    with pytest.raises(ConflictingPeriods, match="'Tháng 9/2026' và 'Tháng 10/2026'"):
        parse_report_period("Tháng 9/2026 | Tháng 10/2026")
    with pytest.raises(ConflictingPeriods):
        parse_report_period("Tháng 9/2026 (Từ ngày 15/09/2026 đến ngày 14/10/2026)")


def test_a_stated_span_wins_over_a_month_beside_it():
    found = parse_report_period("Quý III năm 2026 | Tháng 9/2026")
    assert found.month is None and found.source == "Quý III năm 2026"


@pytest.mark.parametrize("text", ["Tháng 13/2026", "Quý V năm 2026", "Từ ngày 31/02/2026 đến ngày 30/03/2026"])
def test_impossible_dates_are_not_read(text):
    assert parse_report_period(text) is None
