"""Commentary is pure text from frames: checked with hand-made rankings and evaluations."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from metrics.indicators import get_indicator
from metrics.ranking import RANKING_COLUMNS
from metrics.schemes import DEFAULT_SCHEME, EvaluationConfig, Scheme
from texts.commentary import (
    biggest_falls,
    bottom_units,
    chart_title,
    evaluation_commentary,
    overview_commentary,
    period_label,
    ranking_commentary,
    scheme_note,
)
from vocab.periods import Period
from vocab.units import UnitGroup

ON_TIME = get_indicator("on_time_rate")
OVERDUE = get_indicator("overdue_in_progress")
OCT = Period.parse("2026-10")


def ranking(rows: list[tuple]) -> pd.DataFrame:
    """rows: (rank, name, status, value, change, band); best first like rank_units."""
    records = []
    for rank, name, status, value, change, band in rows:
        records.append({
            "rank": rank, "unit_code": name.lower(), "unit_name": name, "unit_type": "ward", "status": status,
            "numerator": np.nan, "denominator": np.nan, "value": value, "target": 0.99, "band": band,
            "prev_value": np.nan if change is None else value - change, "change": np.nan if change is None else change,
            "prev_rank": pd.NA, "rank_change": pd.NA,
        })
    return pd.DataFrame(records, columns=RANKING_COLUMNS)


FRAME = ranking([
    (1, "Hải Châu", "ranked", 0.995, 0.01, "met"),
    (2, "Thanh Khê", "ranked", 0.97, -0.02, "near"),
    (3, "Sơn Trà", "ranked", 0.93, -0.05, "below"),
    (4, "Ngũ Hành Sơn", "ranked", 0.90, 0.001, "below"),
    (pd.NA, "Hòa Vang", "too_few", 1.0, None, "met"),
    (pd.NA, "Hoàng Sa", "no_data", np.nan, None, "no_data"),
])


def test_period_labels_and_title():
    assert period_label(OCT) == "tháng 10/2026"
    assert period_label(Period.parse("2026-Q3")) == "quý 3/2026"
    assert period_label(Period.parse("2026")) == "năm 2026"
    assert period_label(Period.parse("2026-01..2026-10")) == "lũy kế 01–10/2026"
    assert chart_title(ON_TIME, UnitGroup.COMMUNE_LEVEL, OCT) == (
        "Tỷ lệ hồ sơ giải quyết đúng hạn — Phường, xã (cấp xã) — tháng 10/2026")


def test_bottom_units_are_the_worst_ranked_worst_first():
    assert list(bottom_units(FRAME, 2)["unit_name"]) == ["Ngũ Hành Sơn", "Sơn Trà"]


def test_biggest_falls_only_units_that_got_worse():
    assert list(biggest_falls(FRAME, ON_TIME, 3)["unit_name"]) == ["Sơn Trà", "Thanh Khê"]
    # For a count where lower is better, a rise is a fall in performance.
    counts = FRAME.assign(change=[1, 5, 0, -3, np.nan, np.nan])
    assert list(biggest_falls(counts, OVERDUE, 3)["unit_name"]) == ["Thanh Khê", "Hải Châu"]


def test_ranking_commentary_in_vietnamese():
    text = ranking_commentary(ON_TIME, OCT, FRAME, 0.954, 0.941, "vi")
    assert text[0] == "Toàn thành phố: 95,4 %, tăng 1,3 điểm % so với tháng 09/2026 (94,1 %)."
    assert text[1] == "1/4 đơn vị đạt mục tiêu 99,0 %."
    assert text[2] == "Thấp nhất: Ngũ Hành Sơn (90,0 %), Sơn Trà (93,0 %), Thanh Khê (97,0 %)."
    assert text[3] == "Giảm nhiều nhất so với kỳ trước: Sơn Trà (−5,0 điểm %), Thanh Khê (−2,0 điểm %)."
    assert text[4] == "Không xếp hạng: 1 đơn vị có quá ít hồ sơ, 1 đơn vị chưa có số liệu."


def test_ranking_commentary_without_previous_or_ranked_units():
    text = ranking_commentary(ON_TIME, OCT, FRAME.iloc[4:], 0.9, None, "vi")
    assert text[0] == "Toàn thành phố: 90,0 %, chưa có số liệu tháng 09/2026 để so sánh."
    assert text[1] == "Chưa có đơn vị nào đủ số liệu để xếp hạng."
    assert ranking_commentary(ON_TIME, OCT, FRAME, None, None)[0] == "Toàn thành phố: chưa có dữ liệu."


def test_city_fall_is_worded_as_a_fall():
    assert ranking_commentary(ON_TIME, OCT, FRAME, 0.90, 0.95)[0].startswith(
        "Toàn thành phố: 90,0 %, giảm 5,0 điểm % so với tháng 09/2026")


def test_overview_commentary():
    inds = {i.id: i for i in (ON_TIME, get_indicator("online_rate"))}
    overview = pd.DataFrame([
        {"indicator": "on_time_rate", "value": 0.97, "prev_value": 0.98, "target": 0.99},
        {"indicator": "online_rate", "value": 0.85, "prev_value": 0.80, "target": 0.80},
    ])
    text = overview_commentary(overview, inds, OCT)
    assert text[0] == "1/2 chỉ số có mục tiêu đã đạt mục tiêu."
    assert text[1] == "Chưa đạt: Đúng hạn 97,0 % / 99,0 %."
    assert text[2] == "Kém đi so với tháng 09/2026: Đúng hạn (−1,0 điểm %)."


def test_evaluation_commentary():
    ev = pd.DataFrame([
        {"unit_name": "Hải Châu", "level": "excellent", "capped": False, "score_change": 2.0},
        {"unit_name": "Sơn Trà", "level": "completed", "capped": True, "score_change": -4.5},
        {"unit_name": "Thanh Khê", "level": "completed", "capped": False, "score_change": -1.0},
    ])
    text = evaluation_commentary(ev, UnitGroup.WARD, OCT)
    assert text[0] == ("Phường, tháng 10/2026: 3 đơn vị — 1 hoàn thành xuất sắc nhiệm vụ, "
                       "2 hoàn thành nhiệm vụ.")
    assert text[1] == ("1 đơn vị chỉ được xếp mức hoàn thành (trễ hạn không có lý do chính đáng hoặc chưa đủ "
                       "số liệu): Sơn Trà.")
    assert text[2] == "Điểm giảm nhiều nhất: Sơn Trà (−4,5), Thanh Khê (−1,0)."


# --- English, plural forms, lower-is-better wording, schemes ---------------------------------

def test_ranking_commentary_in_english():
    text = ranking_commentary(ON_TIME, OCT, FRAME, 0.954, 0.941, "en")
    assert text == [
        "City: 95.4 %, up 1.3 pp on Sep 2026 (94.1 %).",
        "1 of 4 ranked units met the target of 99.0 %.",
        "Lowest: Ngũ Hành Sơn (90.0 %), Sơn Trà (93.0 %), Thanh Khê (97.0 %).",
        "Largest falls since the previous period: Sơn Trà (−5.0 pp), Thanh Khê (−2.0 pp).",
        "Not ranked: 1 with too few cases, 1 without data.",
    ]


def test_one_ranked_unit_is_singular():
    assert ranking_commentary(ON_TIME, OCT, FRAME.iloc[[0]], 0.995, 0.995, "en")[:2] == [
        "City: 99.5 %, unchanged on Sep 2026 (99.5 %).",
        "1 of 1 ranked unit met the target of 99.0 %.",
    ]


# Overdue dossiers (a count, lower is better): 0, 3 and 13 at the end of October; +0, +1, +5 on September.
OVERDUE_FRAME = ranking([
    (1, "Hải Châu", "ranked", 0.0, 0.0, "no_target"),
    (2, "Thanh Khê", "ranked", 3.0, 1.0, "no_target"),
    (3, "Sơn Trà", "ranked", 13.0, 5.0, "no_target"),
])


def test_a_lower_is_better_count_names_the_highest_and_the_rises():
    assert ranking_commentary(OVERDUE, OCT, OVERDUE_FRAME, 16, 10, "en") == [
        "City: 16, up 6 on Sep 2026 (10).",
        # the target column holds 0,99 but a count is never held against a target: no target sentence
        "Highest: Sơn Trà (13), Thanh Khê (3), Hải Châu (0).",
        "Largest rises since the previous period: Sơn Trà (+5), Thanh Khê (+1).",
    ]
    assert ranking_commentary(OVERDUE, OCT, OVERDUE_FRAME, 16, 10, "vi")[1:] == [
        "Cao nhất: Sơn Trà (13), Thanh Khê (3), Hải Châu (0).",
        "Tăng nhiều nhất so với kỳ trước: Sơn Trà (+5), Thanh Khê (+1).",
    ]


def test_overview_in_english_holds_only_rates_against_targets():
    inds = {i.id: i for i in (ON_TIME, get_indicator("online_rate"), OVERDUE)}
    overview = pd.DataFrame([
        {"indicator": "on_time_rate", "value": 0.97, "prev_value": 0.98, "target": 0.99},
        {"indicator": "online_rate", "value": 0.85, "prev_value": 0.80, "target": 0.80},
        # a count with a target set is not "below target" (metrics.targets never bands a count)
        {"indicator": "overdue_in_progress", "value": 13.0, "prev_value": 13.0, "target": 10.0},
    ])
    assert overview_commentary(overview, inds, OCT, "en") == [
        "1 of 2 indicators met their target.",
        "Below target: On time 97.0 % / 99.0 %.",
        "Worse than Sep 2026: On time (−1.0 pp).",
    ]
    assert overview_commentary(overview.iloc[[0]], inds, OCT, "en")[0] == "0 of 1 indicator met its target."
    assert overview_commentary(overview.assign(value=np.nan), inds, OCT, "en") == ["No data for Oct 2026."]


def test_evaluation_commentary_in_english_with_plurals():
    ev = pd.DataFrame([
        {"unit_name": "Hải Châu", "level": "excellent", "capped": False, "score_change": 2.0},
        {"unit_name": "Sơn Trà", "level": "completed", "capped": True, "score_change": -4.5},
        {"unit_name": "Thanh Khê", "level": "completed", "capped": False, "score_change": -1.0},
    ])
    assert evaluation_commentary(ev, UnitGroup.WARD, OCT, "en") == [
        "Wards, Oct 2026: 3 units — 1 Excellent, 2 Completed.",
        "1 unit capped at 'Completed' (late work without a legitimate reason or incomplete reporting): Sơn Trà.",
        "Largest score falls: Sơn Trà (−4.5), Thanh Khê (−1.0).",
    ]
    assert evaluation_commentary(ev.iloc[[0]], UnitGroup.WARD, OCT, "en") == [
        "Wards, Oct 2026: 1 unit — 1 Excellent."]


def test_scheme_note_in_both_languages():
    adopted = Scheme(3, date(2026, 7, 1), EvaluationConfig(), "adopted", "Quyết định 12/QĐ-UBND")
    assert scheme_note(adopted) == ("Phương án chấm điểm (phiên bản 3, áp dụng từ 07/2026): "
                                    "đã ban hành theo Quyết định 12/QĐ-UBND.")
    assert scheme_note(adopted, "en") == "Scoring scheme (version 3, from 07/2026): adopted by Quyết định 12/QĐ-UBND."
    assert scheme_note(DEFAULT_SCHEME, "en") == "Scoring scheme (built-in default): proposal, not adopted."
    assert scheme_note(DEFAULT_SCHEME) == "Phương án chấm điểm (mặc định): đề xuất, chưa ban hành."
