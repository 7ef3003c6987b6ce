"""The one visual theme: colours of target bands, fonts, and the plotly template.

Band colours come from the Okabe–Ito palette (safe for the common forms of
colour blindness) at full strength so they survive a washed-out projector; a
band is never told by colour alone: each has an icon, and bars below target
also carry a hatch pattern.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from i18n.catalogue import text
from i18n.labels import level_label
from i18n.numbers import plotly_separators
from metrics.targets import Band

FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 16
TITLE_SIZE = 20
SUBTITLE_SIZE = 14
LEGEND_SIZE = 14
TEXT_COLOUR = "#1A1A1A"
MUTED_COLOUR = "#555555"
GRID_COLOUR = "#DDDDDD"
BACKGROUND = "#FFFFFF"
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
    text_colour = text_on(s.colour)  # black on every band colour: white fails WCAG on green and vermilion
    return (f'<span style="background:{s.colour};color:{text_colour};padding:2px 8px;'
            f'border-radius:6px;font-weight:600;white-space:nowrap">{s.icon} {s.label(lang)}</span>')


TEMPLATE_NAME = "danang"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOUR),
        title=dict(font=dict(family=FONT_FAMILY, size=TITLE_SIZE, color=TEXT_COLOUR),
                   subtitle=dict(font=dict(size=SUBTITLE_SIZE, color=MUTED_COLOUR))),
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        colorway=list(COMPARE_COLOURS),
        xaxis=dict(gridcolor=GRID_COLOUR, zerolinecolor=GRID_COLOUR, linecolor="#888888", automargin=True),
        yaxis=dict(gridcolor=GRID_COLOUR, zerolinecolor=GRID_COLOUR, linecolor="#888888", automargin=True),
        legend=dict(font=dict(size=LEGEND_SIZE)),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=15)),
        separators=plotly_separators("vi"),
    )
)
# Every figure starts with the house template (plotly copies it unchecked at creation; assigning it
# later costs ~6 ms a figure). `import streamlit` sets its own default: the app imports this module
# after it; where the order differs, `apply_theme` and `themed_layout` set the template themselves.
pio.templates.default = TEMPLATE_NAME


# ---------------------------------------------------------------------------------------------
# Layout discipline: one rule for the frame around every figure, on screen and in files.
#
#   ┌ pad ─────────────────────────────────────────────┐
#   │ Title, wrapped to the width (left, with a margin) │  TITLE_SIZE × 1.3 per line
#   │ Subtitle / source, wrapped                        │  SUBTITLE_SIZE × 1.3 per line
#   │ legend rows (if any), above the data              │  LEGEND_ROW per row
#   ├──────────────── plot area (data only) ───────────┤
#   │ tick labels, axis titles (plotly automargin)      │
#   └───────────────────────────────────────────────────┘
#
# The top margin is computed from the number of lines, never fixed, so nothing in it can reach
# the data; annotations (target value) go in the legend, not on the data. Texts are wrapped for
# SCREEN_WIDTH (a phone in portrait) on screen and again for the slide width in `exports.images`.
# ---------------------------------------------------------------------------------------------

SCREEN_WIDTH = 360        # layout px: narrowest screen a figure is drawn at (390 px phone minus padding)
WIDE_SCREEN = 600         # layout px: narrowest width of a figure shown only above the phone breakpoint
                          # (641 px window, `ui.tables.SWAP_CSS`): the rankings' desktop forms
SIDE_PAD = 14             # px between the figure's edge and any text (titles never flush at x = 0)
TOP_PAD = 12
LINE_SPACING = 1.3        # plotly's line height for multi-line text, in font sizes
GAP = 10                  # between blocks (title → subtitle → legend → plot)
LEGEND_ROW = 26
# Mean advance of a character in Noto Sans, in font sizes; generous so estimates err on the wide side.
CHAR_EM = 0.56


def text_width(text: str, size: float) -> float:
    """Estimated width in px of one line of `text` at `size` px (no markup)."""
    return len(text) * size * CHAR_EM


def wrap_text(text: str, size: float, width: float) -> str:
    """`text` with `<br>` between words so that no line is wider than `width` px; our own `<br>` kept."""
    per_line = max(8, int(width / (size * CHAR_EM)))
    lines: list[str] = []
    for part in text.split("<br>"):
        line = ""
        for word in part.split(" "):
            if line and len(line) + 1 + len(word) > per_line:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "<br>".join(lines)


def _lines(text: str) -> int:
    return text.count("<br>") + 1 if text else 0


def _get(node: Any, key: str) -> Any:
    """A property of a plotly object or of the plain dict a figure is built from (None when unset)."""
    return node.get(key) if isinstance(node, dict) else getattr(node, key)


def _legend_entries(traces: Sequence[Any], layout: Any) -> list[str]:
    if _get(layout, "showlegend") is False:
        return []
    return [_get(t, "name") for t in traces if _get(t, "name") and _get(t, "showlegend") is not False]


def _category_label_width(traces: Sequence[Any]) -> float:
    """Estimated width of the text labels left of the data (units, fields, levels on a y axis)."""
    widest = 0.0
    for trace in traces:
        kind, ys = _get(trace, "type"), _get(trace, "y")
        if kind in ("bar", "heatmap") and ys is not None and (kind == "heatmap" or _get(trace, "orientation") == "h"):
            widest = max([widest, *(text_width(str(y), FONT_SIZE) for y in ys if y is not None)])
    return widest + 10 if widest else 40.0  # 40: numeric tick labels


def legend_rows(entries: list[str], width: float) -> int:
    """Rows a horizontal legend takes at `width` px (symbol + gap + words per entry)."""
    rows, used = (1, 0.0) if entries else (0, 0.0)
    for name in entries:
        w = 50 + text_width(name, LEGEND_SIZE)
        if used and used + w > width:
            rows, used = rows + 1, 0.0
        used += w
    return rows


def title_block(title_lines: int, subtitle_lines: int, title_size: float = TITLE_SIZE,
                subtitle_size: float = SUBTITLE_SIZE) -> tuple[float, float]:
    """(title pad, bottom of the subtitle) in px from the figure's top, as plotly.js draws them.

    Measured in Chromium (tests/charts/test_figure_overlap.py checks the result): a text box is
    1.35 font sizes tall per first line and 1.3 per further line; a title of several lines is
    lifted by 0.7 of its size, and the subtitle starts 0.5 of its size below the title (0.7 more
    when it has one line). The pad puts the title's box TOP_PAD/3 below the figure's edge.
    """
    lift = 0.7 * title_size if title_lines > 1 else 0.0
    pad = TOP_PAD / 3 + 0.35 * title_size + lift
    bottom = TOP_PAD / 3 + 1.35 * title_size + LINE_SPACING * title_size * max(title_lines - 1, 0)
    if subtitle_lines:
        bottom += 0.5 * subtitle_size + 1.35 * subtitle_size * subtitle_lines
        bottom += 0.7 * subtitle_size if subtitle_lines == 1 else 0.0
    return pad, bottom


def fit_layout(fig: go.Figure, width: float = SCREEN_WIDTH) -> go.Figure:
    """Wraps title and subtitle for `width` px and reserves the top margin they and the legend need.

    Reads the texts `apply_theme` kept in `layout.meta` (plotly text: names already escaped by
    `title_text`); call again with another width (a slide) to re-fit. Changes the figure in place.
    """
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    title_size = (fig.layout.title.font.size if fig.layout.title and fig.layout.title.font.size else TITLE_SIZE)
    sub_font = fig.layout.title.subtitle.font if fig.layout.title and fig.layout.title.subtitle else None
    sub_size = sub_font.size if sub_font and sub_font.size else SUBTITLE_SIZE
    fig.update_layout(**_fit_props(fig.data, fig.layout, width, meta.get("title", ""), meta.get("subtitle", ""),
                                   title_size, sub_size))
    return fig


def _fit_props(traces: Sequence[Any], layout: Any, width: float, title: str, subtitle: str, title_size: float,
               sub_size: float) -> dict[str, Any]:
    """The layout `fit_layout` sets (title and subtitle wrapped, top margin, legend), for texts and sizes given.

    `traces` and `layout` are a figure's (`fig.data`, `fig.layout`) or the plain dicts it is built from.
    """
    usable = width - 2 * SIDE_PAD
    title = wrap_text(title, TITLE_SIZE, usable)
    subtitle = wrap_text(subtitle, SUBTITLE_SIZE, usable)
    entries = _legend_entries(traces, layout)
    margin = _get(layout, "margin")
    right = max(_get(margin, "r") or 0, SIDE_PAD + 8) if margin else SIDE_PAD + 8
    # The legend starts where the data starts (after the category labels); above the plot, plotly.js
    # lets it run to the figure's right edge before it wraps.
    rows = legend_rows(entries, max(width - 2 * SIDE_PAD - _category_label_width(traces), 120))
    pad, top = title_block(_lines(title), _lines(subtitle), title_size, sub_size)
    if rows:
        top += GAP + rows * LEGEND_ROW
    top += GAP + 10  # room for the half of the highest tick label that stands above the data
    return dict(
        title=dict(text=title, subtitle=dict(text=subtitle),
                   x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
                   pad=dict(l=SIDE_PAD, t=pad), automargin=False),
        margin=dict(t=round(top), l=SIDE_PAD, r=right, b=(_get(margin, "b") if margin and _get(margin, "b") else 10),
                    autoexpand=True),
        # Legend just above the data, left-aligned; wraps upward into the rows reserved for it.
        legend=dict(orientation="h", x=0, xanchor="left", y=1, yref="paper", yanchor="bottom",
                    entrywidthmode="pixels", font=dict(size=LEGEND_SIZE), itemclick=False, itemdoubleclick=False),
    )


MIN_PLOT = 180      # px of plot area a screen figure keeps under its title, source and legend
PLOT_BOTTOM = 70    # px under the plot: tick labels and an axis title


def apply_theme(fig: go.Figure, title: str, subtitle: str = "", lang: str = "vi") -> go.Figure:
    """The house look plus a title (indicator, group, period) and subtitle (source), so a screenshot stands alone.

    Titles carry group, unit and field names: only our `<br>` stays markup (`title_text`). Call it
    after the traces are added: the top margin counts the legend's entries (`fit_layout`).
    A figure built as plain dicts takes the same look from `themed_figure`, without the update.
    """
    look = _look(fig.data, fig.layout, title, subtitle, lang)
    # The template itself, not its name: a figure built without validation (sparklines, heatmap) would
    # keep the bare name, which plotly.js does not know. New figures have it already (the default, above).
    if fig.layout.template != pio.templates[TEMPLATE_NAME]:
        look["template"] = pio.templates[TEMPLATE_NAME]
    fig.update_layout(**look)
    return fig


def themed_figure(data: list[dict], layout: dict, title: str, subtitle: str = "", lang: str = "vi") -> go.Figure:
    """`apply_theme` for a figure given as its traces and layout (plain dicts): the same figure, made in one step.

    Plotly builds objects for every `add_…` and `update_…` call, ~4–7 ms each whatever they set; a
    figure made once from a spec costs a few ms. Pages draw a figure for every filter a visitor picks
    (the overview twelve at a time), so its builders use this (issue 14).
    """
    return go.Figure(dict(data=data, layout=themed_layout(data, layout, title, subtitle, lang)))


def themed_layout(data: list[dict], layout: dict, title: str, subtitle: str = "", lang: str = "vi") -> dict:
    """The layout `themed_figure` makes its figure with (for builders that set more after the fit)."""
    look = _look(data, layout, title, subtitle, lang)
    if pio.templates.default != TEMPLATE_NAME:  # importing streamlit after this module sets its own default
        look["template"] = pio.templates[TEMPLATE_NAME]
    return merged(layout, look)


def fitted_layout(data: list[dict], layout: dict, width: float) -> dict:
    """`fit_layout` on a figure given as plain dicts: its texts and legend fitted again for `width` px."""
    meta = layout.get("meta") or {}
    title = layout.get("title") or {}
    sub = (title.get("subtitle") or {}).get("font") or {}
    return merged(layout, _fit_props(data, layout, width, meta.get("title", ""), meta.get("subtitle", ""),
                                     (title.get("font") or {}).get("size") or TITLE_SIZE,
                                     sub.get("size") or SUBTITLE_SIZE))


def hline(y: Any, colour: str, width: float = 2, dash: str = "dash", **extra: Any) -> dict:
    """The shape `fig.add_hline(y)` draws (a line across the plot's width at `y`), as a layout dict."""
    return dict(type="line", x0=0, x1=1, xref="x domain", y0=y, y1=y, yref="y",
                line=dict(color=colour, width=width, dash=dash), **extra)


def vline(x: Any, colour: str, width: float = 2, dash: str = "dash", **extra: Any) -> dict:
    """The shape `fig.add_vline(x)` draws (a line up the plot's height at `x`), as a layout dict."""
    return dict(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain",
                line=dict(color=colour, width=width, dash=dash), **extra)


def merged(base: dict, update: dict) -> dict:
    """`base` updated as plotly's `update_layout` does: nested dicts merged key by key, anything else replaced."""
    out = dict(base)
    for key, value in update.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _look(traces: Sequence[Any], layout: Any, title: str, subtitle: str, lang: str) -> dict[str, Any]:
    """The layout of the house look, fitted (`fit_layout`) and with room for the plot, in one dict: one update.

    Room for the plot: a fixed height with a three-line title, a three-line source and a four-row
    legend left a level chart 100 px of plot for eleven tick labels, drawn on top of each other, so a
    screen figure is made tall enough to keep MIN_PLOT px of data under its top margin. Files set their
    own size (`exports.images.prepare`).
    """
    meta = dict(_get(layout, "meta")) if isinstance(_get(layout, "meta"), dict) else {}
    # Kept as plotly text (names escaped, our <br> kept): no raw name travels in the figure's JSON.
    meta.update(title=title_text(title), subtitle=title_text(subtitle), lang=lang)
    fit = _fit_props(traces, layout, SCREEN_WIDTH, meta["title"], meta["subtitle"], TITLE_SIZE, SUBTITLE_SIZE)
    look: dict[str, Any] = dict(
        meta=meta,
        # Explicit as well as in the template: exports may render without our template registered.
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOUR),
        title=dict(fit["title"], font=dict(family=FONT_FAMILY, size=TITLE_SIZE, color=TEXT_COLOUR),
                   subtitle=dict(fit["title"]["subtitle"], font=dict(size=SUBTITLE_SIZE, color=MUTED_COLOUR))),
        margin=fit["margin"], legend=fit["legend"],
        paper_bgcolor=BACKGROUND, plot_bgcolor=BACKGROUND,
        # Plotly's own number formatting (axes, hovers) follows the language: "," decimal in Vietnamese.
        separators=plotly_separators(lang),
    )
    need = fit["margin"]["t"] + MIN_PLOT + PLOT_BOTTOM
    if (_get(layout, "height") or 450) < need:  # 450: plotly's default height
        look["height"] = need
    return look


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


# ---------------------------------------------------------------------------------------------
# Light and dark: figures are built in the light palette; the screen swaps colours for a dark page.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str
    grid: str
    axis_line: str
    target: str
    line: str


LIGHT = Palette(BACKGROUND, TEXT_COLOUR, MUTED_COLOUR, GRID_COLOUR, "#888888", TARGET_LINE_COLOUR, LINE_COLOUR)
# Streamlit's dark background; texts and lines chosen for WCAG contrast on it (tests/charts/test_palette.py).
DARK = Palette("#0E1117", "#FAFAFA", "#B8BCC4", "#30343C", "#8A8F98", "#FAFAFA", "#56B4E9")
PALETTES = {"light": LIGHT, "dark": DARK}


def _swap_colours(node: Any, swap: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {k: _swap_colours(v, swap) for k, v in node.items()}
    if isinstance(node, list):
        return [_swap_colours(v, swap) for v in node]
    if isinstance(node, str):
        return swap.get(node.upper(), node)
    return node


def for_theme(fig: go.Figure | dict, theme: str | None) -> dict:
    """The figure as a dict in the palette of `theme` ("light"/"dark"); the figure itself is untouched.

    Layout colours (background, texts, grid, target line) are swapped everywhere; in traces only the
    target and series line colours are, so texts inside coloured bars keep their own contrast.
    """
    spec = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
    palette = PALETTES.get(theme or "light", LIGHT)
    if palette is LIGHT:
        return spec
    layout_swap = {a.upper(): b for a, b in zip(
        (LIGHT.background, LIGHT.text, LIGHT.muted, LIGHT.grid, LIGHT.axis_line, "#333", "#333333"),
        (palette.background, palette.text, palette.muted, palette.grid, palette.axis_line, palette.muted,
         palette.muted), strict=True)}
    trace_swap = {LIGHT.target.upper(): palette.target, LIGHT.line.upper(): palette.line,
                  MUTED_COLOUR.upper(): palette.muted}
    spec["layout"] = _swap_colours(spec.get("layout", {}), layout_swap)
    spec["data"] = [_swap_colours(trace, trace_swap) for trace in spec.get("data", [])]
    for trace in spec["data"]:  # values printed outside bars sit on the page background
        if trace.get("type") in ("bar", "scatter") and "textfont" not in trace:
            trace["textfont"] = {"color": palette.text}
    return spec


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#RRGGBB" colours (1 … 21)."""

    def luminance(colour: str) -> float:
        c = colour.lstrip("#")
        channels = [int(c[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (texts inside coloured bars and cells)."""
    return "#000000" if contrast_ratio("#000000", colour) >= contrast_ratio("#FFFFFF", colour) else "#FFFFFF"
