"""Loads the reference data shipped in data/reference/ (units, fields, aliases, lineage, default targets).

The CSV files are the source; `note` columns and `#` comment lines say where a fact comes
from and which facts are uncertain (they are data an administrator can correct).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from store import PROJECT_ROOT, Store

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
CURRENT_UNITS_VALID_FROM = date(2025, 7, 1)  # two-level local government since 1 July 2025
DEPARTMENTS_VALID_FROM = date(2000, 1, 1)    # conventional: no data before 2020 is expected


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as f:
        # Comment lines carry sources and caveats for people; the loader skips them.
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _default_from(unit_type: str) -> date:
    # City agencies existed before the 2025 reform; communes/wards start on 1 July 2025.
    return DEPARTMENTS_VALID_FROM if unit_type == "department" else CURRENT_UNITS_VALID_FROM


def reference_units(include_legacy: bool = True) -> list[tuple[str, str, str, date, date | None]]:
    units = [
        (r["unit_code"], r["unit_name"], r["unit_type"],
         date.fromisoformat(r["valid_from"]) if r.get("valid_from") else _default_from(r["unit_type"]), None)
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


def reference_field_aliases() -> list[tuple[str, str, str | None]]:
    """(alias as written, field code, note); uncertain mappings say so in the note."""
    out = []
    for r in _rows("field_aliases.csv"):
        note = (r.get("note") or "").strip()
        if r.get("certain", "").strip().lower() == "no":
            note = ("Chưa chắc chắn. " + note).strip()
        out.append((r["alias"], r["field_code"], note or None))
    return out


def reference_lineage(include_legacy: bool = True) -> list[tuple[str, str, date, str | None]]:
    """(predecessor, successor, effective date, note); every predecessor is a legacy unit."""
    if not include_legacy:
        return []
    return [(r["predecessor_code"], r["successor_code"], date.fromisoformat(r["effective_date"]),
             r.get("note") or None) for r in _rows("unit_lineage.csv")]


def reference_targets(years: range) -> list[tuple[str, int, str, float]]:
    out = []
    for r in _rows("targets.csv"):
        for year in (years if r["year"] == "*" else [int(r["year"])]):
            out.append((r["indicator"], year, r["unit_type"], float(r["value"])))
    return out


NAMES_LOADED_KEY = "reference_names_loaded"  # meta key: aliases and lineage were loaded once


def load_reference(store: Store, years: range | None = None, include_legacy: bool = True) -> None:
    """Insert reference rows that are not there yet (idempotent); never overwrites a row.

    Aliases and lineage are loaded once per database (marked in `meta`): an administrator
    may remove a wrong alias or lineage row on the administration page, and reloading the
    reference (`cli.py init`, the demo) must not bring it back.
    """
    years = years or range(2020, date.today().year + 2)
    with store.transaction() as cur:
        cur.executemany(
            "INSERT OR IGNORE INTO units (code, name, unit_type, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
            reference_units(include_legacy),
        )
        cur.executemany("INSERT OR IGNORE INTO fields (code, name) VALUES (?, ?)", reference_fields())
        if cur.execute("SELECT 1 FROM meta WHERE key = ?", [NAMES_LOADED_KEY]).fetchone() is None:
            cur.executemany("INSERT OR IGNORE INTO field_aliases (alias, field_code, note) VALUES (?, ?, ?)",
                            reference_field_aliases())
            cur.executemany(
                "INSERT OR IGNORE INTO unit_lineage (predecessor_code, successor_code, effective_date, note) "
                "VALUES (?, ?, ?, ?)",
                reference_lineage(include_legacy),
            )
            store.set_meta(NAMES_LOADED_KEY, "true", cur)
        cur.executemany(
            "INSERT OR IGNORE INTO targets (indicator, year, unit_type, value) VALUES (?, ?, ?, ?)",
            reference_targets(years),
        )


def reference_dir() -> Path:
    return REFERENCE_DIR
