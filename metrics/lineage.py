"""Where a unit went: predecessors and successors through mergers (table `unit_lineage`).

A link says "from `effective` on, `successor` carries (part of) `predecessor`'s work".
Chains are followed (a ward merged twice), cycles are ignored. Pure functions over the
links, plus thin wrappers that read them from the database; used by ingest matching
(a pre-merger name in a later month), and meant for improvement comparisons and the
unit page's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb


@dataclass(frozen=True)
class LineageLink:
    predecessor: str
    successor: str
    effective: date
    note: str | None = None


def lineage_links(con: duckdb.DuckDBPyConnection) -> list[LineageLink]:
    return [LineageLink(p, s, e, n) for p, s, e, n in con.execute(
        "SELECT predecessor_code, successor_code, effective_date, note FROM unit_lineage "
        "ORDER BY predecessor_code, successor_code").fetchall()]


def successors_in(links: Iterable[LineageLink], code: str, on: date) -> list[str]:
    """The units that carry `code`'s work on `on`: the ends of every chain of links in force
    by then. Empty when `code` has no link in force (it still exists, or nobody took over)."""
    by_pred: dict[str, list[LineageLink]] = {}
    for link in links:
        if link.effective <= on:
            by_pred.setdefault(link.predecessor, []).append(link)
    ends: list[str] = []
    seen = {code}
    stack = [code]
    while stack:
        current = stack.pop()
        for link in by_pred.get(current, []):
            if link.successor in seen:
                continue
            seen.add(link.successor)
            if link.successor in by_pred:
                stack.append(link.successor)
            elif link.successor not in ends:
                ends.append(link.successor)
    return sorted(ends)


def _reachable(edges: Iterable[tuple[str, str]], code: str) -> list[str]:
    """Every node reached from `code` along `edges` (from, to), `code` itself excluded."""
    after: dict[str, list[str]] = {}
    for start, end in edges:
        after.setdefault(start, []).append(end)
    found: list[str] = []
    stack = [code]
    while stack:
        for nxt in after.get(stack.pop(), []):
            if nxt != code and nxt not in found:
                found.append(nxt)
                stack.append(nxt)
    return sorted(found)


def predecessors_in(links: Iterable[LineageLink], code: str) -> list[str]:
    """Every unit whose work `code` took over, directly or through a chain (any date)."""
    return _reachable(((link.successor, link.predecessor) for link in links), code)


def descendants_in(links: Iterable[LineageLink], code: str) -> list[str]:
    """Every unit reached from `code` through links of any date (intermediate ones too)."""
    return _reachable(((link.predecessor, link.successor) for link in links), code)


def successors(con: duckdb.DuckDBPyConnection, code: str, on: date) -> list[str]:
    """Units that carry `code`'s work on `on` (see `successors_in`)."""
    return successors_in(lineage_links(con), code, on)


def predecessors(con: duckdb.DuckDBPyConnection, code: str) -> list[str]:
    """Units whose work `code` took over (see `predecessors_in`)."""
    return predecessors_in(lineage_links(con), code)
