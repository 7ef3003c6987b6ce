"""The page registry: every page declared once, and who may open it (fails closed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from auth.roles import Role
from i18n.catalogue import CATALOGUE
from ui.registry import PAGES, PAGES_DIR, allowed_ids, default_id, may_open, page

ROOT = Path(__file__).resolve().parents[2]
VIEW = {"overview", "rankings", "unit_profile", "compare", "evaluation", "exports"}


def test_pages_per_role():
    assert allowed_ids(None, open_viewing=True) == VIEW | {"sign_in"}
    assert allowed_ids(None, open_viewing=False) == {"sign_in"}
    assert allowed_ids(Role.VIEWER, open_viewing=False) == VIEW | {"sign_in"}
    assert allowed_ids(Role.ANALYST, open_viewing=True) == VIEW | {"sign_in", "upload", "batches"}
    assert allowed_ids(Role.ADMIN, open_viewing=False) == VIEW | {"sign_in", "upload", "batches", "admin", "audit"}


def test_default_page_is_the_overview_for_who_may_browse_else_sign_in():
    assert default_id(None, True) == "overview"
    assert default_id(None, False) == "sign_in"
    assert default_id(Role.VIEWER, False) == "overview"


def test_a_page_without_a_role_rule_would_open_only_the_sign_in_way():
    assert may_open(page("sign_in"), None, open_viewing=False)
    assert not may_open(page("upload"), None, open_viewing=True)


def test_every_registry_page_has_a_file_and_both_titles_and_every_file_a_registry_line():
    ids = [spec.id for spec in PAGES]
    assert len(ids) == len(set(ids))
    assert {p.stem for p in PAGES_DIR.glob("*.py")} == set(ids)
    for spec in PAGES:
        vi, en = CATALOGUE[spec.title_key]
        assert vi and en and vi != en
        assert CATALOGUE[f"nav_{spec.section.value}"]


@pytest.mark.parametrize("spec", [s for s in PAGES if s.least_role is not None and s.least_role is not Role.VIEWER],
                         ids=lambda s: s.id)
def test_work_pages_keep_their_own_role_check(spec):
    """The router refuses first; each work page checks again (`require_role`) in case it is run another way."""
    tree = ast.parse(spec.path.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "require_role"]
    assert calls, f"pages/{spec.id}.py does not call require_role"
    assert ast.unparse(calls[0].args[0]) == f"Role.{spec.least_role.name}"


PRODUCT = ["dashboard.py", "cli.py", "auth", "ui", "pages", "bench", "exports", "metrics", "ingest", "texts"]


def _page_id_lists(path: Path) -> list[str]:
    ids = {spec.id for spec in PAGES}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            names = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in ids]
            if len(names) >= 2:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {names}")
    return found


def test_no_second_list_of_pages_in_product_code():
    """Navigation, role checks, titles and the bench read ui.registry; nobody keeps a page list of their own."""
    files = [f for entry in PRODUCT for f in ([ROOT / entry] if entry.endswith(".py")
                                              else sorted((ROOT / entry).rglob("*.py")))]
    found = [hit for f in files if f.name != "registry.py" for hit in _page_id_lists(f)]
    assert not found
