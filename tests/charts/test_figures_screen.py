"""A figure on the page: reduced toolbar, a text alternative with the key numbers (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui.chart_downloads import PLOTLY_CONFIG, toolbar_config


def _app() -> None:
    import pandas as pd

    from charts import figures
    from metrics.indicators import get_indicator
    from ui.chart_downloads import chart_with_downloads

    frame = pd.DataFrame({"month": pd.date_range("2026-08-01", periods=3, freq="MS"), "value": [0.9, 0.974, 0.95]})
    fig = figures.trend_line(frame, get_indicator("on_time_rate"), 0.95, "Đúng hạn — <b>Phường</b>", "Nguồn")
    chart_with_downloads(fig, "dung-han", key="c1")


def test_the_chart_is_followed_by_its_summary_for_screen_readers():
    at = AppTest.from_function(_app).run()
    assert not at.exception
    hidden = [h.proto.body for h in at.get("html") if "Biểu đồ" in h.proto.body]
    assert len(hidden) == 1
    assert "gần nhất (10/2026) 95,0 %" in hidden[0] and "mục tiêu 95,0 %" in hidden[0]
    assert "&lt;b&gt;Phường&lt;/b&gt;" in hidden[0]  # a typed name is text, never HTML
    # Out of sight by its own inline style (the chart already shows it), still in the page for screen readers.
    assert "clip:rect(0,0,0,0)" in hidden[0] and "height:1px" in hidden[0]


def test_the_toolbar_keeps_only_the_image_button():
    assert PLOTLY_CONFIG["modeBarButtons"] == [["toImage"]]
    assert toolbar_config("x")["toImageButtonOptions"]["width"] == 1280
