"""Ranking and evaluation tables as one formatted .xlsx (a sheet each).

Numbers are written as numbers (a rate as the ratio 0.954 with a percent
format), so the workbook reads back to exactly the figures of `rank_units`
and `evaluate_units`; only the display is Vietnamese. Every text cell (unit and
field names come from uploads) goes through `i18n.cells.spreadsheet_safe`, so
no name can become a live formula.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from enum import Enum

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from charts.theme import BAND_STYLES
from i18n import labels
from i18n.cells import spreadsheet_safe
from i18n.labels import level_label
from i18n.numbers import NO_DATA
from metrics.indicators import Indicator, get_indicator
from metrics.ranking import RankStatus
from vocab.levels import Level


class Kind(str, Enum):
    TEXT = "text"
    INT = "int"
    PERCENT = "percent"      # a ratio shown as 95,4 %
    POINTS = "points"        # a change of a ratio shown as +1,2 %
    NUMBER = "number"        # e.g. a score 87,5
    SIGNED = "signed"        # a signed number, e.g. score change
    BOOL = "bool"


_FORMATS = {
    Kind.INT: "#,##0",
    Kind.PERCENT: "0.0%",
    Kind.POINTS: "+0.0%;-0.0%;0.0%",
    Kind.NUMBER: "0.0",
    Kind.SIGNED: "+0.0;-0.0;0.0",
}
_WIDTHS = {Kind.TEXT: 14, Kind.INT: 11, Kind.PERCENT: 11, Kind.POINTS: 11, Kind.NUMBER: 10,
           Kind.SIGNED: 10, Kind.BOOL: 9}

UNIT_TYPE_LABELS = {code: vi for code, (vi, _en) in labels.UNIT_TYPE_LABELS.items()}
STATUS_LABELS = {RankStatus.RANKED.value: "Được xếp hạng", RankStatus.TOO_FEW.value: "Quá ít hồ sơ",
                 RankStatus.NO_DATA.value: "Chưa có số liệu"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    width: int | None = None
    labels: dict[str, str] | None = None  # code → Vietnamese text


@dataclass(frozen=True)
class Sheet:
    name: str
    frame: pd.DataFrame
    columns: list[Column]
    title: str = ""          # a line above the table (indicator, group, period)
    notes: list[str] = field(default_factory=list)


def ranking_columns(indicator: Indicator) -> list[Column]:
    rate = indicator.is_rate
    value_kind = Kind.PERCENT if rate else Kind.INT
    return [
        Column("rank", "Hạng", Kind.INT, 7),
        Column("unit_code", "Mã đơn vị", Kind.TEXT, 12),
        Column("unit_name", "Đơn vị", Kind.TEXT, 34),
        Column("unit_type", "Loại đơn vị", Kind.TEXT, 16, UNIT_TYPE_LABELS),
        Column("status", "Trạng thái", Kind.TEXT, 16, STATUS_LABELS),
        Column("numerator", "Tử số" if rate else "Số lượng", Kind.INT, 11),
        Column("denominator", "Mẫu số", Kind.INT, 11),
        Column("value", "Giá trị", value_kind, 11),
        Column("target", "Mục tiêu", value_kind, 11),
        Column("band", "So với mục tiêu", Kind.TEXT, 18, {b.value: s.label_vi for b, s in BAND_STYLES.items()}),
        Column("prev_value", "Kỳ trước", value_kind, 11),
        Column("change", "Thay đổi", Kind.POINTS if rate else Kind.INT, 11),
        Column("prev_rank", "Hạng kỳ trước", Kind.INT, 9),
        Column("rank_change", "Tăng/giảm hạng", Kind.INT, 9),
    ]


def evaluation_columns(frame: pd.DataFrame) -> list[Column]:
    levels = {lv.value: level_label(lv, "vi") for lv in Level}
    cols = [
        Column("unit_code", "Mã đơn vị", Kind.TEXT, 12),
        Column("unit_name", "Đơn vị", Kind.TEXT, 34),
        Column("unit_type", "Loại đơn vị", Kind.TEXT, 16, UNIT_TYPE_LABELS),
        Column("score", "Điểm", Kind.NUMBER, 8),
        Column("level", "Xếp loại", Kind.TEXT, 28, levels),
        Column("level_uncapped", "Xếp loại theo điểm", Kind.TEXT, 28, levels),
        Column("capped", "Bị giới hạn", Kind.BOOL, 9),
        Column("cap_reason", "Lý do giới hạn", Kind.TEXT, 40),
        Column("final", "Đã chốt", Kind.BOOL, 8),
        Column("changed_since_final", "Số liệu thay đổi sau khi chốt", Kind.BOOL, 12),
        Column("indicators_reported", "Số chỉ số đã báo cáo", Kind.INT, 10),
        Column("indicators_expected", "Số chỉ số phải báo cáo", Kind.INT, 10),
        Column("months_reported", "Số tháng đã báo cáo", Kind.INT, 10),
        Column("months_expected", "Số tháng phải báo cáo", Kind.INT, 10),
        Column("not_reported", "Chỉ số không báo cáo", Kind.TEXT, 24),
        Column("improvement_points", "Điểm cải thiện", Kind.NUMBER, 9),
        Column("compare_period", "Kỳ so sánh", Kind.TEXT, 10),
        Column("dossier_late_unexcused", "Hồ sơ trễ hạn không lý do", Kind.INT, 11),
        Column("dossier_late_share", "Tỷ lệ hồ sơ trễ không lý do", Kind.PERCENT, 11),
        Column("dossier_late_assumed", "Hồ sơ trễ chưa báo cáo lý do", Kind.INT, 11),
        Column("task_late_unexcused", "Nhiệm vụ trễ hạn không lý do", Kind.INT, 11),
        Column("task_late_share", "Tỷ lệ nhiệm vụ trễ không lý do", Kind.PERCENT, 11),
        Column("task_late_assumed", "Nhiệm vụ trễ chưa báo cáo lý do", Kind.INT, 11),
        Column("prev_score", "Điểm kỳ trước", Kind.NUMBER, 9),
        Column("score_change", "Thay đổi điểm", Kind.SIGNED, 9),
        Column("prev_level", "Xếp loại kỳ trước", Kind.TEXT, 28, levels),
    ]
    for c in frame.columns:
        if c.startswith("value_"):
            ind = get_indicator(c.removeprefix("value_"))
            cols.append(Column(c, ind.short("vi"), Kind.PERCENT if ind.is_rate else Kind.INT, 12))
            if f"points_{ind.id}" in frame.columns:
                cols.append(Column(f"points_{ind.id}", f"Điểm: {ind.short('vi')}", Kind.NUMBER, 9))
        if c.startswith("improvement_") and c != "improvement_points":
            ind = get_indicator(c.removeprefix("improvement_"))
            cols.append(Column(c, f"Điểm cải thiện: {ind.short('vi')}", Kind.NUMBER, 10))
    return [c for c in cols if c.key in frame.columns]


def _missing(column: Column):
    """"No data" is written "—" in number columns (never 0, never an empty cell read as 0)."""
    return NO_DATA if column.kind in (Kind.INT, Kind.NUMBER, Kind.PERCENT, Kind.POINTS, Kind.SIGNED) else None


def _cell_value(value, column: Column):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return _missing(column)
    try:
        if pd.isna(value):
            return _missing(column)
    except (TypeError, ValueError):
        pass
    if column.labels is not None:
        return spreadsheet_safe(column.labels.get(str(value), str(value)))
    if column.kind is Kind.BOOL:
        return "Có" if bool(value) else ""
    if column.kind is Kind.TEXT:
        return spreadsheet_safe(str(value))
    if column.kind is Kind.INT:
        f = float(value)
        return int(f) if f.is_integer() else f
    return float(value)


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_TITLE_FONT = Font(bold=True, size=13)
MAX_SHEET_NAME = 31


def safe_sheet_name(name: str, taken: set[str]) -> str:
    cleaned = "".join("-" if ch in '[]:*?/\\' else ch for ch in name).strip("'")[:MAX_SHEET_NAME] or "Sheet"
    candidate, i = cleaned, 2
    while candidate.lower() in taken:
        suffix = f" ({i})"
        candidate = cleaned[: MAX_SHEET_NAME - len(suffix)] + suffix
        i += 1
    taken.add(candidate.lower())
    return candidate


def header_row(sheet: Sheet) -> int:
    """1-based row of the column headers (after the title and notes lines, if any)."""
    lines = (1 if sheet.title else 0) + len(sheet.notes)
    return lines + (2 if lines else 1)


def write_workbook(sheets: list[Sheet]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for sheet in sheets:
        ws = wb.create_sheet(safe_sheet_name(sheet.name, taken))
        row = 1
        if sheet.title:
            ws.cell(row=row, column=1, value=spreadsheet_safe(sheet.title)).font = _TITLE_FONT
            row += 1
        for note in sheet.notes:
            ws.cell(row=row, column=1, value=spreadsheet_safe(note)).font = Font(italic=True, color="555555")
            row += 1
        head = header_row(sheet)
        for j, col in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=head, column=j, value=spreadsheet_safe(col.header))
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(j)].width = col.width or _WIDTHS[col.kind]
        ws.row_dimensions[head].height = 32
        records = sheet.frame[[c.key for c in sheet.columns]].itertuples(index=False, name=None)
        for i, values in enumerate(records, start=head + 1):
            for j, (value, col) in enumerate(zip(values, sheet.columns, strict=True), start=1):
                cell = ws.cell(row=i, column=j, value=_cell_value(value, col))
                if col.kind in _FORMATS:
                    cell.number_format = _FORMATS[col.kind]
        ws.freeze_panes = ws.cell(row=head + 1, column=1)
        if len(sheet.frame):
            ws.auto_filter.ref = f"A{head}:{get_column_letter(len(sheet.columns))}{head + len(sheet.frame)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ranking_sheet(name: str, title: str, frame: pd.DataFrame, indicator: Indicator, notes: list[str]) -> Sheet:
    return Sheet(name, frame, ranking_columns(indicator), title, notes)


def evaluation_sheet(name: str, title: str, frame: pd.DataFrame, notes: list[str]) -> Sheet:
    return Sheet(name, frame, evaluation_columns(frame), title, notes)

