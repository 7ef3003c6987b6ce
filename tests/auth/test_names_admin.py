"""Administrators edit field aliases and unit lineage (issue 10): validated, audited, and
used by the next upload."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.state
from auth import admin
from auth.roles import Role
from auth.sessions import start_session
from auth.users import create_user
from ingest.matching import load_matchers
from store.reference import load_reference
from tests.auth.auth_helpers import PASSWORD, audit_rows

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ref_store(store):
    load_reference(store)
    return store


def test_adding_and_removing_an_alias_is_audited_and_changes_matching(ref_store):
    assert load_matchers(ref_store.cursor()).fields.match("Hộ tịch lưu động").code is None
    admin.add_field_alias(ref_store, "boss", "Hộ tịch lưu động", "ho-tich", "thử nghiệm")
    assert load_matchers(ref_store.cursor()).fields.match("hộ tịch - lưu động").code == "ho-tich"
    admin.delete_field_alias(ref_store, "boss", "Hộ tịch lưu động")
    assert load_matchers(ref_store.cursor()).fields.match("Hộ tịch lưu động").code is None
    rows = audit_rows(ref_store)[-2:]
    assert [r[:3] for r in rows] == [("boss", "field_alias_added", "Hộ tịch lưu động"),
                                     ("boss", "field_alias_deleted", "Hộ tịch lưu động")]
    assert json.loads(rows[0][4]) == {"alias": "Hộ tịch lưu động", "field_code": "ho-tich", "note": "thử nghiệm"}
    assert json.loads(rows[1][3])["field_code"] == "ho-tich" and rows[1][4] is None


@pytest.mark.parametrize(("alias", "field", "why"), [
    ("người có công", "tu-phap", "Đã có tên khác 'Người có công'"),   # same name, other writing
    ("Đất – đai", "dat-dai", "đã là tên của lĩnh vực Đất đai"),       # a field's own name
    ("Không có", "khong-co", "Không có lĩnh vực mã 'khong-co'"),
    ("  ", "ho-tich", "không được để trống"),
])
def test_an_alias_that_already_means_something_is_refused(ref_store, alias, field, why):
    before = len(audit_rows(ref_store))
    with pytest.raises(admin.AdminError, match=why):
        admin.add_field_alias(ref_store, "boss", alias, field)
    assert len(audit_rows(ref_store)) == before


def test_adding_and_removing_a_lineage_row_is_audited(ref_store):
    admin.add_unit_lineage(ref_store, "boss", "quan-son-tra", "phuong-hai-chau", date(2025, 7, 1), "thử")
    table = admin.unit_lineage_table(ref_store.cursor())
    row = table[(table["predecessor_code"] == "quan-son-tra") & (table["successor_code"] == "phuong-hai-chau")]
    assert row["successor_name"].tolist() == ["Phường Hải Châu"]
    admin.delete_unit_lineage(ref_store, "boss", "quan-son-tra", "phuong-hai-chau")
    rows = audit_rows(ref_store)[-2:]
    assert [r[:3] for r in rows] == [("boss", "unit_lineage_added", "quan-son-tra->phuong-hai-chau"),
                                     ("boss", "unit_lineage_deleted", "quan-son-tra->phuong-hai-chau")]
    assert json.loads(rows[0][4])["effective_date"] == "2025-07-01"


@pytest.mark.parametrize(("pred", "succ", "when", "why"), [
    ("phuong-hai-chau", "phuong-hai-chau", date(2025, 7, 1), "phải khác nhau"),
    ("phuong-thach-thang", "phuong-hai-chau", date(2025, 7, 1), "Đã có quan hệ"),
    ("quan-son-tra", "phuong-son-tra", date(2025, 1, 1), "không hoạt động vào ngày 01/01/2025"),
    ("quan-son-tra", "phuong-thach-thang", date(2025, 7, 1), "'Phường Thạch Thang' không hoạt động"),
    ("phuong-hai-chau", "phuong-hoa-cuong", date(2025, 7, 1), "phải sau ngày bắt đầu hoạt động"),
    ("khong-co", "phuong-hai-chau", date(2025, 7, 1), "Không có đơn vị mã 'khong-co'"),
])
def test_a_wrong_lineage_row_is_refused(ref_store, pred, succ, when, why):
    with pytest.raises(admin.AdminError, match=why):
        admin.add_unit_lineage(ref_store, "boss", pred, succ, when)


def test_a_lineage_cycle_is_refused(ref_store):
    admin.add_unit_lineage(ref_store, "boss", "so-du-lich", "so-van-hoa-va-the-thao", date(2024, 1, 1))
    with pytest.raises(admin.AdminError, match="vòng"):
        admin.add_unit_lineage(ref_store, "boss", "so-van-hoa-va-the-thao", "so-du-lich", date(2024, 2, 1))


def test_admin_page_adds_and_removes_an_alias(ref_store, monkeypatch):
    monkeypatch.delenv("DASHBOARD_OPEN_VIEWING", raising=False)
    create_user(ref_store, "boss", Role.ADMIN, PASSWORD, "Boss")
    monkeypatch.setattr(ui.state, "get_store", lambda: ref_store)
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=60)
    at.session_state["auth_session"] = start_session("boss", "Boss", Role.ADMIN)
    at.run()
    assert not at.exception
    at.text_input(key="alias_name").input("Hộ tịch lưu động")
    at.selectbox(key="alias_field").set_value("ho-tich")
    next(b for b in at.button if b.label == "Thêm tên khác").click().run()
    assert not at.exception and "Đã thêm tên khác 'Hộ tịch lưu động'." in [s.value for s in at.success]
    at.selectbox(key="alias_delete").set_value("Hộ tịch lưu động")
    at.button(key="alias_delete_button").click().run()
    assert not at.exception
    assert [r[1:3] for r in audit_rows(ref_store)[-2:]] == [
        ("field_alias_added", "Hộ tịch lưu động"), ("field_alias_deleted", "Hộ tịch lưu động")]
    assert ref_store.cursor().execute(
        "SELECT count(*) FROM field_aliases WHERE alias = 'Hộ tịch lưu động'").fetchone()[0] == 0
