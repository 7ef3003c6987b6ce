"""A 16:9 PowerPoint deck from slide specs: a title slide, then chart + commentary slides.

Text is set in Arial, present on the city's Windows machines and complete for
Vietnamese; the charts themselves are PNGs already rendered with Noto Sans.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

DECK_FONT = "Arial"
SLIDE_W = Emu(12192000)  # 13.333 in: exactly 16:9 with 7.5 in
SLIDE_H = Inches(7.5)
_DARK = RGBColor(0x1A, 0x1A, 0x1A)
_MUTED = RGBColor(0x55, 0x55, 0x55)
_ACCENT = RGBColor(0x1F, 0x4E, 0x79)


@dataclass(frozen=True)
class SlideSpec:
    title: str
    bullets: list[str] = field(default_factory=list)
    image: bytes | None = None   # PNG
    subtitle: str = ""
    footer: str = ""
    is_title: bool = False


def _text(frame, lines: list[str], size: int, colour: RGBColor = _DARK, bold: bool = False,
          align=PP_ALIGN.LEFT, bullet: bool = False, space_after: int = 0) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        if space_after:
            p.space_after = Pt(space_after)
        run = p.add_run()
        run.text = f"• {line}" if bullet else line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = DECK_FONT
        run.font.color.rgb = colour


def _add_title_slide(prs, spec: SlideSpec) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, Inches(2.3), SLIDE_W, Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = _ACCENT
    band.line.fill.background()
    box = slide.shapes.add_textbox(Inches(0.8), Inches(2.45), SLIDE_W - Inches(1.6), Inches(1.4))
    box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _text(box.text_frame, [spec.title], 36, RGBColor(0xFF, 0xFF, 0xFF), bold=True)
    if spec.subtitle:
        sub = slide.shapes.add_textbox(Inches(0.8), Inches(3.85), SLIDE_W - Inches(1.6), Inches(0.9))
        _text(sub.text_frame, [spec.subtitle], 22, RGBColor(0xFF, 0xFF, 0xFF))
    if spec.bullets:
        notes = slide.shapes.add_textbox(Inches(0.8), Inches(5.2), SLIDE_W - Inches(1.6), Inches(1.4))
        _text(notes.text_frame, spec.bullets, 16, _MUTED)
    _footer(slide, spec.footer)


def _footer(slide, text: str) -> None:
    if text:
        box = slide.shapes.add_textbox(Inches(0.4), Inches(7.0), SLIDE_W - Inches(0.8), Inches(0.4))
        _text(box.text_frame, [text], 10, _MUTED)


def _fit(image: bytes, max_w: Emu, max_h: Emu) -> tuple[int, int]:
    with Image.open(io.BytesIO(image)) as im:
        w, h = im.size
    scale = min(max_w / w, max_h / h)
    return int(w * scale), int(h * scale)


def _add_chart_slide(prs, spec: SlideSpec) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    title = slide.shapes.add_textbox(Inches(0.4), Inches(0.2), SLIDE_W - Inches(0.8), Inches(0.8))
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _text(title.text_frame, [spec.title], 24, _ACCENT, bold=True)
    text_left = Inches(0.4)
    if spec.image:
        max_w, max_h = Inches(8.9), Inches(5.85)
        w, h = _fit(spec.image, max_w, max_h)
        slide.shapes.add_picture(io.BytesIO(spec.image), Inches(0.35), Inches(1.05), width=w, height=h)
        text_left = Inches(0.35) + w + Inches(0.25)
    if spec.bullets:
        box = slide.shapes.add_textbox(text_left, Inches(1.1), SLIDE_W - text_left - Inches(0.35), Inches(5.8))
        _text(box.text_frame, spec.bullets, 15 if spec.image else 20, bullet=True, space_after=8)
        # Long unit names: let PowerPoint shrink the text rather than overflow the slide.
        box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    _footer(slide, spec.footer)


def build_deck(slides: list[SlideSpec], title: str = "") -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    if title:
        prs.core_properties.title = title
    for spec in slides:
        (_add_title_slide if spec.is_title else _add_chart_slide)(prs, spec)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
