""""Báo cáo nhanh": one A4 page with the KPI table, best/worst units by direction and three bullets."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from exports.report import KEY_INDICATORS, change_word, report_content, report_file_name
from metrics.indicators import INDICATORS, get_indicator
from metrics.ranking import rank_units
from metrics.values import single_value
from tests.exports.conftest import PERIOD
from vocab.units import UnitGroup

REPORT = report_file_name(PERIOD, UnitGroup.DEPARTMENT)


@pytest.fixture(scope="module")
def report(demo_store):
    return report_content(demo_store.cursor(), PERIOD, UnitGroup.DEPARTMENT, "vi")


def test_change_words_follow_the_direction():
    overdue, on_time = get_indicator("overdue_in_progress"), get_indicator("on_time_rate")
    assert change_word(3.0, overdue) == "xấu đi"      # more overdue dossiers is worse
    assert change_word(-3.0, overdue) == "tốt lên"
    assert change_word(0.02, on_time) == "tốt lên"
    assert change_word(-0.02, on_time, "en") == "worse"
    assert change_word(0.0, on_time) == "không đổi"
    assert change_word(None, on_time) == ""


def test_kpis_are_the_groups_values_with_targets_and_changes(report, demo_store):
    con = demo_store.cursor()
    kpis = report.kpis.set_index("indicator")
    assert list(kpis.index) == [i.id for i in INDICATORS]
    for ind in INDICATORS:
        now = single_value(con, ind, PERIOD, UnitGroup.DEPARTMENT).value
        before = single_value(con, ind, PERIOD.previous(), UnitGroup.DEPARTMENT).value
        row = kpis.loc[ind.id]
        assert row["value"] == pytest.approx(now, rel=1e-12)
        assert row["prev_value"] == pytest.approx(before, rel=1e-12)
        assert row["change"] == pytest.approx(now - before, rel=1e-9, abs=1e-12)
        assert row["verdict"] == change_word(now - before, ind)


def test_best_and_worst_respect_each_indicators_direction(report, demo_store):
    for ind_id in KEY_INDICATORS:
        ind = get_indicator(ind_id)
        ranking = rank_units(demo_store.cursor(), ind, PERIOD, UnitGroup.DEPARTMENT)
        ranked = ranking[ranking["status"] == "ranked"]
        row = report.ends.set_index("indicator").loc[ind_id]
        assert row["best"].startswith(ranked["unit_name"].iloc[0])
        assert row["worst"].startswith(ranked["unit_name"].iloc[-1])
        best, worst = ranked["value"].iloc[0], ranked["value"].iloc[-1]
        assert (best >= worst) if ind.higher_is_better else (best <= worst), ind_id


def test_three_bullets(report):
    assert len(report.bullets) == 3
    assert all(b.strip() for b in report.bullets)


def test_the_pdf_is_one_a4_page_with_vietnamese_text(pack_dir):
    reader = PdfReader(str(pack_dir / REPORT))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(595.3, abs=2) and float(box.height) == pytest.approx(841.9, abs=2)
    words = reader.pages[0].extract_text()
    for expected in ("Báo cáo nhanh", "Sở, ban, ngành", "tháng 10/2026", "Đúng hạn", "Kém nhất", "Nhận định"):
        assert expected in words, expected


def test_unit_names_reach_the_page_as_text_never_markup(report):
    from dataclasses import replace

    import pandas as pd

    from exports.report import report_figure

    hostile = '<a href="https://example.org">Phường X</a>'
    ends = report.ends.assign(best=f"{hostile} (99,0 %)")
    fig = report_figure(replace(report, ends=ends, bullets=[f"Thấp nhất: {hostile} (1,0 %)", "b", "c"]))
    cells = fig.data[1].cells.values[1]
    assert all("<a " not in c and "&lt;a href" in c for c in cells)
    notes = [a.text for a in fig.layout.annotations]
    assert not any("<a " in n for n in notes) and any("&lt;a href" in n for n in notes)
    assert isinstance(report.ends, pd.DataFrame)
