"""A partial period in the briefing pack and the quick report: labelled provisional and compared with
the same months before, exactly as the pages do (issue 12, point 1).

The demo holds months up to October 2026; read on 26 November 2026, "quý 4/2026" holds only October.
It must be compared with July 2026 (the first month of Q3), never with the whole of Q3.
"""

from __future__ import annotations

import math

import pytest

from exports.pack import overview_frame, pack_content
from exports.report import report_content
from metrics.completeness import counted_through, period_comparison
from metrics.ranking import rank_units
from metrics.values import city_values
from tests.exports.conftest import DEMO_TODAY
from vocab.periods import Period
from vocab.units import UnitGroup

Q4 = Period.parse("2026-Q4")
JULY = Period.month(2026, 7)
Q3 = Period.parse("2026-Q3")


def _same(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b))


def test_the_months_that_count_and_what_they_are_compared_with(demo_store):
    con = demo_store.cursor()
    assert counted_through(con, Q4, DEMO_TODAY).month == 10
    base = period_comparison(con, Q4, DEMO_TODAY)
    assert (base.previous.first, base.previous.last) == (JULY.first, JULY.last)
    assert base.last_year.first.year == 2025 and base.last_year.first.month == 10
    # A whole quarter keeps the whole previous quarter.
    assert period_comparison(con, Q3, DEMO_TODAY).previous == Period.parse("2026-Q2")


def test_the_quick_report_compares_a_partial_quarter_with_the_same_months(demo_store):
    con = demo_store.cursor()
    report = report_content(con, Q4, UnitGroup.WARD, "vi", today=DEMO_TODAY)
    assert "tạm tính" in report.title and "31/10" in report.title
    july = city_values(con, JULY, UnitGroup.WARD)
    q3 = city_values(con, Q3, UnitGroup.WARD)
    kpis = report.kpis.set_index("indicator")
    on_time = kpis.loc["on_time_rate", "prev_value"]
    assert _same(on_time, july["on_time_rate"].value)
    assert not _same(on_time, q3["on_time_rate"].value)   # the demo's July differs from its Q3
    # Counts too: overdue dossiers of July, not the sum of July–September.
    assert _same(kpis.loc["overdue_in_progress", "prev_value"], july["overdue_in_progress"].value)


def test_the_pack_labels_and_compares_a_partial_quarter(demo_store):
    con = demo_store.cursor()
    content = pack_content(con, Q4, (UnitGroup.WARD,), "vi", today=DEMO_TODAY)
    assert "tạm tính" in content.title
    assert all("tạm tính" in chart.title for chart in content.charts if "." in chart.code
               and not chart.code.startswith("evaluation"))
    overview = content.overview.set_index("indicator")
    expected = overview_frame(con, Q4, "vi", compare_to=JULY).set_index("indicator")
    assert list(overview["prev_value"].fillna(-1)) == list(expected["prev_value"].fillna(-1))
    # Rank changes in the pack's ranking are against July's ranks.
    pack_rank = content.rankings[("on_time_rate", "ward")].set_index("unit_code")["prev_rank"]
    july_rank = rank_units(con, "on_time_rate", JULY, UnitGroup.WARD).set_index("unit_code")["rank"]
    shared = pack_rank.dropna().index.intersection(july_rank.dropna().index)
    assert len(shared) > 5
    assert (pack_rank[shared].astype(int) == july_rank[shared].astype(int)).all()
    # The overview slide's legend names the months compared with.
    assert "tháng 07/2026" in str(content.charts[0].figure.to_dict()["data"])


@pytest.mark.parametrize("lang, words", [("vi", "tháng 07/2026"), ("en", "Jul 2026")])
def test_the_commentary_names_the_months_compared_with(demo_store, lang, words):
    content = pack_content(demo_store.cursor(), Q4, (UnitGroup.WARD,), lang, today=DEMO_TODAY)
    said = " ".join(s for chart in content.charts for s in chart.commentary)
    assert words in said
    assert ("quý 3/2026" if lang == "vi" else "Q3 2026") not in said
