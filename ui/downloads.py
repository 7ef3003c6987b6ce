"""Bytes for download buttons, made by pure functions so tests can read them.

Workbooks come from the one .xlsx writer (`exports.xlsx`): `xlsx_bytes(sheets, percent_columns,
int_columns, decimal_columns, title_rows)` writes one sheet per frame, numbers as numbers with
Excel formats, "—" for no data, text cells neutralised against formulas.
"""

from __future__ import annotations

from exports.xlsx import xlsx_bytes

__all__ = ["xlsx_bytes"]
