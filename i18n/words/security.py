"""Words of the security area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # Destructive CLI commands: confirmation, backup, audit (cli.py demo / rollback)
    "security_demo_question": (
        "Dựng lại dữ liệu mẫu trong {path} sẽ xóa {batches} lô và toàn bộ số liệu hiện có "
        "(một bản sao lưu được tạo trước khi xóa). Tiếp tục? [c/K] ",
        "Rebuilding the demo data in {path} deletes {batches} batches and every figure in it "
        "(a backup copy is made first). Continue? [y/N] "),
    "security_demo_needs_yes": (
        "Chưa dựng lại dữ liệu mẫu trong {path}: việc này xóa {batches} lô hiện có mà không có terminal "
        "để hỏi xác nhận, hãy chạy lại với --yes",
        "Demo data in {path} not rebuilt: it would delete {batches} existing batches and there is no terminal "
        "to ask for confirmation; run it again with --yes"),
    "security_backup_made": ("Đã sao lưu cơ sở dữ liệu trước khi xóa: {path}",
                             "Database backed up before deleting: {path}"),
    "security_help_demo_yes": ("không hỏi xác nhận khi dựng lại sẽ xóa số liệu (bắt buộc khi không chạy trên terminal)",
                               "do not ask before a rebuild deletes data (required when not on a terminal)"),
    "audit_action_database_backup": ("Sao lưu cơ sở dữ liệu", "Database backed up"),
    "audit_action_demo_rebuilt": ("Dựng lại dữ liệu mẫu", "Demo data rebuilt"),
}
