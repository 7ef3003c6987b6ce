"""Evaluation of units for a period: a 0–100 score, four levels, and the directive's cap.

Defaults (configurable by an administrator, stored in `settings` under
'evaluation'):

* Score. Each weighted indicator earns its full weight at or above its target
  and loses points linearly with the shortfall: `weight × max(0, 1 − (target −
  value) / tolerance)`, with a default tolerance of 25 percentage points (a rate
  25 points below target earns nothing). Setting the tolerance to None gives
  Decision 766's own rule, `weight × min(1, value / target)`, which is so
  lenient that almost every unit would score above 90. Indicators
  without data for the unit are left out and the remaining weights rescaled to
  100, so a commune is not punished for a family it does not report; the
  indicators left out are listed. Default weights (sum 100) favour timeliness,
  which the directive stresses: on-time 30, online 15, full-process 10, online
  payment 10, digitisation 10, e-result 5, e-documents 10, tasks on time 10.
  *These weights are our proposal, not an official scheme.*
* Levels, from the published points scheme (INDICATORS.md §7): score > 90
  "hoàn thành xuất sắc", > 80 "hoàn thành tốt", ≥ 50 "hoàn thành", else
  "không hoàn thành".
* Cap (the directive): a unit whose dossiers and tasks late *without a
  legitimate reason* exceed a threshold is rated at most "hoàn thành", with
  the reason recorded. "Many" is not defined by the directive: the default
  threshold is a share above 1 % of resolved dossiers plus tasks due, and an
  optional absolute count; *both are uncertain defaults for the city to set*.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum

import duckdb
import numpy as np
import pandas as pd

from i18n.numbers import fmt_int, fmt_percent
from metrics.indicators import INDICATOR_IDS, Family, get_indicator
from metrics.periods import Period
from metrics.queries import By, family_totals, targets_frame, units_frame
from metrics.units import UnitGroup
from metrics.values import indicator_arrays

SETTINGS_KEY = "evaluation"


class Level(str, Enum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"
    NO_DATA = "no_data"

    @property
    def order(self) -> int:
        return _ORDER[self]

    def label(self, lang: str = "vi") -> str:
        return _LABELS[lang if lang in _LABELS else "vi"][self]


_ORDER = {Level.EXCELLENT: 4, Level.GOOD: 3, Level.COMPLETED: 2, Level.NOT_COMPLETED: 1, Level.NO_DATA: 0}
_LABELS = {
    "vi": {
        Level.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
        Level.GOOD: "Hoàn thành tốt nhiệm vụ",
        Level.COMPLETED: "Hoàn thành nhiệm vụ",
        Level.NOT_COMPLETED: "Không hoàn thành nhiệm vụ",
        Level.NO_DATA: "Chưa đủ dữ liệu",
    },
    "en": {
        Level.EXCELLENT: "Excellent",
        Level.GOOD: "Good",
        Level.COMPLETED: "Completed",
        Level.NOT_COMPLETED: "Not completed",
        Level.NO_DATA: "Not enough data",
    },
}

DEFAULT_WEIGHTS = {
    "on_time_rate": 30.0,
    "online_rate": 15.0,
    "full_process_online_rate": 10.0,
    "online_payment_rate": 10.0,
    "digitisation_rate": 10.0,
    "electronic_result_rate": 5.0,
    "edoc_rate": 10.0,
    "task_on_time_rate": 10.0,
}


@dataclass(frozen=True)
class EvaluationConfig:
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    excellent_above: float = 90.0   # score strictly above → excellent
    good_above: float = 80.0        # score strictly above → good
    completed_from: float = 50.0    # score at or above → completed
    late_max_share: float | None = 0.01  # late without reason / (resolved + tasks due) above this → cap
    late_max_count: int | None = None    # late without reason above this count → cap
    tolerance: float | None = 0.25       # shortfall below target that costs all points; None = 766 rule

    # --- persistence ---------------------------------------------------------------
    @staticmethod
    def load(con: duckdb.DuckDBPyConnection) -> EvaluationConfig:
        row = con.execute("SELECT value FROM settings WHERE key = ?", [SETTINGS_KEY]).fetchone()
        if not row:
            return EvaluationConfig()
        data = json.loads(row[0])
        base = asdict(EvaluationConfig())
        base.update({k: v for k, v in data.items() if k in base})
        return EvaluationConfig(**base)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    def save(self, cur: duckdb.DuckDBPyConnection) -> None:
        problems = self.validate()
        if problems:
            raise ValueError("; ".join(problems))
        cur.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [SETTINGS_KEY, self.to_json()])

    def validate(self) -> list[str]:
        problems = []
        for ind, w in self.weights.items():
            if ind not in INDICATOR_IDS:
                problems.append(f"Chỉ số không tồn tại: {ind}")
            elif not get_indicator(ind).is_rate:
                problems.append(f"Chỉ số {ind} là số đếm, không dùng để chấm điểm")
            if w < 0:
                problems.append(f"Trọng số của {ind} không được âm")
        if sum(self.weights.values()) <= 0:
            problems.append("Tổng trọng số phải lớn hơn 0")
        if not 0 <= self.completed_from <= self.good_above <= self.excellent_above <= 100:
            problems.append("Ngưỡng xếp loại phải tăng dần trong khoảng 0–100: hoàn thành ≤ tốt ≤ xuất sắc")
        if self.late_max_share is not None and not 0 <= self.late_max_share <= 1:
            problems.append("Ngưỡng tỉ lệ trễ hạn không lý do phải từ 0 đến 100 %")
        if self.tolerance is not None and not 0 < self.tolerance <= 1:
            problems.append("Biên độ chấm điểm phải lớn hơn 0 và không quá 100 %")
        if self.late_max_count is not None and self.late_max_count < 0:
            problems.append("Ngưỡng số hồ sơ trễ hạn không lý do không được âm")
        return problems

    def level_for(self, score: float | None) -> Level:
        if score is None or np.isnan(score):
            return Level.NO_DATA
        if score > self.excellent_above:
            return Level.EXCELLENT
        if score > self.good_above:
            return Level.GOOD
        if score >= self.completed_from:
            return Level.COMPLETED
        return Level.NOT_COMPLETED


def _unit_totals(con, period: Period, group: UnitGroup) -> pd.DataFrame:
    units = units_frame(con, period, group)
    for family in Family:
        totals = family_totals(con, family, period, by=By.UNIT, group=group)
        units = units.merge(totals, on="unit_code", how="left")
    return units


def _targets_lookup(con, year: int) -> dict[tuple[str, str], float]:
    t = targets_frame(con, year)
    return {(r.indicator, r.unit_type): float(r.value) for r in t.itertuples()}


def _score(frame: pd.DataFrame, config: EvaluationConfig, targets: dict) -> pd.DataFrame:
    # Missing totals (a family the unit did not report) count as 0: the denominator is then 0 → no data.
    columns = {c: frame[c].to_numpy(dtype="float64", na_value=0.0) for c in frame.columns
               if c not in ("unit_code", "unit_name", "unit_type")}
    unit_types = frame["unit_type"].to_numpy()
    points_total = np.zeros(len(frame))
    weight_total = np.zeros(len(frame))
    missing: list[list[str]] = [[] for _ in range(len(frame))]
    added: dict[str, np.ndarray] = {}
    for ind_id, weight in config.weights.items():
        if weight <= 0:
            continue
        _num, _den, value = indicator_arrays(columns, get_indicator(ind_id))
        target = np.array([targets.get((ind_id, ut), targets.get((ind_id, "*"), 1.0)) for ut in unit_types],
                          dtype="float64")  # no target set: measure against 100 %
        with np.errstate(divide="ignore", invalid="ignore"):
            if config.tolerance is None:
                ratio = np.where(target > 0, np.minimum(1.0, value / target), 1.0)
            else:
                ratio = np.clip(1.0 - (target - value) / config.tolerance, 0.0, 1.0)
        points = weight * np.where(np.isnan(value), np.nan, ratio)
        added[f"value_{ind_id}"], added[f"points_{ind_id}"] = value, points
        ok = ~np.isnan(points)
        points_total += np.where(ok, points, 0.0)
        weight_total += np.where(ok, weight, 0.0)
        for i in np.flatnonzero(~ok):
            missing[i].append(ind_id)
    with np.errstate(divide="ignore", invalid="ignore"):
        added["score"] = np.where(weight_total > 0, 100.0 * points_total / weight_total, np.nan)
    added["missing_indicators"] = np.array([", ".join(m) for m in missing], dtype=object)
    return frame.assign(**added)


def _cap(frame: pd.DataFrame, config: EvaluationConfig, lang: str) -> pd.DataFrame:
    late = frame["late_without_reason"].fillna(0) + frame["tasks_late_without_reason"].fillna(0)
    base = frame["resolved_total"].fillna(0) + frame["tasks_due"].fillna(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(base > 0, late / base, np.nan)
    frame["late_without_reason_total"] = late.astype("int64")
    frame["late_share"] = share
    over_share = (config.late_max_share is not None) & (np.nan_to_num(share) > (config.late_max_share or 0))
    over_count = (config.late_max_count is not None) & (late > (config.late_max_count or 0))
    reasons = []
    for n, s, by_share, by_count in zip(late, share, np.broadcast_to(over_share, len(frame)),
                                        np.broadcast_to(over_count, len(frame)), strict=True):
        if not (by_share or by_count):
            reasons.append("")
            continue
        parts = [f"{fmt_int(n, lang)} hồ sơ/nhiệm vụ trễ hạn không có lý do chính đáng"
                 if lang != "en" else f"{fmt_int(n, lang)} dossiers/tasks late without a legitimate reason"]
        if by_share:
            parts.append(f"({fmt_percent(s, 1, lang)} > ngưỡng {fmt_percent(config.late_max_share, 1, lang)})"
                         if lang != "en" else
                         f"({fmt_percent(s, 1, lang)} > threshold {fmt_percent(config.late_max_share, 1, lang)})")
        if by_count:
            parts.append(f"(> ngưỡng {fmt_int(config.late_max_count, lang)})" if lang != "en"
                         else f"(> threshold {fmt_int(config.late_max_count, lang)})")
        reasons.append(" ".join(parts))
    frame["cap_reason"] = reasons
    return frame


def evaluate_units(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    config: EvaluationConfig | None = None,
    lang: str = "vi",
    with_previous: bool = True,
) -> pd.DataFrame:
    """Every active unit of `group`: score, level, cap and improvement on the previous period.

    Columns: unit_code, unit_name, unit_type, score, level_uncapped, level, capped,
    cap_reason, late_without_reason_total, late_share, missing_indicators,
    prev_score, score_change, prev_level, and value_/points_<indicator> per weighted indicator.
    """
    config = config or EvaluationConfig.load(con)
    frame = _unit_totals(con, period, group)
    frame = _score(frame, config, _targets_lookup(con, period.last.year))
    frame = _cap(frame, config, lang)
    uncapped = [config.level_for(s) for s in frame["score"]]
    capped_flags = frame["cap_reason"] != ""
    levels = [
        Level.COMPLETED if cap and lv in (Level.EXCELLENT, Level.GOOD) else lv
        for lv, cap in zip(uncapped, capped_flags, strict=True)
    ]
    frame["level_uncapped"] = [lv.value for lv in uncapped]
    frame["level"] = [lv.value for lv in levels]
    # "capped" means the cap changed the level; the reason is kept either way.
    frame["capped"] = [a != b for a, b in zip(uncapped, levels, strict=True)]
    if with_previous:
        prev = evaluate_units(con, period.previous(), group, config, lang, with_previous=False)
        frame = frame.merge(
            prev[["unit_code", "score", "level"]].rename(columns={"score": "prev_score", "level": "prev_level"}),
            on="unit_code", how="left",
        )
        frame["score_change"] = frame["score"] - frame["prev_score"]
    per_indicator = [c for c in frame.columns if c.startswith(("value_", "points_"))]
    lead = ["unit_code", "unit_name", "unit_type", "score", "level_uncapped", "level", "capped",
            "cap_reason", "late_without_reason_total", "late_share", "missing_indicators"]
    tail = ["prev_score", "score_change", "prev_level"] if with_previous else []
    frame = frame.assign(_o=frame["score"].fillna(-1)).sort_values(["_o", "unit_name"], ascending=[False, True])
    return frame[lead + tail + per_indicator].reset_index(drop=True)


def level_counts(evaluation: pd.DataFrame) -> pd.DataFrame:
    """Number of units per level, best level first (levels with none included)."""
    counts = evaluation["level"].value_counts()
    return pd.DataFrame(
        [{"level": lv.value, "count": int(counts.get(lv.value, 0))}
         for lv in sorted(Level, key=lambda lv: -lv.order)]
    )
