"""The layering rules of docs/STYLE.md, checked so that they stay true.

Imports are read with `ast` from every product file, at module level and inside
functions alike (a function-level import is still an edge: it only hides a cycle
from the interpreter, not from the design).
"""

import ast
import re
import subprocess
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("metrics", "store", "ingest", "charts", "exports", "auth", "i18n", "ui", "pages", "data", "bench",
             "vocab", "texts", "config")
NOT_PRODUCT = {"tests", "test-artifacts", "docs", "scripts"}


def _py(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_pages_hold_no_sql_and_open_no_database():
    pattern = re.compile(r"duckdb\.connect|\bSELECT\b.*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b")
    offenders = [p.name for p in _py("pages") if pattern.search(p.read_text())]
    assert offenders == []


def test_only_the_store_opens_duckdb():
    opened = {p.relative_to(ROOT).as_posix() for d in CODE_DIRS for p in _py(d) if "duckdb.connect(" in p.read_text()}
    assert opened == {"store/__init__.py"}


def test_nothing_reads_the_shared_folder_at_run_time():
    offenders = [p.relative_to(ROOT).as_posix() for d in (*CODE_DIRS, "tests") for p in _py(d)
                 if "../shared" in p.read_text() and p.name != "test_architecture.py"]
    assert offenders == []


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the import graph ------------------------------------------------------------------------

def _product_files() -> dict[str, Path]:
    """Module name → file, for every Python file of the product (top-level scripts and packages)."""
    modules = {p.stem: p for p in ROOT.glob("*.py")}
    for folder in sorted(ROOT.iterdir()):
        if not folder.is_dir() or folder.name.startswith(".") or folder.name in NOT_PRODUCT:
            continue
        for path in folder.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if any(part.startswith(".") for part in parts):
                continue
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imported_names(path: Path, module: str) -> set[str]:
    """Every dotted name `path` imports, anywhere in the file; `from a import b` gives both a and a.b."""
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The product module `name` refers to (its longest prefix that is one), or None for a third-party one."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


@cache
def import_graph() -> dict[str, set[str]]:
    """Product module → the product modules it imports (itself excluded)."""
    modules = _product_files()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {_resolve(name, modules) for name in _imported_names(path, module)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


@cache
def raw_imports() -> dict[str, set[str]]:
    """Product module → every dotted name it imports, third-party ones included."""
    modules = _product_files()
    return {module: _imported_names(path, module) for module, path in modules.items()}


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _edges(source: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(f"{module} → {name}" for module, names in raw_imports().items() if _in(module, source)
                  for name in names if any(_in(name, target) for target in forbidden))


@pytest.mark.parametrize(("source", "forbidden"), [
    # metrics returns numbers and codes: words, screens, files and figures sit above it
    ("metrics", ("i18n", "texts", "ui", "streamlit", "exports", "charts")),
    ("i18n", ("metrics",)),
    ("ingest", ("auth", "ui")),
    # pages never build demo data: it is made on request by `cli.py demo` only
    ("ui", ("data.demo",)),
    ("pages", ("data.demo",)),
], ids=lambda v: v if isinstance(v, str) else "+".join(v))
def test_forbidden_imports(source, forbidden):
    assert _edges(source, forbidden) == []


def test_vocab_imports_nothing_of_the_product_but_itself():
    edges = sorted(f"{module} → {target}" for module, targets in import_graph().items() if _in(module, "vocab")
                   for target in targets if not _in(target, "vocab"))
    assert edges == []


def test_no_product_module_imports_the_tests():
    edges = sorted(f"{module} → {name}" for module, names in raw_imports().items()
                   for name in names if _in(name, "tests"))
    assert edges == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _package(module: str) -> str:
    return module.split(".")[0]


def test_no_import_cycles_between_modules():
    graph = import_graph()
    cycles = _cycles(graph)
    detail = [[f"{a} → {b}" for a in cycle for b in sorted(graph[a]) if b in cycle] for cycle in cycles]
    assert cycles == [], detail


def test_no_import_cycles_between_packages():
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in import_graph().items():
        packages[_package(module)].update(_package(t) for t in targets if _package(t) != _package(module))
    cycles = _cycles(packages)
    detail = [[f"{a} → {b}" for a in cycle for b in sorted(packages[a]) if b in cycle] for cycle in cycles]
    assert cycles == [], detail


def test_the_graph_sees_function_level_imports():
    """A guard on the guard: an import inside a function is an edge too."""
    names = raw_imports()["cli"]
    assert "data.demo" in names  # imported inside cmd_demo only
