"""Both chart palettes (light page, dark page) read well: WCAG contrast, computed by hand on known pairs."""

from __future__ import annotations

import pandas as pd
import pytest

from charts import figures
from charts.theme import BAND_STYLES, DARK, LEVEL_STYLES, LIGHT, band_badge_html, contrast_ratio, for_theme, text_on
from metrics.indicators import get_indicator

ON_TIME = get_indicator("on_time_rate")


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the known 4.5 grey


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_texts_reach_4_5_and_lines_3_on_their_background(palette):
    assert contrast_ratio(palette.text, palette.background) >= 4.5
    assert contrast_ratio(palette.muted, palette.background) >= 4.5  # subtitle / source line
    assert contrast_ratio(palette.target, palette.background) >= 3.0  # non-text graphics (WCAG 1.4.11)
    assert contrast_ratio(palette.line, palette.background) >= 3.0


@pytest.mark.parametrize("colour", [s.colour for s in [*BAND_STYLES.values(), *LEVEL_STYLES.values()]])
def test_words_inside_band_and_level_colours_reach_4_5(colour):
    assert contrast_ratio(text_on(colour), colour) >= 4.5


def test_band_badges_use_the_readable_text_colour():
    # White on the green of "met" is 3.3:1; the badge writes black (6.3:1).
    assert contrast_ratio("#FFFFFF", BAND_STYLES[figures.Band.MET].colour) < 4.5
    assert "color:#000000" in band_badge_html("met")


def test_a_figure_on_a_dark_page_gets_the_dark_palette_and_keeps_its_band_colours():
    frame = pd.DataFrame({"month": pd.date_range("2026-08-01", periods=3, freq="MS"), "value": [0.9, 0.97, 0.95]})
    fig = figures.trend_line(frame, ON_TIME, 0.95, "Đúng hạn", "Nguồn")
    dark = for_theme(fig, "dark")
    layout = dark["layout"]
    assert layout["paper_bgcolor"] == DARK.background and layout["font"]["color"] == DARK.text
    assert layout["title"]["subtitle"]["font"]["color"] == DARK.muted
    assert dark["data"][0]["line"]["color"] == DARK.line
    assert layout["shapes"][0]["line"]["color"] == DARK.target
    assert fig.layout.paper_bgcolor == LIGHT.background  # the cached figure itself is untouched
    assert for_theme(fig, "light")["layout"] == fig.to_dict()["layout"]
    cells = pd.DataFrame({"unit_name": ["A"], "month": pd.to_datetime(["2026-10-01"]), "value": [0.99],
                          "band": ["met"]})
    heat = for_theme(figures.heatmap(cells, ON_TIME, "H", ""), "dark")
    assert BAND_STYLES[figures.Band.MET].colour in str(heat["data"][0]["colorscale"])
