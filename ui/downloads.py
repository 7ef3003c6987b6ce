"""Bytes for download buttons, made by pure functions so tests can read them."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from i18n.cells import safe_frame, spreadsheet_safe

PERCENT_FORMAT = "0.0%"
INT_FORMAT = "#,##0"
DECIMAL_FORMAT = "0.0"


def xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame],
    percent_columns: Sequence[str] = (),
    int_columns: Sequence[str] = (),
    decimal_columns: Sequence[str] = (),
    title_rows: Mapping[str, Sequence[str]] | None = None,
) -> bytes:
    """An .xlsx workbook with one sheet per frame; numbers stay numbers, with Excel number formats.

    `title_rows` puts a few lines (indicator, group, period, source) above a sheet's table,
    so the file stands alone when forwarded.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            sheet_name = name[:31]
            titles = list((title_rows or {}).get(name, ()))
            start = len(titles) + (1 if titles else 0)
            # Unit and field names come from uploads: text cells are neutralised so none becomes a formula.
            safe_frame(frame).to_excel(writer, sheet_name=sheet_name, index=False, startrow=start)
            ws = writer.sheets[sheet_name]
            for i, line in enumerate(titles, start=1):
                ws.cell(row=i, column=1, value=spreadsheet_safe(line)).font = Font(bold=(i == 1), size=13 if i == 1 else 11)
            for j, column in enumerate(frame.columns, start=1):
                letter = get_column_letter(j)
                fmt = (PERCENT_FORMAT if column in percent_columns else INT_FORMAT if column in int_columns
                       else DECIMAL_FORMAT if column in decimal_columns else None)
                if fmt:
                    for row in range(start + 2, start + 2 + len(frame)):
                        ws[f"{letter}{row}"].number_format = fmt
                width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)]) + 2
                ws.column_dimensions[letter].width = min(max(width, 8), 60)
            ws.freeze_panes = ws[f"A{start + 2}"]
    return buffer.getvalue()
