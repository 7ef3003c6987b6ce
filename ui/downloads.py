"""Bytes for download buttons, made by pure functions so tests can read them.

Workbooks are written by the one .xlsx writer, `exports.xlsx.write_workbook`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from exports.xlsx import frames_workbook


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
    return frames_workbook(sheets, percent_columns, int_columns, decimal_columns, title_rows)
