"""Readers: bytes of a CSV, a template workbook or an official form → `RawTable`s.

Readers only locate cells; validation.py decides what they mean.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook

from ingest.matching import ascii_key
from ingest.model import COLUMN_LABELS, FAMILY_VALUE_COLUMNS, KEY_LABELS, Problem
from ingest.safety import FileKind, UnsafeFile
from ingest.validation import RawTable
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


def read_csv(file: str, data: bytes) -> tuple[list[RawTable], list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnsafeFile(
            "Tệp CSV không dùng bảng mã UTF-8: hãy mở bằng Excel và lưu lại dạng 'CSV UTF-8'"
        ) from None
    first_line = text.split("\n", 1)[0]
    sep = max((";", ",", "\t"), key=first_line.count)
    try:
        grid = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, header=None,
                           skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, ValueError) as exc:
        return [], [Problem(file, "", None, "", f"Không đọc được tệp CSV: {exc}")]
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
                  ) -> tuple[list[RawTable], list[Problem]]:
    # --- HTML saved as .xls (issue 10): one-stop systems' "Excel" export. lxml reads it here, with
    # its own size and cell limits (ingest/html_table.py); the calamine sandbox below is not needed.
    from ingest.html_table import looks_like_html, read_html_workbook

    if looks_like_html(data):
        return read_html_workbook(file, data, unit, period)
    # --- end of the HTML branch ---
    from ingest.official_form import read_official_sheet  # official forms need the same grid helpers

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
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        if not rows:
            continue
        grid = pd.DataFrame(rows, dtype=object)
        found = _find_header(grid)
        if found is not None:
            header_index, mapping = found
            table = table_from_grid(file, name, grid, header_index, mapping,
                                    {j: excel_column(j) for j in mapping})
            if table is not None:
                tables.append(_numeric_columns(table))
            continue
        official = read_official_sheet(file, name, grid, unit, period)
        if official is not None:
            sheet_tables, sheet_problems = official
            tables.extend(sheet_tables)
            problems.extend(sheet_problems)
    if not tables and not problems:
        problems.append(Problem(file, "", None, "", _NO_TABLE))
    return tables, problems


def _numeric_columns(table: RawTable) -> RawTable:
    """Let all-number columns become float64: validation then skips text parsing (fast path)."""
    data = table.data
    for col in data.columns:
        if col in ("_row", "unit_code", "field_code", "month"):
            continue
        series = data[col].replace("", None)
        converted = series.infer_objects()
        if pd.api.types.is_numeric_dtype(converted):
            data[col] = converted.astype("float64")
    return table
