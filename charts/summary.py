"""One-sentence text alternatives of figures: the key numbers a screen reader user needs.

Each builder in `charts.figures` writes its sentence into `layout.meta["summary"]` (a line month by
month: `series_summary`); `figure_summary` returns it, or makes one from the bars of any other
figure (the ranking).
Pure functions: no Streamlit, numbers through `i18n.numbers`.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from i18n.catalogue import text
from i18n.labels import month_label
from i18n.numbers import fmt_int, fmt_value
from metrics.indicators import Indicator


def plain_title(fig: go.Figure) -> str:
    """The figure's title as one line of plain text (our `<br>` out, entities back to characters)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    if meta.get("title"):  # plotly text: our <br> and escaped names
        return html.unescape(re.sub(r"\s+", " ", meta["title"].replace("<br>", " "))).strip()
    raw = (fig.layout.title.text if fig.layout.title else "") or ""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw))).strip()


def _generic(fig: go.Figure, lang: str) -> str:
    """Highest and lowest value by category, with the label printed for it (any horizontal bar or dot figure)."""
    items: list[tuple[float, str, str]] = []
    for trace in fig.data:
        is_dots = trace.type == "scatter" and "markers" in (trace.mode or "") and "lines" not in (trace.mode or "")
        if not (trace.type == "bar" or is_dots) or trace.x is None or trace.y is None:
            continue
        if trace.type == "bar" and trace.orientation != "h":
            continue
        texts = list(trace.text) if trace.text is not None and not isinstance(trace.text, str) else []
        for i, (x, y) in enumerate(zip(trace.x, trace.y, strict=False)):
            if x is None or x != x or y is None:  # None or NaN: not reported, not a value
                continue
            if isinstance(x, str):  # a category axis (months of a click layer or sparkline): no value to rank
                continue
            label = texts[i].strip() if i < len(texts) and texts[i] else str(x)
            items.append((float(x), html.unescape(str(y)), label))
    if not items:
        return text("figures_no_data", lang)
    items.sort(key=lambda item: item[0])
    low, high = items[0], items[-1]
    return text("figures_sum_items", lang, n=len(items), high=f"{high[1]} {high[2]}", low=f"{low[1]} {low[2]}")


def figure_summary(fig: go.Figure, lang: str = "vi") -> str:
    """"Biểu đồ <title>: <key numbers>." — one sentence."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    lang = meta.get("lang", lang)
    body = meta.get("summary") or _generic(fig, lang)
    title = plain_title(fig)
    head = f"{text('figures_chart', lang)} {title}" if title else text("figures_chart", lang)
    return f"{head}: {body}."


def series_summary(months: pd.Series, values: pd.Series, indicator: Indicator, lang: str,
                   target: float | None = None) -> str:
    """"12 tháng; gần nhất (10/2026) 95,0 %; cao nhất … thấp nhất …" over the months with data.

    Arrays, not a filtered frame: the overview makes twelve of these per filter a visitor picks, and
    pandas' dropna and assign cost more than the rest of the sentence (issue 14).
    """
    value = np.asarray(values, dtype="float64")
    keep = ~np.isnan(value)
    if not keep.any():
        return text("figures_no_data", lang)
    month, value = pd.DatetimeIndex(pd.to_datetime(months))[keep], value[keep]
    hi, lo = int(value.argmax()), int(value.argmin())
    summary = text(
        "figures_sum_trend", lang, n=fmt_int(len(value), lang), month=month_label(month[-1], lang),
        last=fmt_value(value[-1], indicator, lang),
        high=fmt_value(value[hi], indicator, lang), high_month=month_label(month[hi], lang),
        low=fmt_value(value[lo], indicator, lang), low_month=month_label(month[lo], lang))
    if target is not None and pd.notna(target):
        summary += "; " + text("figures_sum_target", lang, v=fmt_value(target, indicator, lang))
    return summary
