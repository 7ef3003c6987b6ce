"""`python -m config`: the settings in force from the environment; `--readme` regenerates the README table.

    python -m config             every setting, its value and whether the environment sets it
    python -m config --readme    rewrite the README's settings section from the registry
    python -m config --check     exit 1 if the README's settings section is out of date
"""

from __future__ import annotations

import argparse
import sys

import config
from config.readme import README, sync_readme, with_section
from vocab.errors import UserFacingError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m config", description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's settings section")
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md's settings section is stale")
    args = parser.parse_args(argv)
    if args.readme:
        print("README.md: đã cập nhật bảng cài đặt." if sync_readme() else "README.md: bảng cài đặt đã khớp.")
        return 0
    if args.check:
        text = README.read_text(encoding="utf-8")
        if with_section(text) != text:
            print("README.md: bảng cài đặt lệch với config/registry.py; chạy: python -m config --readme",
                  file=sys.stderr)
            return 1
        return 0
    try:
        config.check_environment()
    except UserFacingError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    for s in config.SETTINGS:
        print(f"{s.env:34} {config.source(s.name):8} {config.get(s.name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
