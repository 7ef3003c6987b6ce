"""Short generated commentary for a period, in Vietnamese (or English): pure text from frames.

The briefing deck, the export page and any other page call these functions with
the frames of `metrics.ranking.rank_units` and `metrics.evaluation.evaluate_units`,
so the words on a slide and on the screen are the same. Words come from the
catalogue (`i18n/words/commentary.py`), numbers from `i18n.numbers`, and whether a
target is met from `metrics.targets`. No queries, no Streamlit.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from i18n.labels import group_label, level_label, months_label, period_label
from i18n.numbers import fmt_change, fmt_int, fmt_signed, fmt_value
from i18n.period_words import partial_period_label
from metrics.indicators import Indicator
from metrics.ranking import RankStatus
from metrics.schemes import Scheme
from metrics.targets import Band, band_of
from texts.words import counted, words
from vocab.levels import Level
from vocab.periods import Period
from vocab.units import UnitGroup

__all__ = [
    "biggest_falls", "bottom_units", "chart_title", "evaluation_commentary", "group_label", "overview_commentary",
    "period_label", "ranked", "ranking_commentary", "scheme_note", "scheme_status",
]


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or bool(pd.isna(x))


def chart_title(indicator: Indicator, group: UnitGroup | str | None, period: Period, lang: str = "vi",
                through: date | None = None) -> str:
    """"Tỷ lệ hồ sơ giải quyết đúng hạn — Phường, xã (cấp xã) — tháng 10/2026" (a partial period says so)."""
    parts = [indicator.label(lang)]
    if group is not None:
        parts.append(group_label(group, lang))
    parts.append(partial_period_label(period, through, lang))
    return " — ".join(parts)


def _worse(change: pd.Series, indicator: Indicator) -> pd.Series:
    """How much worse each unit got (positive = worse), whatever the direction of the indicator."""
    return -change if indicator.higher_is_better else change


def ranked(ranking: pd.DataFrame) -> pd.DataFrame:
    return ranking[ranking["status"] == RankStatus.RANKED.value]


def bottom_units(ranking: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The `n` lowest-ranked units, worst first (a rank_units frame is ordered best first)."""
    return ranked(ranking).tail(n).iloc[::-1]


def biggest_falls(ranking: pd.DataFrame, indicator: Indicator, n: int = 3) -> pd.DataFrame:
    """Ranked units whose value got worse since the previous period, largest fall first."""
    r = ranked(ranking).dropna(subset=["change"])
    worse = _worse(r["change"].astype("float64"), indicator)
    r = r.assign(_worse=worse)[worse > 1e-12]
    return r.sort_values(["_worse", "unit_name"], ascending=[False, True]).head(n).drop(columns="_worse")


def _names_with_values(rows: pd.DataFrame, column: str, fmt) -> str:
    return ", ".join(f"{name} ({fmt(v)})" for name, v in zip(rows["unit_name"], rows[column], strict=True))


def _direction(indicator: Indicator) -> str:
    return "higher_is_better" if indicator.higher_is_better else "lower_is_better"


def _compare_sentence(label: str, value: float | None, prev: float | None, indicator: Indicator,
                      prev_period: Period, lang: str) -> str:
    if _missing(value):
        return words("cm_no_data", lang, label=label)
    shown = fmt_value(value, indicator, lang)
    when = months_label(prev_period, lang)
    if _missing(prev):
        return words("cm_no_previous", lang, label=label, value=shown, prev_period=when)
    change = value - prev
    key = "cm_up" if change > 1e-12 else ("cm_down" if change < -1e-12 else "cm_unchanged")
    amount = fmt_change(abs(change), indicator, lang).lstrip("+")
    return words(key, lang, label=label, value=shown, amount=amount, prev_period=when,
                 prev=fmt_value(prev, indicator, lang))


def ranking_commentary(
    indicator: Indicator,
    period: Period,
    ranking: pd.DataFrame,
    city_value: float | None,
    prev_city_value: float | None,
    lang: str = "vi",
    n: int = 3,
    compare_to: Period | None = None,
) -> list[str]:
    """Sentences for one ranking: city value and change, target, bottom units, largest falls, unranked.

    Changes are against `compare_to` (default: the previous period; a partial period's pack passes the
    same months before), the period the ranking's `prev_*` columns were computed for."""
    sentences = [_compare_sentence(words("cm_city", lang), city_value, prev_city_value, indicator,
                                   compare_to or period.previous(), lang)]
    r = ranked(ranking)
    if r.empty:
        sentences.append(words("cm_none_ranked", lang))
        return sentences
    targets = r["target"].dropna().unique()
    banded = "band" in r and r["band"].isin([Band.MET.value, Band.NEAR.value, Band.BELOW.value]).any()
    if len(targets) and banded:  # a count is never held against a target (metrics.targets.bands)
        met = fmt_int(int((r["band"] == Band.MET.value).sum()), lang)
        if len(targets) == 1:
            sentences.append(counted("cm_met_goal", len(r), lang, met=met,
                                     goal=fmt_value(float(targets[0]), indicator, lang)))
        else:
            sentences.append(counted("cm_met", len(r), lang, met=met))
    bottom = bottom_units(ranking, n)
    listed = _names_with_values(bottom, "value", lambda v: fmt_value(v, indicator, lang))
    sentences.append(words(f"cm_bottom_{_direction(indicator)}", lang, units=listed))
    falls = biggest_falls(ranking, indicator, n)
    if falls.empty:
        if ranking["change"].notna().any():
            sentences.append(words("cm_no_unit_worse", lang))
    else:
        listed = _names_with_values(falls, "change", lambda c: fmt_change(c, indicator, lang))
        sentences.append(words(f"cm_falls_{_direction(indicator)}", lang, units=listed))
    too_few = int((ranking["status"] == RankStatus.TOO_FEW.value).sum())
    no_data = int((ranking["status"] == RankStatus.NO_DATA.value).sum())
    parts = []
    if too_few:
        parts.append(words("cm_too_few", lang, n=fmt_int(too_few, lang)))
    if no_data:
        parts.append(words("cm_without_data", lang, n=fmt_int(no_data, lang)))
    if parts:
        sentences.append(words("cm_not_ranked", lang, parts=", ".join(parts)))
    return sentences


def overview_commentary(overview: pd.DataFrame, indicators: dict[str, Indicator], period: Period,
                        lang: str = "vi", compare_to: Period | None = None) -> list[str]:
    """Sentences for the city overview.

    `overview`: one row per indicator with columns indicator (id), value, prev_value, target.
    Whether a target is met is `metrics.targets.band_of`'s call (a count is never held
    against a target).
    """
    rows = overview.dropna(subset=["value"])
    if rows.empty:
        return [words("no_data_period", lang, period=period_label(period, lang))]
    sentences = []
    banded = [(indicators[i], v, t, band_of(v, t, indicators[i]))
              for i, v, t in zip(rows["indicator"], rows["value"], rows["target"], strict=True)]
    with_target = [(ind, v, t, b) for ind, v, t, b in banded if b not in (Band.NO_TARGET, Band.NO_DATA)]
    if with_target:
        met = sum(b is Band.MET for *_, b in with_target)
        sentences.append(counted("cm_indicators_met", len(with_target), lang, met=fmt_int(met, lang)))
        missed = [f"{ind.short(lang)} {fmt_value(v, ind, lang)} / {fmt_value(t, ind, lang)}"
                  for ind, v, t, b in with_target if b is not Band.MET]
        if missed:
            sentences.append(words("cm_below_target", lang, items=", ".join(missed)))
    moved = rows.dropna(subset=["prev_value"])
    if len(moved):
        worse = [(indicators[i], v - p) for i, v, p in zip(moved["indicator"], moved["value"], moved["prev_value"],
                                                            strict=True)]
        worse = [(ind, c) for ind, c in worse if (-c if ind.higher_is_better else c) > 1e-12]
        worse.sort(key=lambda ic: -(abs(ic[1])))
        if worse:
            listed = ", ".join(f"{ind.short(lang)} ({fmt_change(c, ind, lang)})" for ind, c in worse[:3])
            sentences.append(words("cm_worse_than", lang, period=months_label(compare_to or period.previous(), lang),
                                   items=listed))
        else:
            sentences.append(words("cm_no_indicator_worse", lang))
    return sentences


def evaluation_commentary(evaluation: pd.DataFrame, group: UnitGroup | str, period: Period,
                          lang: str = "vi", n: int = 3) -> list[str]:
    """Sentences for an evaluation (`evaluate_units` frame): units per level, cap, largest score falls."""
    counts = evaluation["level"].value_counts()
    levels = [lv for lv in sorted(Level, key=lambda lv: -lv.order) if counts.get(lv.value, 0)]
    listed = ", ".join(words("cm_level_count", lang, n=fmt_int(int(counts[lv.value]), lang),
                             level=level_label(lv, lang), level_lower=level_label(lv, lang).lower())
                       for lv in levels)
    sentences = [counted("cm_eval_head", len(evaluation), lang, group=group_label(group, lang),
                         period=period_label(period, lang), levels=listed)]
    capped = evaluation[evaluation["capped"].fillna(False).astype(bool)]
    if len(capped):
        names = ", ".join(capped["unit_name"].head(n)) + ("" if len(capped) <= n else " …")
        sentences.append(counted("cm_capped", len(capped), lang, names=names))
    if "score_change" in evaluation:
        falls = evaluation.dropna(subset=["score_change"])
        falls = falls[falls["score_change"] < -1e-9].sort_values(["score_change", "unit_name"]).head(n)
        if len(falls):
            listed = ", ".join(f"{u} ({fmt_signed(c, 1, lang)})" for u, c in
                               zip(falls["unit_name"], falls["score_change"], strict=True))
            sentences.append(words("cm_score_falls", lang, items=listed))
    return sentences


def scheme_status(scheme: Scheme, lang: str = "vi") -> str:
    """"đề xuất, chưa ban hành" or "đã ban hành theo <decision>"."""
    if scheme.adopted:
        return words("cm_scheme_adopted", lang, decision=scheme.decision)
    return words("cm_scheme_proposal", lang)


def scheme_note(scheme: Scheme, lang: str = "vi") -> str:
    """What every evaluation says about the scheme it was made with."""
    if scheme.id is None:
        version = words("cm_scheme_default", lang)
    else:
        version = words("cm_scheme_version", lang, id=scheme.id, since=f"{scheme.applies_from:%m/%Y}")
    return words("cm_scheme_note", lang, version=version, status=scheme_status(scheme, lang))
