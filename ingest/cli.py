"""`python cli.py import FILE… [--dry-run] [--replace-unit-month]`, `batches` and `rollback BATCH`:
the same checks, commit and rollback as the upload and batches pages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pandas as pd

from i18n.catalogue import error_text
from i18n.catalogue import text as words
from i18n.cells import safe_csv
from i18n.numbers import fmt_int
from ingest import IngestError, commit, list_batches, parse_upload, preview, rollback
from ingest.model import FAMILY_VALUE_COLUMNS, ParsedFile, Severity, problems_csv, problems_summary
from ingest.validation import parse_month_text
from ingest.versioning import DROPPED_KEY_COLUMNS, batch_status_label
from ingest.wording import column_label
from metrics.indicators import Family
from store import Store

EXIT_OK, EXIT_ERRORS, EXIT_NEEDS_CONFIRMATION = 0, 1, 2


def run_import(store: Store, paths: list[str], dry_run: bool, actor: str, unit: str | None = None,
               period: str | None = None, confirm_warnings: bool = False,
               problems_csv_path: str | None = None,
               replace_unit_month: bool = False, lang: str = "vi") -> int:
    """Validate every file, print one line per problem (the first 200 per file), and commit unless told not to.

    `problems_csv_path`: also write every problem of every file there (CSV, UTF-8 with BOM).
    `period` (--period) only fills the month of a Biểu 06 whose title states none: a title that
    states a month wins (a different one is an error), one that states several months is refused.

    Exit codes: 0 ok (or dry run clean), 1 errors, 2 warnings that need --confirm-warnings.
    Everything printed is in `lang` ("vi" or "en").
    """

    def say(key: str, **params: object) -> None:
        print(words(key, lang, **params))

    if period is not None and parse_month_text(period) is None:
        say("ingest.cli.bad_period", period=period)
        return EXIT_ERRORS
    parsed: list[ParsedFile] = []
    for path in paths:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            say("ingest.cli.unreadable_file", path=path, reason=exc.strerror)
            return EXIT_ERRORS
        parsed.append(parse_upload(store, p.name, data, unit=unit, period=period))

    for f in parsed:
        say("ingest.cli.file_summary", name=f.name, rows=f.row_count, errors=len(f.errors), warnings=len(f.warnings))
        for note in f.note_texts(lang):  # e.g. a period closing on the 14th, columns outside the form
            say("ingest.cli.note", note=note)
        # The severity is on the problem itself: `problem in f.errors` rebuilt and scanned a tuple per
        # problem (O(n²), 656 s for 43,022 problems). Long lists are cut; the CSV holds them all.
        shown, hidden = problems_summary(f.problems)
        if shown:  # one write for the whole block
            prefix = {s: words(f"ingest.cli.prefix.{s.value}", lang) for s in Severity}
            print("\n".join(f"  [{prefix[p.severity]}] {p.line(lang)}" for p in shown))
        if rest := sum(hidden.values()):
            where = (words("ingest.cli.full_list_in", lang, path=problems_csv_path) if problems_csv_path
                     else words("ingest.cli.full_list_hint", lang))
            say("ingest.cli.more_problems", n=fmt_int(rest, lang), errors=fmt_int(hidden[Severity.ERROR], lang),
                warnings=fmt_int(hidden[Severity.WARNING], lang), where=where)
    if problems_csv_path:
        try:
            Path(problems_csv_path).write_bytes(problems_csv([p for f in parsed for p in f.problems], lang))
        except OSError as exc:
            say("ingest.cli.csv_not_written", path=problems_csv_path, reason=exc.strerror)
            return EXIT_ERRORS
    if any(f.errors for f in parsed):
        say("ingest.cli.fix_errors")
        return EXIT_ERRORS

    try:
        change = preview(store, parsed, replace_unit_month=replace_unit_month)
    except IngestError as exc:  # e.g. two files writing the same unit-field-month
        say("ingest.cli.nothing_written", reason=error_text(exc, lang))
        return EXIT_ERRORS
    say("ingest.cli.preview", new=change.new_rows, replaced=change.replaced_rows, changed=change.changed_rows)
    if replace_unit_month:
        say("ingest.cli.replace_unit_month", n=change.dropped_rows, end=":" if change.dropped_rows else ".")
        if change.dropped_rows:
            print("\n".join(_dropped_lines(change.dropped, lang)))
    if any(f.warnings for f in parsed) and not confirm_warnings:
        say("ingest.cli.confirm_warnings")
        return EXIT_NEEDS_CONFIRMATION
    if dry_run:
        say("ingest.cli.dry_run")
        return EXIT_OK
    try:
        batch_ids = commit(store, parsed, actor, confirm_warnings=confirm_warnings,
                           replace_unit_month=replace_unit_month)
    except IngestError as exc:
        say("ingest.cli.not_written", reason=error_text(exc, lang))
        return EXIT_ERRORS
    say("ingest.cli.written", batches=", ".join(f"#{b}" for b in batch_ids))
    return EXIT_OK


def _dropped_lines(dropped: pd.DataFrame, lang: str = "vi") -> list[str]:
    """One line per dropped row, with every value it holds today (nothing disappears unseen)."""
    lines = []
    for row in dropped.to_dict("records"):
        key = [row[k] for k in DROPPED_KEY_COLUMNS[2:] if isinstance(row.get(k), str)]  # no field for tasks
        values = "; ".join(f"{column_label(c, lang)} {'—' if pd.isna(row[c]) else fmt_int(row[c], lang)}"
                           for c in FAMILY_VALUE_COLUMNS[Family(row["family"])])
        lines.append(words("ingest.cli.dropped_row", lang, where=" · ".join(key), file=row["file"], values=values))
    return lines


# --- batches and rollback ------------------------------------------------------------------

BATCH_COLUMNS = ["id", "source_file", "uploaded_by", "uploaded_at", "row_count", "status",
                 "rolled_back_by", "rolled_back_at"]


def run_batches(store: Store, fmt: str = "table", out: TextIO | None = None, lang: str = "vi") -> int:
    """`cli.py batches`: every upload batch, newest first (id, file, user, time, rows, status)."""
    out = out or sys.stdout
    frame = list_batches(store.cursor())[BATCH_COLUMNS]
    if fmt == "csv":
        out.write(safe_csv(frame))  # file and user names are typed by people: never a formula in Excel
    elif fmt == "json":
        out.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    elif frame.empty:
        out.write(words("ingest.cli.no_batches", lang) + "\n")
    else:
        view = pd.DataFrame({
            words("ingest.cli.batch", lang): frame["id"].map(lambda b: f"#{b}"),
            words("ingest.header.file", lang): frame["source_file"],
            words("ingest.cli.uploaded_by", lang): frame["uploaded_by"],
            words("ingest.cli.uploaded_at", lang): frame["uploaded_at"].dt.strftime("%d/%m/%Y %H:%M"),
            words("ingest.cli.rows", lang): frame["row_count"].map(lambda n: fmt_int(n, lang)),
            words("ingest.cli.status", lang): [batch_status_label(s, lang) + (f" ({by})" if isinstance(by, str) else "")
                                               for s, by in zip(frame["status"], frame["rolled_back_by"], strict=True)],
        })
        out.write(view.to_string(index=False) + "\n")
    return EXIT_OK


_YES = {"c", "có", "co", "y", "yes"}


def run_rollback(store: Store, batch_id: int, actor: str, yes: bool = False,
                 ask: Callable[[str], str] = input, interactive: bool | None = None, lang: str = "vi") -> int:
    """`cli.py rollback BATCH [--yes]`: withdraw one batch, restoring what it replaced.

    Asks on a terminal unless `yes`; without a terminal (cron, pipes) `--yes` is required,
    because a silent "no" from an empty stdin would look like success. Refusals raise
    IngestError (one line, exit 2 at the CLI boundary); a declined question returns 1.
    """
    batches = list_batches(store.cursor()).set_index("id")
    if batch_id not in batches.index:
        raise IngestError.of("ingest.refusal.no_batch", batch=batch_id)
    batch = batches.loc[batch_id]
    if batch["status"] != "active":
        raise IngestError.of("ingest.refusal.already_rolled_back", batch=batch_id)
    if not yes:
        if not (sys.stdin.isatty() if interactive is None else interactive):
            raise IngestError.of("ingest.refusal.rollback_needs_yes", batch=batch_id)
        question = words("ingest.cli.rollback_question", lang, batch=batch_id, file=batch["source_file"],
                         rows=fmt_int(batch["row_count"], lang), by=batch["uploaded_by"], at=batch["uploaded_at"])
        try:
            answer = ask(question)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in _YES:
            print(words("ingest.cli.cancelled", lang))
            return EXIT_ERRORS
    rollback(store, batch_id, actor)
    print(words("ingest.cli.rolled_back", lang, batch=batch_id, file=batch["source_file"]))
    return EXIT_OK
