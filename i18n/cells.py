"""Text that ends up in a spreadsheet cell must never run as a formula ("CSV/formula injection").

Unit names, field names, file names and user names are typed by people we do not
control; a name such as `=HYPERLINK("http://x","a")` would become a live formula
when a leader opens our CSV or workbook in Excel. Every CSV and .xlsx the product
writes passes its text cells through `spreadsheet_safe` (CSV: through `safe_csv`).

The one rule, for CSV and .xlsx alike: a *string* whose first character is
`=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading
apostrophe (`'=HYPERLINK(…)`). We prefix in .xlsx too instead of only marking the
cell as text, because a prefixed value stays inert wherever it is copied or
re-saved (a text-typed cell pasted into another sheet becomes a formula again).
Numbers are never touched (a negative count stays a number), and the lone "-"
and the em dash "—" we use for "no data" stay as they are: neither can start a
formula. Dependency-free on purpose: the CLI, exports and the audit trail import it.
"""

from __future__ import annotations

from typing import Any

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# Written before a neutralised value; Excel (and LibreOffice) treat it as "this is text".
PROTECT = "'"


def is_formula_like(value: Any) -> bool:
    """True for a string a spreadsheet would read as a formula (or a DDE payload)."""
    return isinstance(value, str) and value.startswith(FORMULA_LEADS) and value != "-"


def spreadsheet_safe(value: Any) -> Any:
    """`value` unchanged unless it is a formula-like string; then the same text behind an apostrophe."""
    return PROTECT + value if is_formula_like(value) else value


def safe_frame(frame: Any) -> Any:
    """A copy of a pandas DataFrame with every text cell neutralised; numeric columns are left alone.

    Typed as Any so this module does not import pandas (callers already have it).
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype.kind == "O":  # object, and pandas' str/string dtypes (numbers are never "O" here)
            out[column] = series.map(spreadsheet_safe, na_action="ignore")
    return out


def safe_csv(frame: Any) -> str:
    """A pandas DataFrame as CSV text for people to open in a spreadsheet: text cells neutralised,
    no index, and CRLF line ends. CRLF is not cosmetic: with "\n" line ends Python's csv writer
    leaves a lone "\r" inside a value unquoted, and a spreadsheet then starts a new row there,
    so "'\r=1" would arrive as a cell "=1"."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n")

