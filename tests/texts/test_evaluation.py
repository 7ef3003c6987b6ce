"""Cap reasons as sentences: records made by hand, sentences written out by hand (vi and en)."""

from __future__ import annotations

import math

import pandas as pd

from metrics.evaluation import CoverageShortfall, LateWithoutReason, NotWholePeriod, StoredReason
from texts.evaluation import cap_reason_text, reason_text, with_reason_texts

# 10 resolved late + 5 overdue, none with a reported reason, out of 1000 + 5: 15 / 1005 = 1,49 %.
DOSSIERS = LateWithoutReason("dossier", 15.0, 15.0, 1005.0, 15 / 1005, 0.01, None)
# One task of one, late without reason, its reason not reported; thresholds 5 % or 1 task.
ONE_TASK = LateWithoutReason("task", 1.0, 1.0, 1.0, 1.0, 0.05, 1)


def test_late_dossiers_in_vietnamese_and_english():
    assert reason_text(DOSSIERS) == ("15/1.005 hồ sơ trễ hạn không có lý do chính đáng (1,5 % > ngưỡng 1,0 %); "
                                     "15 hồ sơ trễ hạn chưa báo cáo lý do trễ hạn, tính là không có lý do")
    assert reason_text(DOSSIERS, "en") == (
        "15/1,005 dossiers late without a legitimate reason (1.5 % > threshold 1.0 %); "
        "15 late dossiers with no reason reported count as unexcused")


def test_one_task_is_singular_in_english():
    assert reason_text(ONE_TASK, "en") == (
        "1/1 task late without a legitimate reason (100.0 % > threshold 5.0 % or 1 task); "
        "1 late task with no reason reported counts as unexcused")
    assert reason_text(ONE_TASK) == (
        "1/1 nhiệm vụ trễ hạn không có lý do chính đáng (100,0 % > ngưỡng 5,0 % hoặc 1 nhiệm vụ); "
        "1 nhiệm vụ trễ hạn chưa báo cáo lý do trễ hạn, tính là không có lý do")


def test_reported_reasons_add_no_assumed_clause_and_no_share_reads_as_a_dash():
    reason = LateWithoutReason("dossier", 3.0, 0.0, 0.0, math.nan, None, 2)
    assert reason_text(reason) == "3/0 hồ sơ trễ hạn không có lý do chính đáng (— > ngưỡng 2 hồ sơ)"
    assert reason_text(reason, "en") == "3/0 dossiers late without a legitimate reason (— > threshold 2 dossiers)"


def test_coverage_whole_period_and_stored_words():
    coverage = CoverageShortfall(2, 8, 1, 1)
    assert reason_text(coverage) == ("chưa đủ số liệu: báo cáo 2/8 chỉ số, 1/1 tháng "
                                     "(không xếp loại trên Hoàn thành nhiệm vụ)")
    assert reason_text(coverage, "en") == ("incomplete reporting: 2/8 indicators, 1/1 months "
                                           "(cannot be rated above Completed)")
    assert reason_text(NotWholePeriod()) == "không hoạt động trọn kỳ"
    assert reason_text(NotWholePeriod(), "en") == "not active for the whole period"
    stored = StoredReason("lý do đã chốt", "reason as finalised")
    assert (reason_text(stored), reason_text(stored, "en")) == ("lý do đã chốt", "reason as finalised")


def test_reasons_are_joined_and_an_uncapped_unit_has_none():
    assert cap_reason_text(()) == ""
    assert cap_reason_text((CoverageShortfall(1, 1, 2, 3), NotWholePeriod()), "en") == (
        "incomplete reporting: 1/1 indicators, 2/3 months (cannot be rated above Completed); "
        "not active for the whole period")


def test_frame_keeps_its_columns_with_the_text_in_place_of_the_records():
    frame = pd.DataFrame({"unit_code": ["a", "b"], "cap_reasons": [(), (NotWholePeriod(),)], "score": [91.0, None]})
    out = with_reason_texts(frame, "en")
    assert list(out.columns) == ["unit_code", "cap_reason", "score"]
    assert out["cap_reason"].tolist() == ["", "not active for the whole period"]
    assert "cap_reasons" in frame  # the metrics frame is left as it was
