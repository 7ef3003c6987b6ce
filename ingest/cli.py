"""`python cli.py import FILE… [--dry-run]`: the same checks and commit as the upload page."""

from __future__ import annotations

from pathlib import Path

from i18n.numbers import fmt_int
from ingest import IngestError, commit, parse_upload, preview
from ingest.model import ParsedFile, Severity, problems_csv, problems_summary
from store import Store

EXIT_OK, EXIT_ERRORS, EXIT_NEEDS_CONFIRMATION = 0, 1, 2
_PREFIX = {Severity.ERROR: "LỖI", Severity.WARNING: "CẢNH BÁO"}


def run_import(store: Store, paths: list[str], dry_run: bool, actor: str, unit: str | None = None,
               period: str | None = None, confirm_warnings: bool = False,
               problems_csv_path: str | None = None) -> int:
    """Validate every file, print one line per problem (the first 200 per file), and commit unless told not to.

    `problems_csv_path`: also write every problem of every file there (CSV, UTF-8 with BOM).

    Exit codes: 0 ok (or dry run clean), 1 errors, 2 warnings that need --confirm-warnings.
    """
    parsed: list[ParsedFile] = []
    for path in paths:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            print(f"{path} · - · - · -: Không đọc được tệp ({exc.strerror})")
            return EXIT_ERRORS
        parsed.append(parse_upload(store, p.name, data, unit=unit, period=period))

    for f in parsed:
        print(f"{f.name}: {f.row_count} dòng, {len(f.errors)} lỗi, {len(f.warnings)} cảnh báo")
        # The severity is on the problem itself: `problem in f.errors` rebuilt and scanned a tuple per
        # problem (O(n²), 656 s for 43,022 problems). Long lists are cut; the CSV holds them all.
        shown, hidden = problems_summary(f.problems)
        if shown:  # one write for the whole block
            print("\n".join(f"  [{_PREFIX[p.severity]}] {p.line()}" for p in shown))
        if rest := sum(hidden.values()):
            where = (f"danh sách đầy đủ trong {problems_csv_path}" if problems_csv_path
                     else "danh sách đầy đủ: dùng --problems-csv FILE")
            print(f"  … và {fmt_int(rest)} vấn đề khác (lỗi: {fmt_int(hidden[Severity.ERROR])}, "
                  f"cảnh báo: {fmt_int(hidden[Severity.WARNING])}); {where}")
    if problems_csv_path:
        try:
            Path(problems_csv_path).write_bytes(problems_csv([p for f in parsed for p in f.problems]))
        except OSError as exc:
            print(f"{problems_csv_path} · - · - · -: Không ghi được danh sách vấn đề ({exc.strerror})")
            return EXIT_ERRORS
    if any(f.errors for f in parsed):
        print("Không ghi gì vào cơ sở dữ liệu: hãy sửa các lỗi trên rồi nạp lại.")
        return EXIT_ERRORS

    change = preview(store, parsed)
    print(f"Sẽ thêm {change.new_rows} dòng mới, thay thế {change.replaced_rows} dòng "
          f"({change.changed_rows} dòng có số liệu khác), bỏ {change.dropped_rows} dòng cũ không còn trong tệp.")
    if any(f.warnings for f in parsed) and not confirm_warnings:
        print("Có cảnh báo: xem lại rồi chạy lại với --confirm-warnings để ghi.")
        return EXIT_NEEDS_CONFIRMATION
    if dry_run:
        print("Chạy thử (--dry-run): không ghi gì.")
        return EXIT_OK
    try:
        batch_ids = commit(store, parsed, actor, confirm_warnings=confirm_warnings)
    except IngestError as exc:
        print(f"Không ghi được: {exc}")
        return EXIT_ERRORS
    print("Đã ghi các lô: " + ", ".join(f"#{b}" for b in batch_ids))
    return EXIT_OK
