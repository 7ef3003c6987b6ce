"""Frozen ratings and versioned schemes: a finalised period never changes; new settings never re-rate the past."""

import json
from dataclasses import replace
from datetime import date

import pytest

from auth import admin
from metrics.evaluation import EvaluationConfig, LateWithoutReason, StoredReason
from metrics.finals import AlreadyFinal, evaluation_with_finals
from metrics.schemes import DEFAULT_SCHEME, scheme_for
from tests.factories import add_batch, add_dossiers, add_field, add_unit, new_store, resolved
from texts.commentary import scheme_status
from texts.evaluation import cap_reason_text
from vocab.levels import Level
from vocab.periods import Period
from vocab.units import UnitGroup

TODAY = date(2026, 11, 28)
Q3 = Period.parse("2026-Q3")
ON_TIME_ONLY = EvaluationConfig(weights={"on_time_rate": 100.0}, improvement_weight=0.0)


@pytest.fixture
def store():
    s = new_store()
    add_field(s, "f1")
    add_field(s, "f2")
    add_unit(s, "u", "ward")
    b = add_batch(s, "q3.csv")
    for month in ("2026-07", "2026-08", "2026-09"):
        # 98 of 100 on time each month, no late dossier without reason
        add_dossiers(s, b, "u", month, "f1", **resolved(100, 98), resolved_late_unexcused=0,
                     pending_overdue_unexcused=0)
    admin.save_evaluation(s, "boss", ON_TIME_ONLY, date(2026, 1, 1))
    return s


def evaluate(store):
    return evaluation_with_finals(store.cursor(), Q3, UnitGroup.WARD, today=TODAY).set_index("unit_code").loc["u"]


def test_a_finalised_quarter_keeps_its_rating_after_a_correction(store):
    before = evaluate(store)
    # 294 / 300 = 98 %; target 100 % (none set), tolerance 25: 100 × (1 − 0,02/0,25) = 92 → excellent
    assert before["score"] == pytest.approx(92.0) and before["level"] == Level.EXCELLENT.value
    assert not before["final"]
    assert admin.finalise_evaluation(store, "boss", Q3, UnitGroup.WARD) == 1

    # A correction for September: 60 of 100 on time → live score would be 100 × (1 − 0,1533/0,25) = 38,7
    b = add_batch(store, "sua-thang-9.csv")
    store.cursor().execute("UPDATE dossier_facts SET is_current = FALSE WHERE month = DATE '2026-09-01'")
    add_dossiers(store, b, "u", "2026-09", "f1", **resolved(100, 60))
    after = evaluate(store)
    assert after["final"] and after["changed_since_final"]
    assert after["score"] == pytest.approx(92.0) and after["level"] == Level.EXCELLENT.value
    audit = store.cursor().execute("SELECT actor, action, target FROM audit_log WHERE action = "
                                   "'evaluation_finalised'").fetchall()
    assert audit == [("boss", "evaluation_finalised", "period:2026-Q3")]


def test_finalising_twice_is_refused_and_changes_nothing(store):
    admin.finalise_evaluation(store, "boss", Q3, UnitGroup.WARD)
    with pytest.raises(AlreadyFinal, match="đã được chốt"):
        admin.finalise_evaluation(store, "boss", Q3, UnitGroup.WARD)
    assert store.cursor().execute("SELECT count(*) FROM evaluation_finals").fetchone()[0] == 1


def test_unchanged_data_is_not_flagged(store):
    admin.finalise_evaluation(store, "boss", Q3, UnitGroup.WARD)
    add_dossiers(store, add_batch(store, "other-month.csv"), "u", "2026-10", "f1", **resolved(10, 0))
    row = evaluate(store)
    assert row["final"] and not row["changed_since_final"]


def test_a_settings_change_does_not_touch_earlier_or_finalised_periods(store):
    q2 = Period.parse("2026-Q2")
    for month in ("2026-04", "2026-05", "2026-06"):
        add_dossiers(store, add_batch(store, f"{month}.csv"), "u", month, "f1", **resolved(100, 98),
                     resolved_late_unexcused=0, pending_overdue_unexcused=0)
    admin.finalise_evaluation(store, "boss", Q3, UnitGroup.WARD)
    # A stricter tolerance from October on: Q2 (not finalised) and Q3 (finalised) keep their scheme.
    stricter = replace(ON_TIME_ONLY, tolerance=0.05)
    admin.save_evaluation(store, "boss", stricter, date(2026, 10, 1))
    con = store.cursor()
    assert scheme_for(con, Period.parse("2026-10")).config.tolerance == 0.05
    assert scheme_for(con, q2).config.tolerance == 0.25
    q2_row = evaluation_with_finals(con, q2, UnitGroup.WARD, today=TODAY).set_index("unit_code").loc["u"]
    assert q2_row["score"] == pytest.approx(92.0)       # 1 − 0,02/0,25, not 1 − 0,02/0,05 = 60
    assert evaluate(store)["score"] == pytest.approx(92.0)


def test_scheme_status_is_a_proposal_until_adopted(store):
    con = store.cursor()
    scheme = scheme_for(con, Q3)
    assert scheme_status(scheme) == "đề xuất, chưa ban hành"
    admin.adopt_evaluation_scheme(store, "boss", scheme.id, "Quyết định số 12/QĐ-UBND ngày 01/12/2026")
    assert scheme_status(scheme_for(con, Q3)) == "đã ban hành theo Quyết định số 12/QĐ-UBND ngày 01/12/2026"
    with pytest.raises(admin.AdminError):
        admin.adopt_evaluation_scheme(store, "boss", scheme.id, "  ")
    assert scheme_status(DEFAULT_SCHEME, "en") == "proposal, not adopted"


def test_a_finalised_cap_keeps_its_reason_record_and_reads_in_either_language(store):
    # October: 1000 resolved, 10 late with no reason reported → 10 / 1000 = 1,0 %, plus 5 overdue
    # without a reported reason at the month's end: 15 / 1005 = 1,49 % > 1 % → capped.
    add_dossiers(store, add_batch(store, "oct.csv"), "u", "2026-10", "f1", **resolved(1000, 990), pending_total=5,
                 pending_overdue=5, resolved_late_unexcused=None, pending_overdue_unexcused=None)
    october = Period.parse("2026-10")
    admin.finalise_evaluation(store, "boss", october, UnitGroup.WARD)
    row = evaluation_with_finals(store.cursor(), october, UnitGroup.WARD, today=TODAY).set_index("unit_code").loc["u"]
    assert row["final"]
    assert row["cap_reasons"] == (LateWithoutReason("dossier", 15.0, 15.0, 1005.0, pytest.approx(15 / 1005),
                                                    0.01, None),)
    assert cap_reason_text(row["cap_reasons"], "en").startswith(
        "15/1,005 dossiers late without a legitimate reason (1.5 % > threshold 1.0 %)")


def test_a_row_finalised_before_reason_records_shows_the_words_it_was_stored_with(store):
    admin.finalise_evaluation(store, "boss", Q3, UnitGroup.WARD)
    con = store.cursor()
    result = json.loads(con.execute("SELECT result FROM evaluation_finals").fetchone()[0])
    del result["cap_reasons"]
    result.update(cap_reason="lý do cũ", cap_reason_en="old reason")
    con.execute("UPDATE evaluation_finals SET result = ?", [json.dumps(result, ensure_ascii=False)])
    row = evaluate(store)
    assert row["cap_reasons"] == (StoredReason("lý do cũ", "old reason"),)
    assert cap_reason_text(row["cap_reasons"], "en") == "old reason"
