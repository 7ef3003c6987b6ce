"""Command line for IT staff and scheduled jobs.

    python cli.py init                         create or migrate the database
    python cli.py demo [--if-missing] [--yes]  rebuild the demo data (replaces all facts; refused
                                               on a database holding any real batch; asks on a
                                               terminal, else needs --yes, when it deletes batches)
    python cli.py rank INDICATOR --period P [--group TYPE] [--field CODE] [--format table|csv|json]
    python cli.py evaluate --period P [--group TYPE] [--format table|csv|json]
    python cli.py finalize --period P [--group TYPE]   freeze ("chốt") the period's ratings
    python cli.py import FILE… [--dry-run] [--problems-csv FILE]   validate and load monthly figures
    python cli.py batches [--format table|csv|json]   list the upload batches
    python cli.py rollback BATCH [--yes]       withdraw one batch (asks on a terminal unless --yes)

Commands that delete data (demo over existing batches, rollback) first copy the database file
next to itself (`<name>.backup-YYYYmmdd-HHMMSS.duckdb`, path printed) and leave audit rows.
    python cli.py export --period P --out DIR  briefing pack (pptx, pdf, png zip, xlsx)
    python cli.py create-user NAME --role admin
    python cli.py bench [--scale demo|national|both]

`--db PATH` selects the database everywhere (default: $DASHBOARD_DB or
data/dashboard.duckdb); `--lang vi|en` the language of messages and tables (default vi;
CSV and JSON keep their column names whatever the language).

Exit codes: 0 done; 1 refused with one sentence on stderr (a `UserFacingError`: a period
that cannot be read, a locked database, a period already finalised …); 2 a usage error
(argparse) or a bug: one short line on stderr, the traceback in the log file it names
(DASHBOARD_DEBUG=1 prints the traceback instead). Subcommands that report many problems
(import, rollback, create-user, export) keep their own documented exit codes.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import config
from i18n.catalogue import error_text, text
from i18n.cells import safe_csv
from i18n.labels import level_label
from i18n.numbers import fmt_change, fmt_fraction, fmt_int, fmt_number, fmt_signed, fmt_signed_int, fmt_value
from metrics.finals import evaluation_with_finals
from metrics.indicators import INDICATOR_IDS, get_indicator
from metrics.ranking import rank_units
from metrics.schemes import scheme_for
from store import Store, default_db_path, open_store
from store.failures import store_failure
from texts.commentary import scheme_note
from texts.evaluation import with_reason_texts
from vocab.errors import UserFacingError
from vocab.periods import Period
from vocab.units import UnitGroup

GROUPS = [g.value for g in UnitGroup]
LANGS = ("vi", "en")
EXIT_REFUSED = 1   # a UserFacingError: its sentence on stderr
EXIT_BUG = 2       # anything else: a short line, the traceback in the log

log = logging.getLogger("dashboard.cli")


def _open(args) -> Store:
    return open_store(args.db)


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in some containers
        return "cli"


def _emit(frame: pd.DataFrame, fmt: str, table_view: Callable[[pd.DataFrame], pd.DataFrame], lang: str) -> None:
    if fmt == "csv":
        # Unit names come from uploads: never let one become a formula when the CSV is opened in Excel.
        sys.stdout.write(safe_csv(frame))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    else:
        view = table_view(frame)
        sys.stdout.write((view.to_string(index=False) if not view.empty else text("cli_no_units", lang)) + "\n")


def cmd_init(args) -> int:
    from store.reference import load_reference

    store = _open(args)
    load_reference(store)
    print(text("cli_init_done", args.lang, path=store.path, version=store.schema_version()))
    return 0


YES_ANSWERS = {"c", "có", "co", "y", "yes"}  # as ingest.cli's rollback question accepts


class ConfirmationNeeded(UserFacingError):
    """A command that deletes data was run without a terminal to ask on and without --yes."""


def _confirmed(question: str) -> bool:
    """Asks on the terminal (callers have already refused when there is none)."""
    try:
        answer = input(question)
    except EOFError:
        answer = ""
    return answer.strip().lower() in YES_ANSWERS


def _backup_first(store: Store, args, why: str) -> Path | None:
    """A copy of the database file before anything is deleted; says where, and leaves an audit row."""
    from auth.audit import record
    from store.backup import backup_database

    path = backup_database(store)
    if path is not None:
        with store.transaction() as cur:
            record(cur, _actor(), "database_backup", target=str(path), detail=why)
        print(text("security_backup_made", args.lang, path=path))
    return path


def cmd_demo(args) -> int:
    from auth.audit import record
    from data.demo import build_demo, check_demo_allowed, has_demo

    store = _open(args)
    if args.if_missing and has_demo(store.cursor()):
        print(text("cli_demo_kept", args.lang, path=store.path, range=store.get_meta("demo_range")))
        return 0
    check_demo_allowed(store)  # DemoRefused (before deleting anything) if the database holds a real batch
    batches = store.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()[0]
    backup = None
    if batches:  # a rebuild deletes the batches there: ask (or --yes), then keep a copy
        if not args.yes:
            if not sys.stdin.isatty():
                raise ConfirmationNeeded(text("security_demo_needs_yes", "vi", path=store.path, batches=batches),
                                         key="security_demo_needs_yes", path=store.path, batches=batches)
            if not _confirmed(text("security_demo_question", args.lang, path=store.path, batches=batches)):
                print(text("ingest.cli.cancelled", args.lang))
                return 1
        backup = _backup_first(store, args, why="demo")
    build_demo(store)
    with store.transaction() as cur:
        record(cur, _actor(), "demo_rebuilt", target=store.path, before={"batches": batches},
               after={"range": store.get_meta("demo_range")}, detail=str(backup) if backup else None)
    print(text("cli_demo_built", args.lang, path=store.path, range=store.get_meta("demo_range")))
    return 0


def _rank_table(frame: pd.DataFrame, indicator_id: str, lang: str) -> pd.DataFrame:
    ind = get_indicator(indicator_id)
    noun = text(f"cli_noun_{ind.family.value}", lang)
    status = {"ranked": "", "too_few": text("cli_status_too_few", lang, noun=noun),
              "not_whole_period": text("cli_status_not_whole_period", lang),
              "no_data": text("cli_status_no_data", lang)}
    return pd.DataFrame({
        text("cli_col_rank", lang): frame["rank"].map(lambda r: "" if pd.isna(r) else str(r)),
        text("cli_col_unit", lang): frame["unit_name"],
        text("cli_col_value", lang): frame["value"].map(lambda v: fmt_value(v, ind, lang)),
        text("cli_col_fraction", lang): [fmt_fraction(n, d, lang) if ind.is_rate else fmt_int(n, lang)
                                         for n, d in zip(frame["numerator"], frame["denominator"], strict=True)],
        text("cli_col_change", lang): frame["change"].map(lambda v: fmt_change(v, ind, lang)),
        text("cli_col_rank_change", lang): frame["rank_change"].map(
            lambda r: "" if pd.isna(r) else fmt_signed_int(r, lang)),
        text("cli_col_note", lang): frame["status"].map(status),
    })


def cmd_rank(args) -> int:
    period = Period.parse(args.period)
    store = _open(args)
    frame = rank_units(store.cursor(), args.indicator, period, UnitGroup(args.group), args.field, args.min_volume)
    _emit(frame, args.format, lambda f: _rank_table(f, args.indicator, args.lang), args.lang)
    return 0


def _evaluation_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    reported = frame[["indicators_reported", "indicators_expected", "months_reported", "months_expected"]]
    return pd.DataFrame({
        text("cli_col_unit", lang): frame["unit_name"],
        text("cli_col_score", lang): frame["score"].map(lambda s: fmt_number(s, 1, lang)),
        text("cli_col_improvement", lang): frame["improvement_points"].map(lambda s: fmt_number(s, 1, lang)),
        text("cli_col_level", lang): frame["level"].map(lambda lv: level_label(lv, lang)),
        text("cli_col_reported", lang): [
            text("cli_reported", lang, indicators=a, indicators_expected=b, months=c, months_expected=d)
            for a, b, c, d in reported.itertuples(index=False)],
        text("cli_col_change", lang): frame["score_change"].map(lambda s: fmt_signed(s, 1, lang)),
        text("cli_col_final", lang): [
            text("cli_final_changed" if changed else "cli_final", lang) if final else ""
            for final, changed in zip(frame["final"], frame["changed_since_final"], strict=True)],
        text("cli_col_cap", lang): frame["cap_reason"],
    })


def cmd_evaluate(args) -> int:
    period = Period.parse(args.period)
    store = _open(args)
    con = store.cursor()
    frame = with_reason_texts(evaluation_with_finals(con, period, UnitGroup(args.group)), args.lang)
    scheme = scheme_for(con, period)
    if args.format != "json":  # JSON carries it per row (scheme_status), keeping stdout machine-readable
        print(scheme_note(scheme, args.lang), file=sys.stderr)
    _emit(frame, args.format, lambda f: _evaluation_table(f, args.lang), args.lang)
    return 0


def cmd_finalize(args) -> int:
    from auth.admin import finalise_evaluation

    period = Period.parse(args.period)
    store = _open(args)
    rows = finalise_evaluation(store, _actor(), period, UnitGroup(args.group))  # AdminError if already final
    print(text("cli_finalised", args.lang, period=period, units=fmt_int(rows, args.lang), group=args.group))
    return 0


def cmd_import(args) -> int:
    from ingest.cli import run_import

    return run_import(_open(args), args.files, dry_run=args.dry_run, actor=_actor(), unit=args.unit,
                      period=args.period, confirm_warnings=args.confirm_warnings,
                      replace_unit_month=args.replace_unit_month,
                      problems_csv_path=args.problems_csv, lang=args.lang)


def cmd_batches(args) -> int:
    from ingest.cli import run_batches

    return run_batches(_open(args), args.format, lang=args.lang)


def cmd_rollback(args) -> int:
    from ingest import list_batches
    from ingest.cli import run_rollback

    store = _open(args)
    batches = list_batches(store.cursor()).set_index("id")
    if args.batch not in batches.index or batches.loc[args.batch, "status"] != "active":
        return run_rollback(store, args.batch, actor=_actor(), yes=True, lang=args.lang)  # its refusal
    why = f"rollback batch:{args.batch}"
    if args.yes:
        _backup_first(store, args, why)
        return run_rollback(store, args.batch, actor=_actor(), yes=True, lang=args.lang)

    def ask(question: str) -> str:  # the copy is made once the operator has said yes, before anything changes
        answer = input(question)
        if answer.strip().lower() in YES_ANSWERS:
            _backup_first(store, args, why)
        return answer

    # without a terminal run_rollback refuses (--yes needed) before asking
    return run_rollback(store, args.batch, actor=_actor(), yes=False, ask=ask, lang=args.lang)


def cmd_export(args) -> int:
    from exports.cli import export_command

    return export_command(_open(args), args.period, args.out, args.group, getattr(args, "pack_lang", args.lang),
                          slides=args.slides)


def cmd_create_user(args) -> int:
    from auth.cli import create_user_command

    return create_user_command(_open(args), args.username, args.role, args.display_name, args.password_env)


def cmd_bench(args) -> int:
    from bench.run_all import main as bench_main

    return bench_main(args.scale, args.only,
                      load_options={"sessions": args.sessions, "seconds": args.seconds, "workers": args.workers})


def build_parser(lang: str = "vi") -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return text(key, lang)

    parser = argparse.ArgumentParser(prog="cli.py", description=h("cli_help_description"))
    parser.add_argument("--db", help=h("cli_help_db"))
    parser.add_argument("--lang", default="vi", choices=LANGS, help=h("cli_help_lang"))
    sub = parser.add_subparsers(dest="command", required=True)
    formats = ["table", "csv", "json"]

    sub.add_parser("init", help=h("cli_help_init")).set_defaults(func=cmd_init)
    p = sub.add_parser("demo", help=h("cli_help_demo"))
    p.add_argument("--if-missing", action="store_true", help=h("cli_help_if_missing"))
    p.add_argument("--yes", action="store_true", help=h("security_help_demo_yes"))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("rank", help=h("cli_help_rank"))
    p.add_argument("indicator", choices=INDICATOR_IDS, metavar="INDICATOR", help=", ".join(INDICATOR_IDS))
    p.add_argument("--period", required=True, help="2026-10 | 2026-Q3 | 2026 | 2026-01..2026-10")
    p.add_argument("--group", default="all", choices=GROUPS)
    p.add_argument("--field", default=None, help=h("cli_help_field"))
    p.add_argument("--min-volume", type=int, default=None, help=h("cli_help_min_volume"))
    p.add_argument("--format", default="table", choices=formats)
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser("evaluate", help=h("cli_help_evaluate"))
    p.add_argument("--period", required=True)
    p.add_argument("--group", default="all", choices=GROUPS)
    p.add_argument("--format", default="table", choices=formats)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("finalize", help=h("cli_help_finalize"))
    p.add_argument("--period", required=True)
    p.add_argument("--group", default="all", choices=GROUPS)
    p.set_defaults(func=cmd_finalize)

    p = sub.add_parser("import", help=h("cli_help_import"))
    p.add_argument("files", nargs="+")
    p.add_argument("--dry-run", action="store_true", help=h("cli_help_dry_run"))
    p.add_argument("--unit", help=h("cli_help_unit"))
    p.add_argument("--period", help=h("cli_help_import_period"))
    p.add_argument("--confirm-warnings", action="store_true", help=h("cli_help_confirm_warnings"))
    p.add_argument("--replace-unit-month", action="store_true", help=h("cli_help_replace_unit_month"))
    p.add_argument("--problems-csv", metavar="FILE", help=h("cli_help_problems_csv"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("batches", help=h("cli_help_batches"))
    p.add_argument("--format", default="table", choices=formats)
    p.set_defaults(func=cmd_batches)

    p = sub.add_parser("rollback", help=h("cli_help_rollback"))
    p.add_argument("batch", type=int, metavar="BATCH", help=h("cli_help_batch"))
    p.add_argument("--yes", action="store_true", help=h("cli_help_yes"))
    p.set_defaults(func=cmd_rollback)

    p = sub.add_parser("export", help=h("cli_help_export"))
    p.add_argument("--period", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--group", default=None, choices=GROUPS)
    # `export --lang en` predates the global option; its own dest keeps argparse from resetting the global one
    p.add_argument("--lang", dest="pack_lang", default=argparse.SUPPRESS, choices=LANGS, help=h("cli_help_export_lang"))
    p.add_argument("--slides", default=None, help=h("cli_help_slides"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("create-user", help=h("cli_help_create_user"))
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=["viewer", "analyst", "admin"])
    p.add_argument("--display-name", default=None)
    p.add_argument("--password-env", default="DASHBOARD_PASSWORD", help=h("cli_help_password_env"))
    p.set_defaults(func=cmd_create_user)

    p = sub.add_parser("bench", help=h("cli_help_bench"))
    p.add_argument("--scale", default="both", choices=["demo", "national", "both"])
    p.add_argument("--only", nargs="+", default=None, help=h("cli_help_only"))
    p.add_argument("--sessions", type=int, default=None, help=h("cli_help_sessions"))
    p.add_argument("--seconds", type=float, default=None, help=h("cli_help_seconds"))
    p.add_argument("--workers", type=int, default=None, help=h("cli_help_workers"))
    p.set_defaults(func=cmd_bench)
    return parser


def _chosen_lang(argv: list[str] | None) -> str:
    """The global --lang, read before the full parser exists so that its help is in that language."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGS, default="vi")
    known, _ = pre.parse_known_args(argv)
    return known.lang


def _log_file(args) -> Path:
    """Where a bug's traceback goes: beside the database (IT staff look there), else the temp folder."""
    folder = Path(args.db).parent if args.db and args.db != ":memory:" else default_db_path().parent
    return (folder if folder.is_dir() and os.access(folder, os.W_OK) else Path(tempfile.gettempdir())) / "cli-errors.log"


def _log_bug(args) -> Path:
    path = _log_file(args)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    propagate, log.propagate = log.propagate, False  # the traceback goes to the file, not to stderr
    try:
        log.exception("cli.py %s failed", args.command)
    finally:
        log.propagate = propagate
        log.removeHandler(handler)
        handler.close()
    return path


def main(argv: list[str] | None = None) -> int:
    args = build_parser(_chosen_lang(argv)).parse_args(argv)
    try:
        config.check_environment()  # an invalid setting refuses here, before any work
        return args.func(args)
    except KeyboardInterrupt:
        print(text("cli_interrupted", args.lang), file=sys.stderr)
        return 130
    except UserFacingError as exc:  # a problem the user can act on: its one sentence
        print(text("cli_error", args.lang, message=error_text(exc, args.lang)), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a bug: never dressed up as advice, unless the database file is at fault
        failure = store_failure(exc, str(args.db or default_db_path()))  # e.g. a damaged block met by a read
        if failure is not None:
            print(text("cli_error", args.lang, message=error_text(failure, args.lang)), file=sys.stderr)
            return EXIT_REFUSED
        if config.debug_enabled():
            traceback.print_exc()
            return EXIT_BUG
        print(text("cli_internal_error", args.lang, kind=type(exc).__name__, log=_log_bug(args)), file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
