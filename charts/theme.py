"""The one visual theme: colours of target bands, fonts, and the plotly template.

Band colours come from the Okabe–Ito palette (safe for the common forms of
colour blindness) at full strength so they survive a washed-out projector; a
band is never told by colour alone: each has an icon, and bars below target
also carry a hatch pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import plotly.graph_objects as go
import plotly.io as pio

from i18n.catalogue import text
from i18n.labels import level_label
from i18n.numbers import plotly_separators
from metrics.targets import Band

FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 16
TITLE_SIZE = 22
SUBTITLE_SIZE = 14
TEXT_COLOUR = "#1A1A1A"
MUTED_COLOUR = "#555555"
GRID_COLOUR = "#DDDDDD"
TARGET_LINE_COLOUR = "#1A1A1A"
LINE_COLOUR = "#0072B2"       # the series itself (Okabe–Ito blue)
COMPARE_COLOURS = ("#0072B2", "#E69F00", "#999999")  # unit, group, city


@dataclass(frozen=True)
class BandStyle:
    colour: str
    icon: str
    pattern: str  # plotly bar pattern shape ("" = solid)
    label: Callable[[str], str]  # language → words, from the catalogue


BAND_STYLES: dict[Band, BandStyle] = {
    Band.MET: BandStyle("#009E73", "✓", "", partial(text, "band_met")),
    Band.NEAR: BandStyle("#E69F00", "!", ".", partial(text, "band_near")),
    Band.BELOW: BandStyle("#D55E00", "✗", "/", partial(text, "band_below")),
    Band.NO_TARGET: BandStyle("#56B4E9", "•", "", partial(text, "band_no_target")),
    Band.NO_DATA: BandStyle("#BBBBBB", "–", "", partial(text, "band_no_data")),
}


# Evaluation levels (ids of vocab.levels.Level), best first; same palette, own meaning.
LEVEL_STYLES: dict[str, BandStyle] = {
    "excellent": BandStyle("#009E73", "★", "", partial(level_label, "excellent")),
    "good": BandStyle("#56B4E9", "✓", "", partial(level_label, "good")),
    "completed": BandStyle("#E69F00", "•", ".", partial(level_label, "completed")),
    "not_completed": BandStyle("#D55E00", "✗", "/", partial(level_label, "not_completed")),
    "no_data": BandStyle("#BBBBBB", "–", "", partial(level_label, "no_data")),
}


def band_style(band: Band | str) -> BandStyle:
    return BAND_STYLES[Band(band)]


def band_colour(band: Band | str) -> str:
    return band_style(band).colour


def band_badge_html(band: Band | str, lang: str = "vi") -> str:
    """A coloured badge with icon and words, for Streamlit markdown (unsafe_allow_html)."""
    s = band_style(band)
    text_colour = "#000000" if Band(band) in (Band.NEAR, Band.NO_DATA, Band.NO_TARGET) else "#FFFFFF"
    return (f'<span style="background:{s.colour};color:{text_colour};padding:2px 8px;'
            f'border-radius:6px;font-weight:600;white-space:nowrap">{s.icon} {s.label(lang)}</span>')


TEMPLATE_NAME = "danang"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOUR),
        title=dict(font=dict(family=FONT_FAMILY, size=TITLE_SIZE, color=TEXT_COLOUR), x=0, xanchor="left",
                   subtitle=dict(font=dict(size=SUBTITLE_SIZE, color=MUTED_COLOUR))),
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        colorway=list(COMPARE_COLOURS),
        xaxis=dict(gridcolor=GRID_COLOUR, zerolinecolor=GRID_COLOUR, linecolor="#888888", automargin=True),
        yaxis=dict(gridcolor=GRID_COLOUR, zerolinecolor=GRID_COLOUR, linecolor="#888888", automargin=True),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, font=dict(size=14)),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=15)),
        margin=dict(l=10, r=30, t=90, b=40),
        separators=plotly_separators("vi"),
    )
)


def chart_text(text: object) -> str:
    """A name as plotly text that shows exactly as typed.

    Plotly reads a small HTML subset in every text it draws (titles, tick labels, legends,
    hovers): `<a href>` makes a working link. Unit and field names are typed by people, so
    each one that reaches a figure goes through here: `<`, `>` and `&` become entities,
    which plotly turns back into the characters after it has looked for tags.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def title_text(text: str) -> str:
    """A title or subtitle built by us from names: our own line breaks (`<br>`) kept, anything else as text."""
    return "<br>".join(chart_text(part) for part in text.split("<br>"))


def apply_theme(fig: go.Figure, title: str, subtitle: str = "", lang: str = "vi") -> go.Figure:
    """The house look plus a title (indicator, group, period) and subtitle (source), so a screenshot stands alone.

    Titles carry group, unit and field names: only our `<br>` stays markup (`title_text`).
    """
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(text=title_text(title), subtitle=dict(text=title_text(subtitle))),
        # Explicit as well as in the template: exports may render without our template registered.
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOUR),
        # Plotly's own number formatting (axes, hovers) follows the language: "," decimal in Vietnamese.
        separators=plotly_separators(lang),
    )
    return fig
