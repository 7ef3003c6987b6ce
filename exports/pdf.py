"""The pack's PDF: a cover page, a commentary page, then one chart per page, with bookmarks per section.

Cover and commentary are vector pages rendered by Chromium (kaleido) from a
text-only plotly figure, so their Vietnamese text is real, searchable text in an
embedded Noto Sans. Chart pages reuse the deck's own 1920-px images with the
chart's title drawn in a band above (`titled_chart`, also the zip's PNGs): a
vector PDF page costs Chromium ~1 s per chart, which alone would exceed the
pack's 15 s budget; at 144 dpi the page prints sharply on A4 landscape.

Bookmarks (`Bookmark`) give the outline PowerPoint-less readers navigate by:
cover, commentary, then one entry per chart under its section (overview, group).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from charts.theme import chart_text

PAGE_W, PAGE_H = 1280, 720   # layout px: a 960 × 540 pt landscape page, the charts' 16:9
IMAGE_DPI = 144              # 1920 px across 13.33 in
FONT_DIR = Path("/usr/share/fonts/truetype/noto")  # Debian fonts-noto-core (see README, system packages)
_INK, _MUTED, _ACCENT = "#1A1A1A", "#555555", "#1F4E79"


@dataclass(frozen=True)
class Bookmark:
    title: str
    section: str = ""   # parent entry ("" = top level)


# --- text pages (vector, via Chromium) -------------------------------------------------------------

def _wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


def _page(fig: go.Figure) -> go.Figure:
    fig.update_layout(width=PAGE_W, height=PAGE_H, paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF",
                      margin=dict(l=0, r=0, t=0, b=0), showlegend=False,
                      font=dict(family="Noto Sans, DejaVu Sans, Arial, sans-serif", color=_INK),
                      xaxis=dict(visible=False, range=[0, 1]), yaxis=dict(visible=False, range=[0, 1]))
    return fig


def _lines_text(lines: Sequence[str]) -> str:
    """Our own line breaks between lines that may quote unit names: each line as text, never markup."""
    return "<br>".join(chart_text(line) for line in lines)


def _note(fig: go.Figure, text: str, x: float, y: float, size: int, colour: str = _INK, bold: bool = False,
          anchor: str = "left") -> None:
    """`text` is already plotly-safe (see `_lines_text`)."""
    shown = f"<b>{text}</b>" if bold else text
    fig.add_annotation(text=shown, x=x, y=y, xref="paper", yref="paper", xanchor=anchor, yanchor="top",
                       showarrow=False, align=anchor, font=dict(size=size, color=colour))


def cover_figure(title: str, lines: Sequence[str], demo_label: str = "", source: str = "") -> go.Figure:
    """Title, then group / period / date lines; a demo label in a box when the data is demo data."""
    fig = _page(go.Figure())
    fig.add_shape(type="rect", xref="paper", yref="paper", x0=0, x1=1, y0=0.50, y1=0.80,
                  fillcolor=_ACCENT, line=dict(width=0))
    title_lines = _wrapped(title, 52)[:2]
    # Centred in the band: each line is ~50 px (7 % of the page) tall.
    _note(fig, _lines_text(title_lines), 0.06, 0.65 + 0.035 * len(title_lines), 38, "#FFFFFF", bold=True)
    y = 0.44
    for line in lines:
        _note(fig, _lines_text([line]), 0.06, y, 24, _INK)
        y -= 0.075
    if demo_label:
        fig.add_annotation(text=f"<b>{_lines_text([demo_label])}</b>", x=0.06, y=0.92, xref="paper", yref="paper", xanchor="left",
                           yanchor="top", showarrow=False, font=dict(size=22, color="#8A2B00"),
                           bgcolor="#FFE8D6", bordercolor="#D55E00", borderwidth=2, borderpad=8)
    if source:
        _note(fig, _lines_text([source]), 0.06, 0.07, 16, _MUTED)
    return fig


def commentary_figure(title: str, sections: Sequence[tuple[str, Sequence[str]]], source: str = "") -> go.Figure:
    """Headed groups of bullet sentences, wrapped to the page; what does not fit is cut with "…"."""
    fig = _page(go.Figure())
    _note(fig, _lines_text([title]), 0.05, 0.95, 30, _ACCENT, bold=True)
    rows: list[tuple[str, int, str, bool]] = []
    for head, sentences in sections:
        if head:
            rows.append((head, 21, _ACCENT, True))
        for sentence in sentences:
            for i, part in enumerate(_wrapped(sentence, 112)):
                rows.append((("• " if i == 0 else "  ") + part, 17, _INK, False))
    y, line_h = 0.86, 0.0365
    for text, size, colour, bold in rows:
        if y < 0.11:
            _note(fig, "…", 0.05, y, 17, _MUTED)
            break
        if bold and y < 0.84:
            y -= 0.012
        _note(fig, _lines_text([text]), 0.05 if bold else 0.06, y, size, colour, bold)
        y -= line_h * (1.15 if bold else 1.0)
    if source:
        _note(fig, _lines_text([source]), 0.05, 0.05, 14, _MUTED)
    return fig


# --- chart pages (the deck's images with a title band) ---------------------------------------------

@lru_cache(maxsize=4)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:  # without the Debian font: Pillow's own (Latin only); the deck itself is unaffected
        return ImageFont.load_default(size)


def _fit_lines(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def titled_chart(png: bytes, title: str, size: tuple[int, int] = (1920, 1080)) -> tuple[bytes, bytes]:
    """`png` under a band holding `title` (≤ 2 lines) on a `size` canvas (Full HD 16:9 by default):
    (the zip's PNG, the PDF's page at IMAGE_DPI), from one decode of the chart."""
    with Image.open(io.BytesIO(png)) as chart:
        chart = chart.convert("RGB")
        canvas = Image.new("RGB", size, "#FFFFFF")
        band = max(size[1] - chart.height, 0)
        canvas.paste(chart, (0, band))
    draw = ImageDraw.Draw(canvas)
    for font_size in (52, 44, 38, 32):
        font = _font(font_size, bold=True)
        lines = _fit_lines(draw, title, font, size[0] - 80)
        if len(lines) * font_size * 1.3 <= band - 16 and len(lines) <= 2:
            break
    lines = lines[:2]
    y = max((band - len(lines) * font_size * 1.3) / 2, 4)
    for line in lines:
        draw.text((40, y), line, font=font, fill=_ACCENT)
        y += font_size * 1.3
    png_out, pdf_out = io.BytesIO(), io.BytesIO()
    canvas.save(png_out, "PNG", compress_level=1)  # speed over size: the pack's time budget is 15 s
    canvas.save(pdf_out, "PDF", resolution=IMAGE_DPI, quality=90)
    return png_out.getvalue(), pdf_out.getvalue()


# --- assembly ---------------------------------------------------------------------------------------

def assemble(pages: Sequence[tuple[bytes, Bookmark]], title: str = "") -> bytes:
    """One PDF from one-page (or longer) documents, each with its bookmark; sections become parents."""
    writer = PdfWriter()
    parents: dict[str, object] = {}
    for doc, mark in pages:
        first = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(doc)))
        parent = None
        if mark.section:
            parent = parents.get(mark.section)
            if parent is None:
                parent = parents[mark.section] = writer.add_outline_item(mark.section, first)
        writer.add_outline_item(mark.title, first, parent=parent)
    if title:
        writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"  # readers open with the bookmarks shown
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def merge_pdfs(documents: Sequence[bytes], title: str = "") -> bytes:
    """Several PDFs in one, without bookmarks."""
    writer = PdfWriter()
    for doc in documents:
        writer.append(PdfReader(io.BytesIO(doc)))
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
