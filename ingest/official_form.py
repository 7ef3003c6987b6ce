"""The official Biểu số 06/VPCP/KSTT layout (Thông tư 01/2020/TT-VPCP), as offices and systems write it.

The header is found by its words (domain reference §3, "As provincial one-stop systems
render it"): two or three header rows with merged group headings ("Số hồ sơ nhận giải
quyết", "Kết quả giải quyết" / "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết") over
leaf labels ("Số mới tiếp nhận trực tuyến", "Trả đúng thời hạn", "Chưa đến hạn" …). Each
value column is named by its path of header cells, so a repeated leaf such as "Tổng số" or
"Quá hạn" is told apart by the group above it. A row of column numbers "(1) … (13)" (or
"(3)=(4)+(5)+(6)") is used when the words are not enough, and must agree with them when
both are complete. Variants: a "07a"-style layout without "trước hạn" (its "đúng hạn"
includes the early ones, so `resolved_early` is stored as 0 and the on-time rate is kept), extra columns ("Chờ bổ sung",
"Trả lại/Rút hồ sơ") that are ignored with a note, a post (BCCI) column split from
"trực tiếp" (summed into `received_direct`), and consolidated sheets with one row per unit
(Biểu 06a style) whose field comes from a field column or a "Lĩnh vực: …" title line.

The unit comes from the agency heading ("UBND PHƯỜNG HẢI CHÂU") and/or the line
"- Đơn vị báo cáo: …"; the period from `report_period.parse_report_period`. Choices made on
upload only fill what the title does not state.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ingest.grid import excel_column
from ingest.matching import ascii_key, name_key, strip_prefixes
from ingest.model import TITLE_LOCATION, Problem, ReaderNote, Severity
from ingest.report_period import (
    SIGNING_DATE_WORDS,
    ConflictingPeriods,
    ReportPeriod,
    month_last_day,
    parse_report_period,
    plain,
)
from ingest.validation import RawTable, parse_counts, parse_month_text
from ingest.wording import column_label, column_ref, phrase
from metrics.indicators import Family

__all__ = ["FORM_COLUMNS", "plain", "read_official_sheet"]

FORM_COLUMNS = (  # columns (3)…(13), in the form's order
    "received_total", "received_online", "received_direct", "received_carried_over",
    "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
    "pending_total", "pending_on_time", "pending_overdue",
)
# A "07a"-style form has no "trước hạn" column: the only form column a file may lack.
OPTIONAL_FORM_COLUMNS = frozenset({"resolved_early"})
# Columns that several grid columns may add up to (an online / direct / post split).
SUMMABLE_COLUMNS = frozenset({"received_online", "received_direct"})

MAX_TITLE_ROWS = 40   # a title block longer than this is not a form header
MAX_HEADER_ROWS = 4   # group / sub-group / leaf, plus one spare


# --- header words ---------------------------------------------------------------------------

# Whole-cell labels: "Lĩnh vực: Đất đai" or "Đơn vị báo cáo: …" in the title are not headers.
_LABEL_STT = re.compile(r"(?:stt|tt|so tt|so thu tu)")
_LABEL_FIELD = re.compile(r"(?:ten\s+)?linh vuc(?:\s+giai quyet|\s+thu tuc hanh chinh|\s+tthc)?")
_LABEL_UNIT = re.compile(r"(?:ten\s+)?(?:co quan,?\s*)?don vi(?:\s+giai quyet|\s+thuc hien)?|(?:ten\s+)?co quan")
_VOCAB = re.compile(r"tong so|giai quyet|tiep nhan|truc tuyen|truc tiep|han\b|ky truoc")
_EXTRA = re.compile(r"cho bo sung|bo sung|tra lai|rut ho so|xin rut|\brut\b|tu choi|ty le|%|ghi chu|\bhuy\b|dung xu ly")
_SECTIONS = (
    ("pending", re.compile(r"\bdang giai quyet|chua giai quyet|dang xu ly|chua xu ly")),
    ("resolved", re.compile(r"\bda giai quyet|ket qua giai quyet|da xu ly|giai quyet xong|\bket qua\b")),
    ("received", re.compile(r"nhan giai quyet|tiep nhan|ho so nhan|\bnhan\b|ky truoc")),
)
_ROLES = {
    "received": (
        ("received_carried_over", re.compile(r"ky truoc|chuyen qua|chuyen sang|\bton\b")),
        ("received_online", re.compile(r"truc tuyen|qua mang|dich vu cong")),
        ("received_direct", re.compile(r"truc tiep|buu chinh|bcci|buu dien")),
        ("received_total", re.compile(r"\btong\b")),
    ),
    "resolved": (
        ("resolved_early", re.compile(r"truoc han")),
        ("resolved_on_time", re.compile(r"dung han|dung thoi han|trong han|dung hen")),
        ("resolved_late", re.compile(r"qua han|tre han|cham")),
        ("resolved_total", re.compile(r"\btong\b")),
    ),
    "pending": (
        ("pending_on_time", re.compile(r"chua den han|trong han|chua qua han|con han")),
        ("pending_overdue", re.compile(r"qua han|tre han")),
        ("pending_total", re.compile(r"\btong\b")),
    ),
}
# Leaf words that name their section even without a group heading above them.
_LEAF_SECTIONS = (
    ("received", re.compile(r"tiep nhan|truc tuyen|truc tiep|buu chinh|ky truoc")),
    ("resolved", re.compile(r"^tra\b|truoc han")),
    ("pending", re.compile(r"chua den han|chua qua han")),
)
_NUMBER_CELL = re.compile(r"^\(?\s*(\d{1,2})\s*\)?(?:\s*=.*)?$")
_ROMAN_OR_LETTER = re.compile(r"^(?:[ivxlc]+|[a-e])[.)]?$")
# The whole label, not its start: "Công thương" is a field, "Cộng" a total.
_TOTAL_LABEL = re.compile(r"(?:tong cong|tong so|tong|cong|toan (?:thanh pho|tinh|bo)|tong hop chung)(?:\s+(?:toan|chung|cac)\b.*)?")
_STOP = re.compile(r"nguoi lap bieu|thu truong|nguoi ky|ky ten|ky, ghi ro|xac nhan cua|noi nhan\s*:|ghi chu\s*:")
_FIGURE = re.compile(r"[\d.,\s]*")
# The signing line ("Đà Nẵng, ngày … tháng … năm 2026") ends the table.
_DATE_LINE = re.compile(r"^.{0,40}" + SIGNING_DATE_WORDS)


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        if np.isnan(cell):
            return ""
        if cell.is_integer():
            return str(int(cell))
    return str(cell).strip()


def _no_parens(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\(.*?\)", " ", text)).strip()


@dataclass
class _Layout:
    first: int                          # first header row (0-based)
    last: int                           # last header row
    data_start: int
    stt_col: int | None
    field_col: int | None
    unit_col: int | None
    columns: dict[str, list[int]]       # canonical → grid columns (added up)
    ignored: list[tuple[int, str]] = field(default_factory=list)   # (column, header) not in the form
    problems: list[str] = field(default_factory=list)
    on_time_note: str | None = None


def _label_kind(text: str) -> str | None:
    t = _no_parens(text).strip(" :.")
    if _LABEL_STT.fullmatch(t):
        return "stt"
    if _LABEL_FIELD.fullmatch(t):
        return "field"
    if _LABEL_UNIT.fullmatch(t):
        return "unit"
    return None


def _number_row_map(texts: list[str]) -> dict[int, int] | None:
    """{column number → grid column} when the row is a "(1) … (13)" row (numbers increasing)."""
    numbers: dict[int, int] = {}
    for j, t in enumerate(texts):
        if t and (m := _NUMBER_CELL.match(t)):
            numbers.setdefault(int(m.group(1)), j)
        elif t:
            return None
    if len(numbers) < 5:
        return None
    ordered = sorted(numbers.items())
    if any(b[1] <= a[1] for a, b in itertools.pairwise(ordered)):
        return None
    return numbers


def _is_number(cell: object) -> bool:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return not (isinstance(cell, float) and np.isnan(cell))
    return bool(re.fullmatch(r"[+-]?\d[\d.,\u00a0 ]*", str(cell).strip())) if cell is not None else False


def _find_layout(texts: list[list[str]], grid: pd.DataFrame, merged: list | None) -> _Layout | None:
    """The header band and its column map, or None if no Biểu 06 header is on the sheet."""
    n_rows = len(texts)
    for i in range(min(MAX_TITLE_ROWS, n_rows)):
        plains = [plain(t) for t in texts[i]]
        kinds = {j: k for j, t in enumerate(plains) if t and (k := _label_kind(t))}
        if not any(k in ("field", "unit") for k in kinds.values()):
            continue
        # The header vocabulary must appear in this row or the next ones (a title line such as
        # "Lĩnh vực: Đất đai" is not a header).
        window = [plain(t) for r in range(i, min(i + MAX_HEADER_ROWS, n_rows)) for t in texts[r]]
        if sum(1 for t in window if t and _VOCAB.search(t)) < 3:
            continue
        layout = _layout_at(i, kinds, texts, grid, merged)
        if layout is not None:
            return layout
    return _numbered_layout(texts)


def _numbered_layout(texts: list[list[str]]) -> _Layout | None:
    """A form whose field column is not headed "Lĩnh vực" (e.g. "Nội dung") but that carries the
    circular's "(1) … (13)" row: the numbers alone place every column, as the reader always did."""
    for i in range(min(MAX_TITLE_ROWS + MAX_HEADER_ROWS, len(texts))):
        numbers = _number_row_map(texts[i])
        if numbers is None or (mapping := _map_by_numbers(numbers)) is None:
            continue
        first = max(i - 2, 0)  # the circular's two header rows above the numbers
        return _Layout(first, i - 1, i + 1, numbers.get(1), numbers[2], None, mapping)
    return None


def _layout_at(i: int, kinds: dict[int, str], texts: list[list[str]], grid: pd.DataFrame,
               merged: list | None) -> _Layout | None:
    label_cols = {k: j for j, k in sorted(kinds.items(), reverse=True)}  # leftmost of each kind
    value_from = max(label_cols.values()) + 1
    width = max(len(r) for r in texts)
    n_rows = len(texts)
    # Group headings may sit above the row that carries "STT" / "Lĩnh vực" when those are not merged.
    first = i
    while first > 0 and i - first < 2:
        above = [plain(t) for t in texts[first - 1][value_from:]]
        if any(t and _VOCAB.search(t) for t in above) and not any(plain(t) for t in texts[first - 1][:value_from]):
            first -= 1
        else:
            break
    last = i
    number_map: dict[int, int] | None = None
    data_start = i + 1
    for r in range(i + 1, min(i + MAX_HEADER_ROWS + 1, n_rows)):
        row = texts[r]
        if (number_map := _number_row_map(row)) is not None:
            data_start = r + 1
            break
        values = grid.iloc[r, value_from:].tolist()
        if not any(row) or any(_is_number(v) for v in values if _cell_text(v)):
            data_start = r
            break
        last = r
        data_start = r + 1
    band = [list(texts[r]) + [""] * (width - len(texts[r])) for r in range(first, last + 1)]
    _fill_merged(band, first, merged)
    _fill_groups(band)
    layout = _Layout(first, last, data_start, label_cols.get("stt"), label_cols.get("field"),
                     label_cols.get("unit"), {})
    by_words = _map_by_words(band, value_from, width, layout)
    by_numbers = _map_by_numbers(number_map) if number_map else None
    complete = _missing(by_words) == []
    if complete and by_numbers and not _missing(by_numbers) and by_numbers != by_words:
        layout.problems.append(
            f"tiêu đề cột và dòng số thứ tự cột (dòng {data_start}) không khớp nhau: "
            + "; ".join(f"cột {_letters(by_words.get(c, []))} là {column_ref(c)} theo chữ nhưng theo số là cột "
                        f"{_letters(by_numbers.get(c, []))}" for c in FORM_COLUMNS if by_words.get(c) != by_numbers.get(c))
        )
    elif not complete and by_numbers and not _missing(by_numbers):
        by_words = by_numbers  # the "(1)…(13)" row is the form's own anchor (domain reference §3)
        layout.ignored = [(j, h) for j, h in layout.ignored if j not in {c for cs in by_numbers.values() for c in cs}]
    elif not complete:
        found = ", ".join(f"{column_label(c)} (cột {_letters(js)})" for c, js in by_words.items()) or "không có"
        layout.problems.append(
            f"không nhận ra các cột {', '.join(column_ref(c) for c in _missing(by_words))} trong phần tiêu đề bảng "
            f"(dòng {first + 1}–{last + 1}); "
            f"các cột đã nhận: {found}"
        )
    layout.columns = by_words
    return layout


def _fill_merged(band: list[list[str]], first: int, merged: list | None) -> None:
    """Give every cell of a merged range the text of its top-left cell (calamine's ranges, 0-based)."""
    if not merged:
        return
    last = first + len(band) - 1
    for (r1, c1), (r2, c2) in merged:
        if r2 < first or r1 > last or not (first <= r1 <= last):
            continue
        text = band[r1 - first][c1] if c1 < len(band[0]) else ""
        for r in range(r1, min(r2, last) + 1):
            for c in range(c1, min(c2 + 1, len(band[0]))):
                if not band[r - first][c]:
                    band[r - first][c] = text


def _fill_groups(band: list[list[str]]) -> None:
    """Without merge information, a group heading covers the blank cells to its right under which
    lower header rows have labels (how a merged range looks once flattened)."""
    for r in range(len(band) - 1):
        row = band[r]
        has_below = [any(band[k][j] for k in range(r + 1, len(band))) for j in range(len(row))]
        source = None
        for j, text in enumerate(row):
            if text:
                source = text if has_below[j] else None
            elif source is not None and has_below[j]:
                row[j] = source
            else:
                source = None


def _map_by_words(band: list[list[str]], value_from: int, width: int, layout: _Layout) -> dict[str, list[int]]:
    mapping: dict[str, list[int]] = {}
    seen_sections: list[str] = []
    for j in range(value_from, width):
        parts: list[str] = []
        for row in band:
            t = row[j]
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        if not parts:
            continue
        plains = [plain(_no_parens(t)) for t in parts]
        leaf_raw = parts[-1]
        leaf = plains[-1]
        if not leaf:  # a bare "(…)" cell
            continue
        if _EXTRA.search(leaf):
            layout.ignored.append((j, " / ".join(parts)))
            continue
        path = " | ".join(plains)
        section = next((s for s, rx in _LEAF_SECTIONS if rx.search(leaf)), None) if len(plains) == 1 else None
        section = section or next((s for s, rx in _SECTIONS if rx.search(path)), None)
        if section is None:
            section = next((s for s, rx in _LEAF_SECTIONS if rx.search(leaf)), None)
        role = None
        if section is not None:
            role = next((c for c, rx in _ROLES[section] if rx.search(leaf)), None)
        if role is None:
            layout.ignored.append((j, " / ".join(parts)))
            continue
        if section not in seen_sections:
            seen_sections.append(section)
        if role in mapping and role not in SUMMABLE_COLUMNS:
            layout.problems.append(
                f"hai cột {_letters(mapping[role])} và {_letters([j])} cùng được hiểu là {column_ref(role)} "
                f"({' / '.join(parts)}): không biết dùng cột nào")
            continue
        mapping.setdefault(role, []).append(j)
        if role == "resolved_on_time" and re.search(r"tra lai|rut", plain(leaf_raw)):
            layout.on_time_note = (f"Cột {_letters([j])} '{leaf_raw}' được ghi là giải quyết đúng hạn "
                                   "(theo biểu, gồm cả hồ sơ trả lại/xin rút)")
    return {c: mapping[c] for c in FORM_COLUMNS if c in mapping}


def _map_by_numbers(numbers: dict[int, int]) -> dict[str, list[int]] | None:
    """Columns (3)…(13) by their numbers; None unless (2)…(13) are all there."""
    if not all(n in numbers for n in range(2, 14)):
        return None
    return {c: [numbers[n]] for c, n in zip(FORM_COLUMNS, range(3, 14), strict=True)}


def _missing(mapping: dict[str, list[int]]) -> list[str]:
    return [c for c in FORM_COLUMNS if c not in mapping and c not in OPTIONAL_FORM_COLUMNS]


def _letters(cols: list[int]) -> str:
    return "+".join(excel_column(j) for j in cols) or "?"


# --- title block ----------------------------------------------------------------------------

_UNIT_LINE = re.compile(r"^[\s\-–•*+.]*(?:ten\s+)?(?:don vi|co quan)(?:\s+bao cao)?\s*:\s*")
_FIELD_LINE = re.compile(r"^[\s\-–•*+.]*(?:ten\s+)?linh vuc(?:\s+bao cao|\s+giai quyet)?\s*:\s*")
_HEADING = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+(?:phuong|xa|dac khu)\s+\S|^(?:so|ban quan ly)\s+\S")
_ALL_FIELDS = re.compile(r"^(?:tat ca|toan bo|cac linh vuc|tat ca cac linh vuc)\b")


def _title_rows(title_cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    rows: dict[int, list[str]] = {}
    for row, text in title_cells:
        rows.setdefault(row, []).append(text.strip())
    return [(row, " | ".join(t for t in texts if t)) for row, texts in sorted(rows.items())]


def _title_period(title_cells: list[tuple[int, str]]) -> tuple[ReportPeriod, int] | None:
    """The period stated anywhere in the title, and the first row that states one."""
    rows = _title_rows(title_cells)
    found = parse_report_period(" | ".join(text for _, text in rows))
    if found is None:
        return None
    row = next((r for r, text in rows if _safe_parse(text) is not None), rows[0][0])
    return found, row


def _safe_parse(text: str) -> ReportPeriod | None:
    try:
        return parse_report_period(text)
    except ConflictingPeriods:
        return None


def _labelled_line(title_cells: list[tuple[int, str]], label: re.Pattern[str]) -> tuple[str, int] | None:
    """(the text after the colon, row) of the first title line "<label>: <text>" with a text."""
    for row, text in title_cells:
        for line in str(text).splitlines():
            if label.match(plain(line)) and ":" in line and (value := line.split(":", 1)[1].strip()):
                return value, row
    return None


def _unit_line(title_cells: list[tuple[int, str]]) -> tuple[str, int] | None:
    """"- Đơn vị báo cáo: Phường Hải Châu" (not "Đơn vị nhận báo cáo", not "Đơn vị tính")."""
    return _labelled_line(title_cells, _UNIT_LINE)


def _unit_from_heading(title_cells: list[tuple[int, str]]) -> tuple[str, int] | None:
    """An agency heading such as "UBND PHƯỜNG HẢI CHÂU" (top left of official documents)."""
    for row, text in title_cells:
        for line in str(text).splitlines():
            if _HEADING.match(plain(line)):
                return line.strip(), row
    return None


def _field_line(title_cells: list[tuple[int, str]]) -> tuple[str, int] | None:
    """"Lĩnh vực: Đất đai" in the title of a consolidated (06a) sheet."""
    return _labelled_line(title_cells, _FIELD_LINE)


def _same_unit(a: str, b: str) -> bool:
    """Whether two spellings name the same unit: compared as the matcher compares names
    (prefixes such as "UBND phường" dropped, tone-mark placement ignored); one name may
    extend the other ("Sở Tư pháp" / "Sở Tư pháp thành phố Đà Nẵng")."""
    ka, ta = strip_prefixes(name_key(a))
    kb, tb = strip_prefixes(name_key(b))
    if ta is not None and tb is not None and not set(ta) & set(tb):
        return False
    if ka == kb or ka.startswith(kb + " ") or kb.startswith(ka + " "):
        return True
    # A code chosen on upload ("phuong-hai-chau") against the title's "UBND PHƯỜNG HẢI CHÂU": codes
    # are the names without diacritics. Only ever used to decide that two spellings agree.
    return _code_key(a) == _code_key(b) != ""


def _code_key(text: str) -> str:
    key = ascii_key(str(text).replace("-", " "))
    return re.sub(r"^(?:ubnd|uy ban nhan dan)\s+", "", key)


# --- the sheet ------------------------------------------------------------------------------


class _SheetProblems:
    """The problems and notes of one sheet, worded by catalogue keys (see i18n/words/ingest.py)."""

    def __init__(self, file: str, sheet: str) -> None:
        self.file, self.sheet = file, sheet
        self.problems: list[Problem] = []

    def error(self, row: int | None, column: str, key: str, severity: Severity = Severity.ERROR, /,
              **params: object) -> None:
        self.problems.append(Problem.of(self.file, self.sheet, row, column, key, severity, **params))

    def note(self, row: int | None, column: str, key: str, /, **params: object) -> None:
        self.problems.append(ReaderNote.of(self.file, self.sheet, row, column, key, Severity.ERROR, **params))


@dataclass
class _TitleKeys:
    """The unit, period and field the title block states (or the upload's choices), with their rows."""

    per_row_units: bool
    unit: tuple[str | None, int | None] = (None, None)
    period: tuple[str | None, int | None] = (None, None)
    field: tuple[str | None, int | None] = (None, None)
    per_row_fields: bool = False

    @property
    def known(self) -> bool:
        return bool((self.per_row_units or self.unit[0]) and self.period[0] and (self.per_row_fields or self.field[0]))


def read_official_sheet(file: str, sheet: str, grid: pd.DataFrame, unit: str | None, period: str | None,
                        today: date | None = None, merged: list | None = None,
                        ) -> tuple[list[RawTable], list[Problem]] | None:
    """The sheet as a dossiers RawTable, or None if it has no Biểu 06 header.

    `unit`/`period` are the choices made on upload: they fill what the title does not
    state and never replace it. `merged` is calamine's `merged_cell_ranges` when known.
    """
    texts = [[_cell_text(c) for c in row] for row in grid.itertuples(index=False, name=None)]
    layout = _find_layout(texts, grid, merged)
    if layout is None:
        return None
    out = _SheetProblems(file, sheet)
    header_row = layout.first + 1
    _layout_problems(out, layout, header_row)
    title_cells = [(i + 1, t) for i in range(layout.first) for t in texts[i] if t]
    keys = _title_keys(out, layout, title_cells, unit, period, header_row, today or date.today())
    body_rows, total_row, group_rows = _body_rows(texts, grid, layout, out)
    if group_rows:
        out.note(group_rows[0] + 1, excel_column(layout.stt_col or 0), "ingest.note.group_rows", n=len(group_rows),
                 rows=", ".join(str(r + 1) for r in group_rows[:10]) + ("…" if len(group_rows) > 10 else ""))
    if layout.problems or not keys.known:
        return [], out.problems
    table = _dossier_table(file, sheet, grid, layout, keys, body_rows, header_row)
    if total_row is not None and body_rows:
        out.problems += _check_total(file, sheet, grid, total_row, body_rows, layout.columns)
    return [table], out.problems


def _layout_problems(out: _SheetProblems, layout: _Layout, header_row: int) -> None:
    """What the header says: columns not understood (errors), columns not imported and the 07a
    variant (notes)."""
    for message in layout.problems:
        out.error(header_row, "", "ingest.problem.form_layout", detail=message)
    for j, label in layout.ignored:
        out.note(header_row, excel_column(j), "ingest.note.column_not_in_form", label=label)
    if layout.on_time_note:
        out.note(header_row, "", "ingest.problem.with_more", sentence=layout.on_time_note, more="")
    if "resolved_early" not in layout.columns and not layout.problems:
        out.note(header_row, "", "ingest.note.no_early_column")


def _title_keys(out: _SheetProblems, layout: _Layout, title_cells: list[tuple[int, str]], unit: str | None,
                period: str | None, header_row: int, today: date) -> _TitleKeys:
    keys = _TitleKeys(per_row_units=layout.unit_col is not None, per_row_fields=layout.field_col is not None)
    if not keys.per_row_units:
        keys.unit = _resolve_unit(title_cells, unit, header_row, out)
    elif unit:
        out.note(None, "", "ingest.note.unit_choice_unused", unit=unit)
    keys.period = _resolve_period(title_cells, period, header_row, today, out)
    if not keys.per_row_fields:
        found = _field_line(title_cells)
        if found is None:
            out.error(None, TITLE_LOCATION, "ingest.problem.form_without_field")
        elif _ALL_FIELDS.match(plain(found[0])):
            out.error(found[1], TITLE_LOCATION, "ingest.problem.form_all_fields", stated=found[0])
        else:
            keys.field = found
    return keys


def _dossier_table(file: str, sheet: str, grid: pd.DataFrame, layout: _Layout, keys: _TitleKeys,
                   body_rows: list[int], header_row: int) -> RawTable:
    """The body rows as a dossiers RawTable: keys from their columns or from the title block."""
    data = pd.DataFrame(index=range(len(body_rows)))
    columns: dict[str, str] = {}
    key_rows: dict[str, int] = {}
    for key, col, (text, row) in (("field_code", layout.field_col, keys.field), ("unit_code", layout.unit_col, keys.unit)):
        if col is not None:
            data[key] = grid.iloc[body_rows, col].to_numpy()
            columns[key] = excel_column(col)
        else:
            data[key] = text
            columns[key], key_rows[key] = TITLE_LOCATION, row
    data["month"] = keys.period[0]
    columns["month"], key_rows["month"] = TITLE_LOCATION, keys.period[1]
    for col, js in layout.columns.items():
        data[col] = _column_values(grid, body_rows, js)
        columns[col] = _letters(js)
    for col in OPTIONAL_FORM_COLUMNS - set(layout.columns):
        # Not in this layout (07a): its "Đúng hạn" counts every dossier resolved in time, early ones
        # included, so "trước hạn" is 0 by construction and the on-time rate (early + on time over
        # resolved) stays exactly what the form says. Leaving it blank would make the unit's on-time
        # rate "not reported" although the form reports it.
        data[col] = 0
        columns[col] = "—"
    data["_row"] = np.array(body_rows, dtype="int64") + 1
    return RawTable(file, sheet, Family.DOSSIERS, data, columns, header_row, key_rows)


def _resolve_unit(title_cells: list[tuple[int, str]], chosen: str | None, header_row: int, out: _SheetProblems,
                  ) -> tuple[str | None, int | None]:
    line = _unit_line(title_cells)
    heading = _unit_from_heading(title_cells)
    if line and heading and not _same_unit(line[0], heading[0]):
        out.error(line[1], TITLE_LOCATION, "ingest.problem.unit_heading_vs_line", heading=heading[0],
                  heading_row=heading[1], line=line[0], line_row=line[1])
        return None, None
    title_unit = line or heading
    if title_unit and chosen and not _same_unit(chosen, title_unit[0]):
        out.error(title_unit[1], TITLE_LOCATION, "ingest.problem.unit_title_vs_choice", title=title_unit[0],
                  chosen=chosen)
        return None, None
    if title_unit:
        return title_unit
    if chosen:
        return chosen, header_row
    out.error(None, TITLE_LOCATION, "ingest.problem.unit_unknown")
    return None, None


def _resolve_period(title_cells: list[tuple[int, str]], chosen: str | None, header_row: int, today: date,
                    out: _SheetProblems) -> tuple[str | None, int | None]:
    """The month of the form: the title's if it states one; the month chosen on upload only if it
    states none. A stated span of several months is refused whatever was chosen."""
    chosen_month = None
    if chosen:
        parsed = parse_month_text(chosen)
        if parsed is None:
            out.error(None, TITLE_LOCATION, "ingest.problem.chosen_month_invalid", chosen=chosen)
            return None, None
        chosen_month = f"{parsed:%Y-%m}"
    try:
        found = _title_period(title_cells)
    except ConflictingPeriods as exc:
        out.error(None, TITLE_LOCATION, exc.key, **exc.params)
        return None, None
    if found is not None:
        rp, row = found
        if rp.month is None:
            extra = phrase("ingest.problem.chosen_month_unused", month=chosen_month) if chosen_month else ""
            out.error(None, TITLE_LOCATION, "ingest.problem.with_more", sentence=rp.refusal_phrase(row), more=extra)
            return None, None
        if chosen_month and chosen_month != rp.month:
            out.error(row, TITLE_LOCATION, "ingest.problem.period_vs_choice", title=rp.month, chosen=chosen_month)
            return None, None
        if rp.note_phrase:
            out.note(row, TITLE_LOCATION, "ingest.problem.with_more", sentence=rp.note_phrase, more="")
        if rp.partial:
            out.error(row, TITLE_LOCATION, "ingest.problem.period_partial", Severity.WARNING, span=rp.span,
                      month=rp.last_day)
        _not_over(rp.first_day, rp.last_day, rp.month, row, today, out)
        return rp.month, row
    if chosen_month:
        y, m = int(chosen_month[:4]), int(chosen_month[5:])
        _not_over(date(y, m, 1), month_last_day(y, m), chosen_month, header_row, today, out)
        return chosen_month, header_row
    out.error(None, TITLE_LOCATION, "ingest.problem.period_unknown")
    return None, None


def _not_over(first: date, last: date, month: str, row: int | None, today: date, out: _SheetProblems) -> None:
    """A period that has not ended yet has figures that will still change: confirm before storing.

    A month after today's is already an error in validation.py ("ở tương lai"); this covers
    the month in progress (and a 15→14 period whose closing day is still ahead).
    """
    if last >= today and month <= f"{today:%Y-%m}":
        out.error(row, TITLE_LOCATION, "ingest.problem.period_not_over", Severity.WARNING, first=first, last=last,
                  today=today)


def _body_rows(texts: list[list[str]], grid: pd.DataFrame, layout: _Layout, out: _SheetProblems,
               ) -> tuple[list[int], int | None, list[int]]:
    """(data rows, the "Tổng cộng" row if any, skipped group rows), all 0-based.

    The total row may come first or last (systems differ); it is a check, never data.
    The signature block ("Người lập biểu", "Thủ trưởng đơn vị") ends the table.
    """
    value_cols = sorted({j for js in layout.columns.values() for j in js})
    name_col = layout.unit_col if layout.unit_col is not None else layout.field_col
    body: list[int] = []
    groups: list[int] = []
    total_row = None
    first_value = min(value_cols) if value_cols else len(texts[0]) if texts else 0
    for i in range(layout.data_start, len(texts)):
        row = texts[i]
        # Only cells with words can end the table; figures are most cells of a 10,000-row export.
        plains = [plain(t) for t in row if t and not _FIGURE.fullmatch(t)]
        if any(_STOP.search(t) for t in plains) or any(_DATE_LINE.match(t) for t in plains):
            break
        labels = [plain(row[j]) for j in range(min(first_value, len(row))) if row[j]]
        values = [row[j] if j < len(row) else "" for j in value_cols]
        if any(_TOTAL_LABEL.fullmatch(_no_parens(t).strip(" :.-")) for t in labels):
            if total_row is None:
                total_row = i
            continue
        if not any(values):
            continue  # blank line, or a group heading without figures
        stt = plain(row[layout.stt_col]) if layout.stt_col is not None and layout.stt_col < len(row) else ""
        if stt and _ROMAN_OR_LETTER.match(stt) and name_col is not None:
            groups.append(i)  # "I. Cấp xã" with its subtotal: a sum of the rows below, not a unit
            continue
        name = row[name_col] if name_col is not None and name_col < len(row) else ""
        if not name:
            what = "unit" if layout.unit_col is not None else "field"
            out.error(i + 1, excel_column(name_col if name_col is not None else 0), "ingest.problem.row_without_name",
                      what=phrase(f"ingest.what.{what}"))
            continue
        if layout.field_col is not None and layout.unit_col is not None and not row[layout.field_col]:
            out.error(i + 1, excel_column(layout.field_col), "ingest.problem.row_without_name",
                      what=phrase("ingest.what.field"))
            continue
        body.append(i)
    return body, total_row, groups


def _column_values(grid: pd.DataFrame, rows: list[int], cols: list[int]) -> np.ndarray:
    """The cells of one form column; several grid columns (online/direct/post split) are added up,
    keeping an unreadable cell as it is so that validation names it."""
    if len(cols) == 1:
        return grid.iloc[rows, cols[0]].to_numpy()
    total = np.zeros(len(rows), dtype="int64")
    raw = np.full(len(rows), None, dtype=object)
    for j in cols:
        cells = pd.Series(grid.iloc[rows, j].to_numpy(), dtype=object)
        values, bad, negative, not_int = parse_counts(cells)
        total += values
        broken = bad | negative | not_int
        raw[broken & pd.isna(raw)] = cells[broken & pd.isna(raw)].to_numpy()
    return np.where(pd.isna(raw), total, raw).astype(object)


def _check_total(file: str, sheet: str, grid: pd.DataFrame, total_row: int, body_rows: list[int],
                 columns: dict[str, list[int]]) -> list[Problem]:
    """A "Tổng cộng" row that disagrees with the rows of the table is worth a warning."""
    problems = []
    for js in columns.values():
        cells = [grid.iloc[total_row, j] for j in js]
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        total, bad, _, _ = parse_counts(pd.Series(cells, dtype=object))
        if bad.any():
            continue
        body = sum(int(parse_counts(pd.Series(grid.iloc[body_rows, j].to_numpy(), dtype=object))[0].sum()) for j in js)
        if int(total.sum()) != body:
            problems.append(Problem.of(file, sheet, total_row + 1, _letters(js), "ingest.problem.total_row_mismatch",
                                       Severity.WARNING, stated=int(total.sum()), body=body))
    return problems

