"""The official Biểu số 06/VPCP/KSTT layout (Thông tư 01/2020/TT-VPCP).

Offices reword the headers, so the anchors are the row of column numbers
"(1) … (13)" when present, otherwise the column order after "Lĩnh vực". The
unit and the month come from the title block when it names them, otherwise
from the choice made on upload.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import numpy as np
import pandas as pd

from ingest.model import Problem, Severity
from ingest.validation import RawTable
from metrics.indicators import Family

FORM_COLUMNS = (  # columns (3)…(13), in the form's order
    "received_total", "received_online", "received_direct", "received_carried_over",
    "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
    "pending_total", "pending_on_time", "pending_overdue",
)
_NUMBER_CELL = re.compile(r"^\(?\s*(\d{1,2})\s*\)?$")
_STOP_WORDS = ("nguoi lap bieu", "thu truong", "nguoi ky", "ky ten", "xac nhan", "ghi chu")


def plain(text: object) -> str:
    """Lower case without diacritics, punctuation kept (for title regexes)."""
    t = unicodedata.normalize("NFD", str(text)).lower().replace("đ", "d")
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", t).strip()


def _number_row(grid: pd.DataFrame, max_scan: int = 30) -> tuple[int, dict[int, int]] | None:
    """Row index and {form column number → grid column} of a "(1) … (13)" row."""
    for i in range(min(max_scan, len(grid))):
        numbers = {}
        for j, cell in enumerate(grid.iloc[i].tolist()):
            text = str(cell).strip()
            if isinstance(cell, float) and cell.is_integer():
                text = str(int(cell))
            if m := _NUMBER_CELL.match(text):
                numbers.setdefault(int(m.group(1)), j)
        if all(n in numbers for n in range(2, 14)) and all(
            numbers[n] < numbers[n + 1] for n in range(2, 13)
        ):
            return i, numbers
    return None


def _header_row(grid: pd.DataFrame, max_scan: int = 30) -> tuple[int, int] | None:
    """(row, column) of the "Lĩnh vực" header cell next to an "STT" cell."""
    for i in range(min(max_scan, len(grid))):
        cells = [plain(c) for c in grid.iloc[i].tolist()]
        if any(c in ("stt", "so tt", "tt") for c in cells):
            for j, c in enumerate(cells):
                if c.startswith("linh vuc") or c.startswith("ten linh vuc"):
                    return i, j
    return None


_RANGE = re.compile(r"tu ngay\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*,?\s*den ngay\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_MONTH = re.compile(r"thang\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_UNIT = re.compile(r"^(?:ten\s+)?(?:don vi|co quan)(?:\s+bao cao)?\s*:\s*")


def read_title(title_cells: list[tuple[int, str]]) -> tuple[tuple[str, int] | None, tuple[str, int] | None, list[str]]:
    """((month 'YYYY-MM', row), (unit text, row), problems) from the title block.

    A range "từ ngày 15/09/2026 đến ngày 14/10/2026" is the month it ends in (the
    form's usual cut-off), provided it spans at most one month.
    """
    period = unit = None
    messages: list[str] = []
    for row, text in title_cells:
        p = plain(text)
        if period is None and (m := _RANGE.search(p)):
            d1 = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            d2 = _safe_date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
            if d1 is None or d2 is None or d2 < d1 or (d2 - d1).days > 31:
                messages.append(f"Kỳ báo cáo '{text.strip()}' không phải là một tháng")
            else:
                period = (f"{d2:%Y-%m}", row)
        elif period is None and (m := _MONTH.search(p)):
            period = (f"{int(m.group(2)):04d}-{int(m.group(1)):02d}", row)
        if unit is None and (m := _UNIT.match(p)):
            # Keep the original spelling after the colon for matching.
            unit = (text.split(":", 1)[1].strip(), row)
    return period, unit, messages


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def read_official_sheet(file: str, sheet: str, grid: pd.DataFrame, unit: str | None, period: str | None,
                        ) -> tuple[list[RawTable], list[Problem]] | None:
    """The sheet as a dossiers RawTable, or None if it is not a Biểu 06 layout."""
    numbered = _number_row(grid)
    header = _header_row(grid)
    if numbered is None and header is None:
        return None
    if numbered is not None:
        number_index, numbers = numbered
        field_col = numbers[2]
        value_cols = [numbers[n] for n in range(3, 14)]
        start = number_index + 1
        header_index = header[0] if header is not None and header[0] < number_index else max(number_index - 2, 0)
    else:
        header_index, field_col = header
        value_cols = list(range(field_col + 1, field_col + 12))
        if value_cols[-1] >= grid.shape[1]:
            return [], [Problem(file, sheet, header_index + 1, "",
                                "Biểu số 06: không đủ 13 cột (STT, lĩnh vực và 11 cột số liệu)")]
        start = header_index + 2
    problems: list[Problem] = []

    # Title block: every text cell above the header.
    title_cells = [(i + 1, str(c)) for i in range(header_index) for c in grid.iloc[i].tolist()
                   if isinstance(c, str) and c.strip()]
    title_period, title_unit, messages = read_title(title_cells)
    problems += [Problem(file, sheet, None, "tiêu đề", m) for m in messages]
    from ingest.matching import name_key  # compare unit choices by key, not spelling

    if title_unit is None:
        title_unit = _unit_from_heading(title_cells)
    if title_unit and unit and name_key(unit) != name_key(title_unit[0]):
        problems.append(Problem(file, sheet, title_unit[1], "tiêu đề",
                                f"Đơn vị trong tiêu đề '{title_unit[0]}' khác đơn vị đã chọn '{unit}'"))
    if title_period and period and period != title_period[0]:
        problems.append(Problem(file, sheet, title_period[1], "tiêu đề",
                                f"Kỳ báo cáo trong tiêu đề ({title_period[0]}) khác kỳ đã chọn ({period})"))
    unit_text, unit_row = title_unit if title_unit else (unit, header_index + 1)
    period_text, period_row = title_period if title_period else (period, header_index + 1)
    if not unit_text:
        problems.append(Problem(file, sheet, None, "tiêu đề",
                                "Không xác định được đơn vị báo cáo: tiêu đề không ghi tên đơn vị, "
                                "hãy chọn đơn vị khi tải lên"))
    if not period_text and not messages:
        problems.append(Problem(file, sheet, None, "tiêu đề",
                                "Không xác định được kỳ báo cáo: tiêu đề không ghi tháng, "
                                "hãy chọn tháng khi tải lên"))

    body_rows: list[int] = []
    total_row: int | None = None
    for i in range(start, len(grid)):
        cells = grid.iloc[i].tolist()
        texts = [plain(c) for c in cells if isinstance(c, str) and c.strip()]
        if any(t.startswith(("tong cong", "tong so")) or t in ("cong", "tong", "cong:") for t in texts):
            total_row = i
            break
        if any(t.startswith(_STOP_WORDS) for t in texts) or any(t.startswith("ngay ") and "thang" in t for t in texts):
            break
        field = cells[field_col]
        values = [cells[j] for j in value_cols]
        if all(v is None or str(v).strip() == "" for v in values):
            continue  # blank line, or a group heading without figures
        if field is None or str(field).strip() == "":
            problems.append(Problem(file, sheet, i + 1, _letter(field_col), "Dòng có số liệu nhưng thiếu tên lĩnh vực"))
            continue
        body_rows.append(i)

    data = pd.DataFrame({"field_code": grid.iloc[body_rows, field_col].to_numpy()})
    for col, j in zip(FORM_COLUMNS, value_cols, strict=True):
        data[col] = grid.iloc[body_rows, j].to_numpy()
    data["unit_code"] = unit_text or ""
    data["month"] = period_text or ""
    data["_row"] = np.array(body_rows, dtype="int64") + 1
    columns = {"field_code": _letter(field_col), "unit_code": "tiêu đề", "month": "tiêu đề"}
    columns |= {col: _letter(j) for col, j in zip(FORM_COLUMNS, value_cols, strict=True)}
    if not unit_text or not period_text:
        return [], problems
    table = RawTable(file, sheet, Family.DOSSIERS, data, columns, header_index + 1,
                     {"unit_code": unit_row, "month": period_row})
    if total_row is not None and body_rows:
        problems += _check_total(file, sheet, grid, total_row, body_rows, value_cols)
    return [table], problems


def _unit_from_heading(title_cells: list[tuple[int, str]]) -> tuple[str, int] | None:
    """An agency heading such as "UBND PHƯỜNG HẢI CHÂU" (top left of official documents)."""
    for row, text in title_cells:
        p = plain(text)
        if re.match(r"^(ubnd|uy ban nhan dan)\s+(phuong|xa|dac khu)\s+\S", p) or re.match(r"^(so|ban quan ly)\s+\S", p):
            return text.strip(), row
    return None


def _check_total(file: str, sheet: str, grid: pd.DataFrame, total_row: int, body_rows: list[int],
                 value_cols: list[int]) -> list[Problem]:
    """A "Tổng cộng" row that disagrees with the rows above is worth a warning."""
    from ingest.validation import parse_counts

    problems = []
    for _col, j in zip(FORM_COLUMNS, value_cols, strict=True):
        total_cell = grid.iloc[total_row, j]
        if total_cell is None or str(total_cell).strip() == "":
            continue
        total, bad, _, _ = parse_counts(pd.Series([total_cell], dtype=object))
        body, *_ = parse_counts(pd.Series(grid.iloc[body_rows, j].to_numpy(), dtype=object))
        if not bad[0] and int(total[0]) != int(body.sum()):
            problems.append(Problem(file, sheet, total_row + 1, _letter(j),
                                    f"Dòng 'Tổng cộng' ghi {int(total[0])} nhưng tổng các dòng lĩnh vực là "
                                    f"{int(body.sum())}", Severity.WARNING))
    return problems


def _letter(j: int) -> str:
    from ingest.readers import excel_column

    return excel_column(j)
