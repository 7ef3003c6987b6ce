"""The README's settings section, generated from the registry (`python -m config --readme`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from config.registry import PROJECT_ROOT, SETTINGS

README = PROJECT_ROOT / "README.md"
START = "<!-- settings:start -->"
END = "<!-- settings:end -->"

PRECEDENCE = (
    "The environment wins: a variable that is set fixes its setting, and the *Quản trị* page shows it "
    "as fixed and cannot change it. The sign-in settings marked *admin* may otherwise be saved on that "
    "page (only the one changed is stored); without either, the default applies. An invalid value "
    "(a typo, a number out of range) stops the dashboard and the CLI with a message naming the variable, "
    "the value and the allowed values; it never falls back to a more open default. `VAR=` (empty) counts "
    "as not set only for paths and `DASHBOARD_DEBUG`. Regenerate this table with "
    "`.venv/bin/python -m config --readme` after changing `config/registry.py`."
)


def readme_table() -> str:
    """The Markdown table of every setting, one row per registry entry."""
    rows = ["| setting (environment) | default | allowed values | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        meaning = s.meaning + (" (*admin*: also on the *Quản trị* page)" if s.admin else "")
        rows.append(f"| `{s.env}` | `{s.default_text}` | {s.kind.allowed_en} | {meaning} |")
    return "\n".join(rows)


def readme_section() -> str:
    """What sits between the markers: the table and the precedence rule."""
    rule = textwrap.fill(PRECEDENCE, width=92, break_long_words=False, break_on_hyphens=False)
    return f"{START}\n{readme_table()}\n\n{rule}\n{END}"


def with_section(text: str) -> str:
    """`text` (the README) with its settings section replaced by the generated one."""
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"README has no {START} … {END} section")
    return head + readme_section() + tail


def sync_readme(path: Path = README) -> bool:
    """Rewrites the README's settings section; True if it changed."""
    old = path.read_text(encoding="utf-8")
    new = with_section(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old
