"""Readers: the bytes of an upload → `RawTable`s. CSV is read here; a workbook (.xlsx/.xls) is read
by ingest.workbook in a sandboxed worker process (ingest.sandbox); an HTML "Excel" export by
ingest.html_table; official forms by ingest.official_form.

Readers only locate cells; validation.py decides what they mean.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd

from ingest.grid import NO_TABLE, map_header, table_from_grid
from ingest.model import Problem
from ingest.safety import FileKind, UnsafeFile
from ingest.sandbox import read_workbook_isolated, warm_up
from ingest.validation import RawTable
from ingest.wording import Phrase, phrase

# --- CSV ------------------------------------------------------------------------------------


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SEP_HINT = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_SEP_NAMES = {";": "semicolon", ",": "comma", "\t": "tab", "|": "bar"}


def decode_csv(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), or UTF-16 when it starts with a UTF-16 BOM.

    Excel's "Unicode Text" export is UTF-16 with a BOM (and tabs): it is text, not binary.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")  # the BOM says which byte order
        except UnicodeDecodeError:
            raise UnsafeFile.of("ingest.unsafe.csv_bad_utf16") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnsafeFile.of("ingest.unsafe.csv_not_utf8") from None


def split_sep_hint(text: str) -> tuple[str | None, str]:
    """Excel's "sep=;" first line: (the delimiter it names, the text without that line).

    Excel hides that line, so row numbers stay as the user sees them in Excel.
    """
    first, _, rest = text.partition("\n")
    if match := _SEP_HINT.match(first.rstrip("\r")):
        return match.group(1), rest
    return None, text


def _parser_problem(file: str, exc: Exception, sep: str) -> Problem:
    """pandas' English parser error, worded for the user (which line, how many columns)."""
    sep_name = phrase(f"ingest.sep.{_SEP_NAMES[sep]}") if sep in _SEP_NAMES else f"'{sep}'"
    if m := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc)):
        expected, line, saw = (int(g) for g in m.groups())
        return Problem.of(file, "", line, "", "ingest.problem.csv_row_width", line=line, saw=saw, expected=expected,
                          sep=sep_name)
    return Problem.of(file, "", None, "", "ingest.problem.csv_unreadable", sep=sep_name)


def read_csv(file: str, data: bytes) -> tuple[list[RawTable], list[Problem]]:
    hinted, text = split_sep_hint(decode_csv(data))
    if not text.strip():
        return [], [Problem.of(file, "", None, "", "ingest.problem.csv_empty")]
    first_line = text.split("\n", 1)[0]
    sep = hinted or max((";", ",", "\t"), key=first_line.count)
    try:
        grid = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, header=None,
                           skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, ValueError) as exc:
        return [], [_parser_problem(file, exc, sep)]
    if grid.empty:
        return [], [Problem.of(file, "", None, "", "ingest.problem.csv_empty")]
    headers = grid.iloc[0].tolist()
    mapping = map_header(headers)
    table = table_from_grid(file, "", grid, 0, mapping, {j: str(headers[j]) for j in mapping})
    if table is None or "unit_code" not in mapping.values():
        return [], [Problem.of(file, "", 1, "", NO_TABLE)]
    return [table], []


# --- Excel ----------------------------------------------------------------------------------


def read_workbook(file: str, data: bytes, kind: FileKind, unit: str | None, period: str | None,
                  notes: list[Phrase] | None = None, today: date | None = None) -> tuple[list[RawTable], list[Problem]]:
    """Tables and problems of an .xlsx/.xls, read in a sandboxed worker process (ingest.sandbox):
    a workbook that would exhaust memory or time fails its own upload, never the server.
    What was skipped because it is hidden is appended to `notes`."""
    result = read_workbook_isolated(file, data, kind, unit, period, today=today)
    if notes is not None:
        notes.extend(result.notes)
    return result.tables, result.problems


# Start the sandbox's worker server now, in the background: its first start imports pandas and
# calamine (~1 s), which the first workbook upload would otherwise wait for.
warm_up()
