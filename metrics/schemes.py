"""Evaluation schemes: the settings a rating is made with, versioned by the first month they apply to.

A period is rated with the newest scheme whose `applies_from` is on or before the
period's first month, so saving new settings never re-rates an earlier period; a
finalised period keeps its stored ratings whatever changes (`metrics.finals`).
Every scheme is a *proposal* ("đề xuất, chưa ban hành") until an administrator
records the decision that adopted it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date

import duckdb
import pandas as pd

from metrics.indicators import INDICATOR_IDS, get_indicator
from vocab.errors import UserFacingError
from vocab.periods import Period

# Sum 90: the remaining 10 points are the improvement component.
DEFAULT_WEIGHTS = {
    "on_time_rate": 25.0,
    "online_rate": 10.0,
    "full_process_online_rate": 10.0,
    "online_payment_rate": 10.0,
    "digitisation_rate": 10.0,
    "electronic_result_rate": 5.0,
    "edoc_rate": 10.0,
    "task_on_time_rate": 10.0,
}
# The directive names e-documents, full-process online services and digitisation.
DEFAULT_IMPROVEMENT = ("edoc_rate", "full_process_online_rate", "digitisation_rate", "electronic_result_rate")
COMPARE_CHOICES = ("last_year_else_previous", "previous")


class InvalidScheme(UserFacingError):
    """An evaluation scheme whose settings break its own rules (weights, thresholds …)."""


@dataclass(frozen=True)
class EvaluationConfig:
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    excellent_above: float = 90.0   # score strictly above → excellent
    good_above: float = 80.0        # score strictly above → good
    completed_from: float = 50.0    # score at or above → completed
    tolerance: float | None = 0.25  # shortfall below target that costs all points; None = 766 rule
    # The directive's cap ("many" late items without a legitimate reason): uncertain defaults.
    dossier_late_max_share: float | None = 0.01
    task_late_max_share: float | None = 0.05
    late_max_count: int | None = None
    unreported_excuse_is_unexcused: bool = True  # the directive puts the burden on the unit
    # Coverage: share of expected indicators and of months over that must be reported.
    min_indicator_coverage: float = 1.0
    min_month_coverage: float = 1.0
    # Improvement component.
    improvement_weight: float = 10.0
    improvement_indicators: tuple[str, ...] = DEFAULT_IMPROVEMENT
    improvement_full_at: float = 0.05  # a rise of 5 percentage points earns the full part
    improvement_compare_to: str = "last_year_else_previous"

    @staticmethod
    def from_json(text: str) -> EvaluationConfig:
        data = json.loads(text)
        base = asdict(EvaluationConfig())
        # Settings saved before versioning had one late threshold for dossiers and tasks together.
        if "late_max_share" in data and "dossier_late_max_share" not in data:
            data["dossier_late_max_share"] = data["late_max_share"]
        base.update({k: v for k, v in data.items() if k in base})
        base["improvement_indicators"] = tuple(base["improvement_indicators"])
        return EvaluationConfig(**base)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def load(con: duckdb.DuckDBPyConnection) -> EvaluationConfig:
        """The newest scheme's settings (what the administration page edits)."""
        return latest_scheme(con).config

    def validate(self) -> list[str]:
        problems = []
        for ind, w in self.weights.items():
            if ind not in INDICATOR_IDS:
                problems.append(f"Chỉ số không tồn tại: {ind}")
            elif not get_indicator(ind).is_rate:
                problems.append(f"Chỉ số {ind} là số đếm, không dùng để chấm điểm")
            if w < 0:
                problems.append(f"Trọng số của {ind} không được âm")
        for ind in self.improvement_indicators:
            if ind not in INDICATOR_IDS or not get_indicator(ind).is_rate:
                problems.append(f"Chỉ số cải thiện không hợp lệ: {ind}")
        if sum(self.weights.values()) + self.improvement_weight <= 0:
            problems.append("Tổng trọng số phải lớn hơn 0")
        if self.improvement_weight < 0:
            problems.append("Trọng số cải thiện không được âm")
        if not 0 <= self.completed_from <= self.good_above <= self.excellent_above <= 100:
            problems.append("Ngưỡng xếp loại phải tăng dần trong khoảng 0–100: hoàn thành ≤ tốt ≤ xuất sắc")
        for name, value in (("hồ sơ", self.dossier_late_max_share), ("nhiệm vụ", self.task_late_max_share)):
            if value is not None and not 0 <= value <= 1:
                problems.append(f"Ngưỡng tỷ lệ {name} trễ hạn không lý do phải từ 0 đến 100 %")
        if self.tolerance is not None and not 0 < self.tolerance <= 1:
            problems.append("Biên độ chấm điểm phải lớn hơn 0 và không quá 100 %")
        if self.late_max_count is not None and self.late_max_count < 0:
            problems.append("Ngưỡng số hồ sơ trễ hạn không lý do không được âm")
        for name, value in (("chỉ số", self.min_indicator_coverage), ("tháng", self.min_month_coverage)):
            if not 0 <= value <= 1:
                problems.append(f"Mức báo cáo đủ {name} phải từ 0 đến 100 %")
        if not 0 < self.improvement_full_at <= 1:
            problems.append("Mức cải thiện để đạt đủ điểm phải lớn hơn 0 và không quá 100 %")
        if self.improvement_compare_to not in COMPARE_CHOICES:
            problems.append(f"Kỳ so sánh phải là một trong: {', '.join(COMPARE_CHOICES)}")
        return problems


@dataclass(frozen=True)
class Scheme:
    id: int | None          # None: the built-in default (nothing saved yet)
    applies_from: date
    config: EvaluationConfig
    status: str             # 'proposal' | 'adopted'
    decision: str | None

    @property
    def adopted(self) -> bool:
        return self.status == "adopted"
    # Its words ("đề xuất, chưa ban hành") are `texts.commentary.scheme_status`.



DEFAULT_SCHEME = Scheme(None, date(2000, 1, 1), EvaluationConfig(), "proposal", None)

_SCHEME_SQL = "SELECT id, applies_from, config, status, decision FROM evaluation_schemes"


def _scheme(row) -> Scheme:
    return Scheme(int(row[0]), row[1], EvaluationConfig.from_json(row[2]), row[3], row[4])


def scheme_for(con: duckdb.DuckDBPyConnection, period: Period) -> Scheme:
    """The scheme in force for `period`: the newest one applying from its first month or earlier."""
    row = con.execute(f"{_SCHEME_SQL} WHERE applies_from <= ? ORDER BY applies_from DESC, id DESC LIMIT 1",
                      [period.first]).fetchone()
    return _scheme(row) if row else DEFAULT_SCHEME


def latest_scheme(con: duckdb.DuckDBPyConnection) -> Scheme:
    row = con.execute(f"{_SCHEME_SQL} ORDER BY applies_from DESC, id DESC LIMIT 1").fetchone()
    return _scheme(row) if row else DEFAULT_SCHEME


def scheme_by_id(con: duckdb.DuckDBPyConnection, scheme_id: int) -> Scheme | None:
    row = con.execute(f"{_SCHEME_SQL} WHERE id = ?", [scheme_id]).fetchone()
    return _scheme(row) if row else None


def list_schemes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT id, applies_from, status, decision, created_by, created_at FROM evaluation_schemes"
        " ORDER BY applies_from DESC, id DESC").df()


def insert_scheme(cur: duckdb.DuckDBPyConnection, config: EvaluationConfig, applies_from: date, actor: str) -> int:
    """Stores a new version applying from `applies_from` (a first-of-month date). Validated first."""
    problems = config.validate()
    if problems:
        raise InvalidScheme("; ".join(problems))
    return cur.execute(
        "INSERT INTO evaluation_schemes (applies_from, config, created_by) VALUES (?, ?, ?) RETURNING id",
        [applies_from.replace(day=1), config.to_json(), actor]).fetchone()[0]


def mark_adopted(cur: duckdb.DuckDBPyConnection, scheme_id: int, decision: str) -> None:
    cur.execute("UPDATE evaluation_schemes SET status = 'adopted', decision = ? WHERE id = ?", [decision, scheme_id])


def with_weights(config: EvaluationConfig, weights: dict[str, float]) -> EvaluationConfig:
    return replace(config, weights={k: v for k, v in weights.items() if v > 0})
