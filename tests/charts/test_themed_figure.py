"""A figure built as a spec (`themed_figure`, one construction) is the figure `apply_theme` makes step by
step, whatever plotly's default template is when it is built (`import streamlit` sets its own)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest
import streamlit  # noqa: F401  (registers its "streamlit" plotly template and default, as the app's import does)

from charts.theme import MIN_PLOT, TEMPLATE_NAME, apply_theme, fit_layout, fitted_layout, merged, themed_figure

TITLE = "Tỷ lệ hồ sơ giải quyết đúng hạn — Phường <An> & Xã · tháng 10/2026"
SOURCE = "Nguồn: Hệ thống thông tin giải quyết TTHC thành phố · cập nhật 05/11/2026"


def _spec() -> tuple[list[dict], dict]:
    data = [
        dict(type="bar", orientation="h", x=[0.9, 0.8, 0.7], y=["Phường Hải Châu", "Phường Thanh Khê", "Xã Hòa Vang"],
             name="Đúng hạn"),
        dict(type="scatter", x=[None], y=[None], mode="lines", name="Mục tiêu 95,0 %"),
        dict(type="scatter", x=[0.5], y=["Xã Hòa Vang"], mode="markers", showlegend=False),
    ]
    layout = dict(height=200, margin=dict(r=120), meta={"summary": "ba đơn vị"},
                  shapes=[dict(type="line", x0=0.95, x1=0.95, xref="x", y0=0, y1=1, yref="y domain")])
    return data, layout


def _json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.fixture(params=[TEMPLATE_NAME, "streamlit", "plotly"])
def default_template(request):
    assert request.param in pio.templates
    before = pio.templates.default
    pio.templates.default = request.param
    yield request.param
    pio.templates.default = before


def test_a_spec_gives_the_figure_apply_theme_gives(default_template):
    data, layout = _spec()
    step_by_step = apply_theme(go.Figure(dict(data=data, layout=layout)), TITLE, SOURCE, "vi")
    at_once = themed_figure(data, layout, TITLE, SOURCE, "vi")
    assert _json(at_once) == _json(step_by_step)
    assert at_once.layout.template == pio.templates[TEMPLATE_NAME]          # the house look, never another default
    assert at_once.layout.meta["summary"] == "ba đơn vị"                    # the builder's meta kept beside the titles
    assert at_once.layout.margin.r == 120                                   # a builder's margin kept where the fit allows
    assert at_once.layout.height >= at_once.layout.margin.t + MIN_PLOT      # room for the plot under a long title
    assert "Phường &lt;An&gt; &amp; Xã" in at_once.layout.meta["title"]     # names stay text


def test_fitting_a_spec_again_is_fit_layout():
    data, layout = _spec()
    themed = themed_figure(data, layout, TITLE, SOURCE, "en")
    spec_layout = json.loads(pio.to_json(themed, validate=False))["layout"]
    refitted = go.Figure(dict(data=data, layout=fitted_layout(data, spec_layout, 1200)))
    assert _json(refitted)["layout"] == _json(fit_layout(go.Figure(themed), 1200))["layout"]
    assert refitted.layout.margin.t < themed.layout.margin.t   # a wide slide needs fewer title lines


def test_merged_updates_nested_dicts_and_replaces_the_rest():
    base = {"title": {"text": "a", "font": {"size": 20}}, "annotations": [1, 2], "height": 300}
    update = {"title": {"font": {"color": "#000"}}, "annotations": [3], "width": 10}
    assert merged(base, update) == {"title": {"text": "a", "font": {"size": 20, "color": "#000"}},
                                    "annotations": [3], "height": 300, "width": 10}
    assert base["title"]["font"] == {"size": 20}   # the base is not changed
