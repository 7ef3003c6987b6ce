"""Words of sign-in, the user box and the router's refusals (see `i18n.catalogue`)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "auth_title": ("Đăng nhập", "Sign in"),
    "auth_username": ("Tên đăng nhập", "User name"),
    "auth_password": ("Mật khẩu", "Password"),
    "auth_submit": ("Đăng nhập", "Sign in"),
    "auth_sso": ("Đăng nhập bằng tài khoản một lần (SSO)", "Sign in with single sign-on (SSO)"),
    "auth_local": ("Đăng nhập bằng tài khoản nội bộ", "Sign in with a local account"),
    "auth_signed_in": ("Đã đăng nhập: {name} — {role}", "Signed in: {name} — {role}"),
    "auth_sign_out": ("Đăng xuất", "Sign out"),
    "auth_signed_out": ("Đã đăng xuất.", "Signed out."),
    "auth_not_signed_in": ("Chưa đăng nhập", "Not signed in"),
    "auth_expired": ("Phiên làm việc đã hết hạn do không hoạt động; vui lòng đăng nhập lại.",
                     "Your session expired after a period of inactivity; please sign in again."),
    "auth_need_sign_in": ("Vui lòng đăng nhập để xem trang này.", "Please sign in to see this page."),
    "auth_forbidden": ("Tài khoản của bạn ({role}) không có quyền mở trang này; cần vai trò {needed}.",
                       "Your account ({role}) may not open this page; it needs the {needed} role."),
    "auth_sso_refused": ("Tài khoản {who} chưa được cấp quyền truy cập bảng điều hành; vui lòng liên hệ quản trị viên.",
                         "The account {who} has not been given access to the dashboard; contact the administrator."),
    "auth_deactivated": ("Tài khoản đã bị vô hiệu hóa; phiên làm việc đã kết thúc.",
                         "The account has been disabled; the session has ended."),
    "auth_empty": ("Vui lòng nhập tên đăng nhập và mật khẩu.", "Please enter a user name and a password."),
    "page_not_found": ("Không có trang “{path}”. Vui lòng chọn một trang trong danh mục bên trái.",
                       "There is no page “{path}”. Please choose a page from the menu on the left."),
    # settings (config/, store/settings.py, auth/admin.py): the Vietnamese sentence is the error's own;
    # these are the English ones, chosen by the error's key
    "setting_env_invalid": ("Biến môi trường {env}={value!r} không hợp lệ: cần {allowed}.",
                            "Environment variable {env}={value!r} is not valid: use {allowed}. "
                            "Fix or remove it, then restart."),
    "setting_stored_invalid": ("Giá trị đã lưu cho cài đặt '{name}' ({value!r}) không hợp lệ.",
                               "The saved value of setting '{name}' ({value!r}) is not valid: use {allowed}. "
                               "Set {env}, which takes precedence, then restart."),
    "settings_row_corrupt": ("Dòng cài đặt '{row}' trong cơ sở dữ liệu bị hỏng.",
                             "Settings row '{row}' in the database is damaged (not a JSON object)."),
    "admin_setting_fixed_by_env": ("Cài đặt này do biến môi trường {env} quy định.",
                                   "This setting is fixed by the environment variable {env} and cannot be "
                                   "changed here; change the variable and restart."),
}
