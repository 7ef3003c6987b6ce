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


def predecessors_in(links: Iterable[LineageLink], code: str) -> list[str]:
    """Every unit whose work `code` took over, directly or through a chain (any date)."""
    by_succ: dict[str, list[str]] = {}
    for link in links:
        by_succ.setdefault(link.successor, []).append(link.predecessor)
    found: list[str] = []
    stack = [code]
    while stack:
        for pred in by_succ.get(stack.pop(), []):
            if pred != code and pred not in found:
                found.append(pred)
                stack.append(pred)
    return sorted(found)


def descendants_in(links: Iterable[LineageLink], code: str) -> list[str]:
    """Every unit reached from `code` through links of any date (intermediate ones too)."""
    by_pred: dict[str, list[str]] = {}
    for link in links:
        by_pred.setdefault(link.predecessor, []).append(link.successor)
    found: list[str] = []
    stack = [code]
    while stack:
        for succ in by_pred.get(stack.pop(), []):
            if succ != code and succ not in found:
                found.append(succ)
                stack.append(succ)
    return sorted(found)


def successors(con: duckdb.DuckDBPyConnection, code: str, on: date) -> list[str]:
    """Units that carry `code`'s work on `on` (see `successors_in`)."""
    return successors_in(lineage_links(con), code, on)


def predecessors(con: duckdb.DuckDBPyConnection, code: str) -> list[str]:
    """Units whose work `code` took over (see `predecessors_in`)."""
    return predecessors_in(lineage_links(con), code)
