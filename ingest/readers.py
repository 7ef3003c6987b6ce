"""Readers: bytes of a CSV, a template workbook or an official form → `RawTable`s.

Readers only locate cells; validation.py decides what they mean.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from datetime import date

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from ingest.matching import ascii_key
from ingest.model import COLUMN_LABELS, FAMILY_VALUE_COLUMNS, KEY_LABELS, Problem
from ingest.safety import FileKind, UnsafeFile
from ingest.validation import RawTable
from ingest.xlsx_guard import SheetLayout
from metrics.indicators import Family

_KEY_ALIASES = {
    "unit_code": ("unit_code", "unit", "đơn vị", "mã đơn vị", "tên đơn vị", "cơ quan, đơn vị"),
    "field_code": ("field_code", "field", "lĩnh vực", "mã lĩnh vực", "tên lĩnh vực"),
    "month": ("month", "tháng", "kỳ báo cáo", "tháng báo cáo"),
}


def _header_key(text: object) -> str:
    """Headers compare without diacritics, case, punctuation or a '(…)' hint."""
    return ascii_key(re.sub(r"\(.*?\)", " ", str(text)))


def _build_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for canonical, label in {**COLUMN_LABELS, **KEY_LABELS}.items():
        aliases[_header_key(canonical)] = canonical
        aliases[_header_key(canonical.replace("_", " "))] = canonical
        aliases[_header_key(label)] = canonical
    for canonical, names in _KEY_ALIASES.items():
        for n in names:
            aliases[_header_key(n)] = canonical
    return aliases


HEADER_ALIASES = _build_aliases()


def excel_column(index: int) -> str:
    """0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _family_of(canonicals: set[str]) -> Family | None:
    scores = {f: len(canonicals & set(cols)) for f, cols in FAMILY_VALUE_COLUMNS.items()}
    family, score = max(scores.items(), key=lambda kv: kv[1])
    return family if score else None


def _map_header(cells: list[object]) -> dict[int, str]:
    """Column index → canonical name, for the cells that are recognised headers."""
    found: dict[int, str] = {}
    for j, cell in enumerate(cells):
        canonical = HEADER_ALIASES.get(_header_key(cell)) if str(cell).strip() else None
        if canonical and canonical not in found.values():
            found[j] = canonical
    return found


def table_from_grid(file: str, sheet: str, grid: pd.DataFrame, header_index: int, mapping: dict[int, str],
                    display: dict[int, str]) -> RawTable | None:
    """A RawTable from a rectangular grid (object cells) whose header is at `header_index`."""
    family = _family_of(set(mapping.values()))
    if family is None:
        return None
    body = grid.iloc[header_index + 1:, list(mapping)]
    body.columns = [mapping[j] for j in mapping]
    # Blank rows (or a trailing blank area) are not data.
    filled = body.ne("").to_numpy() & body.notna().to_numpy()
    body = body[filled.any(axis=1)].copy()
    body["_row"] = body.index.to_numpy() + 1
    return RawTable(file, sheet, family, body.reset_index(drop=True),
                    {mapping[j]: display[j] for j in mapping}, header_index + 1)


def _find_header(grid: pd.DataFrame, max_scan: int = 20) -> tuple[int, dict[int, str]] | None:
    for i in range(min(max_scan, len(grid))):
        mapping = _map_header(grid.iloc[i].tolist())
        values = set(mapping.values())
        if "unit_code" in values and _family_of(values) is not None:
            return i, mapping
    return None


# --- CSV ------------------------------------------------------------------------------------


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SEP_HINT = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_SEP_NAMES = {";": "dấu chấm phẩy", ",": "dấu phẩy", "\t": "dấu tab", "|": "dấu |"}


def decode_csv(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), or UTF-16 when it starts with a UTF-16 BOM.

    Excel's "Unicode Text" export is UTF-16 with a BOM (and tabs): it is text, not binary.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")  # the BOM says which byte order
        except UnicodeDecodeError:
            raise UnsafeFile("Tệp CSV bắt đầu bằng dấu hiệu UTF-16 nhưng nội dung bị hỏng: hãy mở bằng Excel "
                             "và lưu lại dạng 'CSV UTF-8'") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnsafeFile(
            "Tệp CSV không dùng bảng mã UTF-8: hãy mở bằng Excel và lưu lại dạng 'CSV UTF-8'"
        ) from None


def split_sep_hint(text: str) -> tuple[str | None, str]:
    """Excel's "sep=;" first line: (the delimiter it names, the text without that line).

    Excel hides that line, so row numbers stay as the user sees them in Excel.
    """
    first, _, rest = text.partition("\n")
    if match := _SEP_HINT.match(first.rstrip("\r")):
        return match.group(1), rest
    return None, text


def _parser_problem(file: str, exc: Exception, sep: str) -> Problem:
    """pandas' English parser error, worded for the user (which line, how many columns)."""
    sep_name = _SEP_NAMES.get(sep, f"'{sep}'")
    if m := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc)):
        expected, line, saw = (int(g) for g in m.groups())
        return Problem(file, "", line, "", f"Dòng {line} có {saw} cột trong khi dòng tiêu đề có {expected} cột "
                       f"(phân cách bằng {sep_name}): kiểm tra dấu phân cách, dấu ngoặc kép hoặc ô chứa {sep_name}")
    return Problem(file, "", None, "", f"Không đọc được tệp CSV (phân cách bằng {sep_name}): kiểm tra dấu "
                   "ngoặc kép và dấu phân cách, hoặc mở bằng Excel và lưu lại dạng 'CSV UTF-8'")


def read_csv(file: str, data: bytes) -> tuple[list[RawTable], list[Problem]]:
    hinted, text = split_sep_hint(decode_csv(data))
    if not text.strip():
        return [], [Problem(file, "", None, "", "Tệp CSV không có dữ liệu")]
    first_line = text.split("\n", 1)[0]
    sep = hinted or max((";", ",", "\t"), key=first_line.count)
    try:
        grid = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, header=None,
                           skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, ValueError) as exc:
        return [], [_parser_problem(file, exc, sep)]
    if grid.empty:
        return [], [Problem(file, "", None, "", "Tệp CSV không có dữ liệu")]
    headers = grid.iloc[0].tolist()
    mapping = _map_header(headers)
    table = table_from_grid(file, "", grid, 0, mapping, {j: str(headers[j]) for j in mapping})
    if table is None or "unit_code" not in mapping.values():
        return [], [Problem(file, "", 1, "", _NO_TABLE)]
    return [table], []


_NO_TABLE = (
    "Không nhận ra bảng số liệu: dòng tiêu đề phải có cột đơn vị, tháng và các cột số liệu theo mẫu "
    "(tải mẫu trên trang Nạp dữ liệu), hoặc theo Biểu số 06/VPCP/KSTT"
)


# --- Excel ----------------------------------------------------------------------------------


def read_workbook(file: str, data: bytes, kind: FileKind, unit: str | None, period: str | None,
                  notes: list[str] | None = None, today: date | None = None) -> tuple[list[RawTable], list[Problem]]:
    """Tables and problems of an .xlsx/.xls, read in a sandboxed worker process (ingest.sandbox):
    a workbook that would exhaust memory or time fails its own upload, never the server.
    What was skipped because it is hidden is appended to `notes`."""
    from ingest.sandbox import read_workbook_isolated

    result = read_workbook_isolated(file, data, kind, unit, period, today=today)
    if notes is not None:
        notes.extend(result.notes)
    return result.tables, result.problems


def read_workbook_here(file: str, data: bytes, kind: FileKind, unit: str | None, period: str | None,
                       guard: bool = True, today: date | None = None,
                       ) -> tuple[list[RawTable], list[Problem], list[str]]:
    """(tables, problems, notes) of a workbook, in this process: only the sandbox worker calls this.

    An .xlsx is scanned by xlsx_guard before calamine opens any sheet (calamine aborts the process
    on a far-away cell). Hidden sheets, rows and columns are not imported; `notes` says what was
    skipped.
    """
    from ingest.official_form import read_official_sheet  # official forms need the same grid helpers
    from ingest.xlsx_guard import inspect_xlsx

    layout = inspect_xlsx(file, data) if guard and kind is FileKind.XLSX else None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise UnsafeFile("Bảng tính được bảo vệ bằng mật khẩu: hãy bỏ mật khẩu rồi tải lên lại") from None
        raise UnsafeFile(f"Không đọc được bảng tính ({kind.value}): tệp bị hỏng hoặc không đúng định dạng") from None
    except Exception as exc:  # calamine raises plain errors for some broken files
        raise UnsafeFile(f"Không đọc được bảng tính: {exc}") from None
    tables: list[RawTable] = []
    problems: list[Problem] = []
    notes: list[str] = []
    # calamine's own metadata is the only source for .xls (BIFF): it knows hidden sheets, but
    # calamine does not expose hidden rows or columns of .xls, so those are imported there.
    visible = {m.name: m.visible == SheetVisibleEnum.Visible for m in wb.sheets_metadata}
    for name in wb.sheet_names:
        sheet_layout = layout.sheet(name) if layout is not None else None
        if layout is not None and sheet_layout is None:
            # Never hand calamine a sheet the guard has not scanned.
            raise UnsafeFile(f"Tệp {file} bị từ chối: không kiểm tra được trang tính '{name}'")
        if not (sheet_layout.visible if sheet_layout is not None else visible.get(name, True)):
            notes.append(f"Bỏ qua trang tính ẩn '{name}'")
            continue
        if sheet_layout is not None and sheet_layout.formulas:
            # Formulas written by a program other than Excel carry no computed value: calamine
            # would read blanks ("not reported") where the sheet shows numbers.
            problem = _formulas_without_value(file, data, sheet_layout)
            if problem is not None:
                problems.append(problem)
                continue
        sheet = wb.get_sheet_by_name(name)
        _check_extent(file, name, sheet.end)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges  # official forms' header spans
        del sheet
        if not rows:
            continue
        grid = pd.DataFrame(rows, dtype=object)
        del rows
        if sheet_layout is not None and (sheet_layout.hidden_rows or sheet_layout.hidden_columns):
            notes.extend(_blank_hidden(grid, name, sheet_layout.hidden_rows, sheet_layout.hidden_columns))
        found = _find_header(grid)
        if found is not None:
            header_index, mapping = found
            table = table_from_grid(file, name, grid, header_index, mapping,
                                    {j: excel_column(j) for j in mapping})
            if table is not None:
                tables.append(_numeric_columns(table))
            continue
        official = read_official_sheet(file, name, grid, unit, period, today=today, merged=merged)
        if official is not None:
            sheet_tables, sheet_problems = official
            tables.extend(sheet_tables)
            problems.extend(sheet_problems)
    if not tables and not problems:
        problems.append(Problem(file, "", None, "", _NO_TABLE))
    return tables, problems, notes


def _formulas_without_value(file: str, data: bytes, sheet: SheetLayout) -> Problem | None:
    from ingest.formula_check import formula_cells_without_value, formula_problem_message

    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(sheet.part) as xml:
        cells = formula_cells_without_value(xml)
    # Only cells inside the area that is read matter (a stray formula far below the table is ignored
    # by calamine like any other empty cell).
    cells = [c for c in cells if _inside(c, sheet.rows, sheet.columns)]
    if not cells:
        return None
    return Problem(file, sheet.name, None, "", formula_problem_message(cells))


def _inside(ref: str, rows: int, columns: int) -> bool:
    m = re.fullmatch(r"([A-Za-z]{1,3})(\d+)", ref or "")
    if m is None:
        return True  # a formula cell without a reference: be safe, report it
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) <= max(rows, 1) and col <= max(columns, 1)


def _check_extent(file: str, sheet: str, end: tuple[int, int] | None) -> None:
    """The same limits as xlsx_guard, on the grid calamine built, before Python copies it cell by cell.
    For an .xlsx the guard has refused such a sheet already; for an .xls (BIFF, at most 65,536 × 256
    cells, which calamine holds safely) this is the only check."""
    from i18n.numbers import fmt_int
    from ingest.xlsx_guard import MAX_COLUMNS, MAX_GRID_CELLS, MAX_ROWS, LocatedRefusal, limits_text

    if end is None:
        return
    rows, cols = end[0] + 1, end[1] + 1
    if rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_GRID_CELLS:
        raise LocatedRefusal(
            f"Trang tính '{sheet}' của tệp {file} có vùng dữ liệu đến ô {excel_column(cols - 1)}{rows}, "
            f"vượt giới hạn {limits_text()} (và {fmt_int(MAX_GRID_CELLS)} ô); hãy xóa các ô thừa ngoài bảng "
            "số liệu rồi lưu lại", sheet)


def _blank_hidden(grid: pd.DataFrame, sheet: str, hidden_rows: frozenset[int], hidden_columns: frozenset[int],
                  ) -> list[str]:
    """Empty the hidden rows and columns of `grid` in place (positions, hence row numbers and column
    letters in messages, stay as in Excel); one note per kind, naming only those that held data."""
    notes = []
    rows = sorted(r - 1 for r in hidden_rows if r - 1 < len(grid))
    cols = sorted(c - 1 for c in hidden_columns if c - 1 < grid.shape[1])
    if rows:
        block = grid.iloc[rows]
        filled = [r + 1 for r, has in zip(rows, (block.notna() & block.ne("")).any(axis=1), strict=True) if has]
        grid.iloc[rows] = None
        if filled:
            notes.append(f"Bỏ qua {len(filled)} dòng ẩn (dòng {_spans(filled, str)}) của trang tính '{sheet}'")
    if cols:
        block = grid.iloc[:, cols]
        filled = [c + 1 for c, has in zip(cols, (block.notna() & block.ne("")).any(axis=0), strict=True) if has]
        grid.iloc[:, cols] = None
        if len(filled) == 1:
            notes.append(f"Bỏ qua cột ẩn {excel_column(filled[0] - 1)} của trang tính '{sheet}'")
        elif filled:
            notes.append(f"Bỏ qua {len(filled)} cột ẩn ({_spans(filled, lambda c: excel_column(c - 1))}) "
                         f"của trang tính '{sheet}'")
    return notes


def _spans(numbers: list[int], show: Callable[[int], str], limit: int = 10) -> str:
    """[12, 13, 14, 20] → "12–14, 20" (the first `limit` runs, then "…")."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    text = ", ".join(show(a) if a == b else f"{show(a)}–{show(b)}" for a, b in runs[:limit])
    return text + (", …" if len(runs) > limit else "")


_ALL_NUMBERS = ("floating", "integer", "mixed-integer-float")


def _numeric_columns(table: RawTable) -> RawTable:
    """Let all-number columns become float64: validation then skips text parsing (fast path)."""
    data = table.data
    for col in data.columns:
        if col in ("_row", "unit_code", "field_code", "month"):
            continue
        if pd.api.types.infer_dtype(data[col], skipna=False) in _ALL_NUMBERS:
            # Already numbers only (the usual case): infer_dtype is one C pass, while replace +
            # infer_objects cost ~0.5 s on a 100,000-row sheet, a third of what the guard costs.
            data[col] = data[col].astype("float64")
            continue
        series = data[col].replace("", None)
        converted = series.infer_objects()
        if pd.api.types.is_numeric_dtype(converted):
            data[col] = converted.astype("float64")
    return table


# Start the sandbox's worker server now, in the background: its first start imports pandas and
# calamine (~1 s), which the first workbook upload would otherwise wait for.
from ingest import sandbox as _sandbox  # noqa: E402

_sandbox.warm_up()
