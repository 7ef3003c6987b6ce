"""Batches replace the keys they carry, roll back to what they replaced, and commit atomically."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import ingest
from ingest import IngestError
from ingest.cli import run_import
from store import open_store
from store.reference import load_reference
from tests.ingest.conftest import ROOT, TODAY, snapshot
from tests.ingest.ingest_forms import BIEU06_HEADER, csv_bytes


def dossiers(*rows: tuple[str, str, str, int]) -> bytes:
    """Rows of (unit, field, month, resolved on time); every other figure follows from it."""
    lines = [f"{u},{f},{m},{n},{n},0,0,{n},0,{n},0,0,0,0" for u, f, m, n in rows]
    return csv_bytes(BIEU06_HEADER, lines)


def upload(store, name: str, data: bytes, actor: str = "a") -> int:
    parsed = ingest.parse_upload(store, name, data, today=TODAY)
    assert not parsed.problems, [p.line() for p in parsed.problems]
    [batch] = ingest.commit(store, [parsed], actor=actor)
    return batch


def current(store) -> list[tuple]:
    return store.cursor().execute(
        "SELECT batch_id, unit_code, field_code, strftime(month, '%Y-%m'), resolved_on_time"
        " FROM dossier_facts WHERE is_current ORDER BY unit_code, month, field_code"
    ).fetchall()


def assert_invariant(store) -> None:
    """Per unit-field-month, at most one current row, and it comes from an active batch."""
    bad = store.cursor().execute(
        "SELECT unit_code, field_code, month FROM dossier_facts f JOIN upload_batches b ON b.id = f.batch_id"
        " WHERE f.is_current GROUP BY unit_code, field_code, month"
        " HAVING count(*) > 1 OR bool_or(b.status <> 'active')"
    ).fetchall()
    assert bad == []


def test_newer_batch_replaces_only_its_keys_and_rollback_restores_them(store):
    a = upload(store, "a.csv", dossiers(("phuong-hai-chau", "dat-dai", "2026-09", 1),
                                        ("phuong-hai-chau", "dat-dai", "2026-10", 2),
                                        ("phuong-hai-chau", "ho-tich", "2026-10", 3)))
    newer = dossiers(("phuong-hai-chau", "dat-dai", "2026-10", 20))
    pv = ingest.preview(store, [ingest.parse_upload(store, "b.csv", newer, today=TODAY)])
    assert (pv.new_rows, pv.replaced_rows, pv.changed_rows, pv.dropped_rows) == (0, 1, 1, 0)
    changed = pv.changes[["unit_code", "field_code", "month", "column", "old", "new"]].values.tolist()
    assert ["phuong-hai-chau", "dat-dai", "2026-10", "resolved_on_time", 2, 20] in changed
    b = upload(store, "b.csv", newer)
    # ho-tich 2026-10 is not in the newer file: it stays current (corrections merge).
    assert current(store) == [(a, "phuong-hai-chau", "dat-dai", "2026-09", 1),
                              (b, "phuong-hai-chau", "dat-dai", "2026-10", 20),
                              (a, "phuong-hai-chau", "ho-tich", "2026-10", 3)]
    assert_invariant(store)
    ingest.rollback(store, b, actor="lead")
    assert current(store) == [(a, "phuong-hai-chau", "dat-dai", "2026-09", 1),
                              (a, "phuong-hai-chau", "dat-dai", "2026-10", 2),
                              (a, "phuong-hai-chau", "ho-tich", "2026-10", 3)]
    assert_invariant(store)
    batches = ingest.list_batches(store.cursor()).set_index("id")
    assert batches.loc[b, "status"] == "rolled_back" and batches.loc[b, "rolled_back_by"] == "lead"
    assert store.cursor().execute("SELECT count(*) FROM dossier_facts").fetchone()[0] == 4  # history kept (3 + 1)
    actions = store.cursor().execute("SELECT action, target FROM audit_log ORDER BY id").fetchall()
    assert actions == [("upload", f"batch:{a}"), ("upload", f"batch:{b}"), ("rollback", f"batch:{b}")]
    with pytest.raises(IngestError, match="đã được hoàn tác"):
        ingest.rollback(store, b, actor="lead")


def test_rolling_back_a_middle_batch_keeps_the_newest(store):
    a = upload(store, "a.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 1)))
    b = upload(store, "b.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 2)))
    c = upload(store, "c.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 3)))
    ingest.rollback(store, b, actor="x")
    assert current(store) == [(c, "xa-hoa-vang", "dat-dai", "2026-10", 3)]
    ingest.rollback(store, c, actor="x")
    assert current(store) == [(a, "xa-hoa-vang", "dat-dai", "2026-10", 1)]
    ingest.rollback(store, a, actor="x")
    assert current(store) == []
    assert_invariant(store)


def test_identical_file_twice_is_detected(store):
    data = dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 1))
    first = upload(store, "a.csv", data)
    again = ingest.parse_upload(store, "copy.csv", data, today=TODAY)
    assert f"giống hệt tệp 'a.csv' đã nạp (lô #{first}" in again.errors[0].message
    ingest.rollback(store, first, actor="x")
    assert ingest.parse_upload(store, "copy.csv", data, today=TODAY).problems == ()


def test_warnings_need_confirmation(store):
    data = csv_bytes(BIEU06_HEADER, ["xa-hoa-vang,dat-dai,2026-10,10,5,3,2,7,4,3,0,2,2,0"])
    parsed = ingest.parse_upload(store, "w.csv", data, today=TODAY)
    assert len(parsed.warnings) == 1 and not parsed.errors
    with pytest.raises(IngestError, match="xác nhận"):
        ingest.commit(store, [parsed], actor="a")
    assert ingest.commit(store, [parsed], actor="a", confirm_warnings=True) == [1]


def test_failure_inside_the_transaction_leaves_nothing(store, monkeypatch):
    upload(store, "a.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 1)))
    before = snapshot(store)
    parsed = ingest.parse_upload(store, "b.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 2)), today=TODAY)

    def boom(*args, **kwargs):  # audit is written after the inserts and the replacement
        raise RuntimeError("killed")

    monkeypatch.setattr("ingest.versioning._record", boom)
    with pytest.raises(RuntimeError):
        ingest.commit(store, [parsed], actor="a")
    assert snapshot(store) == before


def test_killed_process_mid_commit_leaves_the_database_unchanged(tmp_path: Path):
    db = tmp_path / "kill.duckdb"
    store = open_store(db)
    load_reference(store)
    upload(store, "a.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 1)))
    before = snapshot(store)
    store.close()
    csv_path = tmp_path / "b.csv"
    csv_path.write_bytes(dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 2), ("xa-hoa-vang", "ho-tich", "2026-10", 5)))
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        import ingest.versioning
        from ingest.cli import run_import
        from store import open_store

        def die(*a, **k):  # after the fact rows are inserted and the old ones flipped
            os.kill(os.getpid(), signal.SIGKILL)

        ingest.versioning._record = die
        run_import(open_store({str(db)!r}), [{str(csv_path)!r}], dry_run=False, actor="killed")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr.decode()
    store = open_store(db)
    assert snapshot(store) == before
    store.close()


def test_cli_report_and_exit_codes(store, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(BIEU06_HEADER, ["xa-hoa-vang,dat-dai,2026-10,10,5,3,2,abc,4,3,1,2,2,0"]))
    warn = tmp_path / "warn.csv"
    warn.write_bytes(csv_bytes(BIEU06_HEADER, ["xa-hoa-vang,dat-dai,2026-10,10,5,3,2,7,4,3,0,2,2,0"]))
    good = tmp_path / "good.csv"
    good.write_bytes(dossiers(("phuong-hai-chau", "ho-tich", "2026-10", 4)))

    assert run_import(store, [str(bad)], dry_run=False, actor="cli") == 1
    out = capsys.readouterr().out
    assert "bad.csv · - · 2 · resolved_total: Cột 'resolved_total' (Tổng số đã giải quyết): giá trị 'abc' không phải là số" in out
    assert run_import(store, [str(warn)], dry_run=False, actor="cli") == 2
    assert run_import(store, [str(good)], dry_run=True, actor="cli") == 0
    assert current(store) == []
    assert run_import(store, [str(good), str(warn)], dry_run=False, actor="cli", confirm_warnings=True) == 0
    assert len(current(store)) == 2
    assert run_import(store, [str(good)], dry_run=False, actor="cli") == 1
    assert "giống hệt" in capsys.readouterr().out


def test_two_files_of_one_upload_writing_the_same_key_are_refused(store):
    # Which file wins used to depend on the order they were chosen in; now the user decides.
    first = ingest.parse_upload(store, "1.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 1)), today=TODAY)
    second = ingest.parse_upload(store, "2.csv", dossiers(("xa-hoa-vang", "dat-dai", "2026-10", 2)), today=TODAY)
    message = "Tệp 1.csv và 2.csv cùng ghi số liệu Xã Hòa Vang · Đất đai · 10/2026; hãy bỏ một tệp"
    with pytest.raises(IngestError, match=message):
        ingest.preview(store, [first, second])
    with pytest.raises(IngestError, match=message):
        ingest.commit(store, [first, second], actor="a")
    assert current(store) == []
