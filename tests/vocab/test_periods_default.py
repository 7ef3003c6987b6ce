"""Default periods, partial periods and what they are compared with; `today` is always given."""

from datetime import date

import pytest

from vocab.periods import (
    Period,
    PeriodKind,
    comparison,
    counted,
    covered_through,
    default_period,
    is_complete,
    last_complete_month,
    month_is_over,
)

# Like the demo: 24 months of data, 11/2024 to 10/2026, read on 28 November 2026.
DEMO_MONTHS = [date(2024 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(24)]
TODAY = date(2026, 11, 28)


def test_the_demo_months_are_what_the_tests_assume():
    assert DEMO_MONTHS[0] == date(2024, 11, 1) and DEMO_MONTHS[-1] == date(2026, 10, 1)


def test_a_month_is_over_only_once_the_next_month_has_begun():
    assert not month_is_over(date(2026, 10, 1), date(2026, 10, 31))
    assert month_is_over(date(2026, 10, 1), date(2026, 11, 1))
    assert not month_is_over(date(2026, 11, 1), TODAY)


@pytest.mark.parametrize(("kind", "expected"), [
    (PeriodKind.MONTH, "2026-10"),               # October is over and has data
    (PeriodKind.QUARTER, "2026-Q3"),             # Q4 ends in December: not complete
    (PeriodKind.YEAR, "2025"),                   # 2026 is not complete; December 2025 has data
    (PeriodKind.RANGE, "2026-01..2026-10"),      # lũy kế to the last complete month
])
def test_each_kind_opens_on_its_last_complete_period(kind, expected):
    assert str(default_period(kind, DEMO_MONTHS, TODAY)) == expected


def test_a_month_still_running_is_not_the_default_even_with_data():
    months = [*DEMO_MONTHS, date(2026, 11, 1)]            # someone uploaded November early
    assert str(default_period(PeriodKind.MONTH, months, TODAY)) == "2026-10"
    assert last_complete_month(months, TODAY) == date(2026, 10, 1)


def test_read_in_october_the_default_month_is_september():
    assert str(default_period(PeriodKind.MONTH, DEMO_MONTHS, date(2026, 10, 15))) == "2026-09"


def test_a_completed_quarter_is_the_default_once_its_last_month_is_over():
    months = [*DEMO_MONTHS, date(2026, 11, 1), date(2026, 12, 1)]
    assert str(default_period(PeriodKind.QUARTER, months, date(2027, 1, 2))) == "2026-Q4"
    assert str(default_period(PeriodKind.YEAR, months, date(2027, 1, 2))) == "2026"
    # Ended but December not reported by anyone yet: Q4 is not complete.
    assert str(default_period(PeriodKind.QUARTER, months[:-1], date(2027, 1, 2))) == "2026-Q3"


def test_with_only_a_partial_period_that_period_is_the_default():
    months = [date(2026, 10, 1)]
    assert str(default_period(PeriodKind.QUARTER, months, TODAY)) == "2026-Q4"
    assert str(default_period(PeriodKind.YEAR, months, TODAY)) == "2026"
    assert default_period(PeriodKind.MONTH, [], TODAY) is None


def test_completeness_and_the_months_that_count():
    q4 = Period.quarter(2026, 4)
    assert not is_complete(q4, DEMO_MONTHS, TODAY)
    assert is_complete(Period.quarter(2026, 3), DEMO_MONTHS, TODAY)
    assert covered_through(q4, DEMO_MONTHS, TODAY) == date(2026, 10, 1)
    assert counted(q4, date(2026, 10, 1)) == Period.range(date(2026, 10, 1), date(2026, 10, 1))
    assert covered_through(Period.year(2026), DEMO_MONTHS, TODAY) == date(2026, 10, 1)
    assert covered_through(Period.quarter(2026, 3), DEMO_MONTHS, TODAY) == date(2026, 9, 1)  # whole quarter
    assert counted(Period.quarter(2026, 3), date(2026, 9, 1)) == Period.quarter(2026, 3)
    assert covered_through(Period.quarter(2027, 1), DEMO_MONTHS, TODAY) is None            # all in the future


def _texts(c):
    return str(c.previous), str(c.last_year)


def test_previous_period_for_each_kind():
    assert _texts(comparison(Period.month(2026, 10))) == ("2026-09", "2025-10")
    assert _texts(comparison(Period.quarter(2026, 3), date(2026, 9, 1))) == ("2026-Q2", "2025-Q3")
    assert _texts(comparison(Period.year(2025), date(2025, 12, 1))) == ("2024", "2024")
    # lũy kế 01–10/2026: the same months of 2025, not the ten months before (03–12/2025).
    ytd = Period.range(date(2026, 1, 1), date(2026, 10, 1))
    assert _texts(comparison(ytd, date(2026, 10, 1))) == ("2025-01..2025-10", "2025-01..2025-10")


def test_a_partial_period_is_compared_with_the_same_months():
    # Q4 2026 holding only October: with July (the first month of Q3), and October 2025.
    assert _texts(comparison(Period.quarter(2026, 4), date(2026, 10, 1))) == ("2026-07..2026-07",
                                                                           "2025-10..2025-10")
    # Q4 with October and November: July–August.
    assert _texts(comparison(Period.quarter(2026, 4), date(2026, 11, 1)))[0] == "2026-07..2026-08"
    # Year 2026 to October: January–October 2025 for both.
    assert _texts(comparison(Period.year(2026), date(2026, 10, 1))) == ("2025-01..2025-10", "2025-01..2025-10")
