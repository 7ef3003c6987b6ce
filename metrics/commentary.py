"""Short generated commentary for a period, in Vietnamese (or English): pure text from frames.

The briefing deck, the export page and any other page call these functions with
the frames of `metrics.ranking.rank_units` and `metrics.evaluation.evaluate_units`,
so the words on a slide and on the screen are the same. No queries, no Streamlit.
"""

from __future__ import annotations

import math

import pandas as pd

from i18n.labels import group_label, level_label, period_label
from i18n.numbers import fmt_int, fmt_percent, fmt_points, fmt_signed
from metrics.indicators import Indicator
from metrics.ranking import RankStatus
from metrics.schemes import Scheme
from metrics.targets import Band
from vocab.levels import Level
from vocab.periods import Period
from vocab.units import UnitGroup


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or bool(pd.isna(x))


def chart_title(indicator: Indicator, group: UnitGroup | str | None, period: Period, lang: str = "vi") -> str:
    """"Tỷ lệ hồ sơ giải quyết đúng hạn — Phường, xã (cấp xã) — tháng 10/2026"."""
    parts = [indicator.label(lang)]
    if group is not None:
        parts.append(group_label(group, lang))
    parts.append(period_label(period, lang))
    return " — ".join(parts)


def fmt_value(value: float | None, indicator: Indicator, lang: str = "vi") -> str:
    return fmt_percent(value, 1, lang) if indicator.is_rate else fmt_int(value, lang)


def fmt_change(change: float | None, indicator: Indicator, lang: str = "vi") -> str:
    """A change of the indicator: "+1,3 điểm %" for a rate, "−12" for a count."""
    if indicator.is_rate:
        return fmt_points(change, 1, lang)
    return fmt_signed(change, 0, lang)


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


def _compare_sentence(label: str, value: float | None, prev: float | None, indicator: Indicator,
                      prev_period: Period, lang: str) -> str:
    if _missing(value):
        return f"{label}: no data." if lang == "en" else f"{label}: chưa có dữ liệu."
    text = f"{label}: {fmt_value(value, indicator, lang)}"
    if _missing(prev):
        tail = (f", chưa có số liệu {period_label(prev_period, lang)} để so sánh." if lang != "en"
                else f", no figure for {period_label(prev_period, lang)} to compare.")
        return text + tail
    change = value - prev
    if lang == "en":
        word = "up" if change > 1e-12 else ("down" if change < -1e-12 else "unchanged")
        return (f"{text}, {word} {fmt_change(change, indicator, lang)} on {period_label(prev_period, lang)} "
                f"({fmt_value(prev, indicator, lang)}).")
    word = "tăng" if change > 1e-12 else ("giảm" if change < -1e-12 else "không đổi")
    amount = "" if word == "không đổi" else f" {fmt_change(abs(change), indicator, lang).lstrip('+')}"
    return f"{text}, {word}{amount} so với {period_label(prev_period, lang)} ({fmt_value(prev, indicator, lang)})."


def ranking_commentary(
    indicator: Indicator,
    period: Period,
    ranking: pd.DataFrame,
    city_value: float | None,
    prev_city_value: float | None,
    lang: str = "vi",
    n: int = 3,
) -> list[str]:
    """Sentences for one ranking: city value and change, target, bottom units, largest falls, unranked."""
    en = lang == "en"
    sentences = [_compare_sentence("City" if en else "Toàn thành phố", city_value, prev_city_value, indicator,
                                   period.previous(), lang)]
    r = ranked(ranking)
    if r.empty:
        sentences.append("No unit has enough data to be ranked." if en else "Chưa có đơn vị nào đủ số liệu để xếp hạng.")
        return sentences
    targets = r["target"].dropna().unique()
    if len(targets) and "band" in r:
        met = int((r["band"] == Band.MET.value).sum())
        goal = fmt_value(float(targets[0]), indicator, lang) if len(targets) == 1 else None
        if en:
            sentences.append(f"{met} of {len(r)} ranked units met the target" + (f" of {goal}." if goal else "."))
        else:
            sentences.append(f"{met}/{len(r)} đơn vị đạt mục tiêu" + (f" {goal}." if goal else "."))
    bottom = bottom_units(ranking, n)
    listed = _names_with_values(bottom, "value", lambda v: fmt_value(v, indicator, lang))
    sentences.append(f"Lowest: {listed}." if en else f"Thấp nhất: {listed}." if indicator.higher_is_better
                     else f"Kém nhất: {listed}.")
    falls = biggest_falls(ranking, indicator, n)
    if falls.empty:
        if ranking["change"].notna().any():
            sentences.append("No unit got worse than the previous period." if en
                             else "Không đơn vị nào kém đi so với kỳ trước.")
    else:
        listed = _names_with_values(falls, "change", lambda c: fmt_change(c, indicator, lang))
        sentences.append(f"Largest falls: {listed}." if en else f"Giảm nhiều nhất so với kỳ trước: {listed}."
                         if indicator.higher_is_better else f"Tăng nhiều nhất so với kỳ trước: {listed}.")
    too_few = int((ranking["status"] == RankStatus.TOO_FEW.value).sum())
    no_data = int((ranking["status"] == RankStatus.NO_DATA.value).sum())
    if too_few or no_data:
        parts = []
        if too_few:
            parts.append(f"{too_few} with too few cases" if en else f"{too_few} đơn vị có quá ít hồ sơ")
        if no_data:
            parts.append(f"{no_data} without data" if en else f"{no_data} đơn vị chưa có số liệu")
        sentences.append(("Not ranked: " if en else "Không xếp hạng: ") + ", ".join(parts) + ".")
    return sentences


def overview_commentary(overview: pd.DataFrame, indicators: dict[str, Indicator], period: Period,
                        lang: str = "vi") -> list[str]:
    """Sentences for the city overview.

    `overview`: one row per indicator with columns indicator (id), value, prev_value, target.
    """
    en = lang == "en"
    rows = overview.dropna(subset=["value"])
    if rows.empty:
        return [f"No data for {period_label(period, lang)}." if en else f"Chưa có dữ liệu {period_label(period, lang)}."]
    sentences = []
    rates = rows[rows["target"].notna()]
    if len(rates):
        met = [indicators[i] for i, v, t in zip(rates["indicator"], rates["value"], rates["target"], strict=True)
               if (v >= t - 1e-12 if indicators[i].higher_is_better else v <= t + 1e-12)]
        missed = [indicators[i] for i in rates["indicator"] if indicators[i] not in met]
        if en:
            sentences.append(f"{len(met)} of {len(rates)} indicators with a target met it.")
        else:
            sentences.append(f"{len(met)}/{len(rates)} chỉ số có mục tiêu đã đạt mục tiêu.")
        if missed:
            listed = ", ".join(
                f"{ind.short(lang)} {fmt_value(v, ind, lang)} / {fmt_value(t, ind, lang)}"
                for ind in missed
                for v, t in rates.loc[rates["indicator"] == ind.id, ["value", "target"]].itertuples(index=False)
            )
            sentences.append(f"Below target: {listed}." if en else f"Chưa đạt: {listed}.")
    moved = rows.dropna(subset=["prev_value"])
    if len(moved):
        worse = [(indicators[i], v - p) for i, v, p in zip(moved["indicator"], moved["value"], moved["prev_value"],
                                                            strict=True)]
        worse = [(ind, c) for ind, c in worse if (-c if ind.higher_is_better else c) > 1e-12]
        worse.sort(key=lambda ic: -(abs(ic[1])))
        if worse:
            listed = ", ".join(f"{ind.short(lang)} ({fmt_change(c, ind, lang)})" for ind, c in worse[:3])
            sentences.append(f"Worse than {period_label(period.previous(), lang)}: {listed}." if en
                             else f"Kém đi so với {period_label(period.previous(), lang)}: {listed}.")
        else:
            sentences.append("No indicator got worse than the previous period." if en
                             else "Không chỉ số nào kém đi so với kỳ trước.")
    return sentences


def evaluation_commentary(evaluation: pd.DataFrame, group: UnitGroup | str, period: Period,
                          lang: str = "vi", n: int = 3) -> list[str]:
    """Sentences for an evaluation (`evaluate_units` frame): units per level, cap, largest score falls."""
    en = lang == "en"
    counts = evaluation["level"].value_counts()
    levels = [lv for lv in sorted(Level, key=lambda lv: -lv.order) if counts.get(lv.value, 0)]
    listed = ", ".join(f"{fmt_int(int(counts[lv.value]), lang)} {level_label(lv, lang).lower() if not en else level_label(lv, lang)}"
                       for lv in levels)
    sentences = [f"{group_label(group, lang)}, {period_label(period, lang)}: "
                 f"{fmt_int(len(evaluation), lang)} {'units' if en else 'đơn vị'} — {listed}."]
    capped = evaluation[evaluation["capped"].fillna(False).astype(bool)]
    if len(capped):
        names = ", ".join(capped["unit_name"].head(n))
        more = "" if len(capped) <= n else " …"
        sentences.append(
            f"{len(capped)} units capped at 'Completed' (late work without a legitimate reason or incomplete "
            f"reporting): {names}{more}."
            if en else
            f"{len(capped)} đơn vị chỉ được xếp mức hoàn thành (trễ hạn không có lý do chính đáng hoặc "
            f"chưa đủ số liệu): {names}{more}."
        )
    if "score_change" in evaluation:
        falls = evaluation.dropna(subset=["score_change"])
        falls = falls[falls["score_change"] < -1e-9].sort_values(["score_change", "unit_name"]).head(n)
        if len(falls):
            listed = ", ".join(f"{u} ({fmt_signed(c, 1, lang)})" for u, c in
                               zip(falls["unit_name"], falls["score_change"], strict=True))
            sentences.append(f"Largest score falls: {listed}." if en else f"Điểm giảm nhiều nhất: {listed}.")
    return sentences


def scheme_note(scheme: Scheme, lang: str = "vi") -> str:
    """What every evaluation says about the scheme it was made with."""
    if scheme.id is None:
        version = "built-in default" if lang == "en" else "mặc định"
    elif lang == "en":
        version = f"version {scheme.id}, from {scheme.applies_from:%m/%Y}"
    else:
        version = f"phiên bản {scheme.id}, áp dụng từ {scheme.applies_from:%m/%Y}"
    label = "Scoring scheme" if lang == "en" else "Phương án chấm điểm"
    return f"{label} ({version}): {scheme.status_label(lang)}."
