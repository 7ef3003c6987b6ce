"""Shared by every spreadsheet-shaped reader (CSV, workbook sheet, HTML export): column letters,
header recognition and `RawTable`s cut out of a grid of cells.

Readers only locate cells; validation.py decides what they mean.
"""

from __future__ import annotations

import re

import pandas as pd

from ingest.matching import ascii_key
from ingest.model import COLUMN_LABELS, FAMILY_VALUE_COLUMNS, KEY_LABELS
from ingest.validation import RawTable
from ingest.xlsx_guard import column_letters
from metrics.indicators import Family

_KEY_ALIASES = {
    "unit_code": ("unit_code", "unit", "đơn vị", "mã đơn vị", "tên đơn vị", "cơ quan, đơn vị"),
    "field_code": ("field_code", "field", "lĩnh vực", "mã lĩnh vực", "tên lĩnh vực"),
    "month": ("month", "tháng", "kỳ báo cáo", "tháng báo cáo"),
}


def excel_column(index: int) -> str:
    """0 → A, 27 → AB (a 0-based grid position as Excel names its column)."""
    return column_letters(index + 1)


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


def _family_of(canonicals: set[str]) -> Family | None:
    scores = {f: len(canonicals & set(cols)) for f, cols in FAMILY_VALUE_COLUMNS.items()}
    family, score = max(scores.items(), key=lambda kv: kv[1])
    return family if score else None


def map_header(cells: list[object]) -> dict[int, str]:
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
        mapping = map_header(grid.iloc[i].tolist())
        values = set(mapping.values())
        if "unit_code" in values and _family_of(values) is not None:
            return i, mapping
    return None


def template_table(file: str, sheet: str, grid: pd.DataFrame) -> RawTable | None:
    """The sheet read as the upload template (a header row of known column names within its first
    rows), or None when it has no such header (it may still be an official form)."""
    found = _find_header(grid)
    if found is None:
        return None
    header_index, mapping = found
    table = table_from_grid(file, sheet, grid, header_index, mapping, {j: excel_column(j) for j in mapping})
    return _numeric_columns(table) if table is not None else None


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


# The catalogue key of "no table recognised" (a CSV, a workbook or an HTML page alike).
NO_TABLE = "ingest.problem.no_table"
