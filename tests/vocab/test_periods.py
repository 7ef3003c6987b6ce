from datetime import date

import pytest

from vocab.periods import Period, PeriodError, PeriodKind, last_full_month


@pytest.mark.parametrize(("text", "first", "last", "kind"), [
    ("2026-10", date(2026, 10, 1), date(2026, 10, 1), PeriodKind.MONTH),
    ("2026-Q3", date(2026, 7, 1), date(2026, 9, 1), PeriodKind.QUARTER),
    ("2026", date(2026, 1, 1), date(2026, 12, 1), PeriodKind.YEAR),
    ("2026-01..2026-10", date(2026, 1, 1), date(2026, 10, 1), PeriodKind.RANGE),
])
def test_parse_and_print_round_trip(text, first, last, kind):
    p = Period.parse(text)
    assert (p.first, p.last, p.kind) == (first, last, kind)
    assert str(p) == text


def test_previous_and_same_period_last_year():
    assert str(Period.parse("2026-01").previous()) == "2025-12"
    assert str(Period.parse("2026-Q1").previous()) == "2025-Q4"
    assert str(Period.parse("2026").previous()) == "2025"
    assert str(Period.parse("2026-01..2026-10").previous()) == "2025-03..2025-12"
    assert str(Period.parse("2026-Q3").same_period_last_year()) == "2025-Q3"
    assert str(Period.parse("2026-01..2026-10").same_period_last_year()) == "2025-01..2025-10"


def test_end_date_and_months():
    p = Period.parse("2024-Q1")
    assert p.end_date == date(2024, 3, 31) and p.months == 3
    assert Period.parse("2024-02").end_date == date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "tháng 10", "", "2026-10..2026-01"])
def test_bad_periods_say_what_is_expected(bad):
    with pytest.raises(PeriodError):
        Period.parse(bad)


def test_last_full_month():
    assert last_full_month(date(2026, 11, 26)) == date(2026, 10, 1)
    assert last_full_month(date(2026, 1, 1)) == date(2025, 12, 1)


@pytest.mark.parametrize("text", ["0001-01", "9999-12", "1999", "2101-Q1", "1999-12..2026-01", "2026-01..2101-01"])
def test_periods_outside_the_sane_years_are_refused_with_a_sentence(text):
    with pytest.raises(PeriodError, match="ngoài khoảng năm 2000–2100") as info:
        Period.parse(text)
    assert info.value.key == "period_out_of_range"


def test_the_edges_of_the_sane_years_are_accepted():
    assert Period.parse("2000-01").first.year == 2000 and Period.parse("2100").last.year == 2100


def test_the_quarter_a_month_is_in():
    quarters = [str(Period.quarter_of(date(2026, m, 1))) for m in (1, 3, 4, 12)]
    assert quarters == ["2026-Q1", "2026-Q1", "2026-Q2", "2026-Q4"]
