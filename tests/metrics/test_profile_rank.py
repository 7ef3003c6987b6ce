"""A unit's rank and change per indicator, its 12-month trend with targets, and overdue per 100 beside its group."""

from datetime import date

import pandas as pd
import pytest

from metrics.profile import (
    UNIT_RANK_COLUMNS,
    UNIT_TREND_COLUMNS,
    find_unit,
    overdue_per_100,
    unit_ranks,
    unit_trend,
)
from tests.factories import add_batch, add_dossiers, add_target, add_unit, new_store, resolved
from vocab.periods import Period

OCTOBER = Period.month(2026, 10)


@pytest.fixture
def con():
    """Wards a, b, c, d and commune x.

    On time, October: a 90/100, b 95/100, c 190/200, d 80/100 → b and c tie first, a 3rd, d 4th.
    September:        a 99/100, b 90/100, c 150/200, d 85/100 → a 1st, b 2nd, d 3rd, c 4th.
    In progress at the end of October: a 3 overdue of 5, b 1 of 20, c and d none; commune x 10 of 10.
    """
    s = new_store()
    for code in "abcd":
        add_unit(s, code, "ward", f"Phường {code.upper()}")
    add_unit(s, "x", "commune", "Xã X")
    add_target(s, "on_time_rate", 2025, 0.90)
    add_target(s, "on_time_rate", 2026, 0.95, "ward")
    b = add_batch(s)
    october = {"a": (100, 90, 5, 3), "b": (100, 95, 20, 1), "c": (200, 190, 0, 0), "d": (100, 80, 0, 0),
               "x": (100, 100, 10, 10)}
    for code, (total, on_time, pending, overdue) in october.items():
        add_dossiers(s, b, code, "2026-10", pending_total=pending, pending_overdue=overdue, **resolved(total, on_time))
    for code, (total, on_time) in {"a": (100, 99), "b": (100, 90), "c": (200, 150), "d": (100, 85)}.items():
        add_dossiers(s, b, code, "2026-09", **resolved(total, on_time))
    add_dossiers(s, b, "a", "2025-12", **resolved(10, 10))
    return s.cursor()


def test_rank_in_the_units_own_group_with_ties_and_the_change_on_last_month(con):
    frame = unit_ranks(con, "a", "ward", OCTOBER)
    assert list(frame.columns) == UNIT_RANK_COLUMNS
    on_time = frame.set_index("indicator").loc["on_time_rate"]
    assert on_time["rank"] == 3 and on_time["of"] == 4      # "hạng 3/4": b and c tie first, the commune is not counted
    assert on_time["prev_rank"] == 1
    assert on_time["rank_change"] == -2                       # fell two places: ▼2
    assert on_time["value"] == pytest.approx(0.90)
    c = unit_ranks(con, "c", "ward", OCTOBER).set_index("indicator").loc["on_time_rate"]
    assert (c["rank"], c["prev_rank"], c["rank_change"]) == (1, 4, 3)  # tied first, up three: ▲3


def test_an_indicator_the_unit_did_not_report_has_no_rank(con):
    tasks = unit_ranks(con, "a", "ward", OCTOBER).set_index("indicator").loc["task_on_time_rate"]
    assert pd.isna(tasks["rank"]) and pd.isna(tasks["rank_change"]) and pd.isna(tasks["value"])
    assert tasks["status"] == "no_data"


def test_the_commune_is_ranked_among_communes_only(con):
    on_time = unit_ranks(con, "x", "commune", OCTOBER).set_index("indicator").loc["on_time_rate"]
    assert (on_time["rank"], on_time["of"]) == (1, 1)
    assert pd.isna(on_time["rank_change"])                   # x did not report September


def test_overdue_per_100_is_the_groups_sum_over_sum_not_a_mean_of_units(con):
    figures = overdue_per_100(con, "a", "ward", OCTOBER)
    assert (figures.unit_overdue, figures.unit_in_progress) == (3, 5)
    assert figures.unit == pytest.approx(60.0)                # 3 of 5 in progress
    assert (figures.group_overdue, figures.group_in_progress) == (4, 25)   # wards only: a 3/5, b 1/20, c and d 0/0
    assert figures.group == pytest.approx(16.0)              # 4 / 25 × 100, while the mean of 60 and 5 would be 32.5
    nothing = overdue_per_100(con, "c", "ward", OCTOBER)
    assert nothing.unit is None                               # nothing in progress: no data, not 0
    assert nothing.group == pytest.approx(16.0)


def test_trend_has_every_month_the_groups_line_and_each_years_target(con):
    window = Period.range(date(2025, 11, 1), date(2026, 10, 1))
    frame = unit_trend(con, "on_time_rate", "a", "ward", window)
    assert list(frame.columns) == UNIT_TREND_COLUMNS
    assert len(frame) == 12
    by_month = frame.set_index(pd.to_datetime(frame["month"]))
    assert by_month.loc["2026-10-01", "unit"] == pytest.approx(0.90)
    assert by_month.loc["2026-09-01", "unit"] == pytest.approx(0.99)
    assert pd.isna(by_month.loc["2026-08-01", "unit"])        # not reported: a gap, never 0
    assert by_month.loc["2026-10-01", "group"] == pytest.approx(455 / 500)
    assert by_month.loc["2026-09-01", "group"] == pytest.approx(424 / 500)
    assert by_month.loc["2025-12-01", "target"] == pytest.approx(0.90)  # 2025: only the general target
    assert by_month.loc["2026-10-01", "target"] == pytest.approx(0.95)  # 2026: the wards' own


def test_find_unit_tells_an_unknown_code_from_a_known_one(con):
    assert find_unit(con, "a") == ("Phường A", "ward")
    assert find_unit(con, "khong-co") is None
