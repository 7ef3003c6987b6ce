"""A 16:9 PowerPoint deck from slide specs: a title slide, then one chart per slide.

Meeting rules the deck keeps (issue 12):
- the slide title is PowerPoint title text (a title placeholder), never repeated
  inside the chart image; the image keeps its source line;
- the chart spans the slide's width, and its figure is laid out so that every text
  in it is at least `MIN_PROJECTED_PT` when the slide is shown full-screen:
  `px_font × placed_width_in × 72 / image_width_px ≥ 18` (`projected_pt`);
- the commentary goes to the speaker notes, where the presenter reads it;
- `presentation.xml` says what the slide size is: 13.333 × 7.5 in with no 4:3 claim.

Text is set in Arial, present on the city's Windows machines and complete for
Vietnamese; the charts themselves are PNGs rendered with Noto Sans.
"""

from __future__ import annotations

import base64
import copy
import io
import math
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

DECK_FONT = "Arial"
SLIDE_W = Emu(12192000)  # 13.333 in: exactly 16:9 with 7.5 in (PowerPoint's "Widescreen")
SLIDE_H = Emu(6858000)
_DARK = RGBColor(0x1A, 0x1A, 0x1A)
_MUTED = RGBColor(0x55, 0x55, 0x55)
_ACCENT = RGBColor(0x1F, 0x4E, 0x79)
_WHITE = RGBColor(0xFF, 0xFF, 0xFF)

# Chart slides: the title on top, the picture across the slide's width under it.
TITLE_BOX = (Inches(0.3), Inches(0.12), SLIDE_W - Inches(0.6), Inches(1.0))
PICTURE_LEFT = Inches(0.2)
PICTURE_TOP = Inches(1.2)
PICTURE_W = Emu(SLIDE_W - 2 * PICTURE_LEFT)            # 12.933 in
PICTURE_H = Emu(SLIDE_H - PICTURE_TOP - Inches(0.12))  # 6.18 in
# The figure is laid out at FIGURE_WIDTH_PX and rendered at PNG_SCALE (1920 px wide, sharp on a
# Full HD projector); the picture keeps its aspect, so it is placed exactly PICTURE_W × PICTURE_H.
FIGURE_WIDTH_PX = 1200
FIGURE_HEIGHT_PX = round(FIGURE_WIDTH_PX * PICTURE_H / PICTURE_W)
PNG_SCALE = 1.6
MIN_PROJECTED_PT = 18.0


def projected_pt(px_font: float, placed_width_in: float, image_width_px: float) -> float:
    """Size in points of a `px_font` text of an image `image_width_px` wide placed `placed_width_in` wide."""
    return px_font * placed_width_in * 72 / image_width_px


# The smallest layout font that still projects at 18 pt (24 px for 1200 px across 12.93 in).
MIN_FONT_PX = math.ceil(MIN_PROJECTED_PT * FIGURE_WIDTH_PX / (PICTURE_W.inches * 72))


@dataclass(frozen=True)
class SlideSpec:
    title: str
    bullets: list[str] = field(default_factory=list)   # on a chart slide: the speaker notes
    image: bytes | None = None   # PNG laid out by `slide_figure`
    subtitle: str = ""
    footer: str = ""
    is_title: bool = False


# --- the chart image -------------------------------------------------------------------------------

def _is_font_key(key: str) -> bool:
    return key.endswith("font")


def _raise_fonts(node: object, minimum: int) -> None:
    """Every explicit font size in a figure dict raised to at least `minimum` (lists element-wise)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if _is_font_key(key) and isinstance(value, dict) and value.get("size") is not None:
                size = value["size"]
                if isinstance(size, (list, tuple)):
                    value["size"] = [max(float(s), minimum) if s is not None else minimum for s in size]
                else:
                    value["size"] = max(float(size), minimum)
            _raise_fonts(value, minimum)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _raise_fonts(item, minimum)


def font_sizes(fig: go.Figure | dict) -> list[float]:
    """Every text size a figure sets (layout, template, axes, legend, annotations, traces): what a test checks."""
    found: list[float] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if _is_font_key(key) and isinstance(value, dict) and value.get("size") is not None:
                    size = value["size"]
                    found.extend(float(s) for s in (size if isinstance(size, (list, tuple)) else [size]))
                walk(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)

    walk(fig.to_dict() if isinstance(fig, go.Figure) else fig)
    return found


def _wrap_source(source: str, limit: int = 60) -> str:
    """A long source line in two lines at its " · " (a single line would run past the image at 24 px)."""
    if len(source) <= limit or " · " not in source:
        return source
    head, tail = source.rsplit(" · ", 1)
    return f"{head}<br>{tail}"


def _array(values: object) -> list:
    """A trace's data as a list: figure dicts carry numbers as typed arrays ({"dtype", "bdata"})."""
    if values is None:
        return []
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def _htraces(traces: list[dict], kind: str = "bar") -> list[dict]:
    return [t for t in traces if t.get("type", "scatter") == kind and t.get("orientation") == "h"
            and t.get("x") is not None]


def _label_px(texts, size: float) -> float:
    """Rough width of the longest label at `size` px (Noto Sans averages ~0.56 em per character)."""
    items = [texts] if isinstance(texts, str) else _array(texts)
    longest = max((len(str(t)) for t in items), default=0)
    return longest * 0.56 * size


def _fit_bars(layout: dict, traces: list[dict], m: int, plot_w: float, plot_h: float) -> None:
    """Horizontal bars: value labels outside at `m` px with room made for them on the axis; when grouped
    bars are too thin for a label each, only the first series keeps its labels."""
    bars = _htraces(traces)
    if not bars:
        return
    grouped = layout.get("barmode") in (None, "group") and len(bars) > 1
    categories = {c for t in bars for c in _array(t.get("y"))}
    slot = plot_h / max(len(categories), 1) / (len(bars) if grouped else 1)
    if grouped and slot < 1.25 * m:
        for trace in bars[1:]:
            trace.pop("text", None)
            trace.pop("texttemplate", None)
    for trace in bars:
        if trace.get("text") is not None:
            trace.update(textposition="outside", cliponaxis=False)
        trace.update(constraintext="none", textfont={"size": m, "color": "#1A1A1A"})
    values = [float(v) for t in bars for v in _array(t["x"]) if v is not None and v == v]
    value_labels = max((_label_px(t["text"], m) for t in bars if t.get("text") is not None), default=0)
    if not values or min(values) < 0 or max(values) <= 0 or not value_labels or plot_w <= value_labels + 40:
        return
    upper = max(values) / (1 - (value_labels + 24) / plot_w)
    axis = layout.setdefault("xaxis", {})
    current = (axis.get("range") or [0, 0])[1] or 0
    axis.update(range=[0, max(upper, current)], autorange=False)
    if "%" in (axis.get("tickformat") or "") and axis.get("tickvals") is None:
        axis["tickvals"] = [v / 5 for v in range(6)]  # ticks stop at 100 %, labels may pass it


def _legend_names(layout: dict, traces: list[dict]) -> list[str]:
    if layout.get("showlegend") is False:
        return []
    names = [t["name"] for t in traces if t.get("name") and t.get("showlegend") is not False]
    return names if len(names) > 1 or layout.get("showlegend") is True else []


def _legend_rows(names: list[str], m: int, width: float) -> int:
    if not names:
        return 0
    # A wrapping horizontal legend is a grid: every entry as wide as the widest one.
    widest = max(2.2 * m + _label_px([name], m) for name in names)
    per_row = max(int(width // widest), 1)
    return -(-len(names) // per_row)


def _long_legend_entries(layout: dict, traces: list[dict], m: int, width: float) -> list[str]:
    """Legend entries too wide for a row of several (plotly then stacks every entry on its own row) are taken
    out of the legend and returned, to be written as a note under the chart."""
    moved = []
    for trace in traces:
        name = trace.get("name")
        if name and name in _legend_names(layout, traces) and 2.2 * m + _label_px([name], m) > 0.3 * width:
            trace["showlegend"] = False
            moved.append(name)
    return moved


def _right_column(layout: dict, m: int) -> float:
    """Width of texts written right of the plot (a value column of annotations at paper x ≥ 1)."""
    texts = [a["text"] for a in layout.get("annotations") or ()
             if a.get("xref") == "paper" and (a.get("x") or 0) >= 1 and a.get("text")]
    return _label_px(texts, m) + 28 if texts else 0.0


def slide_layout(fig: go.Figure | dict, source: str = "", font_family: str = "") -> dict:
    """The figure dict of `fig` laid out for a chart slide: no title (the slide has it), the source line
    kept at the bottom, every text ≥ MIN_FONT_PX, legend above the data, FIGURE_WIDTH_PX × FIGURE_HEIGHT_PX.

    Works on the plain dict (no plotly validation: a third of the pack's time went there); `slide_figure`
    gives the same as a `go.Figure` for reading.
    """
    data = fig.to_dict() if isinstance(fig, go.Figure) else copy.deepcopy(fig)
    _raise_fonts(data, MIN_FONT_PX)
    layout, traces = data.setdefault("layout", {}), data.setdefault("data", [])
    m = MIN_FONT_PX
    font = layout.setdefault("font", {})
    font["size"] = max(font.get("size") or 0, m)
    if font_family:
        font["family"] = font_family
    y_labels = max((_label_px(_array(t["y"]), m) for t in traces
                    if t.get("type", "scatter") in ("bar", "scatter", "heatmap") and t.get("y") is not None
                    and (t.get("type") != "bar" or t.get("orientation") == "h")), default=0)
    left = 16
    right = max(40.0, _right_column(layout, m))
    plot_w = FIGURE_WIDTH_PX - left - right - y_labels - 10
    if _legend_names(layout, traces):
        layout["showlegend"] = True  # still shown when moving a long entry out leaves one
    notes = _long_legend_entries(layout, traces, m, FIGURE_WIDTH_PX - 2 * left)
    axis = layout.setdefault("xaxis", {})
    axis_title = axis.get("title") or {}
    if isinstance(axis_title, dict) and axis_title.get("text"):  # the value axis's name joins the notes
        notes.append(axis_title["text"])
        axis["title"] = {"text": ""}
    rows = _legend_rows(_legend_names(layout, traces), m, plot_w)
    source = _wrap_source(source)
    source_lines = source.count("<br>") + 1 if source else 0
    line = round(1.35 * m)
    ticks = round(1.7 * m)
    top = 20 + rows * round(1.6 * m)
    bottom = ticks + line * (len(notes) + source_lines) + 16
    plot_h = FIGURE_HEIGHT_PX - top - bottom
    layout.pop("meta", None)
    layout.update(
        title={"text": ""}, width=FIGURE_WIDTH_PX, height=FIGURE_HEIGHT_PX,
        margin={"t": top, "b": bottom, "l": left, "r": round(right), "autoexpand": True},
        legend={"orientation": "h", "x": 0, "xref": "paper", "xanchor": "left", "y": 1, "yref": "paper",
                "yanchor": "bottom", "font": {"size": m}, "bgcolor": "rgba(255,255,255,0)"},
        uniformtext={"minsize": m, "mode": "show"},
        hoverlabel={**(layout.get("hoverlabel") or {}), "font": {"size": m}},
    )
    # The bottom margin is ours (ticks, notes, source line), so the source can sit at its foot.
    axis["automargin"] = False
    _fit_bars(layout, traces, m, plot_w, plot_h)
    annotations = layout.setdefault("annotations", [])
    below = ticks + 4
    for note in notes:  # under the ticks, each on its own line above the source
        annotations.append({"text": note, "xref": "paper", "yref": "paper", "x": 0, "xanchor": "left",
                            "y": -below / plot_h, "yanchor": "top", "showarrow": False, "align": "left",
                            "font": {"size": m, "color": "#1A1A1A"}})
        below += line
    if source:
        annotations.append({"text": source, "xref": "paper", "yref": "paper", "x": 1, "xanchor": "right",
                            "y": -(bottom - 6) / plot_h, "yanchor": "bottom", "showarrow": False,
                            "align": "right", "font": {"size": m, "color": "#555555"}})
    return data


def slide_figure(fig: go.Figure | dict, source: str = "", font_family: str = "") -> go.Figure:
    """`slide_layout` as a figure (what tests read)."""
    return go.Figure(slide_layout(fig, source, font_family))


# --- the deck --------------------------------------------------------------------------------------

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


def _place(shape, box: tuple[int, int, int, int]) -> None:
    shape.left, shape.top, shape.width, shape.height = box


def _set_title(slide, title: str, box, size: int, colour: RGBColor, align=PP_ALIGN.LEFT) -> None:
    """The slide's title placeholder (what PowerPoint, outlines and screen readers know as its title)."""
    shape = slide.shapes.title
    _place(shape, box)
    frame = shape.text_frame
    frame.clear()
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    _text(frame, [title], size, colour, bold=True, align=align)


def _title_size(title: str) -> int:
    return 28 if len(title) <= 64 else 24 if len(title) <= 130 else 20


def _notes(slide, lines: list[str]) -> None:
    if lines:
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _add_title_slide(prs, spec: SlideSpec) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])  # Title Slide: title + subtitle placeholders
    band = slide.shapes.add_shape(1, 0, Inches(2.3), SLIDE_W, Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = _ACCENT
    band.line.fill.background()
    tree = slide.shapes._spTree
    tree.remove(band._element)
    tree.insert(2, band._element)  # behind the placeholders
    _set_title(slide, spec.title, (Inches(0.8), Inches(2.45), SLIDE_W - Inches(1.6), Inches(1.4)), 36, _WHITE)
    sub = slide.placeholders[1]
    _place(sub, (Inches(0.8), Inches(3.85), SLIDE_W - Inches(1.6), Inches(0.9)))
    sub.text_frame.clear()
    if spec.subtitle:
        _text(sub.text_frame, [spec.subtitle], 22, _WHITE)
    if spec.bullets:
        box = slide.shapes.add_textbox(Inches(0.8), Inches(5.2), SLIDE_W - Inches(1.6), Inches(1.4))
        _text(box.text_frame, spec.bullets, 18, _MUTED)
    _footer(slide, spec.footer)


def _footer(slide, text: str) -> None:
    if text:
        box = slide.shapes.add_textbox(Inches(0.4), Inches(6.95), SLIDE_W - Inches(0.8), Inches(0.45))
        _text(box.text_frame, [text], 18, _MUTED)


def _add_chart_slide(prs, spec: SlideSpec) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    _set_title(slide, spec.title, TITLE_BOX, _title_size(spec.title), _ACCENT)
    if spec.image:
        # Placed at the full picture width: the 18 pt rule of `slide_figure` assumes it.
        slide.shapes.add_picture(io.BytesIO(spec.image), PICTURE_LEFT, PICTURE_TOP, width=PICTURE_W,
                                 height=PICTURE_H)
        _notes(slide, spec.bullets)
    elif spec.bullets:  # a text slide shows its sentences
        box = slide.shapes.add_textbox(PICTURE_LEFT + Inches(0.2), PICTURE_TOP, PICTURE_W - Inches(0.4), PICTURE_H)
        _text(box.text_frame, spec.bullets, 22, bullet=True, space_after=10)
        box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        _notes(slide, spec.bullets)
    _footer(slide, spec.footer)


def _widen_layouts(prs) -> None:
    """The default template's master and layouts are drawn for 4:3; stretch them to 16:9 so a slide
    added later in PowerPoint is laid out for the deck's size."""
    k = SLIDE_W / Emu(9144000)
    for owner in (prs.slide_master, *prs.slide_layouts):
        for shape in owner.shapes:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = int(shape.left * k), int(shape.width * k)


def build_deck(slides: list[SlideSpec], title: str = "") -> bytes:
    prs = Presentation()
    _widen_layouts(prs)
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    # python-pptx's template says type="screen4x3"; PowerPoint writes no type for 13.333 × 7.5 in.
    prs._element.sldSz.attrib.pop("type", None)
    if title:
        prs.core_properties.title = title
    for spec in slides:
        (_add_title_slide if spec.is_title else _add_chart_slide)(prs, spec)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
