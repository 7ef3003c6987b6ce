"""Tables for the screen (formatted text) and for download (numbers with Excel formats).

Both are made from the same metrics frame, so the table and the file agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from charts.theme import LEVEL_STYLES, band_style
from i18n.labels import level_label
from i18n.numbers import NO_DATA, fmt_change, fmt_fraction, fmt_int, fmt_number, fmt_rank_change, fmt_signed, fmt_value
from metrics.indicators import Indicator
from ui.strings import t


@dataclass(frozen=True)
class ExportTable:
    """A frame for .xlsx plus which of its columns are percentages, integers or decimals."""

    frame: pd.DataFrame
    percent_columns: tuple[str, ...] = ()
    int_columns: tuple[str, ...] = ()
    decimal_columns: tuple[str, ...] = ()


def _rank_text(rank: object, lang: str) -> str:
    return NO_DATA if rank is None or pd.isna(rank) else fmt_int(rank, lang)


def ranking_display(frame: pd.DataFrame, indicator: Indicator, lang: str) -> pd.DataFrame:
    """The ranking as the leader reads it: every cell already formatted."""
    change = [fmt_change(c, indicator, lang) for c in frame["change"]]
    num_den = ([fmt_fraction(n, d, lang, " / ") for n, d in zip(frame["numerator"], frame["denominator"], strict=True)]
               if indicator.is_rate else [fmt_int(n, lang) for n in frame["numerator"]])
    bands = [f"{band_style(b).icon} {band_style(b).label(lang)}" for b in frame["band"]]
    return pd.DataFrame({
        t("col_rank", lang): [_rank_text(r, lang) for r in frame["rank"]],
        t("col_unit", lang): frame["unit_name"].to_numpy(),
        t("col_value", lang): [fmt_value(v, indicator, lang) for v in frame["value"]],
        t("col_num_den", lang): num_den,
        t("col_change", lang): change,
        t("col_rank_change", lang): [fmt_rank_change(c, lang) or NO_DATA for c in frame["rank_change"]],
        t("col_band", lang): bands,
    })


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


def evaluation_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("col_unit", lang): frame["unit_name"].to_numpy(),
        t("col_score", lang): [fmt_number(s, 1, lang) for s in frame["score"]],
        t("col_level", lang): [_level_text(lv, lang) for lv in frame["level"]],
        t("col_improvement", lang): [fmt_number(s, 1, lang) for s in frame["improvement_points"]],
        t("col_coverage", lang): _coverage(frame, lang),
        t("col_capped", lang): [t("yes", lang) if c else "" for c in frame["capped"]],
        t("col_cap_reason", lang): frame["cap_reason"].to_numpy(),
        t("col_missing", lang): frame["not_reported"].to_numpy(),
        t("col_score_change", lang): [fmt_signed(c, 1, lang) for c in frame["score_change"]],
        t("col_prev_level", lang): [_level_text(lv, lang) if isinstance(lv, str) else NO_DATA
                                    for lv in frame["prev_level"]],
        t("col_final", lang): _final(frame, lang),
    })


def _coverage(frame: pd.DataFrame, lang: str) -> list[str]:
    return [t("coverage_value", lang, a=a, b=b, c=c, d=d) for a, b, c, d in frame[
        ["indicators_reported", "indicators_expected", "months_reported", "months_expected"]].itertuples(index=False)]


def _final(frame: pd.DataFrame, lang: str) -> list[str]:
    if "final" not in frame:
        return [""] * len(frame)
    return [(t("final_changed", lang) if changed else t("final_yes", lang)) if final else ""
            for final, changed in zip(frame["final"], frame["changed_since_final"], strict=True)]


def evaluation_points_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per-indicator values and points, and the improvement points, of every unit ("—" = not applicable)."""
    from metrics.indicators import get_indicator

    out = {t("col_unit", lang): frame["unit_name"].to_numpy()}
    for column in frame.columns:
        if column.startswith("points_"):
            ind = get_indicator(column.removeprefix("points_"))
            out[f"{ind.short(lang)}"] = [fmt_value(v, ind, lang) for v in frame[f"value_{ind.id}"]]
            out[f"{ind.short(lang)} ({t('col_score', lang).lower()})"] = [fmt_number(p, 1, lang) for p in frame[column]]
    for column in frame.columns:
        if column.startswith("improvement_") and column != "improvement_points":
            ind = get_indicator(column.removeprefix("improvement_"))
            out[f"{t('col_improvement', lang)}: {ind.short(lang)}"] = [fmt_number(p, 1, lang) for p in frame[column]]
    out[t("col_improvement", lang)] = [fmt_number(p, 1, lang) for p in frame["improvement_points"]]
    return pd.DataFrame(out)


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


SHOW_ALL, SHOW_TOP, SHOW_BOTTOM = "all", "top", "bottom"


# More bars than this are unreadable and slow to draw (a national ranking has thousands):
# "everyone" then shows the best and worst halves; the table keeps every unit.
MAX_BARS = 60


def top_or_bottom(ranked: pd.DataFrame, show: str, n: int) -> pd.DataFrame:
    """The best `n`, the worst `n` (still drawn best to worst) or everyone (up to MAX_BARS)."""
    if show == SHOW_TOP:
        return ranked.head(n)
    if show == SHOW_BOTTOM:
        return ranked.tail(n)
    if len(ranked) > MAX_BARS:
        return pd.concat([ranked.head(MAX_BARS // 2), ranked.tail(MAX_BARS // 2)])
    return ranked


def unit_indicators_display(frame: pd.DataFrame, group_label: str, lang: str) -> pd.DataFrame:
    """One unit's indicators beside its group and the city (`metrics.profile.unit_indicators`), formatted."""
    from metrics.indicators import get_indicator

    inds = [get_indicator(i) for i in frame["indicator"]]
    return pd.DataFrame({
        t("indicator", lang): [i.label(lang) for i in inds],
        t("col_unit", lang): [fmt_value(v, i, lang) for v, i in zip(frame["unit"], inds, strict=True)],
        t("col_band", lang): [f"{band_style(b).icon} {band_style(b).label(lang)}" for b in frame["band"]],
        t("col_target", lang): [fmt_value(v, i, lang) if pd.notna(v) else NO_DATA
                                for v, i in zip(frame["target"], inds, strict=True)],
        group_label: [fmt_value(v, i, lang) for v, i in zip(frame["group"], inds, strict=True)],
        t("city", lang): [fmt_value(v, i, lang) for v, i in zip(frame["city"], inds, strict=True)],
    })
