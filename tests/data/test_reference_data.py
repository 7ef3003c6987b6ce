"""The reference data as it really is (issue 10): units of 2025, legacy units, merged
departments, lineage, field aliases, and migration 006 moving the misnamed Trà Mai data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ingest.matching import field_key
from store import open_store
from store.reference import load_reference


@pytest.fixture(scope="module")
def con():
    s = open_store(":memory:")
    load_reference(s)
    yield s.cursor()
    s.close()


def test_nam_tra_my_replaces_the_misnamed_tra_mai(con):
    current = dict(con.execute("SELECT code, name FROM units WHERE valid_to IS NULL").fetchall())
    assert current["xa-nam-tra-my"] == "Xã Nam Trà My"
    assert "Xã Trà Mai" not in current.values()
    # The real pre-2025 commune Trà Mai is closed and leads to Nam Trà My.
    assert con.execute("SELECT valid_to FROM units WHERE code = 'xa-tra-mai'").fetchone()[0] == date(2025, 6, 30)
    assert con.execute("SELECT successor_code FROM unit_lineage WHERE predecessor_code = 'xa-tra-mai'"
                       ).fetchall() == [("xa-nam-tra-my",)]


def test_94_commune_level_units_23_wards_70_communes_1_special_zone(con):
    counts = dict(con.execute(
        "SELECT unit_type, count(*) FROM units WHERE valid_to IS NULL AND unit_type <> 'department' "
        "GROUP BY unit_type").fetchall())
    assert counts == {"ward": 23, "commune": 70, "special_zone": 1}
    assert sum(counts.values()) == 94


def test_legacy_districts_are_complete(con):
    districts = {name for (name,) in con.execute("SELECT name FROM units WHERE unit_type = 'district'").fetchall()}
    da_nang = {"Quận Hải Châu", "Quận Thanh Khê", "Quận Sơn Trà", "Quận Ngũ Hành Sơn", "Quận Liên Chiểu",
               "Quận Cẩm Lệ", "Huyện Hòa Vang", "Huyện Hoàng Sa"}
    assert da_nang <= districts
    assert {"Huyện Bắc Trà My", "Huyện Nam Trà My", "Huyện Phước Sơn", "Huyện Nông Sơn"} <= districts
    assert len(districts) == 8 + 18
    assert con.execute("SELECT valid_to FROM units WHERE code = 'huyen-hoang-sa'").fetchone()[0] == date(2025, 6, 30)


@pytest.mark.parametrize(("successor", "predecessors"), [
    ("so-tai-chinh", {"so-ke-hoach-va-dau-tu"}),
    ("so-noi-vu", {"so-lao-dong-thuong-binh-va-xa-hoi"}),
    ("so-xay-dung", {"so-giao-thong-van-tai"}),
    ("so-nong-nghiep-va-moi-truong", {"so-nong-nghiep-va-phat-trien-nong-thon", "so-tai-nguyen-va-moi-truong"}),
    ("so-khoa-hoc-va-cong-nghe", {"so-thong-tin-va-truyen-thong"}),
    ("so-van-hoa-the-thao-va-du-lich", {"so-van-hoa-va-the-thao", "so-du-lich"}),
])
def test_merged_departments_and_their_closed_predecessors(con, successor, predecessors):
    rows = con.execute(
        "SELECT l.predecessor_code, l.effective_date, p.valid_to, s.valid_from FROM unit_lineage l "
        "JOIN units p ON p.code = l.predecessor_code JOIN units s ON s.code = l.successor_code "
        "WHERE l.successor_code = ?", [successor]).fetchall()
    assert {r[0] for r in rows} == predecessors
    for _pred, effective, pred_valid_to, succ_valid_from in rows:
        assert pred_valid_to == effective - timedelta(days=1)          # closed the day before
        assert succ_valid_from <= effective                            # the successor exists by then
    if successor != "so-van-hoa-the-thao-va-du-lich":                  # its date is uncertain (see CSV)
        assert rows[0][1] == date(2025, 3, 1)


def test_new_named_departments_exist_only_since_their_merger(con):
    valid = dict(con.execute("SELECT code, valid_from FROM units WHERE unit_type = 'department'").fetchall())
    assert valid["so-nong-nghiep-va-moi-truong"] == date(2025, 3, 1)
    assert valid["so-tai-chinh"] == date(2000, 1, 1)   # same name before and after: one continuous code


def test_every_lineage_row_goes_from_a_closed_unit_to_one_existing_then(con):
    bad = con.execute(
        "SELECT l.* FROM unit_lineage l JOIN units p ON p.code = l.predecessor_code "
        "JOIN units s ON s.code = l.successor_code "
        "WHERE p.valid_to IS NULL OR p.valid_to >= l.effective_date OR s.valid_from > l.effective_date "
        "   OR (s.valid_to IS NOT NULL AND s.valid_to < l.effective_date)").fetchall()
    assert bad == []
    dangling = con.execute(
        "SELECT * FROM unit_lineage WHERE predecessor_code NOT IN (SELECT code FROM units) "
        "OR successor_code NOT IN (SELECT code FROM units)").fetchall()
    assert dangling == []


def test_aliases_point_at_fields_and_never_collide(con):
    fields = dict(con.execute("SELECT code, name FROM fields").fetchall())
    aliases = con.execute("SELECT alias, field_code FROM field_aliases").fetchall()
    assert len(aliases) > 50 and all(code in fields for _, code in aliases)
    field_keys = {field_key(name) for name in fields.values()}
    alias_keys = [field_key(alias) for alias, _ in aliases]
    redundant = {"Lao động - Thương binh và Xã hội"}    # listed for the record: it is the field's own name
    assert len(set(alias_keys)) == len(alias_keys)
    assert {a for a, _ in aliases if field_key(a) in field_keys} == redundant
    assert dict(aliases)["Người có công"] == "lao-dong-xa-hoi"
    assert dict(aliases)["Kế hoạch và Đầu tư"] == "dau-tu"


def test_migration_006_moves_the_data_kept_under_the_old_tra_mai_code(tmp_path):
    path = tmp_path / "before006.duckdb"
    s = open_store(path)
    cur = s.cursor()
    # Bring the database back to what it was before 006: the misnamed commune with data under it.
    cur.execute("DELETE FROM schema_migrations WHERE version = 6")
    cur.execute("DROP TABLE field_aliases")
    cur.execute("DROP TABLE unit_lineage")
    cur.execute("INSERT INTO units VALUES ('xa-tra-mai', 'Xã Trà Mai', 'commune', DATE '2025-07-01', NULL)")
    cur.execute("INSERT INTO dossier_facts (batch_id, unit_code, field_code, month, received_total, received_online,"
                " received_direct, received_carried_over, resolved_total, resolved_early, resolved_on_time,"
                " resolved_late, pending_total, pending_on_time, pending_overdue)"
                " VALUES (1, 'xa-tra-mai', 'dat-dai', DATE '2025-09-01', 5, 1, 3, 1, 4, 1, 2, 1, 1, 1, 0)")
    cur.execute("INSERT INTO document_facts (batch_id, unit_code, month, docs_outgoing_total,"
                " docs_outgoing_signed_electronic) VALUES (1, 'xa-tra-mai', DATE '2025-09-01', 40, 30)")
    cur.execute("INSERT INTO task_facts (batch_id, unit_code, month, tasks_due, tasks_done_on_time, tasks_done_late,"
                " tasks_overdue_open) VALUES (1, 'xa-tra-mai', DATE '2025-09-01', 3, 2, 1, 0)")
    s.close()

    s = open_store(path)                                   # applies 006
    cur = s.cursor()
    for table in ("dossier_facts", "document_facts", "task_facts"):
        assert cur.execute(f"SELECT unit_code, count(*) FROM {table} GROUP BY ALL").fetchall() == [
            ("xa-nam-tra-my", 1)], table
    assert cur.execute("SELECT received_total FROM dossier_facts").fetchone()[0] == 5
    assert cur.execute("SELECT code, name, valid_from, valid_to FROM units WHERE code LIKE 'xa-%tra-m%'").fetchall() \
        == [("xa-nam-tra-my", "Xã Nam Trà My", date(2025, 7, 1), None)]
    load_reference(s)                                      # the real old commune comes back, closed
    assert cur.execute("SELECT valid_to FROM units WHERE code = 'xa-tra-mai'").fetchone()[0] == date(2025, 6, 30)
    assert cur.execute("SELECT count(*) FROM dossier_facts WHERE unit_code = 'xa-tra-mai'").fetchone()[0] == 0
    s.close()
