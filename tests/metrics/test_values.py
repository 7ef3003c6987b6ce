"""Figures on hand-made data: Σ numerator / Σ denominator, stocks, zero denominators."""

import math

import pytest

from metrics.indicators import INDICATOR_IDS
from metrics.queries import By
from metrics.values import NO_VALUE, city_values, indicator_values, single_value
from tests.factories import add_batch, add_documents, add_dossiers, add_field, add_unit, new_store, resolved
from vocab.periods import Period
from vocab.units import UnitGroup


@pytest.fixture
def store():
    s = new_store()
    add_field(s, "f1")
    add_field(s, "f2")
    add_unit(s, "a")
    add_unit(s, "b")
    return s


def test_quarter_is_sum_of_numerators_over_sum_of_denominators_not_mean_of_months(store):
    b = add_batch(store)
    add_dossiers(store, b, "a", "2026-07", **resolved(10, 10))   # 100 %
    add_dossiers(store, b, "a", "2026-08", **resolved(90, 45))   # 50 %
    add_dossiers(store, b, "a", "2026-09", **resolved(100, 100))  # 100 %
    con = store.cursor()
    q = single_value(con, "on_time_rate", Period.parse("2026-Q3"), unit="a")
    assert (q.numerator, q.denominator) == (155, 200)
    assert q.value == pytest.approx(0.775)
    mean_of_months = (1.0 + 0.5 + 1.0) / 3
    assert q.value != pytest.approx(mean_of_months)


def test_city_value_adds_units_and_fields_before_dividing(store):
    b = add_batch(store)
    add_dossiers(store, b, "a", "2026-10", "f1", **resolved(1, 1))
    add_dossiers(store, b, "a", "2026-10", "f2", **resolved(99, 0))
    add_dossiers(store, b, "b", "2026-10", "f1", **resolved(100, 99))
    v = single_value(store.cursor(), "on_time_rate", Period.parse("2026-10"))
    assert v.value == pytest.approx(100 / 200)
    by_field = indicator_values(store.cursor(), "on_time_rate", Period.parse("2026-10"), by=By.FIELD)
    assert dict(zip(by_field.field_code, by_field.value, strict=True)) == pytest.approx({"f1": 100 / 101, "f2": 0.0})


def test_zero_denominator_is_no_data_not_zero_or_hundred(store):
    b = add_batch(store)
    add_dossiers(store, b, "a", "2026-10", received_total=5, received_direct=5)  # nothing resolved
    con = store.cursor()
    v = single_value(con, "on_time_rate", Period.parse("2026-10"), unit="a")
    assert v.value is None and not v.has_data
    frame = indicator_values(con, "on_time_rate", Period.parse("2026-10"))
    assert math.isnan(frame.loc[frame.unit_code == "a", "value"].iloc[0])
    # a month with no rows at all is "no data" too
    assert single_value(con, "on_time_rate", Period.parse("2026-09")).value is None


def test_stocks_are_taken_at_the_end_of_the_period_not_summed(store):
    b = add_batch(store)
    add_dossiers(store, b, "a", "2026-07", pending_total=10, pending_overdue=4, received_carried_over=7)
    add_dossiers(store, b, "a", "2026-08", pending_total=10, pending_overdue=5, received_carried_over=10)
    add_dossiers(store, b, "a", "2026-09", pending_total=8, pending_overdue=2, received_carried_over=10)
    con = store.cursor()
    assert single_value(con, "overdue_in_progress", Period.parse("2026-Q3")).value == 2
    assert single_value(con, "overdue_in_progress", Period.parse("2026-08")).value == 5


def test_on_time_766_counts_in_progress_at_period_end(store):
    b = add_batch(store)
    add_dossiers(store, b, "a", "2026-07", **resolved(10, 8), pending_total=5, pending_on_time=5)
    add_dossiers(store, b, "a", "2026-08", **resolved(10, 10), pending_total=4, pending_on_time=2, pending_overdue=2)
    v = single_value(store.cursor(), "on_time_rate_766", Period.parse("2026-07..2026-08"))
    # (8 + 10 resolved in time + 2 in progress not yet due) / (20 resolved + 4 in progress)
    assert (v.numerator, v.denominator) == (20, 24)


def test_online_rate_excludes_carried_over_dossiers(store):
    b = add_batch(store)
    add_dossiers(store, b, "a", "2026-10", received_total=100, received_online=30, received_direct=20,
                 received_carried_over=50, received_full_process=15)
    con = store.cursor()
    assert single_value(con, "online_rate", Period.parse("2026-10")).value == pytest.approx(30 / 50)
    assert single_value(con, "full_process_online_rate", Period.parse("2026-10")).value == pytest.approx(15 / 50)


def test_replaced_rows_are_ignored(store):
    old, new = add_batch(store, "old.csv"), add_batch(store, "new.csv")
    add_dossiers(store, old, "a", "2026-10", **resolved(10, 0), is_current=False)
    add_dossiers(store, new, "a", "2026-10", **resolved(10, 9))
    assert single_value(store.cursor(), "on_time_rate", Period.parse("2026-10")).value == pytest.approx(0.9)


def test_documents_rate_per_group(store):
    add_unit(store, "dep", "department")
    b = add_batch(store)
    add_documents(store, b, "a", "2026-10", 100, 70)
    add_documents(store, b, "b", "2026-10", 100, 90)
    add_documents(store, b, "dep", "2026-10", 50, 50)
    con = store.cursor()
    p = Period.parse("2026-10")
    assert single_value(con, "edoc_rate", p, group=UnitGroup.WARD).value == pytest.approx(160 / 200)
    assert single_value(con, "edoc_rate", p, group=UnitGroup.DEPARTMENT).value == pytest.approx(1.0)
    assert single_value(con, "edoc_rate", p).value == pytest.approx(210 / 250)


def test_every_indicator_at_once_is_each_single_value(store):
    b = add_batch(store)
    add_dossiers(store, b, "a", "2026-07", **resolved(10, 10))
    add_dossiers(store, b, "a", "2026-08", **resolved(90, 45))
    add_documents(store, b, "b", "2026-08", 40, 30)
    con = store.cursor()
    q3 = Period.parse("2026-Q3")
    every = city_values(con, q3)
    assert set(every) == set(INDICATOR_IDS)
    assert (every["on_time_rate"].numerator, every["on_time_rate"].denominator) == (55, 100)  # 10 + 45 / 10 + 90
    assert every["edoc_rate"].value == pytest.approx(30 / 40)
    assert every["task_on_time_rate"] == NO_VALUE                                       # no task reported
    for ind in INDICATOR_IDS:
        assert every[ind] == single_value(con, ind, q3)
