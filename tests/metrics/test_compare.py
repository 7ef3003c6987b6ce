"""Units side by side: values Σ/Σ over the period, ranks within each unit's own group, trends, URL parsing."""

from datetime import date

import pandas as pd
import pytest

from metrics.compare import COMPARE_COLUMNS, compare_trends, compare_units, parse_units
from tests.factories import add_batch, add_dossiers, add_unit, new_store, resolved
from vocab.periods import Period

Q3 = Period.quarter(2026, 3)


@pytest.fixture
def con():
    """Wards a, b, c and one department s.

    Q3 on time: a 10/20 + 90/90 + 99/100 = 199/210; b 150/150; c 120/150; s 30/30.
    June (Q2):  a 100/100, b 80/100, c 90/100 → a 1st, c 2nd, b 3rd.
    """
    s = new_store()
    for code in "abc":
        add_unit(s, code, "ward", f"Phường {code.upper()}")
    add_unit(s, "s", "department", "Sở S")
    b = add_batch(s)
    q3 = {"a": [(20, 10), (90, 90), (100, 99)], "b": [(50, 50)] * 3, "c": [(50, 40)] * 3, "s": [(10, 10)] * 3}
    for code, months in q3.items():
        for month, (total, on_time) in zip(("2026-07", "2026-08", "2026-09"), months, strict=True):
            add_dossiers(s, b, code, month, **resolved(total, on_time))
    for code, (total, on_time) in {"a": (100, 100), "b": (100, 80), "c": (100, 90)}.items():
        add_dossiers(s, b, code, "2026-06", **resolved(total, on_time))
    return s.cursor()


def test_quarterly_value_is_sum_of_numerators_over_sum_of_denominators(con):
    frame = compare_units(con, ["b", "a", "s"], Q3)
    assert list(frame.columns) == COMPARE_COLUMNS
    on_time = frame[frame["indicator"] == "on_time_rate"].set_index("unit_code")
    assert list(on_time.index) == ["b", "a", "s"]             # the order the reader chose
    assert on_time.loc["a", "value"] == pytest.approx(199 / 210)
    assert on_time.loc["a", "value"] != pytest.approx((0.5 + 1.0 + 0.99) / 3, abs=1e-3)  # not a mean of months
    assert (on_time.loc["a", "numerator"], on_time.loc["a", "denominator"]) == (199, 210)
    assert on_time.loc["b", "value"] == pytest.approx(1.0)
    assert on_time.loc["a", "unit_name"] == "Phường A"


def test_ranks_are_within_each_units_own_group_with_the_change_on_last_quarter(con):
    on_time = compare_units(con, ["a", "b", "c", "s"], Q3)
    on_time = on_time[on_time["indicator"] == "on_time_rate"].set_index("unit_code")
    assert list(on_time["rank"]) == [2, 1, 3, 1]
    assert list(on_time["of"]) == [3, 3, 3, 1]                # the department is ranked among departments
    assert list(on_time["rank_change"][["a", "b", "c"]]) == [-1, 2, -1]  # a ▼1, b ▲2, c ▼1
    assert pd.isna(on_time.loc["s", "rank_change"])          # s did not report June: no change to show


def test_every_indicator_has_a_row_per_unit_and_no_data_stays_empty(con):
    frame = compare_units(con, ["a", "b"], Q3)
    assert len(frame) == 2 * frame["indicator"].nunique()
    tasks = frame[frame["indicator"] == "task_on_time_rate"]
    assert tasks["value"].isna().all() and (tasks["status"] == "no_data").all()


def test_trends_give_each_unit_every_month_with_gaps_for_months_not_reported(con):
    window = Period.range(date(2026, 5, 1), date(2026, 9, 1))
    frame = compare_trends(con, "on_time_rate", ["a", "c"], window)
    a = frame[frame["unit_code"] == "a"]["value"].tolist()
    assert pd.isna(a[0])                                       # May: not reported
    assert a[1:] == pytest.approx([1.0, 0.5, 1.0, 0.99])
    assert frame[frame["unit_code"] == "c"]["value"].tolist()[1:] == pytest.approx([0.9, 0.8, 0.8, 0.8])


def test_units_in_the_url_keep_order_drop_repeats_and_unknown_codes_and_stop_at_four():
    known = ["a", "b", "c", "d", "s"]
    assert parse_units("a,zz,b,a,c,s,d", known) == (["a", "b", "c", "s"], ["zz"])
    assert parse_units(" b , a ", known) == (["b", "a"], [])
    assert parse_units(None, known) == ([], [])
    assert parse_units("", known) == ([], [])
