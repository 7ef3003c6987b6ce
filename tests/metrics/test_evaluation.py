"""Evaluation on hand-made data: points, coverage, the directive's cap, improvement, levels.

Every figure below is computed by hand in the comment beside it.
"""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from metrics.evaluation import (
    CoverageShortfall,
    EvaluationConfig,
    LateWithoutReason,
    NotWholePeriod,
    evaluate_units,
    level_counts,
    level_for,
)
from tests.factories import (
    add_batch,
    add_documents,
    add_dossiers,
    add_field,
    add_target,
    add_tasks,
    add_unit,
    new_store,
    resolved,
)
from texts.evaluation import cap_reason_text
from vocab.levels import Level
from vocab.periods import Period

TODAY = date(2026, 11, 28)
# Only the on-time rate, no improvement component: points are easy to follow.
ONLY_ON_TIME = EvaluationConfig(weights={"on_time_rate": 100.0}, tolerance=0.25, improvement_weight=0.0)
# What the official form Biểu 06 carries and nothing else: the extras are NOT reported.
NOT_ON_FORM = dict(received_full_process=None, fee_dossiers=None, fee_paid_online=None, electronic_results=None,
                   digitised=None, resolved_late_unexcused=None, pending_overdue_unexcused=None)


def evaluate(store, period, config=ONLY_ON_TIME, today=TODAY, **kw):
    return evaluate_units(store.cursor(), Period.parse(period), config=config, today=today, **kw).set_index("unit_code")


@pytest.fixture
def store():
    s = new_store()
    add_field(s, "f1")
    for code in ("good", "late", "poor", "quiet"):
        add_unit(s, code, "ward")
    add_target(s, "on_time_rate", 2026, 0.95)
    b = add_batch(s)
    add_dossiers(s, b, "good", "2026-10", **resolved(1000, 990))              # 99 % ≥ 95 % → 100 points
    add_dossiers(s, b, "late", "2026-10", **resolved(1000, 990), resolved_late_unexcused=8)
    add_dossiers(s, b, "poor", "2026-10", **resolved(100, 80))                # 80 %: 15 points short
    add_dossiers(s, b, "good", "2026-09", **resolved(100, 85))                # 85 %: 10 points short
    return s


def test_score_level_and_change_on_previous_period(store):
    ev = evaluate(store, "2026-10")
    assert ev.loc["good", "score"] == pytest.approx(100.0)
    assert ev.loc["good", "level"] == Level.EXCELLENT.value
    # 1 − 0.15 / 0.25 = 0.4 → 40 points → not completed
    assert ev.loc["poor", "score"] == pytest.approx(40.0)
    assert ev.loc["poor", "level"] == Level.NOT_COMPLETED.value
    # September: 1 − 0.10 / 0.25 = 0.6 → 60; change +40
    assert ev.loc["good", "prev_score"] == pytest.approx(60.0)
    assert ev.loc["good", "score_change"] == pytest.approx(40.0)
    assert ev.loc["quiet", "level"] == Level.NO_DATA.value and np.isnan(ev.loc["quiet", "score"])


def test_unexcused_share_under_threshold_is_not_capped():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "u", "ward")
    b = add_batch(s)
    # 10 resolved late, 8 of them without a reason → 8 / 1000 = 0,8 % ≤ 1 %
    add_dossiers(s, b, "u", "2026-10", **resolved(1000, 990), resolved_late_unexcused=8, pending_overdue_unexcused=0)
    u = evaluate(s, "2026-10").loc["u"]
    assert u["dossier_late_unexcused"] == 8 and u["dossier_late_base"] == 1000
    assert u["dossier_late_share"] == pytest.approx(0.008)
    assert u["level"] == Level.EXCELLENT.value and u["cap_reasons"] == ()


def test_unreported_excuse_count_caps_with_the_reason():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "u", "ward")
    b = add_batch(s)
    # 99,0 % on time (990 / 1000) → 100 points; 10 resolved late and the excuse count is blank:
    # the burden is the unit's, so 10 / 1000 = 1,0 %… equal to the threshold is not "above".
    # Add 5 overdue in progress at the month's end: (10 + 5) / (1000 + 5) = 1,49 % > 1 %.
    add_dossiers(s, b, "u", "2026-10", **resolved(1000, 990), pending_total=5, pending_overdue=5,
                 resolved_late_unexcused=None, pending_overdue_unexcused=None)
    u = evaluate(s, "2026-10").loc["u"]
    assert u["dossier_late_unexcused"] == 15 and u["dossier_late_assumed"] == 15
    assert u["dossier_late_share"] == pytest.approx(15 / 1005)
    assert u["level_uncapped"] == Level.EXCELLENT.value and u["level"] == Level.COMPLETED.value
    # The reason is a record with its numbers; `texts.evaluation` words it (tests/texts).
    assert u["cap_reasons"] == (LateWithoutReason("dossier", 15.0, 15.0, 1005.0, pytest.approx(15 / 1005), 0.01, None),)
    assert cap_reason_text(u["cap_reasons"]) == (
        "15/1.005 hồ sơ trễ hạn không có lý do chính đáng (1,5 % > ngưỡng 1,0 %); "
        "15 hồ sơ trễ hạn chưa báo cáo lý do trễ hạn, tính là không có lý do")
    # The policy is configurable: with excuses presumed, the same unit is not capped.
    lenient = replace(ONLY_ON_TIME, unreported_excuse_is_unexcused=False)
    assert evaluate(s, "2026-10", lenient).loc["u", "level"] == Level.EXCELLENT.value


def test_an_item_overdue_for_three_months_counts_once_in_the_quarter():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "u", "ward")
    b = add_batch(s)
    # The same dossier is overdue in progress at the end of July, August and September.
    for month in ("2026-07", "2026-08", "2026-09"):
        add_dossiers(s, b, "u", month, **resolved(100, 100), pending_total=1, pending_overdue=1,
                     resolved_late_unexcused=0, pending_overdue_unexcused=1)
    u = evaluate(s, "2026-Q3").loc["u"]
    # resolved late 0 + overdue at the end of September 1 = 1 (not 3)
    assert u["dossier_late"] == 1 and u["dossier_late_unexcused"] == 1
    # base: 300 resolved in the quarter + 1 in progress at its end
    assert u["dossier_late_base"] == 301


def test_dossier_and_task_shares_are_judged_separately():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "u", "ward")
    b = add_batch(s)
    add_dossiers(s, b, "u", "2026-10", **resolved(1000, 1000), resolved_late_unexcused=0, pending_overdue_unexcused=0)
    # 2 of 20 tasks done late without reason: 2 / 20 = 10 % > 5 % for tasks. Mixed with the 1000
    # dossiers the old rule gave 2 / 1020 = 0,2 % and no cap.
    add_tasks(s, b, "u", "2026-10", tasks_due=20, tasks_done_on_time=18, tasks_done_late=2,
              tasks_done_late_unexcused=2, tasks_overdue_unexcused=0)
    u = evaluate(s, "2026-10").loc["u"]
    assert u["task_late_share"] == pytest.approx(2 / 20)
    assert u["dossier_late_share"] == pytest.approx(0.0)
    assert u["level"] == Level.COMPLETED.value
    assert u["cap_reasons"] == (LateWithoutReason("task", 2.0, 0.0, 20.0, pytest.approx(0.1), 0.05, None),)
    assert cap_reason_text(u["cap_reasons"]) == "2/20 nhiệm vụ trễ hạn không có lý do chính đáng (10,0 % > ngưỡng 5,0 %)"


def test_cap_does_not_raise_a_lower_level(store):
    b = add_batch(store, "more.csv")
    add_dossiers(store, b, "poor", "2026-11", **resolved(100, 80), resolved_late_unexcused=20)
    ev = evaluate(store, "2026-11", today=date(2026, 12, 5))
    assert ev.loc["poor", "level"] == Level.NOT_COMPLETED.value and not ev.loc["poor", "capped"]
    assert ev.loc["poor", "cap_reasons"] != ()


def test_a_unit_that_sent_only_biểu_06_gets_no_invented_zeros():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "w", "ward")
    b = add_batch(s)
    add_dossiers(s, b, "w", "2026-10", **resolved(200, 198), received_total=200, received_online=150,
                 received_direct=50, **NOT_ON_FORM)
    ev = evaluate_units(s.cursor(), Period.parse("2026-10"), today=TODAY).set_index("unit_code")
    w = ev.loc["w"]
    # Reported: on-time (198/200 = 99 %) and online (150/200 = 75 %). Not reported (expected from a
    # ward): full-process, payment, digitisation, e-results, e-documents, tasks → 0 points, named.
    assert np.isnan(w["value_digitisation_rate"]) and w["points_digitisation_rate"] == 0.0
    assert w["indicators_reported"] == 2 and w["indicators_expected"] == 8
    assert set(w["not_reported"].split(", ")) == {
        "full_process_online_rate", "online_payment_rate", "digitisation_rate", "electronic_result_rate",
        "edoc_rate", "task_on_time_rate"}
    # Defaults, no targets in this database (measured against 100 %): on-time 25 × (1 − 0,01/0,25) = 24;
    # online 10 × (1 − 0,25/0,25) = 0. Improvement: its four rates are expected and not reported → 0 of 10.
    # score = 100 × (24 + 0) / (90 + 10) = 24
    assert w["score"] == pytest.approx(24.0)
    assert w["improvement_points"] == 0.0
    assert not w["coverage_ok"]
    assert w["cap_reasons"] == (CoverageShortfall(2, 8, 1, 1),)


def test_not_reporting_is_never_rewarded():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "sent", "ward")
    add_unit(s, "hid", "ward")
    add_target(s, "edoc_rate", 2026, 0.80)
    b = add_batch(s)
    cfg = EvaluationConfig(weights={"on_time_rate": 50.0, "edoc_rate": 50.0}, improvement_weight=0.0)
    for unit in ("sent", "hid"):
        add_dossiers(s, b, unit, "2026-10", **resolved(100, 100))
    add_documents(s, b, "sent", "2026-10", total=100, signed=70)  # 70 %: 10 short of 80 % → 50 × 0,6 = 30
    ev = evaluate(s, "2026-10", cfg)
    # sent: (50 + 30) / 100 = 80; hid did not send e-documents: (50 + 0) / 100 = 50 — never more than sent
    assert ev.loc["sent", "score"] == pytest.approx(80.0)
    assert ev.loc["hid", "score"] == pytest.approx(50.0)
    assert ev.loc["hid", "not_reported"] == "edoc_rate"


def test_zero_denominator_does_not_apply_and_is_no_value():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "u", "ward")
    b = add_batch(s)
    cfg = EvaluationConfig(weights={"on_time_rate": 50.0, "online_payment_rate": 50.0}, improvement_weight=0.0)
    # No dossier with a fee this month (0 / 0): payment does not apply; on-time 100 % → 100.
    add_dossiers(s, b, "u", "2026-10", **resolved(40, 40), fee_dossiers=0, fee_paid_online=0)
    u = evaluate(s, "2026-10", cfg).loc["u"]
    assert np.isnan(u["value_online_payment_rate"]) and np.isnan(u["points_online_payment_rate"])
    assert u["score"] == pytest.approx(100.0) and u["indicators_reported"] == 2


def test_improvement_scores_an_improver_and_not_a_worsener():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "up", "ward")
    add_unit(s, "down", "ward")
    add_target(s, "edoc_rate", 2026, 0.90)
    add_target(s, "edoc_rate", 2025, 0.90)
    b = add_batch(s)
    cfg = EvaluationConfig(weights={"edoc_rate": 90.0}, improvement_weight=10.0,
                           improvement_indicators=("edoc_rate",), improvement_full_at=0.05)
    # Same month last year exists for both → compared with 10/2025 (not 09/2026).
    add_documents(s, b, "up", "2025-10", total=100, signed=70)
    add_documents(s, b, "up", "2026-09", total=100, signed=85)
    add_documents(s, b, "up", "2026-10", total=100, signed=73)    # +3 points on last year
    add_documents(s, b, "down", "2025-10", total=100, signed=80)
    add_documents(s, b, "down", "2026-10", total=100, signed=75)  # −5 points
    ev = evaluate(s, "2026-10", cfg)
    up, down = ev.loc["up"], ev.loc["down"]
    assert up["compare_period"] == "2025-10"
    # up: +3 / 5 = 0,6 of 10 → 6 improvement points; e-doc 73 %: 90 × (1 − 0,17/0,25) = 28,8
    assert up["change_edoc_rate"] == pytest.approx(0.03)
    assert up["improvement_points"] == pytest.approx(6.0)
    assert up["improvement_edoc_rate"] == pytest.approx(6.0)
    assert up["score"] == pytest.approx(28.8 + 6.0)
    # down: a fall earns 0 (never negative); 75 %: 90 × (1 − 0,15/0,25) = 36
    assert down["improvement_points"] == pytest.approx(0.0)
    assert down["score"] == pytest.approx(36.0)


def test_improvement_falls_back_to_the_previous_period_without_last_year():
    s = new_store()
    add_unit(s, "u", "ward")
    b = add_batch(s)
    cfg = EvaluationConfig(weights={"edoc_rate": 90.0}, improvement_indicators=("edoc_rate",))
    add_documents(s, b, "u", "2026-09", total=100, signed=50)
    add_documents(s, b, "u", "2026-10", total=100, signed=60)   # +10 points ≥ 5 → full 10
    u = evaluate(s, "2026-10", cfg).loc["u"]
    assert u["compare_period"] == "2026-09" and u["improvement_points"] == pytest.approx(10.0)


def test_stock_for_a_period_comes_from_its_last_month_only():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "u", "ward")
    b = add_batch(s)
    cfg = EvaluationConfig(weights={"on_time_rate": 100.0}, improvement_weight=0.0)
    # Reported July and August, not September: the overdue stock at the end of Q3 is unknown.
    add_dossiers(s, b, "u", "2026-07", **resolved(50, 50), pending_total=4, pending_overdue=4)
    add_dossiers(s, b, "u", "2026-08", **resolved(50, 50), pending_total=3, pending_overdue=3)
    u = evaluate(s, "2026-Q3", cfg).loc["u"]
    assert u["dossier_late"] == 0            # 0 resolved late + no stock (not 3 from August)
    assert u["months_reported"] == 2 and u["months_expected"] == 3 and not u["coverage_ok"]
    assert u["level"] == Level.COMPLETED.value
    assert u["cap_reasons"] == (CoverageShortfall(1, 1, 2, 3),)


def test_a_unit_not_active_for_the_whole_period_is_not_rated():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "closed", "ward", valid_to=date(2026, 5, 31))
    b = add_batch(s)
    add_dossiers(s, b, "closed", "2026-04", **resolved(10, 10))
    add_dossiers(s, b, "closed", "2026-05", **resolved(10, 10))
    u = evaluate(s, "2026-Q2").loc["closed"]
    assert u["level"] == Level.NO_DATA.value and not u["whole_period"]
    assert u["cap_reasons"] == (NotWholePeriod(),)


def test_months_not_yet_over_are_not_missing():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "u", "ward")
    b = add_batch(s)
    add_dossiers(s, b, "u", "2026-10", **resolved(10, 10))
    u = evaluate(s, "2026-Q4").loc["u"]   # today is 28/11: only October is over
    assert (u["months_reported"], u["months_expected"]) == (1, 1) and u["coverage_ok"]


def test_level_bands_follow_the_published_scheme():
    cfg = EvaluationConfig()
    assert level_for(cfg, 90.0) is Level.GOOD          # "> 90" for excellent
    assert level_for(cfg, 90.01) is Level.EXCELLENT
    assert level_for(cfg, 80.0) is Level.COMPLETED
    assert level_for(cfg, 50.0) is Level.COMPLETED
    assert level_for(cfg, 49.99) is Level.NOT_COMPLETED


def test_config_validation():
    bad = EvaluationConfig(weights={"nope": 10.0, "overdue_in_progress": 5.0}, good_above=95.0)
    problems = bad.validate()
    assert any("nope" in p for p in problems)
    assert any("overdue_in_progress" in p for p in problems)
    assert any("tăng dần" in p for p in problems)
    assert EvaluationConfig().validate() == []
    assert sum(EvaluationConfig().weights.values()) + EvaluationConfig().improvement_weight == 100


def test_level_counts_lists_every_level(store):
    counts = level_counts(evaluate(store, "2026-10").reset_index()).set_index("level")["count"].to_dict()
    # good 100 → excellent; late 100 (8/1000 unexcused, under 1 %) → excellent; poor 40; quiet nothing
    assert counts == {"excellent": 2, "good": 0, "completed": 0, "not_completed": 1, "no_data": 1}
