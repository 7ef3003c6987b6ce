"""`charts.plotly_paths`: plotly's property-path parse, cached, gives exactly plotly's answers."""

from __future__ import annotations

import plotly.basedatatypes as plotly_base
import plotly.graph_objects as go
import pytest

from charts import plotly_paths

PATHS = ["", "title", "title.font.size", "marker_line_color", "error_x", "error_x.thickness", "xaxis2.range[0]",
         "layout.annotations[3].text", "title_font_family", "_private", "a__b", "trailing_", "x_", "hoverlabel.font"]


def test_it_is_installed_in_plotly():
    assert plotly_base._str_to_dict_path_full is plotly_paths.parse


@pytest.mark.parametrize("path", PATHS)
def test_same_answer_as_plotly(path):
    expected_path, expected_starts = plotly_paths._original(path)
    got_path, got_starts = plotly_paths.parse(path)
    assert tuple(got_path) == tuple(expected_path)
    assert list(got_starts) == list(expected_starts)
    assert plotly_paths.parse(path) is plotly_paths.parse(path)   # cached: one shared, immutable result


def test_figures_still_validate_and_report_bad_paths():
    fig = go.Figure(go.Scatter(x=[1], y=[1]))
    fig.update_layout(title_font_size=20, xaxis_range=[0, 2])
    assert fig.layout.title.font.size == 20 and fig.layout.xaxis.range == (0, 2)
    with pytest.raises(ValueError, match="titel"):
        fig.update_layout(titel_text="x")
