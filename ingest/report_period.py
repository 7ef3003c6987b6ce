"""The reporting period stated in a form's title, read and never guessed.

Biểu số 06/VPCP/KSTT names its period in the title block (domain reference §3: "title rows
name the reporting unit and the period (from–to)"). Systems write it many ways:

    "Kỳ báo cáo: Tháng 9 năm 2026", "tháng 9/2026", "T9/2026", "Kỳ báo cáo: 09/2026"
    "Từ ngày 01/09/2026 đến ngày 30/09/2026"
    "Kỳ báo cáo: Tháng 9 năm 2026 (Từ ngày 15/08/2026 đến ngày 14/09/2026)"   (closes on the 14th)
    "Quý III năm 2026", "6 tháng đầu năm 2026", "Năm 2026", "Từ tháng 01 năm 2026 đến tháng 9 năm 2026"

The dashboard stores months. A span of several months cannot be split into months, so
it is reported as such (`ReportPeriod.month is None`) and the caller refuses the file;
a month chosen on upload never replaces a span the file states. A one-month period that
closes on another day than the month's last (15th → 14th) is the month it ends in, with
a note saying so. Pure: no I/O, no pandas; its sentences are catalogue phrases (ingest.wording).
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from i18n.catalogue import text as words
from ingest.wording import Phrase, phrase, render
from vocab.errors import UserFacingError

__all__ = ["SIGNING_DATE_WORDS", "ConflictingPeriods", "ReportPeriod", "month_last_day", "parse_report_period", "plain"]


class ConflictingPeriods(UserFacingError):
    """The title states two different periods; str() is the Vietnamese reason, `key`/`params` the catalogue's."""


@dataclass(frozen=True)
class ReportPeriod:
    """A period as stated in a title.

    `month` ('YYYY-MM') is set when the period is one reporting month: a calendar month,
    or a month-long span closing on another day (then `note` says which convention), or a
    part of one calendar month (`partial`). It is None for spans of several months.
    """

    first_day: date
    last_day: date
    source: str               # the words as found (original spelling), for messages
    month: str | None
    note_phrase: Phrase | None = None   # the convention used, e.g. a period closing on the 14th
    partial: bool = False

    @property
    def span(self) -> str:
        return f"{self.first_day:%d/%m/%Y}–{self.last_day:%d/%m/%Y}"

    @property
    def length_phrase(self) -> Phrase:
        """'3 tháng' for whole months (calendar or shifted), otherwise 'N ngày'."""
        months = _whole_months(self.first_day, self.last_day)
        if months:
            return phrase("ingest.period.months", n=months)
        return phrase("ingest.period.days", n=(self.last_day - self.first_day).days + 1)

    @property
    def length(self) -> str:
        return render(self.length_phrase.key, "vi", self.length_phrase.params)

    @property
    def note(self) -> str | None:
        return render(self.note_phrase.key, "vi", self.note_phrase.params) if self.note_phrase else None

    def refusal_phrase(self, row: int | None = None) -> Phrase:
        """Why a multi-month period cannot be stored (names the span and where it was read)."""
        where = phrase("ingest.period.at_row", row=row) if row is not None else ""
        return phrase("ingest.problem.period_not_a_month", span=self.span, length=self.length_phrase, where=where,
                      source=self.source)

    def refusal(self, row: int | None = None) -> str:
        """`refusal_phrase` as the Vietnamese sentence."""
        found = self.refusal_phrase(row)
        return render(found.key, "vi", found.params)


def plain(text: object) -> str:
    """Lower case without diacritics (đ → d), whitespace collapsed, punctuation kept."""
    return _plain(str(text))


@functools.lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    # Cached: a consolidated export repeats the same unit and field names thousands of times.
    t = unicodedata.normalize("NFD", text).lower().replace("đ", "d")
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", t).strip()


def month_last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _whole_months(first: date, last: date) -> int:
    """n when [first, last] is exactly n months (calendar or shifted, e.g. 15/08–14/09), else 0."""
    for n in range(1, 61):
        end = _add_months(first, n) - timedelta(days=1)
        if end == last:
            return n
        if end > last:
            return 0
    return 0


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_NUMBER_WORDS = {"ba": 3, "sau": 6, "chin": 9, "muoi hai": 12}
_SEP = r"\s*[/.\-]\s*"
_DATE = (r"(\d{1,2})" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{4})"
         r"|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
# A date range: "từ ngày 01/07/2026 đến ngày 30/09/2026", "01/07/2026 - 30/09/2026".
_DATE_RANGE = re.compile(
    r"(?:tu\s+)?(?:ngay\s+)?(?:" + _DATE + r")\s*(?:,\s*)?(?:den|toi|-|–|—)\s*(?:het\s+)?(?:ngay\s+)?(?:"
    + _DATE + r")"
)
_MONTH_RANGE = re.compile(
    r"tu\s+thang\s+(\d{1,2})(?:\s*(?:nam|/|-)\s*(\d{4}))?\s*(?:den|toi|-)\s*(?:het\s+)?thang\s+(\d{1,2})"
    r"\s*(?:nam|/|-)\s*(\d{4})"
)
# The date a document is signed ("Đà Nẵng, ngày 05 tháng 10 năm 2026", or a blank "ngày … tháng … năm 2026"):
# it is not the period, and its "tháng 10 năm 2026" must not be read as one.
SIGNING_DATE_WORDS = r"ngay\s*[\d.…_ ]*\s*thang\s*[\d.…_ ]*\s*nam"
_SIGNING_DATE = re.compile(SIGNING_DATE_WORDS + r"\s*\d{4}")
_QUARTER = re.compile(r"\bquy\s+(iv|i{1,3}|[1-4])\b\s*(?:nam|/|-)?\s*(\d{4})")
_FIRST_MONTHS = re.compile(r"\b(\d{1,2}|ba|sau|chin|muoi hai)\s+thang\s+(dau|cuoi)\s+nam\s*(\d{4})")
_HALF = re.compile(r"\b(?:nua|ban nien)\s*(dau|cuoi)?\s*nam\s*(\d{4})")
_MONTH = re.compile(r"\bthang\s*(\d{1,2})\s*(?:nam|/|-|\.)\s*(\d{4})\b")
_SHORT_MONTH = re.compile(r"(?<![\w/])t\s*(\d{1,2})\s*[/-]\s*(\d{4})\b")
# A bare "09/2026" only right after a period word (else "Thông tư 01/2020/TT-VPCP" would be a month).
_BARE_MONTH = re.compile(r"(?:ky bao cao|thang bao cao|so lieu thang|bao cao thang)\s*:?\s*(\d{1,2})\s*[/-]\s*(\d{4})\b"
                         r"(?!\s*/)")
_YEAR = re.compile(r"(?:^|[:(|]|\bky bao cao\b|\bbao cao\b|\bso lieu\b)\s*nam\s+(\d{4})\b")
_CUMULATIVE = re.compile(r"\bluy ke\b")


def _date(groups: tuple[str | None, ...]) -> date | None:
    d, m, y = (groups[0], groups[1], groups[2]) if groups[0] is not None else (groups[3], groups[4], groups[5])
    try:
        return date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class _Found:
    first: date
    last: date
    source: str
    stated_month: bool = False  # "tháng 9/2026": a month by name, not by dates


def _original(text: str, plain_text: str, m: re.Match[str]) -> str:
    """The matched words in the original spelling when the lengths line up (they do for NFC text)."""
    if len(text) == len(plain_text):
        return text[m.start():m.end()].strip()
    return m.group(0).strip()


def parse_report_period(text: str) -> ReportPeriod | None:
    """The period stated in `text` (one title line, or several joined with ' | '), or None.

    Raises `ConflictingPeriods` when the text states two periods that disagree (e.g.
    "Tháng 9/2026" beside "từ ngày 15/09/2026 đến ngày 14/10/2026").
    """
    original = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()
    p = plain(original)
    found: list[_Found] = []
    rest = p

    def blank(m: re.Match[str]) -> str:
        return " " * (m.end() - m.start())

    for m in _DATE_RANGE.finditer(rest):
        groups = m.groups()
        d1, d2 = _date(groups[:6]), _date(groups[6:12])
        if d1 is None or d2 is None:
            continue
        found.append(_Found(d1, d2, _original(original, p, m)))
    rest = _DATE_RANGE.sub(blank, rest)
    for m in _MONTH_RANGE.finditer(rest):
        m1, y1, m2, y2 = m.groups()
        y1 = y1 or y2
        if not (1 <= int(m1) <= 12 and 1 <= int(m2) <= 12):
            continue
        found.append(_Found(date(int(y1), int(m1), 1), month_last_day(int(y2), int(m2)), _original(original, p, m)))
    rest = _MONTH_RANGE.sub(blank, rest)
    rest = _SIGNING_DATE.sub(blank, rest)
    for m in _QUARTER.finditer(rest):
        q, y = _ROMAN[m.group(1)], int(m.group(2))
        found.append(_Found(date(y, 3 * q - 2, 1), month_last_day(y, 3 * q), _original(original, p, m)))
    rest = _QUARTER.sub(blank, rest)
    for m in _FIRST_MONTHS.finditer(rest):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
        y = int(m.group(3))
        if not 1 <= n <= 12:
            continue
        first, last = (date(y, 1, 1), month_last_day(y, n)) if m.group(2) == "dau" else \
            (date(y, 13 - n, 1), date(y, 12, 31))
        found.append(_Found(first, last, _original(original, p, m)))
    rest = _FIRST_MONTHS.sub(blank, rest)
    for m in _HALF.finditer(rest):
        y = int(m.group(2))
        first, last = (date(y, 7, 1), date(y, 12, 31)) if m.group(1) == "cuoi" else (date(y, 1, 1), date(y, 6, 30))
        found.append(_Found(first, last, _original(original, p, m)))
    rest = _HALF.sub(blank, rest)
    months: list[_Found] = []
    for pattern in (_MONTH, _SHORT_MONTH, _BARE_MONTH):
        for m in pattern.finditer(rest):
            mo, y = int(m.group(1)), int(m.group(2))
            if 1 <= mo <= 12:
                months.append(_Found(date(y, mo, 1), month_last_day(y, mo), _original(original, p, m), True))
        rest = pattern.sub(blank, rest)
    if _CUMULATIVE.search(rest) and months:
        # "Tháng 9/2026 (lũy kế từ đầu năm)": figures summed since January, not the month's.
        last = months[-1]
        found.append(_Found(date(last.first.year, 1, 1), last.last, f"{last.source} (lũy kế)"))
        months = []
    found += months
    if not found:
        for m in _YEAR.finditer(rest):
            y = int(m.group(1))
            found.append(_Found(date(y, 1, 1), date(y, 12, 31), _original(original, p, m).lstrip(":(| ")))
    if not found:
        return None
    return _resolve(found)


def _resolve(found: list[_Found]) -> ReportPeriod:
    periods = [_period(f) for f in found]
    multi = [r for r in periods if r.month is None]
    if multi:
        # A stated span of several months wins: the file is refused whatever else it says.
        return multi[0]
    months = {r.month for r in periods}
    if len(months) > 1:
        first, second = found[0].source, found[1].source
        others = "".join(f" và '{f.source}'" for f in found[2:])
        raise ConflictingPeriods(words("ingest.problem.conflicting_periods", "vi", first=first, second=second,
                                       others=others),
                                 key="ingest.problem.conflicting_periods", first=first, second=second, others=others)
    # Prefer the dated statement (it carries the convention note) over "Tháng 9/2026".
    dated = [r for r, f in zip(periods, found, strict=True) if not f.stated_month]
    return dated[0] if dated else periods[0]


def _period(f: _Found) -> ReportPeriod:
    first, last = f.first, f.last
    if last < first:
        return ReportPeriod(first, last, f.source, None)
    calendar_month = first.day == 1 and last == month_last_day(first.year, first.month)
    if calendar_month:
        return ReportPeriod(first, last, f.source, f"{first:%Y-%m}")
    if _whole_months(first, last) == 1:
        # Systems that close on the 14th report "Tháng 9" as 15/08–14/09 (domain reference §3):
        # the month it ends in.
        note = phrase("ingest.note.period_closing_day", first=first, last=last, day=last.day)
        return ReportPeriod(first, last, f.source, f"{last:%Y-%m}", note)
    if (first.year, first.month) == (last.year, last.month):
        return ReportPeriod(first, last, f.source, f"{first:%Y-%m}", partial=True)
    return ReportPeriod(first, last, f.source, None)
