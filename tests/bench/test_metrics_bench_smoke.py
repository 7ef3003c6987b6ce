"""Smoke test of the national-scale benchmark builder at a tiny scale (no timings checked)."""

from bench.metrics_bench import build_national
from metrics.queries import latest_month
from metrics.ranking import rank_units
from store import open_store
from vocab.periods import Period
from vocab.units import UnitGroup


def test_tiny_national_build_has_every_series_and_ranks_every_unit(tmp_path):
    db = tmp_path / "national.duckdb"

    built = build_national(db, units=20, months=3, fields=20)

    assert built.rows == 20 * 3 * 20
    assert built.size_bytes == db.stat().st_size > 0
    store = open_store(db, read_only=True)
    try:
        con = store.cursor()
        assert con.execute("SELECT count(*) FROM dossier_facts WHERE is_current").fetchone()[0] == built.rows
        assert con.execute("SELECT count(*) FROM upload_batches").fetchone()[0] == 3
        types = dict(con.execute("SELECT unit_type, count(*) FROM units GROUP BY ALL").fetchall())
        assert set(types) == {"department", "ward", "commune"}
        latest = latest_month(con)
        ranking = rank_units(con, "on_time_rate", Period.month(latest.year, latest.month), UnitGroup.ALL)
        assert len(ranking) == 20
        assert ranking["unit_code"].is_unique
    finally:
        store.close()
