"""Fields (lĩnh vực) as stored; unit types and groups are vocabulary (`vocab.units`)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Field:
    code: str
    name: str


def list_fields(con: duckdb.DuckDBPyConnection, include_inactive: bool = False) -> list[Field]:
    sql = "SELECT code, name FROM fields" + ("" if include_inactive else " WHERE active") + " ORDER BY name"
    return [Field(*r) for r in con.execute(sql).fetchall()]
