"""`python cli.py import FILE… [--dry-run]`: the same checks and commit as the upload page."""

from __future__ import annotations

from pathlib import Path

from ingest import IngestError, commit, parse_upload, preview
from ingest.model import ParsedFile
from store import Store

EXIT_OK, EXIT_ERRORS, EXIT_NEEDS_CONFIRMATION = 0, 1, 2


def run_import(store: Store, paths: list[str], dry_run: bool, actor: str, unit: str | None = None,
               period: str | None = None, confirm_warnings: bool = False) -> int:
    """Validate every file, print one line per problem, and commit unless told not to.

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
        for problem in f.problems:
            prefix = "LỖI" if problem in f.errors else "CẢNH BÁO"
            print(f"  [{prefix}] {problem.line()}")
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
