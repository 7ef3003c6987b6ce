"""A chart with PNG / SVG / PDF download buttons rendered on the server (kaleido + system Chromium).

The bytes are made only when a button is clicked (`st.download_button` with a
callable `data`, run by Streamlit in its own thread, no rerun), so a page with
many charts costs nothing until someone downloads one. Without Chromium the
page says so in one sentence; the chart toolbar's own PNG download (made in
the browser) still works and is sized for a slide too.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import plotly.graph_objects as go
import streamlit as st

from charts.summary import figure_summary
from charts.theme import for_theme
from exports.images import PNG_SCALE, SLIDE_HEIGHT, SLIDE_WIDTH, ChartFile, ImageFormat, figure_bytes, slugify
from exports.render import browser_available
from ui.state import lang
from ui.streamlit_words import plotly_locale
from ui.strings import t

FORMATS: tuple[ImageFormat, ...] = (ImageFormat.PNG, ImageFormat.SVG, ImageFormat.PDF)
# Only the camera button stays in plotly's toolbar: its ~12 buttons per chart were ~80 tab stops a page
# before a keyboard user reached the content. Its tip and messages are ours (`plotly_locale`); numbers
# read 95,4 through the figure's `separators`.
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtons": [["toImage"]], "responsive": True,
                 "scrollZoom": False, "doubleClick": False}
# Read by screen readers, not drawn: the text alternative of a chart (WCAG 1.1.1). The caption sits in a
# keyed container (class "st-key-<key>-sralt") that this rule takes out of sight and out of the layout.
ALT_SUFFIX = "-sralt"
SR_ONLY_STYLE = ("position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);"
                 "white-space:nowrap;margin:-1px;padding:0;border:0")


def _maker(fig: go.Figure, fmt: ImageFormat, meta: ChartFile) -> Callable[[], bytes]:
    def make() -> bytes:
        return figure_bytes(fig, fmt, meta)

    return make


def toolbar_config(name: str, lang: str = "vi") -> dict:
    """Plotly's own camera button: a slide-sized PNG with our file name (works without Chromium),
    its tip in `lang`."""
    return {**PLOTLY_CONFIG, **plotly_locale(lang), "toImageButtonOptions": {
        "format": "png", "filename": slugify(name), "width": SLIDE_WIDTH, "height": SLIDE_HEIGHT,
        "scale": PNG_SCALE}}


def text_alternative(fig: go.Figure, key: str) -> None:
    """The chart's one-sentence summary (key numbers) as text only screen readers get.

    Hidden by its own inline style, so it never shows even when a separate style element has not
    reached the page yet (the e2e screenshots caught boxes of visible summary text below the fold).
    The summary carries unit and field names: escaped, so it is text, never HTML.
    """
    st.html(f'<div class="{key}{ALT_SUFFIX}" style="{SR_ONLY_STYLE}">{html.escape(figure_summary(fig))}</div>')


def screen_theme() -> str:
    """"light" or "dark": what the browser shows now (Streamlit infers it from the page's background)."""
    try:
        return st.context.theme.type or "light"
    except Exception:  # outside a browser session (AppTest, bare mode): the light palette
        return "light"


def chart_with_downloads(fig: go.Figure, name: str, key: str, formats: Sequence[ImageFormat] = FORMATS,
                         source: str = "", selectable: bool = False) -> Mapping | None:
    """`st.plotly_chart(fig)` plus one download button per format; the one place a chart is drawn.

    `name` is the file name stem (e.g. "dung-han_cap-xa_2026-10", made ASCII
    here); `key` the chart's stable widget key (buttons use `key + "_png"` …).
    `source` is printed under the title of the file if the figure has no subtitle.
    `selectable` turns on Streamlit's point selection (drill-down, `ui.drill`) and returns its event.

    On a dark page the screen gets the dark palette (`charts.theme.for_theme`); the files keep the
    light one (slides and paper). Streamlit learns the page's theme from the browser, and on the very
    first run of a session it may not know it yet: the chart is then drawn light, on its own white
    background, still readable, and takes the dark palette on the next run.
    """
    theme = screen_theme()
    shown = fig if theme == "light" else for_theme(fig, theme)
    options = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    event = st.plotly_chart(shown, theme=None, width="stretch", config=toolbar_config(name, lang()), key=key, **options)
    text_alternative(fig, key)
    if not browser_available():
        st.caption(t("chromium_missing"))
        return event if selectable else None
    meta = ChartFile(source=source, stem=name)
    # One small popover per chart keeps phone screens tidy (three buttons would stack full width).
    with st.popover(t("download_image"), width="content"):
        for fmt in formats:
            st.download_button(
                f"{fmt.label}", data=_maker(fig, fmt, meta), file_name=f"{slugify(name)}.{fmt.value}",
                mime=fmt.mime, key=f"{key}_{fmt.value}", on_click="ignore", width="stretch",
            )
    return event if selectable else None
