"""`python cli.py import FILE… [--dry-run] [--replace-unit-month]`, `batches` and `rollback BATCH`:
the same checks, commit and rollback as the upload and batches pages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pandas as pd

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
_PREFIX = {Severity.ERROR: "LỖI", Severity.WARNING: "CẢNH BÁO"}


def run_import(store: Store, paths: list[str], dry_run: bool, actor: str, unit: str | None = None,
               period: str | None = None, confirm_warnings: bool = False,
               problems_csv_path: str | None = None,
               replace_unit_month: bool = False) -> int:
    """Validate every file, print one line per problem (the first 200 per file), and commit unless told not to.

    `problems_csv_path`: also write every problem of every file there (CSV, UTF-8 with BOM).
    `period` (--period) only fills the month of a Biểu 06 whose title states none: a title that
    states a month wins (a different one is an error), one that states several months is refused.

    Exit codes: 0 ok (or dry run clean), 1 errors, 2 warnings that need --confirm-warnings.
    """
    if period is not None and parse_month_text(period) is None:
        print(f"--period '{period}' không hợp lệ: ghi một tháng dạng YYYY-MM (ví dụ 2026-10). Tháng này chỉ dùng "
              "cho Biểu 06 không ghi kỳ báo cáo; quý, 6 tháng hay cả năm không nạp được.")
        return EXIT_ERRORS
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
        for note in f.notes:  # e.g. a period closing on the 14th, columns outside the form
            print(f"  [GHI CHÚ] {note}")
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

    try:
        change = preview(store, parsed, replace_unit_month=replace_unit_month)
    except IngestError as exc:  # e.g. two files writing the same unit-field-month
        print(f"Không ghi gì vào cơ sở dữ liệu: {exc}")
        return EXIT_ERRORS
    print(f"Sẽ thêm {change.new_rows} dòng mới, thay thế {change.replaced_rows} dòng "
          f"({change.changed_rows} dòng có số liệu khác); các dòng khác của cùng đơn vị – tháng được giữ nguyên.")
    if replace_unit_month:
        print(f"Thay thế toàn bộ đơn vị – tháng (--replace-unit-month): bỏ {change.dropped_rows} dòng cũ "
              "không có trong tệp" + (":" if change.dropped_rows else "."))
        if change.dropped_rows:
            print("\n".join(_dropped_lines(change.dropped)))
    if any(f.warnings for f in parsed) and not confirm_warnings:
        print("Có cảnh báo: xem lại rồi chạy lại với --confirm-warnings để ghi.")
        return EXIT_NEEDS_CONFIRMATION
    if dry_run:
        print("Chạy thử (--dry-run): không ghi gì.")
        return EXIT_OK
    try:
        batch_ids = commit(store, parsed, actor, confirm_warnings=confirm_warnings,
                           replace_unit_month=replace_unit_month)
    except IngestError as exc:
        print(f"Không ghi được: {exc}")
        return EXIT_ERRORS
    print("Đã ghi các lô: " + ", ".join(f"#{b}" for b in batch_ids))
    return EXIT_OK


def _dropped_lines(dropped: pd.DataFrame) -> list[str]:
    """One line per dropped row, with every value it holds today (nothing disappears unseen)."""
    lines = []
    for row in dropped.to_dict("records"):
        key = [row[k] for k in DROPPED_KEY_COLUMNS[2:] if isinstance(row.get(k), str)]  # no field for tasks
        values = "; ".join(f"{column_label(c)} {'—' if pd.isna(row[c]) else fmt_int(row[c])}"
                           for c in FAMILY_VALUE_COLUMNS[Family(row["family"])])
        lines.append(f"  [BỎ] {' · '.join(key)} ({row['file']}): {values}")
    return lines


# --- batches and rollback ------------------------------------------------------------------

BATCH_COLUMNS = ["id", "source_file", "uploaded_by", "uploaded_at", "row_count", "status",
                 "rolled_back_by", "rolled_back_at"]


def run_batches(store: Store, fmt: str = "table", out: TextIO | None = None) -> int:
    """`cli.py batches`: every upload batch, newest first (id, file, user, time, rows, status)."""
    out = out or sys.stdout
    frame = list_batches(store.cursor())[BATCH_COLUMNS]
    if fmt == "csv":
        out.write(safe_csv(frame))  # file and user names are typed by people: never a formula in Excel
    elif fmt == "json":
        out.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    elif frame.empty:
        out.write("(chưa có lô dữ liệu nào)\n")
    else:
        view = pd.DataFrame({
            "Lô": frame["id"].map(lambda b: f"#{b}"),
            "Tệp": frame["source_file"],
            "Người nạp": frame["uploaded_by"],
            "Thời điểm": frame["uploaded_at"].dt.strftime("%d/%m/%Y %H:%M"),
            "Số dòng": frame["row_count"].map(fmt_int),
            "Trạng thái": [batch_status_label(s) + (f" ({by})" if isinstance(by, str) else "")
                           for s, by in zip(frame["status"], frame["rolled_back_by"], strict=True)],
        })
        out.write(view.to_string(index=False) + "\n")
    return EXIT_OK


_YES = {"c", "có", "co", "y", "yes"}


def run_rollback(store: Store, batch_id: int, actor: str, yes: bool = False,
                 ask: Callable[[str], str] = input, interactive: bool | None = None) -> int:
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
        question = (f"Hoàn tác lô #{batch_id} — tệp '{batch['source_file']}', {fmt_int(batch['row_count'])} dòng, "
                    f"nạp bởi {batch['uploaded_by']} lúc {batch['uploaded_at']:%d/%m/%Y %H:%M}?\n"
                    "Số liệu của lô bị gỡ, số liệu mà nó đã thay thế được khôi phục. Đồng ý? [c/K] ")
        try:
            answer = ask(question)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in _YES:
            print("Đã hủy: không thay đổi gì.")
            return EXIT_ERRORS
    rollback(store, batch_id, actor)
    print(f"Đã hoàn tác lô #{batch_id} ({batch['source_file']}).")
    return EXIT_OK
