"""Đăng nhập / đăng xuất."""

from ui.auth_gate import sign_in_page
from ui.state import lang

sign_in_page(lang())
