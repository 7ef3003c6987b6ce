"""The briefing pack for a period: a 16:9 deck, a PDF (cover, commentary, charts, bookmarks), a zip of PNGs,
the tables as .xlsx and, per group, the one-page A4 "Báo cáo nhanh" (`exports.report`).

Rankings in the pack (decided here, documented in the deck's title slide):
communes/wards together (`UnitGroup.COMMUNE_LEVEL`, the 94 commune-level units
the city ranks against each other) and departments (`UnitGroup.DEPARTMENT`);
agencies are never ranked against communes. `group=` narrows the pack to one group.

A ranking slide shows the whole ranking when it fits a slide at projector size
(≤ 12 ranked units, every text ≥ 18 pt), else the best 5 and the worst 5, named
by the indicator's direction ("best = lowest" for overdue counts); the worst also
appear in the commentary (speaker notes); the .xlsx has every unit. Units with
too few cases or no data are listed in the table, not drawn.

Slides have codes (`overview`, `<indicator>.<group>`, `evaluation.<group>`) and
numbers (their position in the full deck, from 1): `select_charts` picks and
orders them for the page's multiselect and `cli.py export --slides 1,3,2`.

The pack shows all-field figures: it applies no field filter and never names one.

Everything shown comes from the functions the pages use: frames from
`metrics.ranking.rank_units` / `metrics.evaluation.evaluate_units`, figures from
`charts.figures`, words from `texts.commentary` and the catalogue.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from charts.figures import comparison_bars, level_counts_bar, ranking_bar
from exports.images import FONT_FAMILY, SLIDE_HEIGHT, slugify
from exports.pdf import Bookmark, assemble, commentary_figure, cover_figure, titled_chart
from exports.pptx_deck import FIGURE_HEIGHT_PX, FIGURE_WIDTH_PX, PNG_SCALE, SlideSpec, build_deck, slide_layout
from exports.render import ChromiumMissing, browser_available, render
from exports.report import ReportContent, report_content, report_file_name, report_pdf
from exports.source import source_line
from exports.xlsx import Sheet, evaluation_sheet, ranking_sheet, write_workbook
from i18n.catalogue import text
from i18n.labels import group_label, level_label, months_label
from i18n.numbers import fmt_timestamp
from i18n.period_words import partial_period_label
from metrics.completeness import counted_through
from metrics.evaluation import level_counts
from metrics.finals import evaluation_with_finals
from metrics.indicators import INDICATORS, Indicator
from metrics.queries import is_demo_data
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
from vocab.errors import UserFacingError
from vocab.levels import Level
from vocab.periods import Period, comparison
from vocab.units import UnitGroup

DECK_GROUPS: tuple[UnitGroup, ...] = (UnitGroup.COMMUNE_LEVEL, UnitGroup.DEPARTMENT)
FULL_RANKING_MAX = 12   # rows that fit a slide with every text ≥ 18 pt when projected
TOP_N, BOTTOM_N = 5, 5
OVERVIEW = "overview"


def group_short(group: UnitGroup, lang: str = "vi") -> str:
    """Short group name for sheet and file names (≤ 31 characters per sheet name)."""
    return text(f"ex_group_{group.value}", lang)


Progress = Callable[[float, str], None]


class UnknownSlide(UserFacingError):
    """A slide number or code that the pack does not have (the CLI exits 2 with this sentence)."""


@dataclass
class PackChart:
    code: str               # slide code: "overview", "on_time_rate.department", "evaluation.department"
    stem: str               # file name stem: "dung-han_so-nganh_2026-10" (indicator, group, period)
    title: str
    figure: go.Figure
    commentary: list[str]
    section: str = ""       # bookmark parent in the PDF: the group's name ("" = top level)


@dataclass
class PackContent:
    """Everything of a pack except rendered bytes (cheap: no Chromium involved)."""

    period: Period
    groups: tuple[UnitGroup, ...]
    lang: str
    source: str
    title: str
    subtitle: str
    is_demo: bool = False
    charts: list[PackChart] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)
    through: date | None = None  # the last month that counts: earlier than the period's end = partial
    rankings: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict)  # (indicator id, group) → frame
    evaluations: dict[str, pd.DataFrame] = field(default_factory=dict)
    overview: pd.DataFrame | None = None
    commentary: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (slide code, heading, sentences)
    reports: dict[str, ReportContent] = field(default_factory=dict)  # group → its "Báo cáo nhanh"

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.charts]


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


def groups_slug(groups: Sequence[UnitGroup]) -> str:
    return "-".join(slugify(group_short(g)) for g in groups)


def pack_file_names(period: Period, groups: Sequence[UnitGroup] = DECK_GROUPS) -> dict[str, str]:
    """File names carrying group(s) and period, so packs of different groups or periods never overwrite."""
    base = f"giao-ban_{groups_slug(groups)}_{period.slug}"
    names = {"pptx": f"{base}.pptx", "pdf": f"{base}_bieu-do.pdf", "zip": f"{base}_bieu-do-png.zip",
             "xlsx": f"{base}_bang-xep-hang.xlsx"}
    names.update({f"report_{g.value}": report_file_name(period, g) for g in groups})
    return names


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


def _city_values(con: duckdb.DuckDBPyConnection, period: Period,
                 group: UnitGroup = UnitGroup.ALL) -> dict[str, float]:
    """Group-wide (default city-wide) value of every indicator (NaN = no data), as `single_value` gives it."""
    return {k: float("nan") if v.value is None else v.value for k, v in city_values(con, period, group).items()}


def overview_frame(con: duckdb.DuckDBPyConnection, period: Period, lang: str,
                   group: UnitGroup = UnitGroup.ALL, compare_to: Period | None = None) -> pd.DataFrame:
    """One row per indicator: city (or group) value, the value of `compare_to` (default: the previous
    period), general target."""
    now, before = _city_values(con, period, group), _city_values(con, compare_to or period.previous(), group)
    rows = [{"indicator": ind.id, "label": ind.short(lang), "is_rate": ind.is_rate, "value": now[ind.id],
             "prev_value": before[ind.id], "target": target_for(con, ind, period.last.year)}
            for ind in INDICATORS]
    return pd.DataFrame(rows).astype({"value": "float64", "prev_value": "float64", "target": "float64"})


def partial_title(title: str, indicator: Indicator, lang: str = "vi") -> str:
    """The title of a slide showing only both ends, named by the indicator's direction."""
    direction = "higher_is_better" if indicator.higher_is_better else "lower_is_better"
    return text(f"ex_partial_{direction}", lang, title=title, top=TOP_N, bottom=BOTTOM_N)


def pack_content(con: duckdb.DuckDBPyConnection, period: Period, groups: tuple[UnitGroup, ...] = DECK_GROUPS,
                 lang: str = "vi", min_volume: int | None = None, today: date | None = None) -> PackContent:
    """Frames, figures, commentary and tables of the pack (no rendering).

    A partial period (its last months not over or not reported on `today`) is labelled so and
    compared with the same months before (`vocab.periods.comparison`), as on the pages.
    """
    today = today or date.today()
    source = source_line(con, lang)
    through = counted_through(con, period, today)
    earlier = comparison(period, through).previous
    plabel = partial_period_label(period, through, lang)
    content = PackContent(
        period=period, groups=groups, lang=lang, source=source, is_demo=is_demo_data(con), through=through,
        title=text("ex_pack_title", lang, period=plabel),
        subtitle=text("ex_pack_subtitle", lang, groups="; ".join(group_label(g, lang) for g in groups)),
    )

    # City overview: every rate indicator against its target and the previous period.
    overview = content.overview = overview_frame(con, period, lang, compare_to=earlier)
    rates = overview[overview["is_rate"] & overview["value"].notna()]
    title = text("ex_overview_title", lang, period=plabel)
    fig = comparison_bars(rates, [("value", plabel), ("prev_value", months_label(earlier, lang))],
                          title, source, lang)
    words = overview_commentary(overview, {i.id: i for i in INDICATORS}, period, lang, earlier)
    content.charts.append(PackChart(OVERVIEW, f"{slugify(text('briefing_stem_overview'))}_{period.slug}", title,
                                    _slide_sized(fig), words))
    content.commentary.append((OVERVIEW, title, words))

    for group in groups:
        section = group_label(group, lang)
        for ind in INDICATORS:
            ranking = rank_units(con, ind, period, group, min_volume=min_volume, compare_to=earlier)
            content.rankings[(ind.id, group.value)] = ranking
            title = chart_title(ind, group, period, lang, through)
            sheet = text("ex_sheet_ranking", lang, indicator=ind.short(lang), group=group_short(group, lang))
            content.sheets.append(ranking_sheet(sheet, title, ranking, ind, [source], lang))
            rows = deck_rows(ranking)
            if rows.empty:
                continue
            whole = len(rows) == int((ranking["status"] == RankStatus.RANKED.value).sum())
            shown = title if whole else partial_title(title, ind, lang)
            fig = _slide_sized(ranking_bar(rows, ind, shown, source, lang))
            city = overview.set_index("indicator").loc[ind.id]
            words = ranking_commentary(ind, period, ranking, city["value"], city["prev_value"], lang,
                                       compare_to=earlier)
            content.charts.append(PackChart(f"{ind.id}.{group.value}", chart_stem(ind, group, period), shown, fig,
                                            words, section))

        evaluation = with_reason_texts(evaluation_with_finals(con, period, group), lang)
        content.evaluations[group.value] = evaluation
        title = text("ex_evaluation_title", lang, group=group_label(group, lang), period=plabel)
        content.sheets.append(evaluation_sheet(text("ex_sheet_evaluation", lang, group=group_short(group, lang)),
                                               title, evaluation,
                                               [scheme_note(scheme_for(con, period), lang), source], lang))
        if len(evaluation):
            counts = level_counts(evaluation)
            labels = {lv.value: level_label(lv, lang) for lv in Level}
            fig = _slide_sized(level_counts_bar(counts, labels, title, source, lang, text("ex_units_axis", lang)))
            words = evaluation_commentary(evaluation, group, period, lang)
            stem = f"{slugify(text('briefing_stem_evaluation'))}_{slugify(group_short(group))}_{period.slug}"
            content.charts.append(PackChart(f"evaluation.{group.value}", stem, title, fig,
                                            [*words, scheme_note(scheme_for(con, period), lang)], section))
            content.commentary.append((f"evaluation.{group.value}", title, words))
        content.reports[group.value] = report_content(con, period, group, lang, rankings=content.rankings, today=today)
    return content


def select_charts(charts: Sequence[PackChart], wanted: str | Sequence[str] | None,
                  lang: str = "vi") -> list[PackChart]:
    """The slides to make, in the order asked: numbers (1 = first chart slide of the full deck) or codes.

    None means all, in the default order; a repeated slide is made once; an unknown one is refused
    with a sentence naming it (`UnknownSlide`).
    """
    if wanted is None:
        return list(charts)
    tokens = [t.strip() for t in (wanted.split(",") if isinstance(wanted, str) else wanted) if t and t.strip()]
    if not tokens:
        raise UnknownSlide(text("briefing_no_slides", lang), key="briefing_no_slides")
    by_code = {c.code: c for c in charts}
    picked: dict[str, PackChart] = {}
    for token in tokens:
        chart = by_code.get(token)
        if chart is None and token.isdigit() and 1 <= int(token) <= len(charts):
            chart = charts[int(token) - 1]
        if chart is None:
            params = {"code": token, "n": len(charts), "codes": ", ".join(by_code)}
            raise UnknownSlide(text("briefing_unknown_slide", lang, **params), key="briefing_unknown_slide",
                               **params)
        picked.setdefault(chart.code, chart)
    return list(picked.values())


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:  # PNGs are compressed already
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def slide_image(chart: PackChart, source: str) -> bytes:
    """The chart as laid out for a slide (no title, source kept, every text ≥ 18 pt projected)."""
    return render(slide_layout(chart.figure, source, FONT_FAMILY), "png", FIGURE_WIDTH_PX, FIGURE_HEIGHT_PX,
                  PNG_SCALE)


def _text_pages(content: PackContent, charts: Sequence[PackChart], when: str) -> tuple[bytes, bytes]:
    """The PDF's cover and commentary pages (vector, rendered by Chromium)."""
    lang = content.lang
    cover_lines = [text("briefing_cover_groups", lang, groups="; ".join(group_label(g, lang) for g in content.groups)),
                   text("briefing_cover_period", lang, period=partial_period_label(content.period, content.through, lang)),
                   text("briefing_cover_made", lang, when=when)]
    demo = text("briefing_demo_label", lang) if content.is_demo else ""
    cover = render(cover_figure(content.title, cover_lines, demo, content.source), "pdf", 1280, 720, 1.0)
    wanted = {c.code for c in charts}
    sections = [(head, words) for code, head, words in content.commentary if code in wanted]
    if not sections:  # a deck of single rankings: their first sentences
        sections = [(c.title, c.commentary[:2]) for c in charts]
    remarks = render(commentary_figure(text("briefing_commentary_title", lang,
                                            period=partial_period_label(content.period, content.through, lang)),
                                       sections, content.source), "pdf", 1280, 720, 1.0)
    return cover, remarks


def render_pack(content: PackContent, progress: Progress | None = None,
                slides: str | Sequence[str] | None = None) -> BriefingPack:
    """Render the chosen slides (default all) and assemble the files, with each group's A4 report.

    Chromium draws in its own process while this one waits, so the Python work on finished images
    (title band, PNG and PDF pages, workbook, deck) runs meanwhile in one worker thread: on two cores
    the pack takes about the longer of the two, not their sum.
    """
    charts = select_charts(content.charts, slides, content.lang)
    names = pack_file_names(content.period, content.groups)
    lang = content.lang
    total = len(charts) + 2 + len(content.reports)
    when = fmt_timestamp(datetime.now(), lang)
    title_slide = SlideSpec(
        content.title,
        [text("ex_ranking_rule", lang), text("ex_made_on", lang, when=when)],
        subtitle=content.subtitle, footer=content.source, is_title=True,
    )
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pack-files") as worker:
        images, titled = [], []
        for i, chart in enumerate(charts):
            if progress:
                progress(i / total, chart.title)
            images.append(slide_image(chart, content.source))
            titled.append(worker.submit(titled_chart, images[-1], chart.title))
        workbook = worker.submit(write_workbook, content.sheets)
        deck = worker.submit(build_deck, [title_slide, *(SlideSpec(c.title, c.commentary, image)
                                                        for c, image in zip(charts, images, strict=True))],
                             content.title)
        if progress:
            progress(len(charts) / total, text("briefing_bm_commentary", lang))
        cover, remarks = _text_pages(content, charts, when)
        reports = {}
        for j, (group, report) in enumerate(content.reports.items(), start=len(charts) + 2):
            if progress:
                progress(j / total, text("briefing_report_title_short", lang))
            reports[names[f"report_{group}"]] = report_pdf(report)
        pngs, pages = {}, []
        for i, (chart, done) in enumerate(zip(charts, titled, strict=True), start=1):
            png, page = done.result()
            pngs[f"{i:02d}_{chart.stem}.png"] = png
            pages.append(page)
        marked = [(cover, Bookmark(text("briefing_bm_cover", lang))),
                  (remarks, Bookmark(text("briefing_bm_commentary", lang)))]
        marked += [(page, Bookmark(c.title, c.section)) for c, page in zip(charts, pages, strict=True)]
        files = {
            names["pptx"]: deck.result(),
            names["pdf"]: assemble(marked, content.title),
            names["zip"]: _zip(pngs),
            names["xlsx"]: workbook.result(),
            **reports,
        }
    if progress:
        progress(1.0, "")
    return BriefingPack(content.period, files, len(charts))


def build_pack(con: duckdb.DuckDBPyConnection, period: Period | str, group: UnitGroup | str | None = None,
               lang: str = "vi", progress: Progress | None = None,
               slides: str | Sequence[str] | None = None) -> BriefingPack:
    """The whole briefing pack for `period` (both deck groups, or only `group`), with the chosen slides."""
    period = Period.parse(period) if isinstance(period, str) else period
    if not browser_available():  # fail before minutes of queries, not after
        raise ChromiumMissing()
    groups = DECK_GROUPS if group is None else (UnitGroup(group),)
    content = pack_content(con, period, groups, lang)
    select_charts(content.charts, slides, lang)  # refuse an unknown slide before drawing anything
    return render_pack(content, progress, slides)
