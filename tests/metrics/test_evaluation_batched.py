"""`evaluate_periods` evaluates a unit's history window in one batch: it must give, period by period,
exactly what `evaluate_units(..., with_previous=False)` gives one period at a time."""

from datetime import date

import pandas as pd
import pytest

from data.demo import build_demo
from metrics.evaluation import evaluate_periods, evaluate_units, with_previous_scores
from metrics.schemes import DEFAULT_SCHEME, insert_scheme, with_weights
from store import open_store
from vocab.periods import Period
from vocab.units import UnitGroup

TODAY = date(2026, 11, 26)
# A unit page's window (with a month before the reorganisation of 07/2025), plus a quarter, a year,
# a period before any data, and a month repeated: each period gets its own frame, in the order asked.
PERIODS = [Period.parse(p) for p in ("2025-06", "2025-11", "2025-12", "2026-01", "2026-05", "2026-09", "2026-10",
                                     "2026-Q3", "2025", "2020-01", "2026-10")]


@pytest.fixture(scope="module")
def demo():
    s = open_store(":memory:")
    build_demo(s, today=TODAY)
    # From May 2026 the city weighs only two indicators: the window spans two schemes.
    insert_scheme(s.cursor(), with_weights(DEFAULT_SCHEME.config, {"on_time_rate": 60.0, "task_on_time_rate": 40.0}),
                  date(2026, 5, 1), "test")
    return s


@pytest.mark.parametrize("group", list(UnitGroup))
def test_a_batch_equals_one_period_at_a_time(demo, group):
    con = demo.cursor()
    batch = evaluate_periods(con, PERIODS, group, today=TODAY)
    assert len(batch) == len(PERIODS)
    for period, frame in zip(PERIODS, batch, strict=True):
        pd.testing.assert_frame_equal(frame, evaluate_units(con, period, group, with_previous=False, today=TODAY),
                                      obj=f"{group.value} {period}")


def test_each_period_is_scored_by_its_own_scheme(demo):
    con = demo.cursor()
    april, may = evaluate_periods(con, [Period.parse("2026-04"), Period.parse("2026-05")], UnitGroup.WARD, today=TODAY)
    assert "points_on_time_rate" in april and "points_on_time_rate" in may
    assert may["scheme_id"].notna().all() and april["scheme_id"].isna().all()
    # The two-indicator scheme gives points for exactly those two indicators.
    assert sorted(c for c in may if c.startswith("points_")) == ["points_on_time_rate", "points_task_on_time_rate"]
    assert len([c for c in april if c.startswith("points_")]) > 2
    assert april["score"].notna().any() and may["score"].notna().any()


def test_no_data_before_any_report_is_no_score(demo):
    (before,) = evaluate_periods(demo.cursor(), [Period.parse("2020-01")], UnitGroup.ALL, today=TODAY)
    assert before["score"].isna().all()


@pytest.mark.parametrize("group", [UnitGroup.ALL, UnitGroup.WARD, UnitGroup.COMMUNE_LEVEL])
def test_two_months_of_a_batch_give_the_evaluation_with_the_previous_month(demo, group):
    """Đánh giá's table (with the previous month's score and change) from two months already evaluated."""
    con = demo.cursor()
    months = [Period.parse(p) for p in ("2025-07", "2025-08", "2026-04", "2026-05", "2026-09", "2026-10")]
    batch = dict(zip(months, evaluate_periods(con, months, group, today=TODAY), strict=True))
    for month in (Period.parse("2025-08"), Period.parse("2026-05"), Period.parse("2026-10")):
        got = with_previous_scores(batch[month], batch[month.previous()])
        pd.testing.assert_frame_equal(got, evaluate_units(con, month, group, today=TODAY), obj=f"{group.value} {month}")
        assert got["prev_score"].notna().any() or month == Period.parse("2025-08")
