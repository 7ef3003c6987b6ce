"""A unit's profile on a hand-made database: its indicators beside its group and the city, late fields, evaluations."""

from datetime import date

import pandas as pd
import pytest

from metrics.evaluation import evaluate_units
from metrics.profile import (
    EVALUATION_HISTORY_COLUMNS,
    UNIT_INDICATOR_COLUMNS,
    evaluation_history,
    field_lateness,
    late_fields,
    unit_indicators,
)
from metrics.values import city_values
from tests.factories import add_batch, add_dossiers, add_field, add_target, add_unit, new_store, resolved
from vocab.periods import Period
from vocab.units import UnitGroup

OCTOBER = Period.month(2026, 10)


@pytest.fixture
def con():
    """Wards a and b, commune c; a is 90/100 on time in Đất đai (3 overdue in progress) and 100/100 in Hộ tịch."""
    s = new_store()
    add_field(s, "dat-dai", "Đất đai")
    add_field(s, "ho-tich", "Hộ tịch")
    add_unit(s, "a", "ward", "Phường A")
    add_unit(s, "b", "ward", "Phường B")
    add_unit(s, "c", "commune", "Xã C")
    add_unit(s, "moi", "ward", "Phường Mới", valid_from=date(2026, 10, 1))
    add_target(s, "on_time_rate", 2026, 0.90)
    add_target(s, "on_time_rate", 2026, 0.95, "ward")
    b = add_batch(s)
    add_dossiers(s, b, "a", "2026-10", "dat-dai", pending_total=5, pending_overdue=3, **resolved(100, 90))
    add_dossiers(s, b, "a", "2026-10", "ho-tich", **resolved(100, 100))
    add_dossiers(s, b, "b", "2026-10", "dat-dai", **resolved(100, 70))
    add_dossiers(s, b, "c", "2026-10", "dat-dai", **resolved(50, 50))
    add_dossiers(s, b, "a", "2026-09", "dat-dai", **resolved(10, 10))
    add_dossiers(s, b, "moi", "2026-10", "dat-dai", **resolved(10, 10))
    return s.cursor()


def test_a_unit_stands_beside_its_group_and_the_city_with_its_own_target(con):
    frame = unit_indicators(con, "a", "ward", OCTOBER)
    assert list(frame.columns) == UNIT_INDICATOR_COLUMNS
    on_time = frame.set_index("indicator").loc["on_time_rate"]
    assert on_time["unit"] == pytest.approx(190 / 200)           # 90 + 100 over 200
    assert on_time["group"] == pytest.approx(270 / 310)          # wards: a 190/200, b 70/100, Mới 10/10
    assert on_time["city"] == pytest.approx(320 / 360)           # and the commune's 50/50
    assert on_time["target"] == pytest.approx(0.95)              # the wards' own target
    assert on_time["band"] == "met"
    assert bool(on_time["is_rate"])
    commune = unit_indicators(con, "c", "commune", OCTOBER).set_index("indicator").loc["on_time_rate"]
    assert commune["group"] == pytest.approx(1.0)                # the commune group is c alone
    assert commune["target"] == pytest.approx(0.90)              # no commune target: the general one


def test_a_page_that_hands_over_the_group_and_city_values_gets_the_same_frame(con):
    """The unit page passes the group's and the city's values it shares between units (ui.cached.group_values)."""
    shared = unit_indicators(con, "a", "ward", OCTOBER, group_values=city_values(con, OCTOBER, UnitGroup.WARD),
                             city=city_values(con, OCTOBER))
    pd.testing.assert_frame_equal(shared, unit_indicators(con, "a", "ward", OCTOBER))
    wrong = unit_indicators(con, "a", "ward", OCTOBER, group_values=city_values(con, OCTOBER, UnitGroup.COMMUNE))
    assert wrong.set_index("indicator").loc["on_time_rate", "group"] == pytest.approx(1.0)  # used as given


def test_lateness_by_field_names_the_fields_and_keeps_only_late_ones(con):
    frame = field_lateness(con, "a", OCTOBER)
    rows = frame.set_index("field_code")
    assert rows.loc["dat-dai", "field_name"] == "Đất đai"
    assert (rows.loc["dat-dai", "resolved_late"], rows.loc["dat-dai", "pending_overdue"]) == (10, 3)
    assert (rows.loc["ho-tich", "resolved_late"], rows.loc["ho-tich", "pending_overdue"]) == (0, 0)
    assert list(late_fields(frame)["field_code"]) == ["dat-dai"]
    assert field_lateness(con, "a", Period.month(2026, 11)).empty


def test_evaluation_history_has_a_row_per_period_the_unit_was_evaluated_in(con):
    periods = (Period.month(2026, 9), OCTOBER)
    history = evaluation_history(con, "moi", periods, UnitGroup.WARD)
    assert list(history.columns) == EVALUATION_HISTORY_COLUMNS
    assert list(history["period"]) == ["2026-10"]                # Phường Mới did not exist in September
    assert history.iloc[0]["month"] == date(2026, 10, 1)
    a = evaluation_history(con, "a", periods, UnitGroup.WARD)
    assert list(a["period"]) == ["2026-09", "2026-10"]
    same = evaluate_units(con, OCTOBER, UnitGroup.WARD, with_previous=False).set_index("unit_code").loc["a"]
    assert a.iloc[1]["score"] == pytest.approx(same["score"])
    assert a.iloc[1]["level"] == same["level"]


def test_late_fields_of_an_empty_breakdown_is_empty():
    empty = pd.DataFrame({"field_code": [], "resolved_late": [], "pending_overdue": []})
    assert late_fields(empty).empty
