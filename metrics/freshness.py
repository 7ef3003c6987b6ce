"""A cheap fingerprint of everything figures depend on, for cache keys.

Any upload, rollback, target or settings change alters it, so a cached figure
is never served after the data under it changed.
"""

from __future__ import annotations

import duckdb

_FINGERPRINT = """
SELECT
  (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || count(*) FILTER (WHERE status = 'rolled_back')
     || ':' || coalesce(max(rolled_back_at)::VARCHAR, '') FROM upload_batches)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(indicator, year, unit_type, value)), 0) FROM targets)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(key, value)), 0) FROM settings)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(code, name, unit_type, valid_from, valid_to)), 0) FROM units)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(code, name, active)), 0) FROM fields)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(id, status, decision)), 0) FROM evaluation_schemes)
  || '|' || (SELECT count(*) || ':' || coalesce(max(finalised_at)::VARCHAR, '') FROM evaluation_finals)
"""


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A string that changes whenever facts, targets, settings, schemes, finals, units or fields change."""
    return con.execute(_FINGERPRINT).fetchone()[0]
