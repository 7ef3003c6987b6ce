"""`cli.py create-user`: the only way the first administrator comes to exist.

No default or demo password ships. The password is read from an environment
variable (for scripted installs) or prompted twice without echo.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable

from auth.passwords import password_problems
from auth.roles import Role, RoleError
from auth.users import UserError, UsernameTaken, create_user
from store import Store

DEFAULT_PASSWORD_ENV = "DASHBOARD_PASSWORD"

EXIT_OK = 0
EXIT_REFUSED = 1        # valid input, but e.g. the user name already exists
EXIT_BAD_INPUT = 2      # bad role, user name or password
EXIT_NO_PASSWORD = 3    # no environment variable and no terminal to prompt on


def _cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def create_user_command(store: Store, username: str, role: str, display_name: str | None = None,
                        password_env: str | None = DEFAULT_PASSWORD_ENV, *,
                        prompt: Callable[[str], str] = getpass.getpass,
                        interactive: bool | None = None) -> int:
    """Create a local account; prints one line in Vietnamese and returns an exit code."""
    try:
        chosen = Role.parse(role)
    except RoleError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    password = os.environ.get(password_env) if password_env else None
    if password is None:
        if interactive is None:
            interactive = sys.stdin.isatty()
        if not interactive:
            print(f"Không có mật khẩu: đặt biến môi trường {password_env or DEFAULT_PASSWORD_ENV} "
                  "hoặc chạy lệnh trong một terminal để nhập mật khẩu.", file=sys.stderr)
            return EXIT_NO_PASSWORD
        password = prompt(f"Mật khẩu cho {username}: ")
        problems = password_problems(password, username)
        if problems:
            print(" ".join(problems), file=sys.stderr)
            return EXIT_BAD_INPUT
        if prompt("Nhập lại mật khẩu: ") != password:
            print("Hai lần nhập mật khẩu không khớp.", file=sys.stderr)
            return EXIT_BAD_INPUT
    problems = password_problems(password, username)
    if problems:
        print(" ".join(problems), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        user = create_user(store, username, chosen, password, display_name, actor=_cli_actor())
    except UsernameTaken as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"Đã tạo tài khoản '{user.username}' với vai trò {user.role.label()}.")
    return EXIT_OK
