"""The README's layout table names exactly what is in the repository's top level."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_LISTED = {".ci", ".gitignore", ".streamlit", "README.md", "pyproject.toml", "requirements.txt"}


def _layout_entries() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return {m.group(1).rstrip("/") for m in re.finditer(r"^\| `([^`]+)` \|", section, flags=re.M)}


def _tracked_top_level() -> set[str]:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {line.split("/", 1)[0] for line in files.splitlines() if line} - NOT_LISTED


def test_layout_table_matches_the_tree():
    assert _layout_entries() == _tracked_top_level()


def test_the_example_page_recipe_matches_the_registry_fields():
    from ui.registry import PageSpec

    fields = set(PageSpec.__dataclass_fields__)
    assert {"id", "icon", "section", "least_role", "shared_filters"} <= fields
