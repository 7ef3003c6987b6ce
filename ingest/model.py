"""The nouns of ingestion: problems, parsed files, previews, and the column catalogue.

Every problem carries a catalogue key and its params (`Problem.of`), so that it can be shown in
Vietnamese or English (`Problem.text(lang)`); `message` is its Vietnamese sentence, the one the
CLI prints and tests read. Params that read differently per language are values of the small
types of `ingest.wording` (`Column`, `Count`, `Phrase` …), rendered at display time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from i18n.catalogue import text as words
from i18n.cells import safe_csv
from ingest.wording import Phrase, column_label, render
from metrics.indicators import DOCUMENT_COLUMNS, DOSSIER_COLUMNS, TASK_COLUMNS, Family
from vocab.errors import UserFacingError


class WordedError(UserFacingError):
    """A user-facing error whose sentence comes from the word catalogue: `of(key, **params)` gives
    the Vietnamese sentence as its message, and the key and params `i18n.catalogue.error_text`
    needs for English."""

    @classmethod
    def of(cls, key: str, /, **params: object):
        return cls(render(key, "vi", params), key=key, **params)


class IngestError(WordedError):
    """A refusal worth one clear sentence (commit refused, rollback impossible...)."""


class Severity(StrEnum):
    ERROR = "error"      # blocks the file
    WARNING = "warning"  # needs an explicit confirmation

    def label(self, lang: str = "vi") -> str:
        return words(f"ingest.severity.{self.value}", lang)


# Where a problem sits when it is not a cell: the title block of an official form.
TITLE_LOCATION = "tiêu đề"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as the user sees it in Excel (1-based rows).

    `message` is the Vietnamese sentence; `key` and `params` give it in any language
    (`text`). A problem made without a key (tests, old callers) has only its message.
    """

    file: str
    sheet: str
    row: int | None
    column: str
    message: str
    severity: Severity = Severity.ERROR
    key: str = ""
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, file: str, sheet: str, row: int | None, column: str, key: str,
           severity: Severity = Severity.ERROR, /, **params: object):
        """A problem worded by the catalogue entry `key` (see i18n/words/ingest.py)."""
        items = tuple(params.items())
        return cls(file, sheet, row, column, render(key, "vi", items), severity, key, items)

    @classmethod
    def refusal(cls, file: str, error: UserFacingError, sheet: str = "", row: int | None = None,
                column: str = ""):
        """A refused file (an `UnsafeFile`, a duplicate upload) as a problem of that file."""
        return cls(file, sheet, row, column, error.message, Severity.ERROR, error.key or "",
                   tuple(error.params.items()))

    def text(self, lang: str = "vi") -> str:
        """The sentence in `lang` ("vi" or "en")."""
        if lang == "vi" or not self.key:
            return self.message
        return render(self.key, lang, self.params)

    def column_text(self, lang: str = "vi") -> str:
        return words("ingest.location.title", lang) if self.column == TITLE_LOCATION else self.column

    def line(self, lang: str = "vi") -> str:
        row = "" if self.row is None else str(self.row)
        return f"{self.file} · {self.sheet or '-'} · {row or '-'} · {self.column_text(lang) or '-'}: {self.text(lang)}"


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
    # The same notes as worded values (a skipped-content phrase, or a ReaderNote), for `note_texts`.
    note_items: tuple[Phrase | Problem, ...] = ()

    def note_texts(self, lang: str = "vi") -> tuple[str, ...]:
        """`notes` in `lang`."""
        if lang == "vi" or not self.note_items:
            return self.notes
        return tuple(render(n.key, lang, n.params) if isinstance(n, Phrase) else n.line(lang)
                     for n in self.note_items)

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

    def changes_table(self, lang: str = "vi") -> pd.DataFrame:
        """`changes` for display: headers, family and column names in `lang` instead of codes."""
        frame = self.changes.copy()
        frame["family"] = frame["family"].map(lambda f: family_label(Family(f), lang))
        frame["column"] = frame["column"].map(lambda c: column_label(c, lang))
        return frame.rename(columns=lambda c: preview_header(c, lang))

    def dropped_table(self, lang: str = "vi") -> pd.DataFrame:
        """`dropped` for display: one row per dropped key with its current values, headers in `lang`."""
        frame = self.dropped.dropna(axis=1, how="all") if len(self.dropped) else self.dropped.copy()
        frame = frame.assign(family=frame["family"].map(lambda f: family_label(Family(f), lang)))
        return frame.rename(columns=lambda c: preview_header(c, lang, default=column_label(c, lang)))


_PREVIEW_HEADER_KEYS = {
    "file": "ingest.header.file", "family": "ingest.header.family", "unit_code": "ingest.header.unit_code",
    "field_code": "ingest.header.field_code", "month": "ingest.header.month", "column": "ingest.header.indicator",
    "old": "ingest.header.old", "new": "ingest.header.new",
}


def preview_header(column: str, lang: str = "vi", default: str | None = None) -> str:
    key = _PREVIEW_HEADER_KEYS.get(column)
    return words(key, lang) if key else (column if default is None else default)


def problems_frame(problems: list[Problem] | tuple[Problem, ...], lang: str = "vi") -> pd.DataFrame:
    """Problems as a table for display, headers and sentences in `lang`."""
    return pd.DataFrame(
        {
            words("ingest.header.severity", lang): [p.severity.label(lang) for p in problems],
            words("ingest.header.file", lang): [p.file for p in problems],
            words("ingest.header.sheet", lang): [p.sheet for p in problems],
            words("ingest.header.row", lang): pd.array([p.row for p in problems], dtype="Int64"),
            words("ingest.header.column", lang): [p.column_text(lang) for p in problems],
            words("ingest.header.message", lang): [p.text(lang) for p in problems],
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


def problems_csv(problems: list[Problem] | tuple[Problem, ...], lang: str = "vi") -> bytes:
    """Every problem as CSV (UTF-8 with BOM, for Excel). File names and cell texts quoted in the
    messages come from the uploader, so text cells are neutralised against formula injection."""
    return safe_csv(problems_frame(problems, lang)).encode("utf-8-sig")


# --- the column catalogue ------------------------------------------------------------------

KEY_COLUMNS = ("unit_code", "field_code", "month")
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
def family_label(family: Family, lang: str = "vi") -> str:
    return words(f"ingest.family.{Family(family).value}", lang)


def key_label(column: str, lang: str = "vi") -> str:
    """`Đơn vị (mã hoặc tên)`: how the template heads a key column."""
    return words(f"ingest.key.{column}", lang)


# The Vietnamese names, for code that recognises headers written in Vietnamese.
COLUMN_LABELS = {c: column_label(c) for c in (*DOSSIER_COLUMNS, *DOCUMENT_COLUMNS, *TASK_COLUMNS)}
KEY_LABELS = {c: key_label(c) for c in KEY_COLUMNS}
