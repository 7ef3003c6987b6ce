"""One chart as a PNG, SVG or PDF file for a slide: size, font, title, source line and file name.

The figure comes from `charts.figures` (the same builder the page uses); this
module only fixes what a file needs on top of the screen: a 16:9 size, an
explicit font (Vietnamese diacritics), the title and source line when the
figure lacks them, and an ASCII file name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

import plotly.graph_objects as go

from charts.theme import fit_layout, title_text
from exports.render import render

# 16:9 in layout pixels; PNG at scale 1.5 is 1920×1080 (sharp on a Full HD projector)
# while text keeps the size it has on a 1280-px screen.
SLIDE_WIDTH = 1280
SLIDE_HEIGHT = 720
PNG_SCALE = 1.5
# Explicit font stack; "Noto Sans" (Debian fonts-noto-core) has every Vietnamese glyph.
FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"


class ImageFormat(str, Enum):
    PNG = "png"
    SVG = "svg"
    PDF = "pdf"

    @property
    def mime(self) -> str:
        return {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}[self.value]

    @property
    def label(self) -> str:
        return self.value.upper()


@dataclass(frozen=True)
class ChartFile:
    """What a chart file needs besides the figure: title, source line, file name stem."""

    title: str = ""
    source: str = ""
    stem: str = "bieu-do"


def slugify(text: str, max_len: int = 80) -> str:
    """ASCII file-name form of a Vietnamese text: "Tỷ lệ đúng hạn 2026-10" → "ty-le-dung-han-2026-10"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9._]+", "-", text).strip("-._").lower()
    return text[:max_len].rstrip("-") or "bieu-do"


def file_name(stem: str, fmt: ImageFormat | str) -> str:
    return f"{slugify(stem)}.{ImageFormat(fmt).value}"


def _has_text(title_like) -> bool:
    return bool(title_like is not None and getattr(title_like, "text", None))


def export_size(fig: go.Figure) -> tuple[int, int]:
    """16:9 (1280×720 layout px); a figure drawn taller than that (a long ranking) keeps its height."""
    height = fig.layout.height or SLIDE_HEIGHT
    return SLIDE_WIDTH, max(SLIDE_HEIGHT, int(height))


def prepare(fig: go.Figure | dict, meta: ChartFile | None = None) -> go.Figure:
    """A copy of `fig` ready for a file; the screen's figure is never changed.

    The frame follows the screen's discipline (`charts.theme.fit_layout`) at the slide's width:
    title and source re-wrapped for 1280 px, the top margin sized from their lines, the title
    left-aligned with a margin (never flush at x = 0).
    """
    out = go.Figure(fig)  # a copy (also accepts the figure's dict)
    meta = meta or ChartFile()
    width, height = export_size(out)
    texts = dict(out.layout.meta) if isinstance(out.layout.meta, dict) else {}
    title = out.layout.title
    if not texts.get("title"):
        texts["title"] = title.text if _has_text(title) else title_text(meta.title)
    if not texts.get("subtitle"):
        subtitle = getattr(title, "subtitle", None) if title else None
        texts["subtitle"] = subtitle.text if _has_text(subtitle) else title_text(meta.source)
    out.update_layout(
        meta=texts, width=width, height=height,
        font=dict(family=FONT_FAMILY),
        paper_bgcolor=out.layout.paper_bgcolor or "#FFFFFF",
    )
    return fit_layout(out, width)


def vector_safe(fig: go.Figure) -> go.Figure:
    """Bar hatching replaced by the band's icon in the bar text, for PDF.

    Chromium prints pattern fills as bitmaps: a ranking PDF grows to ~5 MB and
    takes ~10 s. The icon (the first word of the trace name, e.g. "✗ Chưa đạt")
    keeps the band readable without colour.
    """
    for trace in fig.data:
        if trace.type != "bar" or not (trace.marker and trace.marker.pattern and trace.marker.pattern.shape):
            continue
        icon = (trace.name or "").split(" ")[0]
        if len(icon) == 1 and trace.text is not None and not isinstance(trace.text, str):
            trace.text = [f"{icon} {t}" for t in trace.text]
        trace.marker.pattern.shape = ""
    return fig


def figure_bytes(fig: go.Figure | dict, fmt: ImageFormat | str, meta: ChartFile | None = None) -> bytes:
    """The chart file's bytes (raises render.ChromiumMissing with the one sentence to show)."""
    fmt = ImageFormat(fmt)
    ready = prepare(fig, meta)
    if fmt is ImageFormat.PDF:
        ready = vector_safe(ready)
    scale = PNG_SCALE if fmt is ImageFormat.PNG else 1.0
    return render(ready, fmt.value, ready.layout.width, ready.layout.height, scale)
