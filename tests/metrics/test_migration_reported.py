"""Migration 004 on a database made before it: invented zeros become "not reported", late counts split."""

from datetime import date

import duckdb

from store import MIGRATIONS_DIR, open_store


def _old_database(path) -> None:
    """A database at schema version 3, with rows as the importer wrote them then."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    for sql in sorted(MIGRATIONS_DIR.glob("00[123]_*.sql")):
        con.execute(sql.read_text(encoding="utf-8"))
        number, _, name = sql.stem.partition("_")
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [int(number), name])
    con.execute("INSERT INTO units (code, name, unit_type) VALUES ('w', 'W', 'ward')")
    con.execute("INSERT INTO fields (code, name) VALUES ('f', 'F')")
    con.execute("INSERT INTO upload_batches (source_file, sha256, uploaded_by, row_count) VALUES ('x', 'x', 'a', 2)")
    cols = ("batch_id, unit_code, field_code, month, received_total, received_online, received_direct, "
            "received_carried_over, resolved_total, resolved_early, resolved_on_time, resolved_late, pending_total, "
            "pending_on_time, pending_overdue, received_full_process, fee_dossiers, fee_paid_online, "
            "electronic_results, digitised, late_without_reason")
    # A Biểu 06 import: the six figures the form lacks were stored as 0.
    con.execute(f"INSERT INTO dossier_facts ({cols}) VALUES (1, 'w', 'f', DATE '2026-09-01', 10, 8, 2, 0, 9, 3, 4, 2,"
                " 1, 0, 1, 0, 0, 0, 0, 0, 0)")
    # A template import with real figures: 3 late without reason = 2 resolved late + 1 overdue.
    con.execute(f"INSERT INTO dossier_facts ({cols}) VALUES (1, 'w', 'f', DATE '2026-10-01', 10, 8, 2, 0, 9, 3, 4, 2,"
                " 1, 0, 1, 5, 4, 2, 6, 7, 3)")
    con.execute("INSERT INTO task_facts (batch_id, unit_code, month, tasks_due, tasks_done_on_time, tasks_done_late,"
                " tasks_overdue_open, tasks_late_without_reason) VALUES (1, 'w', DATE '2026-10-01', 10, 6, 2, 2, 3)")
    con.execute("INSERT INTO settings (key, value) VALUES ('evaluation', '{\"late_max_share\": 0.02}')")
    con.close()


def test_migration_keeps_data_and_restores_not_reported(tmp_path):
    path = tmp_path / "old.duckdb"
    _old_database(path)
    store = open_store(path)
    rows = store.cursor().execute(
        "SELECT month, digitised, fee_dossiers, resolved_late_unexcused, pending_overdue_unexcused, resolved_total"
        " FROM dossier_facts ORDER BY month").fetchall()
    assert rows[0] == (date(2026, 9, 1), None, None, None, None, 9)     # invented zeros → not reported
    assert rows[1] == (date(2026, 10, 1), 7, 4, 2, 1, 9)                # 3 = 2 resolved late + 1 overdue
    tasks = store.cursor().execute("SELECT tasks_done_late_unexcused, tasks_overdue_unexcused FROM task_facts")
    assert tasks.fetchall() == [(2, 1)]                                  # 3 = 2 done late + 1 still open
    scheme = store.cursor().execute("SELECT applies_from, created_by, config FROM evaluation_schemes").fetchone()
    assert scheme[:2] == (date(2000, 1, 1), "migration") and "0.02" in scheme[2]
    from metrics.schemes import latest_scheme
    assert latest_scheme(store.cursor()).config.dossier_late_max_share == 0.02
