"""Loads the reference data shipped in data/reference/ (units, fields, default targets)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from store import PROJECT_ROOT, Store

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
CURRENT_UNITS_VALID_FROM = date(2025, 7, 1)  # two-level local government since 1 July 2025


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def reference_units(include_legacy: bool = True) -> list[tuple[str, str, str, date, date | None]]:
    units = [
        (r["unit_code"], r["unit_name"], r["unit_type"],
         # City agencies existed before the 2025 reform; communes/wards start on 1 July 2025.
         date(2000, 1, 1) if r["unit_type"] == "department" else CURRENT_UNITS_VALID_FROM, None)
        for r in _rows("units_2025.csv")
    ]
    if include_legacy:
        units += [
            (r["unit_code"], r["unit_name"], r["unit_type"],
             date.fromisoformat(r["valid_from"]), date.fromisoformat(r["valid_to"]))
            for r in _rows("legacy_units.csv")
        ]
    return units


def reference_fields() -> list[tuple[str, str]]:
    return [(r["field_code"], r["field_name"]) for r in _rows("fields.csv")]


def reference_targets(years: range) -> list[tuple[str, int, str, float]]:
    out = []
    for r in _rows("targets.csv"):
        for year in (years if r["year"] == "*" else [int(r["year"])]):
            out.append((r["indicator"], year, r["unit_type"], float(r["value"])))
    return out


def load_reference(store: Store, years: range | None = None, include_legacy: bool = True) -> None:
    """Insert units, fields and default targets that are not there yet (idempotent)."""
    years = years or range(2020, date.today().year + 2)
    with store.transaction() as cur:
        cur.executemany(
            "INSERT OR IGNORE INTO units (code, name, unit_type, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
            reference_units(include_legacy),
        )
        cur.executemany("INSERT OR IGNORE INTO fields (code, name) VALUES (?, ?)", reference_fields())
        cur.executemany(
            "INSERT OR IGNORE INTO targets (indicator, year, unit_type, value) VALUES (?, ?, ?, ?)",
            reference_targets(years),
        )


def reference_dir() -> Path:
    return REFERENCE_DIR
