"""The indicator catalogue: the one place that knows the indicator list.

Each indicator is a ratio Σ numerator / Σ denominator (or a plain count when it
has no denominator) over one fact table. Numerator and denominator are SQL
expressions over the *period-level* columns produced by `metrics.queries`
(flows summed over the months, stocks taken at the period's last month).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Family(str, Enum):
    DOSSIERS = "dossiers"
    DOCUMENTS = "documents"
    TASKS = "tasks"


class Direction(str, Enum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class ValueUnit(str, Enum):
    PERCENT = "percent"
    COUNT = "count"


@dataclass(frozen=True)
class Indicator:
    id: str
    family: Family
    numerator: str
    denominator: str | None
    label_vi: str
    label_en: str
    short_vi: str
    short_en: str
    formula_vi: str
    direction: Direction = Direction.HIGHER_IS_BETTER
    unit: ValueUnit = ValueUnit.PERCENT

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None

    @property
    def higher_is_better(self) -> bool:
        return self.direction is Direction.HIGHER_IS_BETTER

    @property
    def numerator_columns(self) -> tuple[str, ...]:
        return linear_terms(self.numerator)

    @property
    def denominator_columns(self) -> tuple[str, ...]:
        return linear_terms(self.denominator) if self.denominator else ()

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi

    def short(self, lang: str = "vi") -> str:
        return self.short_en if lang == "en" else self.short_vi


def linear_terms(expression: str) -> tuple[str, ...]:
    """The columns a formula adds up. Formulas are plain sums of columns, which is what
    makes Σ numerator / Σ denominator well defined at every level; anything else is refused."""
    terms = tuple(t.strip() for t in expression.replace("(", " ").replace(")", " ").split("+"))
    if not all(t.isidentifier() for t in terms):
        raise ValueError(f"formula is not a plain sum of columns: {expression}")
    return terms


# Stock columns: a balance at the end of a month, not a count of events. Over a
# period they are taken at the period's last reported month, never summed.
STOCK_COLUMNS = frozenset({"pending_total", "pending_on_time", "pending_overdue", "tasks_overdue_open"})
# Carried-over dossiers belong to the period's first month.
OPENING_COLUMNS = frozenset({"received_carried_over"})

DOSSIER_COLUMNS = (
    "received_total", "received_online", "received_direct", "received_carried_over",
    "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
    "pending_total", "pending_on_time", "pending_overdue",
    "received_full_process", "fee_dossiers", "fee_paid_online", "electronic_results",
    "digitised", "late_without_reason",
)
DOCUMENT_COLUMNS = ("docs_outgoing_total", "docs_outgoing_signed_electronic")
TASK_COLUMNS = (
    "tasks_due", "tasks_done_on_time", "tasks_done_late", "tasks_overdue_open",
    "tasks_late_without_reason",
)
FAMILY_COLUMNS = {
    Family.DOSSIERS: DOSSIER_COLUMNS,
    Family.DOCUMENTS: DOCUMENT_COLUMNS,
    Family.TASKS: TASK_COLUMNS,
}
FAMILY_TABLES = {
    Family.DOSSIERS: "dossier_facts",
    Family.DOCUMENTS: "document_facts",
    Family.TASKS: "task_facts",
}

# Newly received in the period = received online + in person/post
# (= received_total − received_carried_over in a consistent Biểu 06 row).
_NEW = "(received_online + received_direct)"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "on_time_rate", Family.DOSSIERS,
        "resolved_early + resolved_on_time", "resolved_total",
        "Tỉ lệ hồ sơ giải quyết đúng hạn", "Dossiers resolved on time",
        "Đúng hạn", "On time",
        "(trước hạn + đúng hạn) / đã giải quyết",
    ),
    Indicator(
        "on_time_rate_766", Family.DOSSIERS,
        "resolved_early + resolved_on_time + pending_on_time", "resolved_total + pending_total",
        "Tỉ lệ đúng hạn gồm hồ sơ đang giải quyết (QĐ 766)",
        "On time incl. in progress (Decision 766)",
        "Đúng hạn (766)", "On time (766)",
        "(trước hạn + đúng hạn + đang giải quyết trong hạn) / (đã giải quyết + đang giải quyết)",
    ),
    Indicator(
        "overdue_in_progress", Family.DOSSIERS,
        "pending_overdue", None,
        "Hồ sơ đang giải quyết quá hạn", "Dossiers in progress and overdue",
        "Đang quá hạn", "Overdue in progress",
        "số hồ sơ đang giải quyết đã quá hạn (cuối kỳ)",
        Direction.LOWER_IS_BETTER, ValueUnit.COUNT,
    ),
    Indicator(
        "online_rate", Family.DOSSIERS,
        "received_online", _NEW,
        "Tỉ lệ hồ sơ trực tuyến", "Dossiers received online",
        "Trực tuyến", "Online",
        "nhận trực tuyến / tiếp nhận mới (tổng − kỳ trước chuyển sang)",
    ),
    Indicator(
        "full_process_online_rate", Family.DOSSIERS,
        "received_full_process", _NEW,
        "Tỉ lệ hồ sơ trực tuyến toàn trình", "Full-process online dossiers",
        "Toàn trình", "Full-process",
        "nhận trực tuyến toàn trình / tiếp nhận mới",
    ),
    Indicator(
        "online_payment_rate", Family.DOSSIERS,
        "fee_paid_online", "fee_dossiers",
        "Tỉ lệ thanh toán trực tuyến", "Fees paid online",
        "Thanh toán TT", "Paid online",
        "hồ sơ nộp phí trực tuyến / hồ sơ có phí",
    ),
    Indicator(
        "digitisation_rate", Family.DOSSIERS,
        "digitised", "resolved_total",
        "Tỉ lệ số hóa hồ sơ", "Dossiers digitised",
        "Số hóa", "Digitised",
        "hồ sơ được số hóa / đã giải quyết",
    ),
    Indicator(
        "electronic_result_rate", Family.DOSSIERS,
        "electronic_results", "resolved_total",
        "Tỉ lệ trả kết quả điện tử", "Electronic results",
        "KQ điện tử", "E-results",
        "hồ sơ trả kết quả điện tử / đã giải quyết",
    ),
    Indicator(
        "edoc_rate", Family.DOCUMENTS,
        "docs_outgoing_signed_electronic", "docs_outgoing_total",
        "Tỉ lệ văn bản đi ký số, gửi điện tử", "Outgoing documents signed and sent electronically",
        "Văn bản điện tử", "E-documents",
        "văn bản đi ký số và gửi qua mạng / tổng văn bản đi",
    ),
    Indicator(
        "task_on_time_rate", Family.TASKS,
        "tasks_done_on_time", "tasks_due",
        "Tỉ lệ nhiệm vụ hoàn thành đúng hạn", "Assigned tasks done on time",
        "Nhiệm vụ đúng hạn", "Tasks on time",
        "nhiệm vụ hoàn thành đúng hạn / nhiệm vụ đến hạn",
    ),
)

_BY_ID = {ind.id: ind for ind in INDICATORS}
INDICATOR_IDS: tuple[str, ...] = tuple(_BY_ID)


class UnknownIndicator(KeyError):
    def __str__(self) -> str:
        return f"Không có chỉ số '{self.args[0]}'. Các chỉ số: {', '.join(INDICATOR_IDS)}"


def get_indicator(indicator_id: str | Indicator) -> Indicator:
    if isinstance(indicator_id, Indicator):
        return indicator_id
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        raise UnknownIndicator(indicator_id) from None
