"""Workbooks (.xlsx, .xls) → `RawTable`s, in this process: only the sandbox worker calls
`read_workbook_here` (ingest.sandbox runs it under a memory and time budget).

An .xlsx is scanned by xlsx_guard before calamine opens any sheet (calamine aborts the process
on a far-away cell). Hidden sheets, rows and columns are not imported.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from ingest.formula_check import formula_cells_without_value, formula_problem
from ingest.grid import NO_TABLE, excel_column, template_table
from ingest.model import Problem, Severity
from ingest.official_form import read_official_sheet
from ingest.safety import FileKind, UnsafeFile
from ingest.validation import RawTable
from ingest.wording import Count, Phrase, phrase
from ingest.xlsx_guard import (
    MAX_COLUMNS,
    MAX_GRID_CELLS,
    MAX_ROWS,
    LocatedRefusal,
    SheetLayout,
    inspect_xlsx,
    limits_phrase,
)


def read_workbook_here(file: str, data: bytes, kind: FileKind, unit: str | None, period: str | None,
                       guard: bool = True, today: date | None = None,
                       ) -> tuple[list[RawTable], list[Problem], list[Phrase]]:
    """(tables, problems, notes) of a workbook, in this process: only the sandbox worker calls this.

    An .xlsx is scanned by xlsx_guard before calamine opens any sheet (calamine aborts the process
    on a far-away cell). Hidden sheets, rows and columns are not imported; `notes` says what was
    skipped.
    """
    layout = inspect_xlsx(file, data) if guard and kind is FileKind.XLSX else None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise UnsafeFile.of("ingest.unsafe.password") from None
        raise UnsafeFile.of("ingest.unsafe.workbook_broken", kind=kind.value) from None
    except Exception as exc:  # calamine raises plain errors for some broken files
        raise UnsafeFile.of("ingest.unsafe.workbook_unreadable", error=str(exc)) from None
    tables: list[RawTable] = []
    problems: list[Problem] = []
    notes: list[Phrase] = []
    # calamine's own metadata is the only source for .xls (BIFF): it knows hidden sheets, but
    # calamine does not expose hidden rows or columns of .xls, so those are imported there.
    visible = {m.name: m.visible == SheetVisibleEnum.Visible for m in wb.sheets_metadata}
    for name in wb.sheet_names:
        sheet_layout = layout.sheet(name) if layout is not None else None
        if layout is not None and sheet_layout is None:
            # Never hand calamine a sheet the guard has not scanned.
            raise UnsafeFile.of("ingest.unsafe.sheet_not_checked", file=file, sheet=name)
        if not (sheet_layout.visible if sheet_layout is not None else visible.get(name, True)):
            notes.append(phrase("ingest.note.hidden_sheet", sheet=name))
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
        if (table := template_table(file, name, grid)) is not None:
            tables.append(table)
            continue
        official = read_official_sheet(file, name, grid, unit, period, today=today, merged=merged)
        if official is not None:
            sheet_tables, sheet_problems = official
            tables.extend(sheet_tables)
            problems.extend(sheet_problems)
    if not tables and not problems:
        problems.append(Problem.of(file, "", None, "", NO_TABLE))
    return tables, problems, notes


def _formulas_without_value(file: str, data: bytes, sheet: SheetLayout) -> Problem | None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(sheet.part) as xml:
        cells = formula_cells_without_value(xml)
    # Only cells inside the area that is read matter (a stray formula far below the table is ignored
    # by calamine like any other empty cell).
    cells = [c for c in cells if _inside(c, sheet.rows, sheet.columns)]
    if not cells:
        return None
    found = formula_problem(cells)
    return Problem.of(file, sheet.name, None, "", found.key, Severity.ERROR, **dict(found.params))


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
    if end is None:
        return
    rows, cols = end[0] + 1, end[1] + 1
    if rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_GRID_CELLS:
        raise LocatedRefusal.at("ingest.unsafe.sheet_extent", sheet, sheet=sheet, file=file,
                                ref=f"{excel_column(cols - 1)}{rows}", limits=limits_phrase(),
                                cells=Count(MAX_GRID_CELLS))


def _blank_hidden(grid: pd.DataFrame, sheet: str, hidden_rows: frozenset[int], hidden_columns: frozenset[int],
                  ) -> list[Phrase]:
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
            notes.append(phrase("ingest.note.hidden_rows", n=len(filled), rows=_spans(filled, str), sheet=sheet))
    if cols:
        block = grid.iloc[:, cols]
        filled = [c + 1 for c, has in zip(cols, (block.notna() & block.ne("")).any(axis=0), strict=True) if has]
        grid.iloc[:, cols] = None
        if len(filled) == 1:
            notes.append(phrase("ingest.note.hidden_column", column=excel_column(filled[0] - 1), sheet=sheet))
        elif filled:
            notes.append(phrase("ingest.note.hidden_columns", n=len(filled),
                                columns=_spans(filled, lambda c: excel_column(c - 1)), sheet=sheet))
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
