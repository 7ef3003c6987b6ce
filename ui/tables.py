"""Tables for the screen and for download (numbers with Excel formats).

Both are made from the same metrics frame, so the table and the file agree.

Screen tables (`ScreenTable`, drawn with `show_table`) keep every number a number,
so a click on a column header sorts by value (rank 99 before 104, 72,5 % before
100,0 %). Streamlit's own number formats (`column_config.NumberColumn(format=...)`)
cannot write a decimal comma: printf formats write "95.4" and "localized" follows the
browser's locale, not the page's language. So each number column gets its Vietnamese
(or English) text from `i18n.numbers` through a pandas Styler: Streamlit shows the
Styler's text and sorts by the number underneath (checked in Chromium). A missing
value is a null shown as "—" (st.dataframe's `placeholder`); Streamlit's header sort
puts nulls first when ascending and last when descending, so the rankings table keeps
unranked units out of the sortable table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from charts.theme import LEVEL_STYLES, band_style
from i18n.labels import level_label
from i18n.numbers import NO_DATA, fmt_change, fmt_int, fmt_number, fmt_rank_change, fmt_signed, fmt_value
from metrics.indicators import Indicator
from ui import styler_memo
from ui.strings import t

styler_memo.install()


@dataclass(frozen=True)
class ScreenTable:
    """A table for the screen: numeric columns stay numeric; `formats` give each one its text.

    `formats` maps a column to a function value → text, or to a frame of per-cell functions'
    results (`cell_text`) when one column mixes units (a unit's indicators: % and counts).
    `unit_codes` (same order as the rows) lets a selected row name its unit (`ui.drill`).
    """

    frame: pd.DataFrame
    formats: dict[str, Callable[[object], str]] = field(default_factory=dict)
    cell_text: pd.DataFrame | None = None
    column_config: dict[str, object] = field(default_factory=dict)
    unit_codes: tuple[str, ...] = ()

    def styled(self):
        """The pandas Styler Streamlit draws: numbers underneath, our text on screen.

        Tagged with what it shows (`ui.styler_memo`), so an unchanged table is not translated again.
        """
        styler = self.frame.style
        if self.formats:
            styler = styler.format({c: f for c, f in self.formats.items() if c in self.frame}, na_rep=NO_DATA)
        if self.cell_text is not None:
            _cell_texts(styler, self.frame, self.cell_text)
        with contextlib.suppress(TypeError, ValueError):   # a value pandas cannot hash: marshalled every run
            setattr(styler, styler_memo.ATTRIBUTE, styler_memo.content_key(self.frame, self._shown_texts()))
        return styler

    def _shown_texts(self):
        """Every text the formats give (NA: "—"), column by column, then every per-cell text."""
        for column, show in self.formats.items():
            if column in self.frame:
                yield str(column)
                yield from (NO_DATA if _missing(v) else str(show(v)) for v in self.frame[column])
        if self.cell_text is not None:
            for column in self.cell_text.columns:
                yield str(column)
                yield from (str(text) for text in self.cell_text[column])


def _missing(value: object) -> bool:
    """What Styler's `na_rep` replaces (None, NaN, NA, NaT)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):   # not a scalar: shown by its format
        return False


def _text(text: str, _value: object) -> str:
    return text


def _cell_texts(styler, frame: pd.DataFrame, cell_text: pd.DataFrame) -> None:
    """Gives each cell of `cell_text`'s columns its own text (a column mixing % and counts).

    pandas keeps one display function per cell position in `Styler._display_funcs`; setting them
    directly costs microseconds, where one `Styler.format(subset=<one cell>)` per cell cost ~1 ms and
    was half of the unit page's run. Falls back to that public path if pandas ever drops the dict
    (tests/ui check the texts shown either way).
    """
    funcs = getattr(styler, "_display_funcs", None)
    for column in cell_text.columns:
        j = frame.columns.get_loc(column)
        for i, text in enumerate(cell_text[column]):
            if isinstance(funcs, dict):
                funcs[(i, j)] = partial(_text, text)
            else:
                styler.format(partial(_text, text), subset=pd.IndexSlice[[frame.index[i]], [column]])


def show_table(table: ScreenTable, key: str | None = None, selectable: bool = False):
    """Draws `table` sortable by value, "—" for no data; with `selectable`, one row can be picked.

    Returns st.dataframe's selection state when selectable (see `ui.drill.selected_unit`).
    """
    import streamlit as st

    return st.dataframe(table.styled(), hide_index=True, width="stretch", column_config=table.column_config or None,
                        placeholder=NO_DATA, key=key, on_select="rerun" if selectable else "ignore",
                        selection_mode="single-row")


def _ints(values: object) -> pd.arrays.IntegerArray:
    return pd.array(pd.to_numeric(pd.Series(values), errors="coerce").round(), dtype="Int64")


def _floats(values: object) -> np.ndarray:
    return pd.to_numeric(pd.Series(values), errors="coerce").astype("float64").to_numpy()


def ranking_table(frame: pd.DataFrame, indicator: Indicator, lang: str) -> ScreenTable:
    """The ranking for the screen: rank, unit, value, numerator and denominator, change, rank change, band."""
    cols = {k: t(k, lang) for k in ("col_rank", "col_unit", "col_value", "col_numerator", "col_denominator",
                                    "col_change", "col_rank_change", "col_band")}
    data = {
        cols["col_rank"]: _ints(frame["rank"]),
        cols["col_unit"]: frame["unit_name"].astype(str).to_numpy(),
        cols["col_value"]: _floats(frame["value"]),
    }
    if indicator.is_rate:
        data[cols["col_numerator"]] = _ints(frame["numerator"])
        data[cols["col_denominator"]] = _ints(frame["denominator"])
    data[cols["col_change"]] = _floats(frame["change"])
    data[cols["col_rank_change"]] = _ints(frame["rank_change"])
    data[cols["col_band"]] = [f"{band_style(b).icon} {band_style(b).label(lang)}" for b in frame["band"]]
    out = pd.DataFrame(data)

    def integer(v: object) -> str:
        return fmt_int(v, lang)

    formats = {
        cols["col_rank"]: integer,
        cols["col_value"]: lambda v: fmt_value(v, indicator, lang),
        cols["col_numerator"]: integer,
        cols["col_denominator"]: integer,
        cols["col_change"]: lambda v: fmt_change(v, indicator, lang),
        cols["col_rank_change"]: lambda v: fmt_rank_change(v, lang) or NO_DATA,
    }
    return ScreenTable(out, formats, unit_codes=tuple(str(c) for c in frame["unit_code"])
                       if "unit_code" in frame else ())


@dataclass(frozen=True)
class ExportTable:
    """A frame for .xlsx plus which of its columns are percentages, integers or decimals."""

    frame: pd.DataFrame
    percent_columns: tuple[str, ...] = ()
    int_columns: tuple[str, ...] = ()
    decimal_columns: tuple[str, ...] = ()


def ranking_export(frame: pd.DataFrame, indicator: Indicator, lang: str) -> ExportTable:
    value_cols = (t("col_value", lang), t("col_target", lang), t("col_prev_value", lang), t("col_change", lang))
    out = pd.DataFrame({
        t("col_rank", lang): frame["rank"].astype("float64").to_numpy(),
        t("col_unit", lang): frame["unit_name"].to_numpy(),
        t("col_status", lang): [t(f"status_{s}", lang) for s in frame["status"]],
        value_cols[0]: frame["value"].to_numpy(),
        t("col_numerator", lang): frame["numerator"].to_numpy(),
        t("col_denominator", lang): frame["denominator"].to_numpy(),
        value_cols[1]: frame["target"].to_numpy(),
        t("col_band", lang): [band_style(b).label(lang) for b in frame["band"]],
        value_cols[2]: frame["prev_value"].to_numpy(),
        value_cols[3]: frame["change"].to_numpy(),
        t("col_prev_rank", lang): frame["prev_rank"].astype("float64").to_numpy(),
        t("col_rank_change", lang): frame["rank_change"].astype("float64").to_numpy(),
    })
    ints = (t("col_rank", lang), t("col_numerator", lang), t("col_denominator", lang),
            t("col_prev_rank", lang), t("col_rank_change", lang))
    if indicator.is_rate:
        return ExportTable(out, percent_columns=value_cols, int_columns=ints)
    return ExportTable(out, int_columns=ints + value_cols)


def _level_text(level: str, lang: str) -> str:
    style = LEVEL_STYLES.get(level, LEVEL_STYLES["no_data"])
    return f"{style.icon} {level_label(level, lang)}"


def _coverage(frame: pd.DataFrame, lang: str) -> list[str]:
    return [t("coverage_value", lang, a=a, b=b, c=c, d=d) for a, b, c, d in frame[
        ["indicators_reported", "indicators_expected", "months_reported", "months_expected"]].itertuples(index=False)]


def _final(frame: pd.DataFrame, lang: str) -> list[str]:
    if "final" not in frame:
        return [""] * len(frame)
    return [(t("final_changed", lang) if changed else t("final_yes", lang)) if final else ""
            for final, changed in zip(frame["final"], frame["changed_since_final"], strict=True)]


def evaluation_table(frame: pd.DataFrame, lang: str) -> ScreenTable:
    """The evaluation for the screen: score, improvement, missing and score change stay numbers."""
    score, improvement, missing, change = (t(k, lang) for k in ("col_score", "col_improvement", "col_missing",
                                                                 "col_score_change"))
    out = pd.DataFrame({
        t("col_unit", lang): frame["unit_name"].astype(str).to_numpy(),
        score: _floats(frame["score"]),
        t("col_level", lang): [_level_text(lv, lang) for lv in frame["level"]],
        improvement: _floats(frame["improvement_points"]),
        t("col_coverage", lang): _coverage(frame, lang),
        t("col_capped", lang): [t("yes", lang) if c else "" for c in frame["capped"]],
        t("col_cap_reason", lang): frame["cap_reason"].to_numpy(),
        missing: _ints(frame["not_reported"]) if pd.api.types.is_numeric_dtype(frame["not_reported"])
        else frame["not_reported"].to_numpy(),
        change: _floats(frame["score_change"]),
        t("col_prev_level", lang): [_level_text(lv, lang) if isinstance(lv, str) else NO_DATA
                                    for lv in frame["prev_level"]],
        t("col_final", lang): _final(frame, lang),
    })
    formats = {score: lambda v: fmt_number(v, 1, lang), improvement: lambda v: fmt_number(v, 1, lang),
               change: lambda v: fmt_signed(v, 1, lang)}
    if pd.api.types.is_numeric_dtype(out[missing]):
        formats[missing] = lambda v: fmt_int(v, lang)
    return ScreenTable(out, formats, unit_codes=tuple(str(c) for c in frame["unit_code"])
                       if "unit_code" in frame else ())


def evaluation_points_table(frame: pd.DataFrame, lang: str) -> ScreenTable:
    """Per-indicator values and points of every unit, as numbers ("—" = not applicable)."""
    from metrics.indicators import get_indicator

    out: dict[str, object] = {t("col_unit", lang): frame["unit_name"].astype(str).to_numpy()}
    formats: dict[str, Callable[[object], str]] = {}

    def points(v: object) -> str:
        return fmt_number(v, 1, lang)

    for column in frame.columns:
        if column.startswith("points_"):
            ind = get_indicator(column.removeprefix("points_"))
            out[ind.short(lang)] = _floats(frame[f"value_{ind.id}"])
            formats[ind.short(lang)] = lambda v, ind=ind: fmt_value(v, ind, lang)
            name = f"{ind.short(lang)} ({t('col_score', lang).lower()})"
            out[name], formats[name] = _floats(frame[column]), points
    for column in frame.columns:
        if column.startswith("improvement_") and column != "improvement_points":
            ind = get_indicator(column.removeprefix("improvement_"))
            name = f"{t('col_improvement', lang)}: {ind.short(lang)}"
            out[name], formats[name] = _floats(frame[column]), points
    name = t("col_improvement", lang)
    out[name], formats[name] = _floats(frame["improvement_points"]), points
    return ScreenTable(pd.DataFrame(out), formats)


def evaluation_export(frame: pd.DataFrame, lang: str) -> ExportTable:
    out = pd.DataFrame({
        t("col_unit", lang): frame["unit_name"].to_numpy(),
        t("col_score", lang): frame["score"].to_numpy(),
        t("col_level", lang): [level_label(lv, lang) for lv in frame["level"]],
        t("col_capped", lang): [t("yes", lang) if c else t("no", lang) for c in frame["capped"]],
        t("col_cap_reason", lang): frame["cap_reason"].to_numpy(),
        t("col_score_change", lang): frame["score_change"].to_numpy(),
        t("col_prev_level", lang): [level_label(lv, lang) if isinstance(lv, str) else "" for lv in frame["prev_level"]],
        t("col_missing", lang): frame["not_reported"].to_numpy(),
        t("col_improvement", lang): frame["improvement_points"].to_numpy(),
        t("col_coverage", lang): _coverage(frame, lang),
        t("col_final", lang): _final(frame, lang),
    })
    for column in frame.columns:
        if column.startswith("points_"):
            out[column] = frame[column].to_numpy()
    return ExportTable(out, decimal_columns=(t("col_score", lang), t("col_score_change", lang),
                                             t("col_improvement", lang),
                                             *[c for c in out.columns if c.startswith("points_")]))


# More dots than this are unreadable and slow to draw (a national ranking has thousands):
# "all" then shows the best and worst halves with a break row; the table keeps every unit.
MAX_BARS = 60


def unit_indicators_table(frame: pd.DataFrame, group_label: str, lang: str) -> ScreenTable:
    """One unit's indicators beside its group and the city, as numbers; each row in its indicator's unit."""
    from metrics.indicators import get_indicator

    inds = [get_indicator(i) for i in frame["indicator"]]
    unit, target, city = t("col_unit", lang), t("col_target", lang), t("city", lang)
    out = pd.DataFrame({
        t("indicator", lang): [i.label(lang) for i in inds],
        unit: _floats(frame["unit"]),
        t("col_band", lang): [f"{band_style(b).icon} {band_style(b).label(lang)}" for b in frame["band"]],
        target: _floats(frame["target"]),
        group_label: _floats(frame["group"]),
        city: _floats(frame["city"]),
    })
    text = pd.DataFrame({c: [fmt_value(v, i, lang) if pd.notna(v) else NO_DATA
                             for v, i in zip(out[c], inds, strict=True)]
                         for c in (unit, target, group_label, city)}, index=out.index)
    return ScreenTable(out, cell_text=text)


# The phone's form of the ranking: one row per unit (rank · unit · value · change · badge). Constant CSS
# only. A phone (`ui.client.is_phone`) gets only its forms: this list in `rk_phone` and the heatmap's
# sparklines in `rk_heat_phone`. A desktop browser gets the chart in `rk_wide`, the heatmap in
# `rk_heat_wide` and this list too, which replaces the chart when the window is 640 px or narrower
# (Streamlit has no viewport width API: the browser decides, `SWAP_CSS`). Colours inherit the page's
# text colour or are half-transparent grey, so the list reads on a light and on a dark page alike.
SWAP_CSS = """<style>
@media (min-width: 641px) { .st-key-rk_phone { display: none !important; } }
@media (max-width: 640px) { .st-key-rk_wide { display: none !important; } }
</style>"""
LIST_CSS = """<style>
.rk-list { list-style: none; margin: 0; padding: 0; font-size: 16px; }
.rk-row { display: grid; grid-template-columns: 2.6em minmax(0, 1fr) auto; column-gap: 8px; row-gap: 2px;
          align-items: baseline; padding: 8px 2px; border-bottom: 1px solid rgba(128, 128, 128, 0.35); }
.rk-row a { color: inherit; text-decoration: none; }
.rk-rank { font-weight: 700; text-align: right; white-space: nowrap; }
.rk-unit { overflow-wrap: anywhere; }
.rk-value { font-weight: 700; white-space: nowrap; text-align: right; }
.rk-badge { grid-column: 2; font-size: 13px; white-space: nowrap; }
.rk-change { grid-column: 3; font-size: 13px; white-space: nowrap; text-align: right; }
.rk-break { padding: 8px 2px; text-align: center; opacity: 0.8; border-bottom: 1px dashed rgba(128, 128, 128, 0.6); }
</style>"""


def ranking_rows_html(frame: pd.DataFrame, indicator: Indicator, lang: str, links: list[str] | None = None,
                      break_after: int | None = None, break_text: str = "") -> str:
    """The ranking as a list of rows for a phone; every name and text escaped (names stay text).

    `links[i]` (optional) is the unit page address of row i; `break_after` puts `break_text`
    after that many rows (the elided middle).
    """
    from html import escape

    from charts.theme import text_on

    items = []
    for i, row in enumerate(frame.itertuples(index=False)):
        if break_after is not None and i == break_after and break_text:
            items.append(f'<li class="rk-break">{escape(break_text)}</li>')
        style = band_style(row.band)
        rank = escape(fmt_int(row.rank, lang)) if pd.notna(row.rank) else NO_DATA
        name = escape(str(row.unit_name))
        if links:
            name = f'<a href="{escape(links[i], quote=True)}" target="_self">{name}</a>'
        change = escape(fmt_rank_change(row.rank_change, lang) or NO_DATA)
        badge = (f'<span style="background:{style.colour};color:{text_on(style.colour)};padding:0 6px;'
                 f'border-radius:6px">{escape(style.icon)} {escape(style.label(lang))}</span>')
        items.append(
            f'<li class="rk-row"><span class="rk-rank">{rank}.</span><span class="rk-unit">{name}</span>'
            f'<span class="rk-value">{escape(fmt_value(row.value, indicator, lang))}</span>'
            f'<span class="rk-badge">{badge}</span><span class="rk-change">{change}</span></li>')
    return f'<ol class="rk-list">{"".join(items)}</ol>'
