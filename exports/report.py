""""Báo cáo nhanh": one A4 page for a group and period, ready to print for a leader.

Three blocks: the key indicators against their targets and the previous period,
the best and worst units for a few key indicators (by each indicator's direction:
for an overdue count the best are the lowest), and three commentary sentences.
The page is a plotly figure rendered to PDF by Chromium, so it is exactly one
A4 page with its Vietnamese text embedded (Noto Sans) and searchable.

Figures come from the functions the pages use (`metrics.values.city_values`
through `exports.pack.overview_frame`'s rule, `metrics.ranking.rank_units`,
`texts.commentary`), so the page and the screen cannot disagree.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd
import plotly.graph_objects as go

from charts.theme import chart_text
from exports.images import FONT_FAMILY, slugify
from exports.render import render
from exports.source import source_line
from i18n.catalogue import text
from i18n.labels import group_label
from i18n.numbers import fmt_change, fmt_timestamp, fmt_value
from i18n.period_words import partial_period_label
from metrics.completeness import counted_through
from metrics.indicators import INDICATORS, Indicator, get_indicator
from metrics.queries import is_demo_data
from metrics.ranking import RankStatus, rank_units
from metrics.targets import Band, band_of, target_for
from metrics.values import city_values
from texts.commentary import overview_commentary, ranking_commentary
from vocab.periods import Period, comparison
from vocab.units import UnitGroup

A4_W, A4_H = 794, 1123   # CSS px at 96 dpi: Chromium prints this as 595.9 × 841.9 pt, one A4 page
KEY_INDICATORS = ("on_time_rate", "online_rate", "overdue_in_progress", "task_on_time_rate")
ENDS_N = 2               # best and worst units named per key indicator
_INK, _MUTED, _ACCENT, _RULE = "#1A1A1A", "#555555", "#1F4E79", "#BBBBBB"


@dataclass
class ReportContent:
    period: Period
    group: UnitGroup
    lang: str
    title: str
    made: str
    source: str
    is_demo: bool
    kpis: pd.DataFrame           # indicator, label, value, target, prev_value, change, band, verdict (words)
    ends: pd.DataFrame           # indicator, label, best, worst (names with values)
    bullets: list[str] = field(default_factory=list)


def report_file_name(period: Period, group: UnitGroup) -> str:
    return f"bao-cao-nhanh_{slugify(text(f'ex_group_{group.value}', 'vi'))}_{period.slug}.pdf"


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def change_word(change: float | None, indicator: Indicator, lang: str = "vi") -> str:
    """"tốt lên" / "xấu đi" / "không đổi" by the indicator's direction (an overdue count going up is worse)."""
    if _missing(change):
        return ""
    # Unchanged as shown: rates to 0.1 percentage point, counts to a whole number.
    if round(change * 1000 if indicator.is_rate else change) == 0:
        return text("briefing_change_same", lang)
    better = (change > 0) == indicator.higher_is_better
    return text("briefing_change_better" if better else "briefing_change_worse", lang)


def _values(con: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup) -> dict[str, float | None]:
    return {k: v.value for k, v in city_values(con, period, group).items()}


def _names(rows: pd.DataFrame, indicator: Indicator, lang: str) -> str:
    return "; ".join(f"{name} ({fmt_value(v, indicator, lang)})"
                     for name, v in zip(rows["unit_name"], rows["value"], strict=True)) or "—"


def report_content(con: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup | str, lang: str = "vi",
                   rankings: dict[tuple[str, str], pd.DataFrame] | None = None,
                   today: date | None = None) -> ReportContent:
    """The report's figures and sentences (no rendering).

    A partial period (its last months not over or not reported on `today`) is labelled so and
    compared with the same months before (`vocab.periods.comparison`).
    """
    group = UnitGroup(group)
    through = counted_through(con, period, today or date.today())
    earlier = comparison(period, through).previous
    now, before = _values(con, period, group), _values(con, earlier, group)
    rows = []
    for ind in INDICATORS:
        value, prev = now[ind.id], before[ind.id]
        target = target_for(con, ind, period.last.year)
        change = None if _missing(value) or _missing(prev) else value - prev
        band = band_of(value, target, ind)
        rows.append({"indicator": ind.id, "label": ind.short(lang), "value": value, "target": target,
                     "prev_value": prev, "change": change, "band": band.value,
                     "verdict": change_word(change, ind, lang)})
    kpis = pd.DataFrame(rows)

    def ranking(ind: Indicator) -> pd.DataFrame:
        got = (rankings or {}).get((ind.id, group.value))
        return got if got is not None else rank_units(con, ind, period, group, compare_to=earlier)

    ends = []
    for ind_id in KEY_INDICATORS:
        ind = get_indicator(ind_id)
        ranked = ranking(ind)
        ranked = ranked[ranked["status"] == RankStatus.RANKED.value]  # best first, by the indicator's direction
        ends.append({"indicator": ind.id, "label": ind.short(lang),
                     "best": _names(ranked.head(ENDS_N), ind, lang),
                     "worst": _names(ranked.tail(ENDS_N).iloc[::-1], ind, lang) if len(ranked) > ENDS_N else "—"})

    overview = kpis[["indicator", "value", "prev_value", "target"]].astype(
        {"value": "float64", "prev_value": "float64", "target": "float64"})
    indicators = {i.id: i for i in INDICATORS}
    bullets = overview_commentary(overview, indicators, period, lang, earlier)[:3]
    if len(bullets) < 3:  # the main indicator's worst units fill the three
        main = indicators[KEY_INDICATORS[0]]
        extra = ranking_commentary(main, period, ranking(main), now[main.id], before[main.id], lang,
                                   compare_to=earlier)
        bullets += [s for s in extra if s not in bullets][: 3 - len(bullets)]
    plabel = partial_period_label(period, through, lang)
    return ReportContent(
        period=period, group=group, lang=lang,
        title=text("briefing_report_title", lang, group=group_label(group, lang), period=plabel),
        made=text("briefing_report_made", lang, when=fmt_timestamp(datetime.now(), lang)),
        source=source_line(con, lang), is_demo=is_demo_data(con), kpis=kpis, ends=pd.DataFrame(ends),
        bullets=bullets,
    )


def _cell(value: object, indicator: Indicator, lang: str) -> str:
    return fmt_value(None if _missing(value) else value, indicator, lang)


def _band_words(band: str, lang: str) -> str:
    return text(f"band_{band}", lang) if band not in (Band.NO_TARGET.value,) else "—"


def report_figure(content: ReportContent) -> go.Figure:
    """The A4 page as a figure: title, KPI table, best/worst table, three bullets, source line."""
    lang = content.lang
    inds = {i.id: i for i in INDICATORS}
    fig = go.Figure()
    k = content.kpis
    arrows = ["" if inds[i].higher_is_better else " ↓" for i in k["indicator"]]
    header = [text(key, lang) for key in ("briefing_col_indicator", "briefing_col_value", "briefing_col_target",
                                          "briefing_col_prev", "briefing_col_change", "briefing_col_band")]
    same = text("briefing_change_same", lang)
    changes = [("—" if _missing(c) else f"{fmt_change(0.0 if w == same else c, inds[i], lang)} {w}".strip())
               for i, c, w in zip(k["indicator"], k["change"], k["verdict"], strict=True)]
    fig.add_trace(go.Table(
        domain=dict(x=[0.04, 0.96], y=[0.53, 0.875]),
        columnwidth=[2.1, 0.95, 0.95, 0.95, 2.1, 1.4],
        header=dict(values=[f"<b>{h}</b>" for h in header], fill_color="#E8EEF4", align="left", height=28,
                    font=dict(size=13, color=_INK), line=dict(color=_RULE, width=0.5)),
        cells=dict(values=[
            [f"{lbl}{a}" for lbl, a in zip(k["label"], arrows, strict=True)],
            [_cell(v, inds[i], lang) for i, v in zip(k["indicator"], k["value"], strict=True)],
            [_cell(v, inds[i], lang) for i, v in zip(k["indicator"], k["target"], strict=True)],
            [_cell(v, inds[i], lang) for i, v in zip(k["indicator"], k["prev_value"], strict=True)],
            changes,
            [_band_words(b, lang) for b in k["band"]],
        ], align=["left", "right", "right", "right", "left", "left"], height=26,
            font=dict(size=12.5, color=_INK), fill_color="#FFFFFF", line=dict(color=_RULE, width=0.5)),
    ))
    e = content.ends
    fig.add_trace(go.Table(
        domain=dict(x=[0.04, 0.96], y=[0.25, 0.475]),
        columnwidth=[1.2, 2.4, 2.4],
        header=dict(values=[f"<b>{text(key, lang)}</b>" for key in ("briefing_col_indicator", "briefing_col_best",
                                                                     "briefing_col_worst")],
                    fill_color="#E8EEF4", align="left", height=28, font=dict(size=13, color=_INK),
                    line=dict(color=_RULE, width=0.5)),
        cells=dict(values=[
            [f"{lbl}{'' if inds[i].higher_is_better else ' ↓'}" for i, lbl in zip(e["indicator"], e["label"],
                                                                                   strict=True)],
            ["<br>".join(chart_text(n) for n in _short_lines(s)) for s in e["best"]],  # names as text
            ["<br>".join(chart_text(n) for n in _short_lines(s)) for s in e["worst"]],
        ], align="left", height=44, font=dict(size=12, color=_INK), fill_color="#FFFFFF",
            line=dict(color=_RULE, width=0.5)),
    ))

    def note(s: str, y: float, size: int, colour: str = _INK, bold: bool = False, x: float = 0.04) -> None:
        s = "<br>".join(chart_text(part) for part in s.split("\n"))  # sentences quote unit names: text only
        fig.add_annotation(text=f"<b>{s}</b>" if bold else s, x=x, y=y, xref="paper", yref="paper",
                           xanchor="left", yanchor="top", showarrow=False, align="left",
                           font=dict(size=size, color=colour))

    note(content.title, 0.975, 22, _ACCENT, bold=True)
    note(content.made, 0.94, 12, _MUTED)
    if content.is_demo:
        fig.add_annotation(text=f"<b>{text('briefing_demo_label', lang)}</b>", x=0.96, y=0.945, xref="paper",
                           yref="paper", xanchor="right", yanchor="top", showarrow=False,
                           font=dict(size=12, color="#8A2B00"), bgcolor="#FFE8D6", bordercolor="#D55E00",
                           borderwidth=1, borderpad=4)
    note(text("briefing_report_kpis", lang), 0.905, 16, _ACCENT, bold=True)
    note(text("briefing_report_lower_note", lang), 0.527, 11, _MUTED)
    note(text("briefing_report_ends", lang, n=ENDS_N), 0.505, 16, _ACCENT, bold=True)
    note(text("briefing_report_bullets", lang), 0.232, 16, _ACCENT, bold=True)
    y = 0.203
    for sentence in content.bullets[:3]:
        lines = textwrap.wrap(sentence, 100, break_long_words=False)
        if len(lines) > 3:  # a long list of names: the rest is in the pack's workbook and deck
            lines = [*lines[:2], lines[2] + " …"]
        note("• " + "\n  ".join(lines), y, 12.5)
        y -= 0.0165 * len(lines) + 0.008
    note(content.source, 0.018, 10.5, _MUTED)
    fig.update_layout(width=A4_W, height=A4_H, margin=dict(l=0, r=0, t=0, b=0), paper_bgcolor="#FFFFFF",
                      font=dict(family=FONT_FAMILY, color=_INK), showlegend=False)
    return fig


def _short_lines(names: str, width: int = 46) -> list[str]:
    """Names with values, two lines at most in a cell (one unit per line when they fit)."""
    parts = names.split("; ")
    lines = [p if len(p) <= width else p[: width - 1] + "…" for p in parts]
    return lines[:ENDS_N]


def report_pdf(content: ReportContent) -> bytes:
    """The one-page A4 PDF (raises render.ChromiumMissing with the one sentence to show)."""
    return render(report_figure(content), "pdf", A4_W, A4_H, 1.0)
