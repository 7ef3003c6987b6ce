"""Words of the sessions area (see `i18n.catalogue`); one section file per area so parallel work never collides."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "sessions_rate_limited": ("Quá nhiều lần thử đăng nhập; vui lòng thử lại sau {minutes} phút.",
                              "Too many sign-in attempts; please try again in {minutes} minutes."),
    "sessions_sign_out_everywhere": ("Đăng xuất mọi nơi", "Sign out everywhere"),
    "sessions_sign_out_everywhere_help": (
        "Kết thúc mọi phiên làm việc của tài khoản này, trên mọi trình duyệt và thiết bị.",
        "Ends every session of this account, in every browser and on every device."),
    "sessions_signed_out_everywhere": ("Đã đăng xuất khỏi mọi nơi.", "Signed out everywhere."),
    "sessions_ended_elsewhere": (
        "Phiên làm việc đã kết thúc (đăng xuất ở nơi khác, mật khẩu hoặc vai trò đã thay đổi); "
        "vui lòng đăng nhập lại.",
        "Your session has ended (signed out elsewhere, or the password or role changed); please sign in again."),
    "sessions_too_old": ("Phiên làm việc đã quá thời hạn tối đa; vui lòng đăng nhập lại.",
                         "Your session has reached its maximum length; please sign in again."),
    "sessions_admin_live": ("Phiên đang mở", "Open sessions"),
    "sessions_admin_end": ("Đăng xuất mọi nơi", "Sign out everywhere"),
    "sessions_admin_end_help": (
        "Kết thúc mọi phiên làm việc đang mở của tài khoản này (ví dụ khi mất máy); đặt lại mật khẩu, "
        "đổi vai trò hoặc vô hiệu hóa cũng kết thúc chúng.",
        "Ends every open session of this account (e.g. a lost laptop); a password reset, role change or "
        "deactivation ends them too."),
    "sessions_admin_ended": ("Đã kết thúc mọi phiên làm việc của {name}.", "Every session of {name} has ended."),
    "audit_action_sessions_ended": ("Kết thúc các phiên làm việc", "Sessions ended"),
    "audit_action_sign_in_rate_limited": ("Chặn đăng nhập do thử quá nhiều", "Sign-in attempts limited"),
    "audit_action_sign_out_everywhere": ("Đăng xuất mọi nơi", "Signed out everywhere"),
}
