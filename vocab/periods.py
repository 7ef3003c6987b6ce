"""Reporting periods: a month, a quarter, a year or a range of months.

Text forms (used in URLs, the CLI and file names):
``2026-10`` (month), ``2026-Q3`` (quarter), ``2026`` (year),
``2026-01..2026-10`` (range of whole months, e.g. year to date: "lũy kế").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from vocab.errors import UserFacingError


class PeriodError(UserFacingError, ValueError):
    """A period text that cannot be read (still a ValueError for callers that parse leniently)."""


class PeriodKind(str, Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


def month_index(d: date) -> int:
    """Months since year 0: makes month arithmetic a subtraction."""
    return d.year * 12 + d.month - 1


def month_from_index(i: int) -> date:
    return date(i // 12, i % 12 + 1, 1)


def add_months(d: date, n: int) -> date:
    return month_from_index(month_index(d) + n)


YEARS = (2000, 2100)  # periods a person or a file may name; outside is a typo (0001-01) or an attack (9999-12)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def _parse_month(text: str) -> date:
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise PeriodError(f"'{text}' không phải là tháng hợp lệ (dạng YYYY-MM, ví dụ 2026-10)",
                          key="period_bad_month", text=text)
    return date(int(m.group(1)), int(m.group(2)), 1)


@dataclass(frozen=True, order=True)
class Period:
    """Whole months from `first` to `last` inclusive (both are 1st-of-month dates)."""

    first: date
    last: date
    kind: PeriodKind

    @staticmethod
    def month(year: int, month: int) -> Period:
        d = date(year, month, 1)
        return Period(d, d, PeriodKind.MONTH)

    @staticmethod
    def quarter(year: int, q: int) -> Period:
        first = date(year, 3 * (q - 1) + 1, 1)
        return Period(first, add_months(first, 2), PeriodKind.QUARTER)

    @staticmethod
    def quarter_of(month: date) -> Period:
        """The calendar quarter `month` is in."""
        return Period.quarter(month.year, (month.month - 1) // 3 + 1)

    @staticmethod
    def year(year: int) -> Period:
        return Period(date(year, 1, 1), date(year, 12, 1), PeriodKind.YEAR)

    @staticmethod
    def range(first: date, last: date) -> Period:
        if last < first:
            raise PeriodError("Tháng kết thúc phải sau tháng bắt đầu", key="period_range_backwards")
        return Period(first.replace(day=1), last.replace(day=1), PeriodKind.RANGE)

    @staticmethod
    def parse(text: str) -> Period:
        """A period from its text (URL, command line, file), refusing years outside YEARS."""
        period = Period._parse(text)
        if period.first.year < YEARS[0] or period.last.year > YEARS[1]:
            raise PeriodError(f"Kỳ '{text}' nằm ngoài khoảng năm {YEARS[0]}–{YEARS[1]}.",
                              key="period_out_of_range", text=text, low=YEARS[0], high=YEARS[1])
        return period

    @staticmethod
    def _parse(text: str) -> Period:
        text = (text or "").strip()
        if ".." in text:
            a, _, b = text.partition("..")
            return Period.range(_parse_month(a), _parse_month(b))
        if m := _QUARTER.match(text):
            return Period.quarter(int(m.group(1)), int(m.group(2)))
        if m := _YEAR.match(text):
            return Period.year(int(m.group(1)))
        if _MONTH.match(text):
            d = _parse_month(text)
            return Period.month(d.year, d.month)
        raise PeriodError(
            f"Không hiểu kỳ '{text}': dùng 2026-10 (tháng), 2026-Q3 (quý), 2026 (năm) "
            "hoặc 2026-01..2026-10 (lũy kế)", key="period_unknown", text=text)

    # --- derived -----------------------------------------------------------------
    @property
    def months(self) -> int:
        return month_index(self.last) - month_index(self.first) + 1

    @property
    def end_date(self) -> date:
        """Last calendar day of the period."""
        nxt = add_months(self.last, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    def month_list(self) -> list[date]:
        return [add_months(self.first, i) for i in range(self.months)]

    def contains(self, d: date) -> bool:
        return self.first <= d.replace(day=1) <= self.last

    def shift(self, months: int) -> Period:
        return Period(add_months(self.first, months), add_months(self.last, months), self.kind)

    def previous(self) -> Period:
        """The period of the same length just before (previous month, quarter, year)."""
        return self.shift(-self.months)

    def same_period_last_year(self) -> Period:
        return self.shift(-12)

    def __str__(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.first:%Y-%m}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.YEAR:
            return f"{self.first.year}"
        return f"{self.first:%Y-%m}..{self.last:%Y-%m}"

    @property
    def slug(self) -> str:
        """File-name friendly form."""
        return str(self).replace("..", "_")


def last_full_month(today: date | None = None) -> date:
    today = today or date.today()
    return add_months(today.replace(day=1), -1)


# --- how much of a period the data cover ---------------------------------------------
# `today` is always passed in (the page reads the clock once), so these are plain functions of their inputs.

def month_is_over(month: date, today: date) -> bool:
    """The month's last day has passed: `today` falls in a later month."""
    return month_index(today) > month_index(month)


def last_complete_month(data_months: Iterable[date], today: date) -> date | None:
    """The newest month that is over and has data; None when there is none."""
    ended = [m.replace(day=1) for m in data_months if month_is_over(m, today)]
    return max(ended) if ended else None


def is_complete(period: Period, data_months: Iterable[date], today: date) -> bool:
    """A period is complete when its last month is over and has data."""
    months = {m.replace(day=1) for m in data_months}
    return period.last in months and month_is_over(period.last, today)


def covered_through(period: Period, data_months: Iterable[date], today: date) -> date | None:
    """The last month of `period` that counts: the newest month that is over and has data, cut to `period`.

    None when no month of `period` counts yet (a period wholly in the future or not yet reported).
    """
    last = last_complete_month(data_months, today)
    if last is None or last < period.first:
        return None
    return min(last, period.last)


def counted(period: Period, through: date | None) -> Period:
    """The months of `period` up to `through` (the whole period when `through` is None or its last month).

    A cut period is a range of months (its text then names its months exactly, e.g. 2026-10..2026-10).
    """
    if through is None or through >= period.last:
        return period
    return Period.range(period.first, max(through, period.first))


def period_options(data_months: Iterable[date], kind: PeriodKind) -> list[Period]:
    """Periods of `kind` that hold data, newest first (lũy kế: from January to each month with data)."""
    out: list[Period] = []
    for d in sorted({m.replace(day=1) for m in data_months}, reverse=True):
        if kind is PeriodKind.MONTH:
            p = Period.month(d.year, d.month)
        elif kind is PeriodKind.QUARTER:
            p = Period.quarter(d.year, (d.month - 1) // 3 + 1)
        elif kind is PeriodKind.YEAR:
            p = Period.year(d.year)
        else:
            p = Period.range(date(d.year, 1, 1), d)
        if p not in out:
            out.append(p)
    return out


def default_period(kind: PeriodKind, data_months: Iterable[date], today: date) -> Period | None:
    """The newest complete period of `kind` with data; the newest (partial) one when none is complete yet."""
    months = list(data_months)
    options = period_options(months, kind)
    for p in options:
        if is_complete(p, months, today):
            return p
    return options[0] if options else None


@dataclass(frozen=True)
class Comparison:
    """The periods a figure is compared with: "kỳ trước" and "cùng kỳ năm trước"."""

    previous: Period
    last_year: Period


def comparison(period: Period, through: date | None = None) -> Comparison:
    """What a period is compared with, given the last month that counts (`through`, see `covered_through`).

    - month: the previous month; last year: the same month a year before.
    - quarter: the previous quarter. A partial quarter (e.g. only October of Q4) is compared with
      the same number of months at the start of the previous quarter (July only).
    - year: the previous year. A partial year (Jan–Oct) is compared with the same months of the
      previous year (Jan–Oct of last year), for both "kỳ trước" and "cùng kỳ năm trước".
    - lũy kế (a range from January): the same months of the previous year, for both.
    """
    part = counted(period, through)
    if period.kind is PeriodKind.MONTH:
        return Comparison(period.previous(), period.same_period_last_year())
    if part == period and period.kind in (PeriodKind.QUARTER, PeriodKind.YEAR):
        return Comparison(period.previous(), period.same_period_last_year())
    last_year = part.same_period_last_year()
    if period.kind is PeriodKind.QUARTER:
        return Comparison(part.shift(-3), last_year)
    return Comparison(last_year, last_year)
