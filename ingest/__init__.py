"""Ingestion: files in, validated canonical rows out, written atomically as batches.

Public API (pages and the CLI use only these):

    parse_upload(store, name, data, unit=None, period=None, today=None) -> ParsedFile
        Read one uploaded file (template .xlsx, legacy .xls, CSV, or the official
        Biểu số 06/VPCP/KSTT form), match units/fields, validate everything, and
        return canonical frames per family plus every Problem found. Never writes.
    preview(store, parsed_files) -> Preview
        New rows, replaced rows, and old → new values per column.
    commit(store, parsed_files, actor, confirm_warnings=False) -> list[int]
        One batch per file, all in one transaction; raises IngestError if any file
        has errors, or warnings that were not confirmed, or was already uploaded.
    rollback(store, batch_id, actor) -> None
    list_batches(con) -> DataFrame
    problems_frame(problems, lang) -> DataFrame      (for st.dataframe; Problem.text(lang) for one)
    templates.template_xlsx(family) / templates.template_csv(family) -> bytes

Layout: safety.py (size, type sniffing, zip bombs, passwords) → readers.py /
official_form.py (cells → RawTable) → matching.py + validation.py (vectorised
checks) → versioning.py (versioned, atomic commit and rollback). cli.py holds `run_import`.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd

from ingest.html_table import read_html_workbook
from ingest.matching import load_matchers
from ingest.model import FAMILY_KEYS, IngestError, ParsedFile, Preview, Problem, ReaderNote, Severity, problems_frame
from ingest.readers import read_csv, read_workbook
from ingest.safety import FileKind, UnsafeFile, check_file, max_upload_bytes
from ingest.validation import validate_table
from ingest.versioning import commit, duplicate_upload, find_active_duplicate, list_batches, preview, rollback
from ingest.wording import Phrase, render
from metrics.indicators import Family
from store import Store

__all__ = [
    "IngestError", "ParsedFile", "Preview", "Problem", "Severity", "commit", "list_batches",
    "max_upload_bytes", "parse_upload", "preview", "problems_frame", "rollback",
]


def parse_upload(store: Store, name: str, data: bytes, unit: str | None = None, period: str | None = None,
                 today: date | None = None) -> ParsedFile:
    """Read and validate one file; `unit`/`period` apply to official forms whose title lacks them."""
    sha = hashlib.sha256(data).hexdigest()
    skipped: list[Phrase] = []  # hidden content the workbook reader skipped

    def refused(problem: Problem) -> ParsedFile:
        return ParsedFile(name, sha, len(data), {}, (problem,))

    try:
        kind = check_file(name, data)
        if kind is FileKind.CSV:
            tables, problems = read_csv(name, data)
        elif kind is FileKind.HTML:
            tables, problems = read_html_workbook(name, data, unit, period, today)
        else:
            tables, problems = read_workbook(name, data, kind, unit, period, skipped, today)
    except UnsafeFile as exc:
        return refused(Problem.refusal(name, exc))
    con = store.cursor()
    if (dup := find_active_duplicate(con, sha)) is not None:
        return refused(Problem.refusal(name, duplicate_upload(name, dup)))
    ref = load_matchers(con)
    frames: dict[Family, list[pd.DataFrame]] = {}
    for table in tables:
        frame, table_problems = validate_table(table, ref, today)
        problems.extend(table_problems)
        if not frame.empty:
            frames.setdefault(table.family, []).append(frame)
    merged = {f: pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0] for f, parts in frames.items()}
    for family, parts in frames.items():
        if len(parts) > 1:  # the same key on two sheets of one workbook
            problems.extend(_cross_sheet_duplicates(name, family, merged[family]))
    # Readers and matching return their notes (the 15→14 period convention, a hidden character
    # removed, a merged unit moved to its successor, rows summed into one field) among the
    # problems, so that they survive the sandbox process; they are information, not problems.
    note_items = (*skipped, *(p for p in problems if isinstance(p, ReaderNote)))
    notes = [render(n.key, "vi", n.params) if isinstance(n, Phrase) else n.line() for n in note_items]
    problems = [p for p in problems if not isinstance(p, ReaderNote)]
    if not merged and not any(p.severity is Severity.ERROR for p in problems):
        problems.append(Problem.of(name, "", None, "", "ingest.problem.no_rows"))
    return ParsedFile(name, sha, len(data), merged, tuple(problems), tuple(notes), note_items)


def _cross_sheet_duplicates(name: str, family: Family, frame: pd.DataFrame) -> list[Problem]:
    keys = list(FAMILY_KEYS[family])
    complete = frame[keys].notna().all(axis=1)
    dup = frame[complete & frame[keys].duplicated(keep="first")]
    first = frame[complete].drop_duplicates(keys, keep="first")
    out = []
    for row in dup.merge(first, on=keys, suffixes=("", "_first"))[["_sheet", "_row", "_sheet_first", "_row_first"]] \
            .itertuples(index=False):
        if row[0] != row[2]:
            out.append(Problem.of(name, row[0], int(row[1]), "unit_code", "ingest.problem.duplicate_across_sheets",
                                  row=int(row[3]), sheet=row[2]))
    return out
