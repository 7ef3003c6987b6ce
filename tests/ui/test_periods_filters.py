"""Default periods, partial periods, months not yet over, honest field filter, default group, copy link.

The demo database ends with October 2026 (11/2024–10/2026, built for 26 November 2026) and the
sidebar reads the clock: these hold on any day from November 2026 on, because a quarter or year
is complete only when its last month is over *and has data*, and the demo has no November.
"""

from __future__ import annotations

import re

import pytest

from metrics.indicators import INDICATORS, Family
from tests.ui.conftest import assert_clean, figures, open_page

NOT_APPLICABLE = "bộ lọc lĩnh vực không áp dụng"


def _banner(at) -> tuple[int, int] | None:
    for w in at.warning:
        if m := re.search(r"(\d+)/(\d+) đơn vị chưa báo cáo đủ", w.value):
            return int(m.group(1)), int(m.group(2))
    return None


@pytest.mark.parametrize(("kind", "period", "label"), [
    ("month", "2026-10", "tháng 10/2026"),
    ("quarter", "2026-Q3", "quý 3/2026"),              # Q4 2026 holds only October: not complete
    ("year", "2025", "năm 2025"),                       # 2026 is not complete; 2025 is, December has data
    ("range", "2026-01..2026-10", "lũy kế 01–10/2026"),
])
def test_each_kind_opens_on_its_last_complete_period_named_in_the_title(demo_db, kind, period, label):
    at = open_page("overview")
    if kind != "month":
        at.radio(key="flt_kind").set_value(kind).run()
    assert_clean(at)
    assert at.selectbox(key=f"flt_period_{kind}").value == period
    assert at.query_params["period"] == period
    assert [t.value for t in at.title] == [f"Tổng quan · {label}"]


def test_a_partial_quarter_is_labelled_and_compared_with_the_same_months(demo_db):
    at = open_page("overview", {"period": "2026-Q4"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Tổng quan · quý 4/2026 — đến 31/10, tạm tính"]
    notes = [c.value for c in at.caption]
    assert any("cùng số tháng đầu của quý liền trước (tháng 07/2026)" in n and "tháng 10/2025" in n
               for n in notes), notes
    # The period list says which periods are provisional, in the reader's language.
    assert "quý 4/2026 — đến 31/10, tạm tính" in at.selectbox(key="flt_period_quarter").options
    at.radio(key="lang_switch").set_value("en").run()
    assert [t.value for t in at.title] == ["Overview · Q4 2026 — to 31 Oct, provisional"]


@pytest.mark.parametrize(("period", "meaning"), [
    ("2026-10", "Kỳ trước: tháng liền trước (tháng 09/2026)"),
    ("2026-Q3", "Kỳ trước: quý liền trước (quý 2/2026)"),
    ("2025", "Kỳ trước: năm liền trước (năm 2024)"),
    ("2026", "cùng các tháng của năm trước (tháng 01–10/2025)"),
    ("2026-01..2026-10", "Lũy kế: kỳ trước là cùng các tháng của năm trước (tháng 01–10/2025)"),
])
def test_the_page_says_what_the_previous_period_is(demo_db, period, meaning):
    at = open_page("overview", {"period": period})
    assert_clean(at)
    assert any(meaning in c.value for c in at.caption), [c.value for c in at.caption]


def test_months_not_yet_over_are_never_missing(demo_db):
    # All units: two communes have not sent October, two others missed months earlier in 2026.
    year = open_page("overview", {"period": "2026", "group": "all"})
    assert_clean(year)
    n, total = _banner(year)
    assert n == 4 and total > 100                        # not "111/111" for November and December
    listed = year.dataframe[0].value
    months = " ".join(listed.iloc[:, 1])
    assert "11/2026" not in months and "12/2026" not in months
    # "năm 2026" (partial) counts the same months as "lũy kế 01–10/2026".
    ytd = open_page("overview", {"period": "2026-01..2026-10", "group": "all"})
    assert _banner(ytd) == (n, total)
    # The partial quarter: October only, the two communes that have not sent it.
    q4 = open_page("overview", {"period": "2026-Q4", "group": "all"})
    assert _banner(q4)[0] == 2
    assert any("quý 4/2026 — đến 31/10, tạm tính" in w.value for w in q4.warning)


def test_the_default_group_is_the_wards_and_all_units_stays_selectable(demo_db):
    at = open_page("overview")
    assert at.selectbox(key="flt_group").value == "ward"
    assert at.query_params["group"] == "ward"
    assert at.caption[0].value.startswith("Phường · tháng 10/2026")
    at.selectbox(key="flt_group").set_value("all").run()
    assert_clean(at)
    assert at.caption[0].value.startswith("Tất cả đơn vị")
    assert at.query_params["group"] == "all"


def test_evaluation_does_not_apply_the_field_and_says_so(small_db):
    at = open_page("evaluation", {"period": "2026-10", "field": "ho-tich"})
    assert_clean(at)
    shown = [t.value for t in at.title] + [c.value for c in at.caption] + [m.value for m in at.markdown]
    shown += [f["layout"]["title"]["text"] for f in figures(at)]
    assert not any("Hộ tịch" in s for s in shown), shown
    assert any(NOT_APPLICABLE in c.value for c in at.caption)
    # Without a field chosen there is nothing to disclaim.
    plain_at = open_page("evaluation", {"period": "2026-10"})
    assert not any(NOT_APPLICABLE in c.value for c in plain_at.caption)


def test_overview_applies_the_field_to_dossiers_and_says_where_it_does_not(small_db):
    at = open_page("overview", {"period": "2026-10", "field": "ho-tich"})
    assert_clean(at)
    assert "Hộ tịch" in at.caption[0].value           # applied: the dossier cards, volumes and trends
    others = [i for i in INDICATORS if i.family is not Family.DOSSIERS]
    notices = [c.value for c in at.caption if NOT_APPLICABLE in c.value]
    assert len(notices) == len(others) == 3            # one under each document and task card


def test_the_copy_link_carries_the_filters(small_db):
    at = open_page("overview", {"period": "2026-09"})
    assert_clean(at)
    link = at.sidebar.code[0].value
    assert "period=2026-09" in link and "group=ward" in link and "field" not in link
    at.selectbox(key="flt_field").set_value("ho-tich").run()
    link = at.sidebar.code[0].value
    assert "field=ho-tich" in link and "period=2026-09" in link
    # The old sentence about the address bar is gone; the box says what to do with the link.
    sidebar = [c.value for c in at.sidebar.caption]
    assert not any("thanh địa chỉ" in c for c in sidebar)
    assert any("mở đúng bộ lọc" in c or "sao chép" in c for c in sidebar)
