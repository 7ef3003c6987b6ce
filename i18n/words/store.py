"""Words of the database's own failures, raised by `store.failures` (see `i18n.catalogue`).

One sentence each: what happened to which file, and what the operator does about it.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "store_locked_pid": (
        "Tệp cơ sở dữ liệu {path} đang được một tiến trình khác mở (PID {pid}); "
        "hãy dừng tiến trình đó hoặc dùng tệp khác (--db hoặc DASHBOARD_DB).",
        "The database file {path} is held open by another process (PID {pid}); "
        "stop that process or use another file (--db or DASHBOARD_DB)."),
    "store_locked": (
        "Tệp cơ sở dữ liệu {path} đang được một tiến trình khác mở; "
        "hãy dừng tiến trình đó hoặc dùng tệp khác (--db hoặc DASHBOARD_DB).",
        "The database file {path} is held open by another process; "
        "stop that process or use another file (--db or DASHBOARD_DB)."),
    "store_disk_full": (
        "Ổ đĩa chứa {path} đã đầy nên chưa ghi được gì (thay đổi được hủy trọn vẹn, dữ liệu cũ giữ nguyên); "
        "hãy giải phóng dung lượng rồi thử lại.",
        "The disk holding {path} is full, so nothing was written (the change was undone as a whole, "
        "the data is as it was); free some space and try again."),
    "store_corrupt": (
        "Tệp {path} không phải là cơ sở dữ liệu DuckDB hợp lệ hoặc đã bị hỏng; "
        "hãy khôi phục từ bản sao lưu hoặc đặt DASHBOARD_DB sang tệp khác.",
        "The file {path} is not a valid DuckDB database or is damaged; "
        "restore it from a backup or point DASHBOARD_DB at another file."),
    "store_read_only": (
        "Không có quyền ghi vào {path} (tệp hoặc thư mục chỉ đọc); "
        "hãy cấp quyền ghi cho tài khoản chạy dashboard rồi thử lại.",
        "Cannot write to {path} (the file or its folder is read-only); "
        "give the account running the dashboard write permission and try again."),
}
