"""Cheap fingerprints of what the figures depend on, for cache keys.

`data_version` changes with anything (an upload, a rollback, a target, a setting, a
scheme, a finalised evaluation, a unit or a field): one query run before each page.

When it changed, `data_versions` says what: a version per month of the facts (and of each
year's targets) and a version of everything else. A figure about a period can only depend on
months up to the period's last one (earlier months as its comparison, never later ones), so
its cache key is `DataVersions.through(last)`: the base plus every month up to `last`. An
upload of November leaves the key of any period ending in October unchanged, so those cached
figures stay valid; a target of 2026 changes the key of every period reaching January 2026.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

import duckdb

_FINGERPRINT = """
SELECT
  (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || count(*) FILTER (WHERE status = 'rolled_back')
     || ':' || coalesce(max(rolled_back_at)::VARCHAR, '') FROM upload_batches)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(indicator, year, unit_type, value)), 0) FROM targets)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(key, value)), 0) FROM settings)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(code, name, unit_type, valid_from, valid_to)), 0) FROM units)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(code, name, active)), 0) FROM fields)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(s)), 0) FROM evaluation_schemes s)
  || '|' || (SELECT count(*) || ':' || coalesce(max(finalised_at)::VARCHAR, '') FROM evaluation_finals)
"""

# Everything a figure may read that is not filed under a month: the unit and field lists, the
# settings, the evaluation schemes and the finalised evaluations. Batch metadata (who uploaded
# when) is left out: a loader that shows it takes no period and is keyed by `data_version`.
_BASE = """
SELECT
  (SELECT count(*) || ':' || coalesce(sum(hash(key, value)), 0) FROM settings)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(code, name, unit_type, valid_from, valid_to)), 0) FROM units)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(code, name, active)), 0) FROM fields)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(s)), 0) FROM evaluation_schemes s)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(f)), 0) FROM evaluation_finals f)
"""

# Every fact row as a whole (values, batch, is_current), so a new batch, a correction that
# replaces rows and a rollback that brings old rows back all change their month. A year's
# targets count as its January: every period reaching into that year depends on them.
_MONTHS = """
SELECT month, sum(n)::VARCHAR || ':' || sum(h)::VARCHAR FROM (
  SELECT month, count(*) AS n, sum(hash(t)) AS h FROM dossier_facts t GROUP BY month
  UNION ALL SELECT month, count(*), sum(hash(t)) FROM document_facts t GROUP BY month
  UNION ALL SELECT month, count(*), sum(hash(t)) FROM task_facts t GROUP BY month
  UNION ALL SELECT make_date(year, 1, 1), count(*), sum(hash(t)) FROM targets t GROUP BY year
) GROUP BY month ORDER BY month
"""


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A string that changes whenever facts, targets, settings, schemes, finals, units or fields change."""
    return con.execute(_FINGERPRINT).fetchone()[0]


@dataclass(frozen=True)
class DataVersions:
    """The base version and, per month with facts or targets, the version of all months up to it."""

    whole: str                     # `data_version`: for what depends on every month or on batch metadata
    base: str
    months: tuple[date, ...]       # ascending
    running: tuple[str, ...]       # running[i]: digest of months[0..i]

    def through(self, last: date | None) -> str:
        """The key of anything that reads months up to `last` (None: of anything at all)."""
        if last is None:
            return self.whole
        i = bisect_right(self.months, last)
        return f"{self.base}|{self.running[i - 1] if i else '-'}"


def data_versions(con: duckdb.DuckDBPyConnection, whole: str | None = None) -> DataVersions:
    """Reads the base and per-month versions (a few ms per 10 000 fact rows: run once per data change)."""
    whole = whole if whole is not None else data_version(con)
    base = con.execute(_BASE).fetchone()[0]
    months, running = [], []
    digest = hashlib.blake2b(digest_size=12)
    for month, version in con.execute(_MONTHS).fetchall():
        digest.update(f"{month}={version};".encode())
        months.append(month)
        running.append(digest.copy().hexdigest())
    return DataVersions(whole, base, tuple(months), tuple(running))
