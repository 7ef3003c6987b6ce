"""Evaluation: score against targets, levels, the late-without-reason cap and its reason."""

import pytest

from metrics.evaluation import EvaluationConfig, Level, evaluate_units, level_counts
from metrics.periods import Period
from tests.factories import add_batch, add_dossiers, add_field, add_target, add_tasks, add_unit, new_store, resolved

ONLY_ON_TIME = EvaluationConfig(weights={"on_time_rate": 100.0}, tolerance=0.25, late_max_share=0.01)


@pytest.fixture
def store():
    s = new_store()
    add_field(s, "f1")
    for code in ("good", "late", "poor", "quiet"):
        add_unit(s, code, "ward")
    add_target(s, "on_time_rate", 2026, 0.95)
    b = add_batch(s)
    add_dossiers(s, b, "good", "2026-10", **resolved(1000, 990))              # 99 % ≥ 95 % → 100 points
    add_dossiers(s, b, "late", "2026-10", **resolved(1000, 990), late_without_reason=8)
    add_tasks(s, b, "late", "2026-10", tasks_due=100, tasks_done_on_time=90, tasks_done_late=10,
              tasks_late_without_reason=6)
    add_dossiers(s, b, "poor", "2026-10", **resolved(100, 80))                # 80 %: 15 points short
    add_dossiers(s, b, "good", "2026-09", **resolved(100, 85))                # 85 %: 10 points short
    return s


def test_score_level_and_improvement(store):
    ev = evaluate_units(store.cursor(), Period.parse("2026-10"), config=ONLY_ON_TIME).set_index("unit_code")
    assert ev.loc["good", "score"] == pytest.approx(100.0)
    assert ev.loc["good", "level"] == Level.EXCELLENT.value
    # 1 − 0.15 / 0.25 = 0.4 → 40 points → not completed
    assert ev.loc["poor", "score"] == pytest.approx(40.0)
    assert ev.loc["poor", "level"] == Level.NOT_COMPLETED.value
    # September: 1 − 0.10 / 0.25 = 0.6 → 60; improvement +40
    assert ev.loc["good", "prev_score"] == pytest.approx(60.0)
    assert ev.loc["good", "score_change"] == pytest.approx(40.0)
    assert ev.loc["quiet", "level"] == Level.NO_DATA.value


def test_cap_limits_level_to_completed_and_records_reason(store):
    ev = evaluate_units(store.cursor(), Period.parse("2026-10"), config=ONLY_ON_TIME).set_index("unit_code")
    late = ev.loc["late"]
    assert late["score"] == pytest.approx(100.0)
    assert late["level_uncapped"] == Level.EXCELLENT.value
    assert late["level"] == Level.COMPLETED.value and late["capped"]
    # 8 dossiers + 6 tasks late without reason over 1000 resolved + 100 tasks due = 1,27 %
    assert late["late_without_reason_total"] == 14
    assert late["late_share"] == pytest.approx(14 / 1100)
    assert late["cap_reason"] == "14 hồ sơ/nhiệm vụ trễ hạn không có lý do chính đáng (1,3 % > ngưỡng 1,0 %)"
    assert not ev.loc["good", "capped"] and ev.loc["good", "cap_reason"] == ""


def test_cap_threshold_is_configurable(store):
    lenient = EvaluationConfig(weights={"on_time_rate": 100.0}, late_max_share=0.02)
    ev = evaluate_units(store.cursor(), Period.parse("2026-10"), config=lenient).set_index("unit_code")
    assert ev.loc["late", "level"] == Level.EXCELLENT.value
    by_count = EvaluationConfig(weights={"on_time_rate": 100.0}, late_max_share=None, late_max_count=10)
    ev = evaluate_units(store.cursor(), Period.parse("2026-10"), config=by_count).set_index("unit_code")
    assert ev.loc["late", "capped"] and "(> ngưỡng 10)" in ev.loc["late", "cap_reason"]


def test_cap_does_not_raise_a_lower_level(store):
    b = add_batch(store, "more.csv")
    add_dossiers(store, b, "poor", "2026-11", **resolved(100, 80), late_without_reason=20)
    ev = evaluate_units(store.cursor(), Period.parse("2026-11"), config=ONLY_ON_TIME).set_index("unit_code")
    assert ev.loc["poor", "level"] == Level.NOT_COMPLETED.value and not ev.loc["poor", "capped"]
    assert ev.loc["poor", "cap_reason"] != ""


def test_missing_indicators_are_left_out_and_weights_rescaled(store):
    cfg = EvaluationConfig(weights={"on_time_rate": 50.0, "edoc_rate": 50.0}, tolerance=0.25)
    ev = evaluate_units(store.cursor(), Period.parse("2026-10"), config=cfg).set_index("unit_code")
    assert ev.loc["good", "score"] == pytest.approx(100.0)
    assert ev.loc["good", "missing_indicators"] == "edoc_rate"


def test_level_bands_follow_the_published_scheme():
    cfg = EvaluationConfig()
    assert cfg.level_for(90.0) is Level.GOOD          # "> 90" for excellent
    assert cfg.level_for(90.01) is Level.EXCELLENT
    assert cfg.level_for(80.0) is Level.COMPLETED
    assert cfg.level_for(50.0) is Level.COMPLETED
    assert cfg.level_for(49.99) is Level.NOT_COMPLETED


def test_config_round_trip_and_validation(store):
    cfg = EvaluationConfig(weights={"on_time_rate": 60.0, "online_rate": 40.0}, late_max_share=0.05)
    with store.transaction() as cur:
        cfg.save(cur)
    assert EvaluationConfig.load(store.cursor()) == cfg
    bad = EvaluationConfig(weights={"nope": 10.0, "overdue_in_progress": 5.0}, good_above=95.0)
    problems = bad.validate()
    assert any("nope" in p for p in problems)
    assert any("overdue_in_progress" in p for p in problems)
    assert any("tăng dần" in p for p in problems)
    with pytest.raises(ValueError), store.transaction() as cur:
        bad.save(cur)


def test_level_counts_lists_every_level(store):
    ev = evaluate_units(store.cursor(), Period.parse("2026-10"), config=ONLY_ON_TIME)
    counts = level_counts(ev).set_index("level")["count"].to_dict()
    assert counts == {"excellent": 1, "good": 0, "completed": 1, "not_completed": 1, "no_data": 1}
