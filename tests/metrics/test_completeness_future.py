"""Months not yet over, or over but not yet reported by anyone, are never "missing"."""

from datetime import date

from metrics.completeness import completeness_summary, counted_period, missing_reports
from tests.factories import add_batch, add_dossiers, add_field, add_unit, new_store, resolved
from vocab.periods import Period

TODAY = date(2026, 11, 28)
YEAR = Period.year(2026)
YTD = Period.parse("2026-01..2026-10")


def _store():
    """Wards a and b: a reports January–October 2026, b January–September (October missing)."""
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "a", name="Phường A")
    add_unit(s, "b", name="Phường B")
    batch = add_batch(s)
    for month in range(1, 11):
        add_dossiers(s, batch, "a", f"2026-{month:02d}", **resolved(1, 1))
        if month < 10:
            add_dossiers(s, batch, "b", f"2026-{month:02d}", **resolved(1, 1))
    return s


def _missing(summary):
    active, by_unit = summary
    return active, {r.unit_code: [m.isoformat() for m in r.month] for r in by_unit.itertuples()}


def test_november_and_december_are_not_missing_in_november():
    con = _store().cursor()
    assert _missing(completeness_summary(con, YEAR, today=TODAY)) == (2, {"b": ["2026-10-01"]})
    # Without the day, every month of the year would count: the old "2/2 not fully reported".
    assert _missing(completeness_summary(con, YEAR)) == (2, {
        "a": ["2026-11-01", "2026-12-01"], "b": ["2026-10-01", "2026-11-01", "2026-12-01"]})


def test_the_partial_year_counts_the_same_as_the_year_to_date():
    con = _store().cursor()
    assert counted_period(con, YEAR, TODAY) == Period.range(date(2026, 1, 1), date(2026, 10, 1))
    assert _missing(completeness_summary(con, YEAR, today=TODAY)) == _missing(
        completeness_summary(con, YTD, today=TODAY))


def test_a_partial_quarter_counts_october_only():
    con = _store().cursor()
    rows = missing_reports(con, Period.quarter(2026, 4), today=TODAY)
    assert [(r.unit_code, r.month.isoformat()) for r in rows.itertuples()] == [("b", "2026-10-01")]


def test_an_ended_month_nobody_reported_yet_is_not_missing():
    con = _store().cursor()
    # 3 December: November is over, but no unit has reported it yet (the reports are still due).
    assert _missing(completeness_summary(con, Period.quarter(2026, 4), today=date(2026, 12, 3))) == (
        2, {"b": ["2026-10-01"]})


def test_once_someone_reports_an_ended_month_the_others_miss_it():
    s = _store()
    add_dossiers(s, add_batch(s, "nov.csv"), "a", "2026-11", **resolved(1, 1))
    assert _missing(completeness_summary(s.cursor(), Period.quarter(2026, 4), today=date(2026, 12, 3))) == (
        2, {"b": ["2026-10-01", "2026-11-01"]})
    # Still in November, November is not over: not missing even though a has sent it.
    assert _missing(completeness_summary(s.cursor(), Period.quarter(2026, 4), today=TODAY)) == (
        2, {"b": ["2026-10-01"]})


def test_a_period_wholly_in_the_future_misses_nothing():
    con = _store().cursor()
    assert counted_period(con, Period.quarter(2027, 1), TODAY) is None
    assert _missing(completeness_summary(con, Period.quarter(2027, 1), today=TODAY)) == (2, {})
    assert missing_reports(con, Period.month(2026, 11), today=TODAY).empty
