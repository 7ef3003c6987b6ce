"""The briefing pack for a period: a 16:9 deck, the same charts as one PDF and a zip of PNGs, and the tables as .xlsx.

Rankings in the pack (decided here, documented in the deck's title slide):
communes/wards together (`UnitGroup.COMMUNE_LEVEL`, the 94 commune-level units
the city ranks against each other) and departments (`UnitGroup.DEPARTMENT`);
agencies are never ranked against communes. `group=` narrows the pack to one group.

A ranking slide shows the whole ranking when it fits a slide (≤ 18 ranked
units), else the best 5 and the worst 10, whose names also appear in the
commentary; the .xlsx has every unit. Units with too few cases or no data are
listed in the table, not drawn.

Everything shown comes from the functions the pages use: frames from
`metrics.ranking.rank_units` / `metrics.evaluation.evaluate_units`, figures from
`charts.figures`, words from `texts.commentary` and the catalogue.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from charts.figures import comparison_bars, level_counts_bar, ranking_bar
from exports.images import SLIDE_HEIGHT, ChartFile, ImageFormat, figure_bytes, slugify
from exports.pdf import merge_pdfs
from exports.pptx_deck import SlideSpec, build_deck
from exports.render import ChromiumMissing, browser_available
from exports.source import source_line
from exports.xlsx import Sheet, evaluation_sheet, ranking_sheet, write_workbook
from i18n.catalogue import text
from i18n.labels import group_label, level_label, period_label
from i18n.numbers import fmt_timestamp
from metrics.evaluation import level_counts
from metrics.finals import evaluation_with_finals
from metrics.indicators import INDICATORS, Indicator
from metrics.ranking import RankStatus, rank_units
from metrics.schemes import scheme_for
from metrics.targets import target_for
from metrics.values import city_values
from texts.commentary import (
    chart_title,
    evaluation_commentary,
    overview_commentary,
    ranking_commentary,
    scheme_note,
)
from texts.evaluation import with_reason_texts
from vocab.levels import Level
from vocab.periods import Period
from vocab.units import UnitGroup

DECK_GROUPS: tuple[UnitGroup, ...] = (UnitGroup.COMMUNE_LEVEL, UnitGroup.DEPARTMENT)
FULL_RANKING_MAX = 18
TOP_N, BOTTOM_N = 5, 10



def group_short(group: UnitGroup, lang: str = "vi") -> str:
    """Short group name for sheet and file names (≤ 31 characters per sheet name)."""
    return text(f"ex_group_{group.value}", lang)


Progress = Callable[[float, str], None]


@dataclass
class PackChart:
    stem: str               # file name stem: "02_dung-han_cap-xa_2026-10"
    title: str
    figure: go.Figure
    commentary: list[str]


@dataclass
class PackContent:
    """Everything of a pack except rendered bytes (cheap: no Chromium involved)."""

    period: Period
    groups: tuple[UnitGroup, ...]
    lang: str
    source: str
    title: str
    subtitle: str
    charts: list[PackChart] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)
    rankings: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict)  # (indicator id, group) → frame
    evaluations: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass
class BriefingPack:
    period: Period
    files: dict[str, bytes]           # file name → bytes
    chart_count: int

    def write(self, out_dir: str | Path) -> list[Path]:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, data in self.files.items():
            path = out / name
            path.write_bytes(data)
            paths.append(path)
        return paths


def pack_file_names(period: Period) -> dict[str, str]:
    base = f"giao-ban_{period.slug}"
    return {"pptx": f"{base}.pptx", "pdf": f"{base}_bieu-do.pdf", "zip": f"{base}_bieu-do-png.zip",
            "xlsx": f"{base}_bang-xep-hang.xlsx"}


def chart_stem(indicator: Indicator, group: UnitGroup | None, period: Period) -> str:
    """File name stem of one indicator chart, as on the pages' download buttons."""
    parts = [indicator.short("vi")]
    if group is not None:
        parts.append(group_short(group))
    parts.append(period.slug)
    return "_".join(slugify(p) for p in parts)


def deck_rows(ranking: pd.DataFrame) -> pd.DataFrame:
    """The rows a ranking slide draws: all ranked units if they fit, else the best TOP_N and worst BOTTOM_N."""
    ranked = ranking[ranking["status"] == RankStatus.RANKED.value]
    if len(ranked) <= FULL_RANKING_MAX:
        return ranked
    return pd.concat([ranked.head(TOP_N), ranked.tail(BOTTOM_N)])


def _slide_sized(fig: go.Figure) -> go.Figure:
    fig.update_layout(height=SLIDE_HEIGHT)
    return fig


def _city_values(con: duckdb.DuckDBPyConnection, period: Period) -> dict[str, float]:
    """City-wide value of every indicator (NaN = no data), as `metrics.values.single_value` gives it."""
    return {k: float("nan") if v.value is None else v.value for k, v in city_values(con, period).items()}


def overview_frame(con: duckdb.DuckDBPyConnection, period: Period, lang: str) -> pd.DataFrame:
    """One row per indicator: city value, previous period's value, general target."""
    now, before = _city_values(con, period), _city_values(con, period.previous())
    rows = [{"indicator": ind.id, "label": ind.short(lang), "is_rate": ind.is_rate, "value": now[ind.id],
             "prev_value": before[ind.id], "target": target_for(con, ind, period.last.year)}
            for ind in INDICATORS]
    return pd.DataFrame(rows).astype({"value": "float64", "prev_value": "float64", "target": "float64"})


def pack_content(con: duckdb.DuckDBPyConnection, period: Period, groups: tuple[UnitGroup, ...] = DECK_GROUPS,
                 lang: str = "vi", min_volume: int | None = None) -> PackContent:
    """Frames, figures, commentary and tables of the pack (no rendering)."""
    source = source_line(con, lang)
    plabel = period_label(period, lang)
    content = PackContent(
        period=period, groups=groups, lang=lang, source=source,
        title=text("ex_pack_title", lang, period=plabel),
        subtitle=text("ex_pack_subtitle", lang, groups="; ".join(group_label(g, lang) for g in groups)),
    )
    n = 1

    # City overview: every rate indicator against its target and the previous period.
    overview = overview_frame(con, period, lang)
    rates = overview[overview["is_rate"] & overview["value"].notna()]
    title = text("ex_overview_title", lang, period=plabel)
    fig = comparison_bars(rates, [("value", plabel), ("prev_value", period_label(period.previous(), lang))],
                          title, source, lang)
    content.charts.append(PackChart(f"{n:02d}_{slugify('tong-quan')}_{period.slug}", title, _slide_sized(fig),
                                    overview_commentary(overview, {i.id: i for i in INDICATORS}, period, lang)))

    for group in groups:
        for ind in INDICATORS:
            ranking = rank_units(con, ind, period, group, min_volume=min_volume)
            content.rankings[(ind.id, group.value)] = ranking
            title = chart_title(ind, group, period, lang)
            sheet = text("ex_sheet_ranking", lang, indicator=ind.short(lang), group=group_short(group, lang))
            content.sheets.append(ranking_sheet(sheet, title, ranking, ind, [source], lang))
            rows = deck_rows(ranking)
            if rows.empty:
                continue
            n += 1
            direction = "higher_is_better" if ind.higher_is_better else "lower_is_better"
            shown = title if len(rows) == int((ranking["status"] == RankStatus.RANKED.value).sum()) else (
                text(f"ex_partial_{direction}", lang, title=title, top=TOP_N, bottom=BOTTOM_N))
            fig = _slide_sized(ranking_bar(rows, ind, shown, source, lang))
            city = overview.set_index("indicator").loc[ind.id]
            words = ranking_commentary(ind, period, ranking, city["value"], city["prev_value"], lang)
            content.charts.append(PackChart(f"{n:02d}_{chart_stem(ind, group, period)}", shown, fig, words))

        evaluation = with_reason_texts(evaluation_with_finals(con, period, group), lang)
        content.evaluations[group.value] = evaluation
        title = text("ex_evaluation_title", lang, group=group_label(group, lang), period=plabel)
        content.sheets.append(evaluation_sheet(text("ex_sheet_evaluation", lang, group=group_short(group, lang)),
                                               title, evaluation,
                                               [scheme_note(scheme_for(con, period), lang), source], lang))
        if len(evaluation):
            n += 1
            counts = level_counts(evaluation)
            labels = {lv.value: level_label(lv, lang) for lv in Level}
            fig = _slide_sized(level_counts_bar(counts, labels, title, source, lang, text("ex_units_axis", lang)))
            content.charts.append(PackChart(f"{n:02d}_xep-loai_{slugify(group_short(group))}_{period.slug}", title,
                                            fig, [*evaluation_commentary(evaluation, group, period, lang),
                                                  scheme_note(scheme_for(con, period), lang)]))
    return content


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:  # PNGs are compressed already
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def render_pack(content: PackContent, progress: Progress | None = None) -> BriefingPack:
    """Render every chart (PNG + PDF) and assemble the four files."""
    names = pack_file_names(content.period)
    pngs: dict[str, bytes] = {}
    pdfs: list[bytes] = []
    total = max(len(content.charts), 1)
    for i, chart in enumerate(content.charts):
        if progress:
            progress(i / total, chart.title)
        meta = ChartFile(chart.title, content.source, chart.stem)
        pngs[f"{chart.stem}.png"] = figure_bytes(chart.figure, ImageFormat.PNG, meta)
        pdfs.append(figure_bytes(chart.figure, ImageFormat.PDF, meta))
    lang = content.lang
    slides = [SlideSpec(
        content.title,
        [text("ex_ranking_rule", lang), text("ex_made_on", lang, when=fmt_timestamp(datetime.now(), lang))],
        subtitle=content.subtitle, footer=content.source, is_title=True,
    )]
    slides += [SlideSpec(c.title, c.commentary, pngs[f"{c.stem}.png"], footer=content.source)
               for c in content.charts]
    files = {
        names["pptx"]: build_deck(slides, content.title),
        names["pdf"]: merge_pdfs(pdfs, content.title),
        names["zip"]: _zip(pngs),
        names["xlsx"]: write_workbook(content.sheets),
    }
    if progress:
        progress(1.0, "")
    return BriefingPack(content.period, files, len(content.charts))


def build_pack(con: duckdb.DuckDBPyConnection, period: Period | str, group: UnitGroup | str | None = None,
               lang: str = "vi", progress: Progress | None = None) -> BriefingPack:
    """The whole briefing pack for `period` (both deck groups, or only `group`)."""
    period = Period.parse(period) if isinstance(period, str) else period
    if not browser_available():  # fail before minutes of queries, not after
        raise ChromiumMissing()
    groups = DECK_GROUPS if group is None else (UnitGroup(group),)
    return render_pack(pack_content(con, period, groups, lang), progress)
