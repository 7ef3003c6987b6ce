"""The store: migrations are applied once, in order, and re-running them is safe."""

from store import open_store
from store.reference import load_reference


def test_migrations_apply_once_and_rerun_safely(tmp_path):
    path = tmp_path / "x.duckdb"
    s = open_store(path)
    version = s.schema_version()
    assert version >= 2
    load_reference(s)
    s.close()
    s = open_store(path)             # opening again applies nothing and keeps the data
    assert s.migrate() == []
    assert s.schema_version() == version
    assert s.cursor().execute("SELECT count(*) FROM units").fetchone()[0] == 203  # 111 current + 92 legacy (issue 10)
    load_reference(s)                # reference load is idempotent too
    assert s.cursor().execute("SELECT count(*) FROM fields").fetchone()[0] == 20


def test_transaction_is_all_or_nothing(tmp_path):
    s = open_store(tmp_path / "x.duckdb")
    try:
        with s.transaction() as cur:
            cur.execute("INSERT INTO fields (code, name) VALUES ('x', 'X')")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert s.cursor().execute("SELECT count(*) FROM fields").fetchone()[0] == 0
