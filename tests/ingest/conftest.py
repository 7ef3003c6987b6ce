"""Fixtures for the ingest tests: a reference-loaded store and a fixed 'today'."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # also run as a script from the project root
    sys.path.insert(0, str(ROOT))

from store import Store, open_store  # noqa: E402
from store.reference import load_reference  # noqa: E402

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory) -> Path:
    """Reference data loaded once (it is slow to insert); each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("ref") / "reference.duckdb"
    s = open_store(path)
    load_reference(s)
    s.close()
    return path


@pytest.fixture
def store(reference_db, tmp_path) -> Store:
    path = tmp_path / "test.duckdb"
    shutil.copyfile(reference_db, path)
    s = open_store(path)
    yield s
    s.close()


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Everything an import may touch, to prove that a refused file changed nothing."""
    cur = store.cursor()
    return {
        table: cur.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        for table in ("upload_batches", "dossier_facts", "document_facts", "task_facts", "audit_log")
    }


@pytest.fixture
def pages_store(store, monkeypatch):
    """The upload pages on `store`, with a signed-in analyst (AppTest cannot sign in)."""
    import ui.access
    import ui.state as ui_state
    from auth.roles import Role
    from auth.users import User

    monkeypatch.setattr(ui_state, "get_store", lambda: store)
    analyst = User("người kiểm thử", "Người kiểm thử", Role.ANALYST, True, "local")
    monkeypatch.setattr(ui.access, "current_user", lambda: analyst)
    return store
