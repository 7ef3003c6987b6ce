"""The nouns of ingestion: problems, parsed files, previews, and the column catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from i18n.cells import safe_csv
from metrics.indicators import DOCUMENT_COLUMNS, DOSSIER_COLUMNS, TASK_COLUMNS, Family


class IngestError(RuntimeError):
    """A refusal worth one clear Vietnamese sentence (commit refused, rollback impossible...)."""


class Severity(StrEnum):
    ERROR = "error"      # blocks the file
    WARNING = "warning"  # needs an explicit confirmation

    @property
    def label_vi(self) -> str:
        return "Lỗi" if self is Severity.ERROR else "Cảnh báo"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as the user sees it in Excel (1-based rows)."""

    file: str
    sheet: str
    row: int | None
    column: str
    message: str
    severity: Severity = Severity.ERROR

    def line(self) -> str:
        row = "" if self.row is None else str(self.row)
        return f"{self.file} · {self.sheet or '-'} · {row or '-'} · {self.column or '-'}: {self.message}"


@dataclass(frozen=True)
class ReaderNote(Problem):
    """Information for the preview, not a problem: `parse_upload` moves these into `ParsedFile`'s notes.

    A subclass of Problem so it travels in the readers' (tables, problems) results unchanged,
    even through a child process; were one ever left among the problems it would block the
    file (severity ERROR by default) rather than pass unseen.
    """


@dataclass(frozen=True)
class ParsedFile:
    """A file read and validated: canonical rows per family, and every problem found.

    Each frame has the key columns (unit_code, [field_code], month as datetime64),
    the family's count columns as int64, and `_sheet`/`_row` pointing back to the source.
    """

    name: str
    sha256: str
    size: int
    frames: dict[Family, pd.DataFrame] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    # What was deliberately not imported (hidden sheets, rows, columns), in Vietnamese sentences
    # for the preview; informational, neither an error nor a warning.
    notes: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def row_count(self) -> int:
        return sum(len(df) for df in self.frames.values())

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Preview:
    """What a commit would change.

    A row is one key of its family (unit × field × month for dossiers, unit × month
    otherwise). Rows are only ever dropped when the whole unit-month is replaced on
    purpose (`replace_unit_month=True`); `dropped` then lists each of them, so nobody
    loses figures without having seen them first.
    """

    new_rows: int          # keys with no current data today
    replaced_rows: int     # current rows that the upload replaces (same key)
    changed_rows: int      # replaced rows whose values differ
    dropped_rows: int      # current rows of a replaced unit-month that the upload does not repeat
    changes: pd.DataFrame  # file, family, unit_code, field_code, month, column, old, new
    dropped: pd.DataFrame  # file, family, unit_code, field_code, month, then the current values

    def __post_init__(self) -> None:
        if self.dropped_rows != len(self.dropped):
            raise ValueError("dropped_rows must count the rows listed in dropped")

    def changes_table(self) -> pd.DataFrame:
        """`changes` for display: Vietnamese headers, family and indicator names instead of codes."""
        frame = self.changes.copy()
        frame["family"] = frame["family"].map(lambda f: FAMILY_LABELS[Family(f)])
        frame["column"] = frame["column"].map(column_label)
        return frame.rename(columns=PREVIEW_HEADERS)

    def dropped_table(self) -> pd.DataFrame:
        """`dropped` for display: one row per dropped key with its current values, Vietnamese headers."""
        frame = self.dropped.dropna(axis=1, how="all") if len(self.dropped) else self.dropped.copy()
        frame = frame.assign(family=frame["family"].map(lambda f: FAMILY_LABELS[Family(f)]))
        return frame.rename(columns=lambda c: PREVIEW_HEADERS.get(c) or column_label(c))


PREVIEW_HEADERS = {
    "file": "Tệp", "family": "Nhóm số liệu", "unit_code": "Đơn vị", "field_code": "Lĩnh vực", "month": "Tháng",
    "column": "Chỉ tiêu", "old": "Số cũ", "new": "Số mới",
}


def problems_frame(problems: list[Problem] | tuple[Problem, ...]) -> pd.DataFrame:
    """Problems as a table for display (Vietnamese headers)."""
    return pd.DataFrame(
        {
            "Mức độ": [p.severity.label_vi for p in problems],
            "Tệp": [p.file for p in problems],
            "Trang tính": [p.sheet for p in problems],
            "Dòng": pd.array([p.row for p in problems], dtype="Int64"),
            "Cột": [p.column for p in problems],
            "Nội dung": [p.message for p in problems],
        }
    )


PROBLEMS_SHOWN = 200


def problems_summary(problems: list[Problem] | tuple[Problem, ...],
                     limit: int = PROBLEMS_SHOWN) -> tuple[list[Problem], dict[Severity, int]]:
    """The first `limit` problems, and how many of each severity are left out.

    A broken 50,000-row file can yield tens of thousands of problems: nobody reads
    them all on a terminal, and printing them one by one took minutes. Callers show
    `shown` and then one line "… and N more (errors: a, warnings: b)". One pass, O(n).
    """
    shown = list(problems[:limit])
    hidden = {Severity.ERROR: 0, Severity.WARNING: 0}
    for p in problems[limit:]:
        hidden[p.severity] += 1
    return shown, hidden


def problems_csv(problems: list[Problem] | tuple[Problem, ...]) -> bytes:
    """Every problem as CSV (UTF-8 with BOM, for Excel). File names and cell texts quoted in the
    messages come from the uploader, so text cells are neutralised against formula injection."""
    return safe_csv(problems_frame(problems)).encode("utf-8-sig")


# --- the column catalogue ------------------------------------------------------------------

KEY_LABELS = {
    "unit_code": "Đơn vị (mã hoặc tên)",
    "field_code": "Lĩnh vực (mã hoặc tên)",
    "month": "Tháng (YYYY-MM)",
}

COLUMN_LABELS = {
    "received_total": "Số hồ sơ nhận giải quyết – Tổng số",
    "received_online": "Nhận trực tuyến",
    "received_direct": "Nhận trực tiếp, dịch vụ bưu chính",
    "received_carried_over": "Từ kỳ trước chuyển sang",
    "resolved_total": "Tổng số đã giải quyết",
    "resolved_early": "Giải quyết trước hạn",
    "resolved_on_time": "Giải quyết đúng hạn",
    "resolved_late": "Giải quyết quá hạn",
    "pending_total": "Tổng số đang giải quyết",
    "pending_on_time": "Đang giải quyết trong hạn",
    "pending_overdue": "Đang giải quyết quá hạn",
    "received_full_process": "Nhận trực tuyến toàn trình",
    "fee_dossiers": "Hồ sơ có phí, lệ phí",
    "fee_paid_online": "Hồ sơ thanh toán trực tuyến",
    "electronic_results": "Hồ sơ trả kết quả điện tử",
    "digitised": "Hồ sơ được số hóa khi tiếp nhận",
    "resolved_late_unexcused": "Giải quyết quá hạn không có lý do chính đáng",
    "pending_overdue_unexcused": "Đang quá hạn không có lý do chính đáng",
    "docs_outgoing_total": "Tổng số văn bản đi",
    "docs_outgoing_signed_electronic": "Văn bản đi ký số, gửi điện tử",
    "tasks_due": "Nhiệm vụ đến hạn",
    "tasks_done_on_time": "Hoàn thành đúng hạn",
    "tasks_done_late": "Hoàn thành quá hạn",
    "tasks_overdue_open": "Chưa hoàn thành, đã quá hạn",
    "tasks_done_late_unexcused": "Hoàn thành quá hạn không có lý do chính đáng",
    "tasks_overdue_unexcused": "Quá hạn chưa hoàn thành không có lý do chính đáng",
}

FAMILY_VALUE_COLUMNS: dict[Family, tuple[str, ...]] = {
    Family.DOSSIERS: DOSSIER_COLUMNS,
    Family.DOCUMENTS: DOCUMENT_COLUMNS,
    Family.TASKS: TASK_COLUMNS,
}
FAMILY_KEYS: dict[Family, tuple[str, ...]] = {
    Family.DOSSIERS: ("unit_code", "field_code", "month"),
    Family.DOCUMENTS: ("unit_code", "month"),
    Family.TASKS: ("unit_code", "month"),
}
# Columns a file may leave out: the extras beyond Biểu 06 and the "without a legitimate
# reason" counts. A column left out, like a blank cell, is stored as NULL ("không báo
# cáo"), never 0: Biểu 06 does not carry these figures, so a unit that sends only the
# form has them missing, not at 0 %.
OPTIONAL_COLUMNS = frozenset({
    "received_full_process", "fee_dossiers", "fee_paid_online", "electronic_results", "digitised",
    "resolved_late_unexcused", "pending_overdue_unexcused",
    "tasks_done_late_unexcused", "tasks_overdue_unexcused",
})
FAMILY_LABELS = {
    Family.DOSSIERS: "Hồ sơ TTHC",
    Family.DOCUMENTS: "Văn bản điện tử",
    Family.TASKS: "Nhiệm vụ được giao",
}


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column) or KEY_LABELS.get(column, column)


def column_ref(column: str) -> str:
    """`'resolved_total' (Tổng số đã giải quyết)`: how messages name a column."""
    return f"'{column}' ({column_label(column)})"
