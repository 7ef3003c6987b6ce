"""Command line for IT staff and scheduled jobs.

    python cli.py init                         create or migrate the database
    python cli.py demo [--if-missing]          rebuild the demo data (replaces all facts; refused
                                               on a database holding any real batch)
    python cli.py rank INDICATOR --period P [--group TYPE] [--field CODE] [--format table|csv|json]
    python cli.py evaluate --period P [--group TYPE] [--format table|csv|json]
    python cli.py finalize --period P [--group TYPE]   freeze ("chốt") the period's ratings
    python cli.py import FILE… [--dry-run] [--problems-csv FILE]   validate and load monthly figures
    python cli.py batches [--format table|csv|json]   list the upload batches
    python cli.py rollback BATCH [--yes]       withdraw one batch (asks on a terminal unless --yes)
    python cli.py export --period P --out DIR  briefing pack (pptx, pdf, png zip, xlsx)
    python cli.py create-user NAME --role admin
    python cli.py bench [--scale demo|national|both]

`--db PATH` selects the database everywhere (default: $DASHBOARD_DB or
data/dashboard.duckdb). Errors are one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

import pandas as pd

from i18n.cells import safe_csv
from i18n.labels import level_label
from i18n.numbers import fmt_int, fmt_number, fmt_percent, fmt_points, fmt_signed, fmt_signed_int
from metrics.commentary import scheme_note
from metrics.finals import evaluation_with_finals
from metrics.indicators import INDICATOR_IDS, get_indicator
from metrics.ranking import rank_units
from metrics.schemes import scheme_for
from store import Store, open_store
from vocab.periods import Period
from vocab.units import UnitGroup

GROUPS = [g.value for g in UnitGroup]


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def _open(args) -> Store:
    return open_store(args.db)


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "cli"


def _emit(frame: pd.DataFrame, fmt: str, table_view: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    if fmt == "csv":
        # Unit names come from uploads: never let one become a formula when the CSV is opened in Excel.
        sys.stdout.write(safe_csv(frame))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    else:
        view = table_view(frame)
        sys.stdout.write(view.to_string(index=False) + "\n" if not view.empty else "(không có đơn vị nào)\n")


def cmd_init(args) -> int:
    from store.reference import load_reference

    store = _open(args)
    load_reference(store)
    print(f"Cơ sở dữ liệu {store.path}: lược đồ phiên bản {store.schema_version()}")
    return 0


def cmd_demo(args) -> int:
    from data.demo import DemoRefused, build_demo, has_demo

    store = _open(args)
    if args.if_missing and has_demo(store.cursor()):
        print(f"Đã có dữ liệu mẫu (DEMO) trong {store.path}: {store.get_meta('demo_range')}")
        return 0
    try:
        build_demo(store)  # refuses (before deleting anything) if the database holds a real batch
    except DemoRefused as exc:
        raise CliError(str(exc)) from None
    print(f"Đã tạo dữ liệu mẫu (DEMO) trong {store.path}: {store.get_meta('demo_range')}")
    return 0


def _rank_table(frame: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    ind = get_indicator(indicator_id)
    value = (lambda v: fmt_percent(v)) if ind.is_rate else (lambda v: fmt_int(v))
    change = (lambda v: fmt_points(v)) if ind.is_rate else (lambda v: fmt_signed_int(v))
    noun = {"dossiers": "hồ sơ", "documents": "văn bản", "tasks": "nhiệm vụ"}[ind.family.value]
    status = {"ranked": "", "too_few": f"quá ít {noun}", "not_whole_period": "không hoạt động trọn kỳ",
              "no_data": "chưa có dữ liệu"}
    return pd.DataFrame({
        "Hạng": frame["rank"].map(lambda r: "" if pd.isna(r) else str(r)),
        "Đơn vị": frame["unit_name"],
        "Giá trị": frame["value"].map(value),
        "Tử số/Mẫu số": [f"{fmt_int(n)}/{fmt_int(d)}" if ind.is_rate else fmt_int(n)
                         for n, d in zip(frame["numerator"], frame["denominator"], strict=True)],
        "Thay đổi": frame["change"].map(change),
        "Đổi hạng": frame["rank_change"].map(lambda r: "" if pd.isna(r) else fmt_signed_int(r)),
        "Ghi chú": frame["status"].map(status),
    })


def cmd_rank(args) -> int:
    period = Period.parse(args.period)
    store = _open(args)
    frame = rank_units(store.cursor(), args.indicator, period, UnitGroup(args.group), args.field, args.min_volume)
    _emit(frame, args.format, lambda f: _rank_table(f, args.indicator))
    return 0


def _evaluation_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Đơn vị": frame["unit_name"],
        "Điểm": frame["score"].map(lambda s: fmt_number(s, 1)),
        "Cải thiện": frame["improvement_points"].map(lambda s: fmt_number(s, 1)),
        "Xếp loại": frame["level"].map(lambda lv: level_label(lv, "vi")),
        "Báo cáo": [f"{a}/{b} chỉ số, {c}/{d} tháng" for a, b, c, d in frame[
            ["indicators_reported", "indicators_expected", "months_reported", "months_expected"]].itertuples(index=False)],
        "Thay đổi": frame["score_change"].map(lambda s: fmt_signed(s, 1)),
        "Chốt": [("đã chốt, số liệu đã thay đổi sau khi chốt" if changed else "đã chốt") if final else ""
                 for final, changed in zip(frame["final"], frame["changed_since_final"], strict=True)],
        "Giới hạn xếp loại": frame["cap_reason"],
    })


def cmd_evaluate(args) -> int:
    period = Period.parse(args.period)
    store = _open(args)
    con = store.cursor()
    frame = evaluation_with_finals(con, period, UnitGroup(args.group))
    scheme = scheme_for(con, period)
    if args.format != "json":  # JSON carries it per row (scheme_status), keeping stdout machine-readable
        print(scheme_note(scheme, "vi"), file=sys.stderr)
    _emit(frame, args.format, _evaluation_table)
    return 0


def cmd_finalize(args) -> int:
    from auth.admin import AdminError, finalise_evaluation

    period = Period.parse(args.period)
    store = _open(args)
    try:
        rows = finalise_evaluation(store, _actor(), period, UnitGroup(args.group))
    except AdminError as exc:
        raise CliError(str(exc)) from exc
    print(f"Đã chốt kết quả đánh giá {period} cho {fmt_int(rows)} đơn vị (nhóm {args.group}).")
    return 0


def cmd_import(args) -> int:
    from ingest.cli import run_import

    return run_import(_open(args), args.files, dry_run=args.dry_run, actor=_actor(), unit=args.unit,
                      period=args.period, confirm_warnings=args.confirm_warnings,
                      replace_unit_month=args.replace_unit_month,
                      problems_csv_path=args.problems_csv)


def cmd_batches(args) -> int:
    from ingest.cli import run_batches

    return run_batches(_open(args), args.format)


def cmd_rollback(args) -> int:
    from ingest.cli import run_rollback

    return run_rollback(_open(args), args.batch, actor=_actor(), yes=args.yes)


def cmd_export(args) -> int:
    from exports.cli import export_command

    return export_command(_open(args), args.period, args.out, args.group, args.lang)


def cmd_create_user(args) -> int:
    from auth.cli import create_user_command

    return create_user_command(_open(args), args.username, args.role, args.display_name, args.password_env)


def cmd_bench(args) -> int:
    from bench.run_all import main as bench_main

    return bench_main(args.scale, args.only)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="Bảng điều hành chuyển đổi số Đà Nẵng")
    parser.add_argument("--db", help="đường dẫn tệp DuckDB (mặc định $DASHBOARD_DB hoặc data/dashboard.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("init", help="tạo hoặc nâng cấp cơ sở dữ liệu").set_defaults(func=cmd_init)
    p = sub.add_parser("demo", help="tạo lại dữ liệu mẫu (từ chối nếu cơ sở dữ liệu có số liệu thật)")
    p.add_argument("--if-missing", action="store_true", help="chỉ tạo nếu chưa có dữ liệu mẫu (scripts/start.sh)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("rank", help="xếp hạng đơn vị theo một chỉ số")
    p.add_argument("indicator", choices=INDICATOR_IDS, metavar="INDICATOR", help=", ".join(INDICATOR_IDS))
    p.add_argument("--period", required=True, help="2026-10 | 2026-Q3 | 2026 | 2026-01..2026-10")
    p.add_argument("--group", default="all", choices=GROUPS)
    p.add_argument("--field", default=None, help="mã lĩnh vực")
    p.add_argument("--min-volume", type=int, default=None, help="mặc định theo nhóm chỉ số: hồ sơ, văn bản 10; nhiệm vụ 5")
    p.add_argument("--format", default="table", choices=["table", "csv", "json"])
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser("evaluate", help="đánh giá, xếp loại đơn vị")
    p.add_argument("--period", required=True)
    p.add_argument("--group", default="all", choices=GROUPS)
    p.add_argument("--format", default="table", choices=["table", "csv", "json"])
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("finalize", help="chốt kết quả đánh giá của một kỳ (không bị chấm lại sau đó)")
    p.add_argument("--period", required=True)
    p.add_argument("--group", default="all", choices=GROUPS)
    p.set_defaults(func=cmd_finalize)

    p = sub.add_parser("import", help="kiểm tra và nạp số liệu (xlsx, xls, csv, Biểu 06)")
    p.add_argument("files", nargs="+")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    p.add_argument("--unit", help="mã đơn vị cho Biểu 06 không ghi tên đơn vị")
    p.add_argument("--period", help="tháng cho Biểu 06 không ghi kỳ báo cáo (YYYY-MM)")
    p.add_argument("--confirm-warnings", action="store_true", help="chấp nhận các cảnh báo (không phải lỗi)")
    p.add_argument("--replace-unit-month", action="store_true",
                   help="thay thế toàn bộ số liệu của đơn vị – tháng (xóa các lĩnh vực không có trong tệp); "
                        "mặc định chỉ thay các dòng có trong tệp")
    p.add_argument("--problems-csv", metavar="FILE", help="ghi toàn bộ danh sách vấn đề ra tệp CSV "
                   "(màn hình chỉ in 200 dòng đầu mỗi tệp)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("batches", help="liệt kê các lô dữ liệu đã nạp")
    p.add_argument("--format", default="table", choices=["table", "csv", "json"])
    p.set_defaults(func=cmd_batches)

    p = sub.add_parser("rollback", help="hoàn tác một lô (khôi phục số liệu mà lô đã thay thế)")
    p.add_argument("batch", type=int, metavar="BATCH", help="số lô (xem: cli.py batches)")
    p.add_argument("--yes", action="store_true", help="không hỏi xác nhận (bắt buộc khi không chạy trên terminal)")
    p.set_defaults(func=cmd_rollback)

    p = sub.add_parser("export", help="xuất bộ tài liệu giao ban")
    p.add_argument("--period", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--group", default=None, choices=GROUPS)
    p.add_argument("--lang", default="vi", choices=["vi", "en"])
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("create-user", help="tạo tài khoản (mật khẩu nhập vào hoặc lấy từ biến môi trường)")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=["viewer", "analyst", "admin"])
    p.add_argument("--display-name", default=None)
    p.add_argument("--password-env", default="DASHBOARD_PASSWORD",
                   help="biến môi trường chứa mật khẩu (nếu không có sẽ hỏi)")
    p.set_defaults(func=cmd_create_user)

    p = sub.add_parser("bench", help="đo hiệu năng")
    p.add_argument("--scale", default="both", choices=["demo", "national", "both"])
    p.add_argument("--only", default=None, help="metrics | ingest | pages | exports (mặc định: tất cả)")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except Exception as exc:  # one clear line, never a traceback (set DASHBOARD_DEBUG=1 to see it)
        if os.environ.get("DASHBOARD_DEBUG"):
            raise
        message = str(exc).strip().strip("'\"") or exc.__class__.__name__
        print(f"Lỗi: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
