"""Overview cards and volumes on a hand-made database: every number below is worked out by hand."""

from datetime import date

import pytest

from metrics.overview import dossier_volumes, group_target, group_unit_type, overview_cards
from metrics.targets import Band
from tests.factories import add_batch, add_documents, add_dossiers, add_field, add_target, add_unit, new_store, resolved
from vocab.periods import Period
from vocab.units import UnitGroup

OCTOBER = Period.month(2026, 10)


@pytest.fixture
def con():
    """Two wards and a department; on time: a 90/100 (f1) + 50/100 (f2), b 50/50 (f1) in October 2026."""
    s = new_store()
    add_field(s, "f1")
    add_field(s, "f2")
    add_unit(s, "a", "ward")
    add_unit(s, "b", "ward")
    add_unit(s, "so", "department")
    add_target(s, "on_time_rate", 2026, 0.90)            # general
    add_target(s, "on_time_rate", 2026, 0.95, "ward")    # the wards' own
    b = add_batch(s)
    add_dossiers(s, b, "a", "2026-10", "f1", **resolved(100, 90))
    add_dossiers(s, b, "a", "2026-10", "f2", **resolved(100, 50))
    add_dossiers(s, b, "b", "2026-10", "f1", **resolved(50, 50))
    add_dossiers(s, b, "a", "2026-09", "f1", **resolved(100, 80))
    add_dossiers(s, b, "a", "2025-10", "f1", **resolved(10, 5))
    add_dossiers(s, b, "so", "2026-10", "f1", **resolved(100, 100))
    add_documents(s, b, "a", "2026-10", total=10, signed=8)
    return s.cursor()


def _card(cards, indicator):
    return next(c for c in cards if c.indicator == indicator)


def test_a_card_holds_now_previous_last_year_target_and_band(con):
    card = _card(overview_cards(con, OCTOBER, UnitGroup.WARD), "on_time_rate")
    assert (card.now.numerator, card.now.denominator) == (190, 250)      # 90 + 50 + 50 over 100 + 100 + 50
    assert card.now.value == pytest.approx(0.76)
    assert card.previous.value == pytest.approx(0.80)                     # September: 80/100
    assert card.last_year.value == pytest.approx(0.50)                    # October 2025: 5/10
    assert card.target == pytest.approx(0.95)                             # the wards' own target
    assert card.band is Band.BELOW                                        # 0.76 < 0.95 − 0.05


def test_the_field_filter_applies_to_dossier_indicators_only(con):
    cards = overview_cards(con, OCTOBER, UnitGroup.WARD, field="f1")
    on_time = _card(cards, "on_time_rate")
    assert (on_time.now.numerator, on_time.now.denominator) == (140, 150)  # f1 only: 90 + 50 over 100 + 50
    assert on_time.band is Band.NEAR                                       # 0.933 ≥ 0.95 − 0.05
    assert on_time.previous.value == pytest.approx(0.80)
    edoc = _card(cards, "edoc_rate")
    assert edoc.now.value == pytest.approx(0.8)                            # documents have no field: 8/10 still
    assert edoc.now == _card(overview_cards(con, OCTOBER, UnitGroup.WARD), "edoc_rate").now


def test_a_mixed_group_takes_the_general_target(con):
    assert group_unit_type(UnitGroup.WARD) == "ward"
    assert group_unit_type(UnitGroup.COMMUNE_LEVEL) is None
    assert group_target(con, "on_time_rate", 2026, UnitGroup.WARD) == pytest.approx(0.95)
    assert group_target(con, "on_time_rate", 2026, UnitGroup.ALL) == pytest.approx(0.90)
    card = _card(overview_cards(con, OCTOBER, UnitGroup.ALL), "on_time_rate")
    assert card.now.value == pytest.approx(290 / 350)                      # the department's 100/100 added
    assert card.target == pytest.approx(0.90)
    assert card.band is Band.BELOW                                         # 0.829 < 0.90 − 0.05
    assert group_target(con, "on_time_rate", 2027, UnitGroup.WARD) is None


def test_no_target_and_no_data_are_bands_of_their_own(con):
    cards = overview_cards(con, Period.month(2026, 11), UnitGroup.WARD)
    assert all(not c.now.has_data for c in cards)
    assert {c.band for c in cards} == {Band.NO_DATA}
    overdue = _card(overview_cards(con, OCTOBER, UnitGroup.WARD), "overdue_in_progress")
    assert overdue.now.value == 0 and overdue.band is Band.NO_TARGET       # a count is never banded


def test_volumes_add_the_dossier_columns_of_the_group(con):
    volumes = dossier_volumes(con, OCTOBER, UnitGroup.WARD)
    assert volumes["resolved_total"] == 250
    assert volumes["resolved_late"] == 60                                 # 10 + 50 + 0
    assert dossier_volumes(con, OCTOBER, UnitGroup.WARD, "f2")["resolved_total"] == 100
    assert dossier_volumes(con, OCTOBER, UnitGroup.DEPARTMENT)["resolved_total"] == 100
    assert dossier_volumes(con, Period.month(2026, 11), UnitGroup.WARD) is None


def test_a_partial_quarter_is_compared_with_the_same_months():
    """Q4 2026 holding only October (90/100): compared with July alone (80/100), not all of Q3."""
    s = new_store()
    add_unit(s, "a", "ward")
    b = add_batch(s)
    add_dossiers(s, b, "a", "2026-07", **resolved(100, 80))
    add_dossiers(s, b, "a", "2026-08", **resolved(100, 100))   # Q3 whole: 180/200 = 90 %
    add_dossiers(s, b, "a", "2026-10", **resolved(100, 90))
    add_dossiers(s, b, "a", "2025-10", **resolved(10, 5))
    q4 = Period.quarter(2026, 4)
    partial = _card(overview_cards(s.cursor(), q4, UnitGroup.WARD, through=date(2026, 10, 1)), "on_time_rate")
    assert partial.now.value == pytest.approx(0.90)
    assert partial.previous.value == pytest.approx(0.80)                  # July 2026 only
    assert partial.last_year.value == pytest.approx(0.50)                 # October 2025 only
    whole = _card(overview_cards(s.cursor(), q4, UnitGroup.WARD), "on_time_rate")
    assert whole.previous.value == pytest.approx(0.90)                    # no `through`: all of Q3


def test_year_to_date_is_compared_with_the_same_months_last_year():
    s = new_store()
    add_unit(s, "a", "ward")
    b = add_batch(s)
    add_dossiers(s, b, "a", "2025-02", **resolved(10, 6))
    add_dossiers(s, b, "a", "2025-12", **resolved(10, 1))    # outside Jan–Feb 2025: not compared
    add_dossiers(s, b, "a", "2026-02", **resolved(10, 9))
    ytd = Period.parse("2026-01..2026-02")
    card = _card(overview_cards(s.cursor(), ytd, UnitGroup.WARD, through=date(2026, 2, 1)), "on_time_rate")
    assert card.now.value == pytest.approx(0.9)
    assert card.previous.value == pytest.approx(0.6) and card.last_year.value == pytest.approx(0.6)
