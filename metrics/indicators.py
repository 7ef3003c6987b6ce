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


# Unit types that must report each family (coverage and applicability in the evaluation).
# Dossier indicators apply to units that receive dossiers: every agency type, ward, commune,
# special zone and legacy district. *Uncertain*: a few city bodies (e.g. Thanh tra) may
# receive almost none; an administrator can exempt them by leaving the family's weights
# to the groups that apply. Documents and tasks apply to every unit.
ALL_UNIT_TYPES = ("department", "ward", "commune", "special_zone", "district", "public_service_unit")


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
    source: str = ""  # where the definition comes from
    applies_to: tuple[str, ...] = ALL_UNIT_TYPES  # unit types expected to report it
    formula_en: str = ""  # how it is computed, in English (card help)

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None

    @property
    def higher_is_better(self) -> bool:
        return self.direction is Direction.HIGHER_IS_BETTER

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.numerator_columns, *self.denominator_columns)

    @property
    def has_stock(self) -> bool:
        return any(c in STOCK_COLUMNS for c in self.columns)

    @property
    def numerator_columns(self) -> tuple[str, ...]:
        return linear_terms(self.numerator)

    @property
    def denominator_columns(self) -> tuple[str, ...]:
        return linear_terms(self.denominator) if self.denominator else ()

    # An indicator's names are part of its definition (adding an indicator stays one entry in
    # this file), so they live here in both languages rather than in the word catalogue.
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
# period they are taken at the period's LAST month, never summed; when that month was
# not reported the stock is "no data", never an older month's figure.
STOCK_COLUMNS = frozenset({
    "pending_total", "pending_on_time", "pending_overdue", "pending_overdue_unexcused",
    "tasks_overdue_open", "tasks_overdue_unexcused",
})
# Carried-over dossiers belong to the period's first month.
OPENING_COLUMNS = frozenset({"received_carried_over"})

DOSSIER_COLUMNS = (
    "received_total", "received_online", "received_direct", "received_carried_over",
    "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
    "pending_total", "pending_on_time", "pending_overdue",
    "received_full_process", "fee_dossiers", "fee_paid_online", "electronic_results",
    "digitised", "resolved_late_unexcused", "pending_overdue_unexcused",
)
DOCUMENT_COLUMNS = ("docs_outgoing_total", "docs_outgoing_signed_electronic")
TASK_COLUMNS = (
    "tasks_due", "tasks_done_on_time", "tasks_done_late", "tasks_overdue_open",
    "tasks_done_late_unexcused", "tasks_overdue_unexcused",
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

_DOSSIER_UNITS = ("department", "ward", "commune", "special_zone", "district")
_TT01 = "Biểu 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP)"
_766 = "Quyết định 766/QĐ-TTg (Bộ chỉ số phục vụ người dân, doanh nghiệp)"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "on_time_rate", Family.DOSSIERS,
        "resolved_early + resolved_on_time", "resolved_total",
        "Tỷ lệ hồ sơ giải quyết đúng hạn", "Dossiers resolved on time",
        "Đúng hạn", "On time",
        "(trước hạn + đúng hạn) / đã giải quyết",
        source=f"{_TT01}: cột (8) + (9) trên cột (7)", applies_to=_DOSSIER_UNITS,
        formula_en="(early + on time) / resolved",
    ),
    Indicator(
        "on_time_rate_766", Family.DOSSIERS,
        "resolved_early + resolved_on_time + pending_on_time", "resolved_total + pending_total",
        "Tỷ lệ đúng hạn gồm hồ sơ đang giải quyết (QĐ 766)",
        "On time incl. in progress (Decision 766)",
        "Đúng hạn (766)", "On time (766)",
        "(trước hạn + đúng hạn + đang giải quyết trong hạn) / (đã giải quyết + đang giải quyết)",
        source=f"{_766}, nhóm tiến độ giải quyết; cột (8) + (9) + (12) trên (7) + (11) của {_TT01}",
        applies_to=_DOSSIER_UNITS,
        formula_en="(early + on time + in progress within the deadline) / (resolved + in progress)",
    ),
    Indicator(
        "overdue_in_progress", Family.DOSSIERS,
        "pending_overdue", None,
        "Hồ sơ đang giải quyết quá hạn", "Dossiers in progress and overdue",
        "Đang quá hạn", "Overdue in progress",
        "số hồ sơ đang giải quyết đã quá hạn (cuối kỳ)",
        Direction.LOWER_IS_BETTER, ValueUnit.COUNT,
        source=f"{_TT01}: cột (13), lấy ở tháng cuối kỳ", applies_to=_DOSSIER_UNITS,
        formula_en="dossiers in progress past their deadline (end of period)",
    ),
    Indicator(
        "overdue_share", Family.DOSSIERS,
        "pending_overdue", "pending_total",
        "Hồ sơ quá hạn trên 100 hồ sơ đang giải quyết", "Overdue per 100 dossiers in progress",
        "Quá hạn/100 hồ sơ", "Overdue per 100",
        "đang giải quyết quá hạn / tổng đang giải quyết (cuối kỳ)",
        Direction.LOWER_IS_BETTER,
        source=f"{_TT01}: cột (13) trên cột (11), cuối kỳ — để so sánh đơn vị lớn nhỏ khác nhau",
        applies_to=_DOSSIER_UNITS,
        formula_en="in progress and overdue / all in progress (end of period)",
    ),
    Indicator(
        "online_rate", Family.DOSSIERS,
        "received_online", _NEW,
        "Tỷ lệ hồ sơ trực tuyến", "Dossiers received online",
        "Trực tuyến", "Online",
        "nhận trực tuyến / tiếp nhận mới (tổng − kỳ trước chuyển sang)",
        source=f"{_TT01}: cột (4) trên (4) + (5)", applies_to=_DOSSIER_UNITS,
        formula_en="received online / newly received (total − carried over)",
    ),
    Indicator(
        "full_process_online_rate", Family.DOSSIERS,
        "received_full_process", _NEW,
        "Tỷ lệ hồ sơ trực tuyến toàn trình", "Full-process online dossiers",
        "Toàn trình", "Full-process",
        "nhận trực tuyến toàn trình / tiếp nhận mới",
        source="Nghị định 42/2022/NĐ-CP (dịch vụ công trực tuyến toàn trình); không có trong Biểu 06",
        applies_to=_DOSSIER_UNITS,
        formula_en="received as full-process online / newly received",
    ),
    Indicator(
        "online_payment_rate", Family.DOSSIERS,
        "fee_paid_online", "fee_dossiers",
        "Tỷ lệ thanh toán trực tuyến", "Fees paid online",
        "Thanh toán trực tuyến", "Paid online",
        "hồ sơ nộp phí trực tuyến / hồ sơ có phí",
        source=f"{_766}, nhóm thanh toán trực tuyến", applies_to=_DOSSIER_UNITS,
        formula_en="dossiers whose fee was paid online / dossiers with a fee",
    ),
    Indicator(
        "digitisation_rate", Family.DOSSIERS,
        "digitised", _NEW,
        "Tỷ lệ số hóa hồ sơ khi tiếp nhận", "Dossiers digitised at reception",
        "Số hóa", "Digitised",
        "hồ sơ được số hóa khi tiếp nhận / tiếp nhận mới",
        # National 766 tracking divides digitised inputs by dossiers received, not resolved
        # (revised after review; the earlier version divided by resolved).
        source=f"{_766}, nhóm số hóa hồ sơ (số hồ sơ số hóa trên số hồ sơ tiếp nhận)",
        applies_to=_DOSSIER_UNITS,
        formula_en="dossiers digitised at reception / newly received",
    ),
    Indicator(
        "electronic_result_rate", Family.DOSSIERS,
        "electronic_results", "resolved_total",
        "Tỷ lệ trả kết quả điện tử", "Electronic results",
        "Kết quả điện tử", "E-results",
        "hồ sơ trả kết quả điện tử / đã giải quyết",
        source=f"{_766}, nhóm số hóa (kết quả giải quyết điện tử trên hồ sơ đã giải quyết)",
        applies_to=_DOSSIER_UNITS,
        formula_en="dossiers with an electronic result / resolved",
    ),
    Indicator(
        "edoc_rate", Family.DOCUMENTS,
        "docs_outgoing_signed_electronic", "docs_outgoing_total",
        "Tỷ lệ văn bản đi ký số, gửi điện tử", "Outgoing documents signed and sent electronically",
        "Văn bản điện tử", "E-documents",
        "văn bản đi ký số và gửi qua mạng / tổng văn bản đi",
        source="Chỉ thị của thành phố; Nghị định 307/2025/NĐ-CP (mức cơ sở 70 % xã, 80 % phường)",
        formula_en="outgoing documents digitally signed and sent online / all outgoing documents",
    ),
    Indicator(
        "task_on_time_rate", Family.TASKS,
        "tasks_done_on_time", "tasks_due",
        "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", "Assigned tasks done on time",
        "Nhiệm vụ đúng hạn", "Tasks on time",
        "nhiệm vụ hoàn thành đúng hạn / nhiệm vụ đến hạn",
        source="Chỉ thị của thành phố (nhiệm vụ UBND thành phố, Chủ tịch giao)",
        formula_en="tasks done on time / tasks due",
    ),
    Indicator(
        "tasks_overdue_open", Family.TASKS,
        "tasks_overdue_open", None,
        "Nhiệm vụ quá hạn chưa hoàn thành", "Assigned tasks overdue and still open",
        "Nhiệm vụ quá hạn", "Tasks overdue",
        "số nhiệm vụ chưa hoàn thành đã quá hạn (cuối kỳ)",
        Direction.LOWER_IS_BETTER, ValueUnit.COUNT,
        source="Chỉ thị của thành phố; lấy ở tháng cuối kỳ",
        formula_en="open tasks past their deadline (end of period)",
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
