"""The export page and the chart download helper, through Streamlit's AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from exports.render import CHROMIUM_MISSING_MSG
from tests.ui.conftest import assert_clean, clean_caches, demo_db, demo_db_master, open_page  # noqa: F401


def test_export_page_shows_the_slides_commentary_and_the_workbook(demo_db):  # noqa: F811
    at = open_page("exports")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Báo cáo giao ban"]
    labels = [e.label for e in at.expander]
    assert labels[0] == "1. Toàn thành phố — tháng 10/2026"
    assert any(label.startswith("2. Tỷ lệ hồ sơ giải quyết đúng hạn — Phường, xã (cấp xã)") for label in labels)
    assert any(m.value.startswith("- Toàn thành phố:") for m in at.markdown)
    assert at.button(key="ex_build") is not None
    chosen = at.multiselect(key="ex_slides")
    assert chosen.value[:2] == ["overview", "on_time_rate.commune_level"]  # codes in state, all slides by default


def test_export_page_slides_follow_the_choice_and_its_order(demo_db):  # noqa: F811
    at = open_page("exports")
    at.multiselect(key="ex_slides").set_value(["evaluation.department", "overview"]).run()
    assert_clean(at)
    labels = [e.label for e in at.expander]
    assert labels[0].endswith("Xếp loại — Sở, ban, ngành — tháng 10/2026")
    assert labels[1] == "1. Toàn thành phố — tháng 10/2026"
    assert len(labels) == 2
    at.multiselect(key="ex_slides").set_value([]).run()
    assert at.button(key="ex_build").disabled


def test_export_page_says_the_field_filter_does_not_apply(demo_db):  # noqa: F811
    at = open_page("exports", {"field": "dat-dai"})
    assert_clean(at)
    assert any("bộ lọc lĩnh vực không áp dụng" in c.value for c in at.caption)
    assert not any("Đất đai" in e.label for e in at.expander)


def _chart_app() -> None:
    import plotly.graph_objects as go

    from ui.chart_downloads import chart_with_downloads

    chart_with_downloads(go.Figure(go.Bar(y=[1, 2])), "Đúng hạn_Cấp xã_2026-10", key="c1")


def test_chart_with_downloads_offers_three_formats():
    at = AppTest.from_function(_chart_app).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    buttons = at.get("download_button")
    assert len(buttons) == 3


def test_chart_with_downloads_without_chromium_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    at = AppTest.from_function(_chart_app).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert not at.get("download_button")
    assert [c.value for c in at.caption] == [CHROMIUM_MISSING_MSG]
