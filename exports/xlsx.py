"""The one .xlsx writer: ranking, evaluation and page tables as a formatted workbook (a sheet each).

Numbers are written as numbers (a rate as the ratio 0.954 with a percent
format), so the workbook reads back to exactly the figures of `rank_units`
and `evaluate_units`; "no data" is "—" in number columns, never 0. Every text
cell (unit and field names come from uploads) goes through
`i18n.cells.spreadsheet_safe`, so no name can become a live formula. The page
download buttons (`ui.downloads.xlsx_bytes`) write through `write_workbook` too.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from charts.theme import BAND_STYLES
from i18n import labels
from i18n.catalogue import text
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
    PLAIN = "plain"          # written as it is (a number stays a number, text is neutralised)


_FORMATS = {
    Kind.INT: "#,##0",
    Kind.PERCENT: "0.0%",
    Kind.POINTS: "+0.0%;-0.0%;0.0%",
    Kind.NUMBER: "0.0",
    Kind.SIGNED: "+0.0;-0.0;0.0",
}
_WIDTHS = {Kind.TEXT: 14, Kind.INT: 11, Kind.PERCENT: 11, Kind.POINTS: 11, Kind.NUMBER: 10,
           Kind.SIGNED: 10, Kind.BOOL: 9, Kind.PLAIN: 12}
_NUMBER_KINDS = (Kind.INT, Kind.NUMBER, Kind.PERCENT, Kind.POINTS, Kind.SIGNED)


def _unit_types(lang: str) -> dict[str, str]:
    return {code: labels.unit_type_label(code, lang) for code in labels.UNIT_TYPE_LABELS}


def _statuses(lang: str) -> dict[str, str]:
    return {s.value: text(f"xl_status_{s.value}", lang) for s in RankStatus}


def _yes(lang: str) -> dict[str, str]:
    return {"True": text("xl_yes", lang), "False": ""}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    width: int | None = None
    labels: dict[str, str] | None = None  # code → text in the workbook's language


@dataclass(frozen=True)
class Sheet:
    name: str
    frame: pd.DataFrame
    columns: list[Column]
    title: str = ""          # a line above the table (indicator, group, period)
    notes: list[str] = field(default_factory=list)


def ranking_columns(indicator: Indicator, lang: str = "vi") -> list[Column]:
    rate = indicator.is_rate
    value_kind = Kind.PERCENT if rate else Kind.INT

    def h(key: str) -> str:
        return text(f"xl_{key}", lang)

    return [
        Column("rank", h("rank"), Kind.INT, 7),
        Column("unit_code", h("unit_code"), Kind.TEXT, 12),
        Column("unit_name", h("unit_name"), Kind.TEXT, 34),
        Column("unit_type", h("unit_type"), Kind.TEXT, 16, _unit_types(lang)),
        Column("status", h("status"), Kind.TEXT, 16, _statuses(lang)),
        Column("numerator", h("numerator") if rate else h("count"), Kind.INT, 11),
        Column("denominator", h("denominator"), Kind.INT, 11),
        Column("value", h("value"), value_kind, 11),
        Column("target", h("target"), value_kind, 11),
        Column("band", h("band"), Kind.TEXT, 18, {b.value: s.label(lang) for b, s in BAND_STYLES.items()}),
        Column("prev_value", h("prev_value"), value_kind, 11),
        Column("change", h("change"), Kind.POINTS if rate else Kind.INT, 11),
        Column("prev_rank", h("prev_rank"), Kind.INT, 9),
        Column("rank_change", h("rank_change"), Kind.INT, 9),
    ]


# Evaluation columns in workbook order: key, kind, width (headers are `xl_<key>` in the catalogue).
_EVALUATION = [
    ("unit_code", Kind.TEXT, 12), ("unit_name", Kind.TEXT, 34), ("unit_type", Kind.TEXT, 16),
    ("score", Kind.NUMBER, 8), ("level", Kind.TEXT, 28), ("level_uncapped", Kind.TEXT, 28),
    ("capped", Kind.BOOL, 9), ("cap_reason", Kind.TEXT, 40), ("final", Kind.BOOL, 8),
    ("changed_since_final", Kind.BOOL, 12), ("indicators_reported", Kind.INT, 10),
    ("indicators_expected", Kind.INT, 10), ("months_reported", Kind.INT, 10), ("months_expected", Kind.INT, 10),
    ("not_reported", Kind.TEXT, 24), ("improvement_points", Kind.NUMBER, 9), ("compare_period", Kind.TEXT, 10),
    ("dossier_late_unexcused", Kind.INT, 11), ("dossier_late_share", Kind.PERCENT, 11),
    ("dossier_late_assumed", Kind.INT, 11), ("task_late_unexcused", Kind.INT, 11),
    ("task_late_share", Kind.PERCENT, 11), ("task_late_assumed", Kind.INT, 11),
    ("prev_score", Kind.NUMBER, 9), ("score_change", Kind.SIGNED, 9), ("prev_level", Kind.TEXT, 28),
]


def evaluation_columns(frame: pd.DataFrame, lang: str = "vi") -> list[Column]:
    levels = {lv.value: level_label(lv, lang) for lv in Level}
    coded = {"unit_type": _unit_types(lang), "level": levels, "level_uncapped": levels, "prev_level": levels}
    cols = [Column(key, text(f"xl_{key}", lang), kind, width,
                   _yes(lang) if kind is Kind.BOOL else coded.get(key))
            for key, kind, width in _EVALUATION]
    for c in frame.columns:
        if c.startswith("value_"):
            ind = get_indicator(c.removeprefix("value_"))
            cols.append(Column(c, ind.short(lang), Kind.PERCENT if ind.is_rate else Kind.INT, 12))
            if f"points_{ind.id}" in frame.columns:
                cols.append(Column(f"points_{ind.id}", text("xl_points_of", lang, indicator=ind.short(lang)),
                                   Kind.NUMBER, 9))
        if c.startswith("improvement_") and c != "improvement_points":
            ind = get_indicator(c.removeprefix("improvement_"))
            cols.append(Column(c, text("xl_improvement_of", lang, indicator=ind.short(lang)), Kind.NUMBER, 10))
    return [c for c in cols if c.key in frame.columns]


def _is_missing(value) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell_value(value, column: Column):
    if _is_missing(value):
        # "No data" is written "—" in number columns (never 0, never an empty cell read as 0).
        return NO_DATA if column.kind in (*_NUMBER_KINDS, Kind.PLAIN) else None
    if column.labels is not None:
        return spreadsheet_safe(column.labels.get(str(value), str(value)))
    if column.kind is Kind.TEXT:
        return spreadsheet_safe(str(value))
    if column.kind is Kind.INT:
        f = float(value)
        return int(f) if f.is_integer() else f
    if column.kind in _NUMBER_KINDS:
        return float(value)
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    return spreadsheet_safe(value) if isinstance(value, str | bool | int | float) else spreadsheet_safe(str(value))


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


def ranking_sheet(name: str, title: str, frame: pd.DataFrame, indicator: Indicator, notes: list[str],
                  lang: str = "vi") -> Sheet:
    return Sheet(name, frame, ranking_columns(indicator, lang), title, notes)


def evaluation_sheet(name: str, title: str, frame: pd.DataFrame, notes: list[str], lang: str = "vi") -> Sheet:
    return Sheet(name, frame, evaluation_columns(frame, lang), title, notes)


def _content_width(frame: pd.DataFrame, column: str) -> int:
    width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)]) + 2
    return min(max(width, 8), 60)


def frame_sheet(
    name: str,
    frame: pd.DataFrame,
    percent_columns: Sequence[str] = (),
    int_columns: Sequence[str] = (),
    decimal_columns: Sequence[str] = (),
    title_rows: Sequence[str] = (),
) -> Sheet:
    """A page table as a sheet: its own column names, the listed columns with number formats,
    every other column written as it is; the first title row is the title, the rest notes."""
    def kind(column: str) -> Kind:
        if column in percent_columns:
            return Kind.PERCENT
        if column in int_columns:
            return Kind.INT
        if column in decimal_columns:
            return Kind.NUMBER
        return Kind.PLAIN

    columns = [Column(c, str(c), kind(c), _content_width(frame, c)) for c in frame.columns]
    rows = list(title_rows)
    return Sheet(name, frame, columns, rows[0] if rows else "", rows[1:])


def xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame],
    percent_columns: Sequence[str] = (),
    int_columns: Sequence[str] = (),
    decimal_columns: Sequence[str] = (),
    title_rows: Mapping[str, Sequence[str]] | None = None,
) -> bytes:
    """One workbook of page tables (see `frame_sheet`), a sheet per frame."""
    return write_workbook([frame_sheet(name, frame, percent_columns, int_columns, decimal_columns,
                                       (title_rows or {}).get(name, ())) for name, frame in sheets.items()])

