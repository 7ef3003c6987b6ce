"""`values_of` and `targets_of` read many figures in one query per family: they must give exactly what
`single_value` and `target_for` give one by one, blanks and "no data" included."""

from datetime import date

import pandas as pd
import pytest

from data.demo import build_demo
from metrics.indicators import INDICATORS
from metrics.overview import indicator_field, overview_cards
from metrics.profile import unit_indicators
from metrics.queries import By, units_frame
from metrics.targets import target_for, targets_of
from metrics.values import NO_VALUE, indicator_values, monthly_values_of, single_value, values_of
from store import open_store
from tests.factories import (
    add_batch,
    add_documents,
    add_dossiers,
    add_field,
    add_target,
    add_unit,
    new_store,
    resolved,
)
from vocab.periods import Period
from vocab.units import UnitGroup

PERIODS = {"month": Period.parse("2026-10"), "quarter": Period.parse("2026-Q2"), "year": Period.parse("2025"),
           "before_data": Period.parse("2020-01")}


@pytest.fixture(scope="module")
def demo():
    s = open_store(":memory:")
    build_demo(s, today=date(2026, 11, 26))
    return s


@pytest.mark.parametrize("group", [UnitGroup.ALL, UnitGroup.WARD, UnitGroup.DEPARTMENT])
def test_every_indicator_and_period_equals_single_value(demo, group):
    con = demo.cursor()
    batched = values_of(con, PERIODS, group)
    for label, period in PERIODS.items():
        for ind in INDICATORS:
            assert batched[label][ind.id] == single_value(con, ind, period, group), (label, ind.id)
    assert all(v == NO_VALUE for v in batched["before_data"].values())
    assert any(v.has_data for v in batched["month"].values())


def test_one_unit_and_one_field_equal_single_value(demo):
    con = demo.cursor()
    unit = units_frame(con, PERIODS["month"], UnitGroup.WARD)["unit_code"].iloc[0]
    field = con.execute("SELECT field_code FROM dossier_facts LIMIT 1").fetchone()[0]
    by_unit = values_of(con, PERIODS, unit=unit)
    by_field = values_of(con, PERIODS, UnitGroup.WARD, field)
    for label, period in PERIODS.items():
        for ind in INDICATORS:
            assert by_unit[label][ind.id] == single_value(con, ind, period, unit=unit)
            # the field filter is a dossier breakdown: other families ignore it, as the overview's cards do
            assert by_field[label][ind.id] == single_value(con, ind, period, UnitGroup.WARD,
                                                          indicator_field(ind, field))


def test_blank_numerator_and_zero_denominator_stay_no_data():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "a")
    b = add_batch(s)
    # received 5, resolved nothing: every resolved-based rate is 0/0, "no data", never 0 %
    add_dossiers(s, b, "a", "2026-10", received_total=5, received_direct=5)
    add_documents(s, b, "a", "2026-10", total=0, signed=0)
    got = values_of(s.cursor(), {"cur": Period.parse("2026-10")})["cur"]
    assert got["on_time_rate"].value is None and got["on_time_rate"].denominator == 0
    assert got["edoc_rate"].value is None
    assert got["tasks_overdue_open"] == NO_VALUE   # no task row at all
    for ind in INDICATORS:
        assert got[ind.id] == single_value(s.cursor(), ind, Period.parse("2026-10"))


def test_targets_of_prefers_the_unit_types_own_target():
    s = new_store()
    add_target(s, "on_time_rate", 2026, 0.9)
    add_target(s, "on_time_rate", 2026, 0.95, unit_type="ward")
    add_target(s, "edoc_rate", 2026, 0.8)
    add_target(s, "online_rate", 2025, 0.5)
    con = s.cursor()
    assert targets_of(con, 2026, "ward") == {"on_time_rate": 0.95, "edoc_rate": 0.8}
    assert targets_of(con, 2026, "department") == {"on_time_rate": 0.9, "edoc_rate": 0.8}
    assert targets_of(con, 2026) == {"on_time_rate": 0.9, "edoc_rate": 0.8}
    for unit_type in ("ward", "department", None):
        for ind in INDICATORS:
            assert targets_of(con, 2026, unit_type).get(ind.id) == target_for(con, ind, 2026, unit_type)


def test_cards_and_unit_indicators_read_the_same_figures_as_one_by_one(demo):
    con = demo.cursor()
    period = PERIODS["month"]
    field = con.execute("SELECT field_code FROM dossier_facts LIMIT 1").fetchone()[0]
    for card in overview_cards(con, period, UnitGroup.WARD, field):
        ind = next(i for i in INDICATORS if i.id == card.indicator)
        assert card.now == single_value(con, ind, period, UnitGroup.WARD, indicator_field(ind, field))
        assert card.previous == single_value(con, ind, Period.parse("2026-09"), UnitGroup.WARD,
                                             indicator_field(ind, field))
        assert card.last_year == single_value(con, ind, Period.parse("2025-10"), UnitGroup.WARD,
                                              indicator_field(ind, field))
        assert card.target == target_for(con, ind, 2026, "ward")
    unit = units_frame(con, period, UnitGroup.WARD)["unit_code"].iloc[0]
    table = unit_indicators(con, unit, "ward", period)
    for ind, mine in zip(INDICATORS, table["unit"], strict=True):
        expected = single_value(con, ind, period, unit=unit).value
        assert (mine is None and expected is None) or mine == pytest.approx(expected)


@pytest.mark.parametrize("group", [UnitGroup.ALL, UnitGroup.WARD, UnitGroup.DEPARTMENT])
def test_monthly_values_of_equal_indicator_values(demo, group):
    """The overview's trends, one query per family: each indicator's months equal `indicator_values`."""
    con = demo.cursor()
    window = Period.parse("2024-11..2026-10")
    field = con.execute("SELECT field_code FROM dossier_facts LIMIT 1").fetchone()[0]
    unit = units_frame(con, PERIODS["month"], group)["unit_code"].iloc[0]
    for kw in ({}, {"field": field}, {"unit": unit}):
        batched = monthly_values_of(con, window, group, **kw)
        assert list(batched) == [ind.id for ind in INDICATORS]
        for ind in INDICATORS:
            pd.testing.assert_frame_equal(batched[ind.id], indicator_values(con, ind, window, By.MONTH, group, **kw),
                                          obj=f"{ind.id} {kw}")
    whole = monthly_values_of(con, window, group)
    assert len(whole["on_time_rate"]) > 12 and whole["on_time_rate"]["value"].notna().any()
    # a field is a dossier breakdown: the document and task indicators have no months under it
    assert monthly_values_of(con, window, group, field)["edoc_rate"].empty


def test_monthly_values_of_keep_a_blank_month_as_no_data():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "a")
    b = add_batch(s)
    add_dossiers(s, b, "a", "2026-09", **resolved(10, 9))
    add_dossiers(s, b, "a", "2026-10", received_total=5, received_direct=5)   # nothing resolved: 0/0
    got = monthly_values_of(s.cursor(), Period.parse("2026-09..2026-10"))["on_time_rate"]
    assert list(got["value"].isna()) == [False, True]
    assert got["value"].iloc[0] == pytest.approx(0.9)
