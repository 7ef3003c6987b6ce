"""Administrative changes are validated and each leaves its audit record; the CLI creates accounts."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import date

import pytest

from auth import admin
from auth.audit import events_csv, list_events
from auth.cli import EXIT_BAD_INPUT, EXIT_NO_PASSWORD, EXIT_OK, EXIT_REFUSED, create_user_command
from auth.settings import AuthSettings, UnknownSsoUsers, load_auth_settings
from auth.users import authenticate, get_user
from metrics.evaluation import EvaluationConfig
from tests.auth.auth_helpers import PASSWORD, audit_rows


def test_targets_are_validated_and_audited_with_before_and_after(store):
    admin.set_target(store, "boss", "on_time_rate", 2026, 0.95)
    admin.set_target(store, "boss", "on_time_rate", 2026, 0.98)
    assert store.cursor().execute("SELECT value FROM targets").fetchall() == [(0.98,)]
    rows = audit_rows(store, "target_set")
    assert rows[1][:5] == ("boss", "target_set", "on_time_rate/2026/*", '{"value": 0.95}', '{"value": 0.98}')
    for bad in [("on_time_rate", 2026, 95.0, "*"), ("khong-co", 2026, 0.9, "*"),
                ("on_time_rate", 1990, 0.9, "*"), ("on_time_rate", 2026, 0.9, "hamlet"),
                ("on_time_rate", 2026, float("nan"), "*")]:
        with pytest.raises(admin.AdminError):
            admin.set_target(store, "boss", *bad)
    admin.set_target(store, "boss", "overdue_in_progress", 2026, 12, "ward")  # a count may exceed 1
    admin.delete_target(store, "boss", "on_time_rate", 2026)
    assert audit_rows(store, "target_deleted")[0][3] == '{"value": 0.98}'


def test_units_add_rename_close(store):
    admin.add_unit(store, "boss", "P-HAICHAU", "Phường Hải Châu", "ward", date(2025, 7, 1))
    admin.rename_unit(store, "boss", "P-HAICHAU", "Phường Hải Châu mới")
    with pytest.raises(admin.AdminError, match="trước ngày bắt đầu"):
        admin.close_unit(store, "boss", "P-HAICHAU", date(2024, 1, 1))
    admin.close_unit(store, "boss", "P-HAICHAU", date(2026, 6, 30))
    with pytest.raises(admin.AdminError, match="đã kết thúc"):
        admin.close_unit(store, "boss", "P-HAICHAU", date(2026, 7, 30))
    with pytest.raises(admin.AdminError, match="đã tồn tại"):
        admin.add_unit(store, "boss", "P-HAICHAU", "X", "ward")
    with pytest.raises(admin.AdminError):
        admin.add_unit(store, "boss", "P 2", "X", "ward")
    assert store.cursor().execute("SELECT name, valid_to FROM units").fetchall() == [
        ("Phường Hải Châu mới", date(2026, 6, 30))]
    assert [r[1] for r in audit_rows(store)] == ["unit_added", "unit_renamed", "unit_closed"]
    closed = audit_rows(store, "unit_closed")[0]
    assert json.loads(closed[3])["valid_to"] is None and json.loads(closed[4])["valid_to"] == "2026-06-30"


def test_fields_add_rename_deactivate(store):
    admin.add_field(store, "boss", "DATDAI", "Đất đai")
    admin.rename_field(store, "boss", "DATDAI", "Đất đai và môi trường")
    admin.set_field_active(store, "boss", "DATDAI", False)
    with pytest.raises(admin.AdminError):
        admin.add_field(store, "boss", "X", "  ")
    assert [r[1] for r in audit_rows(store)] == ["field_added", "field_renamed", "field_deactivated"]


def test_auth_settings_saved_and_audited(store):
    admin.save_auth_settings(store, "boss", AuthSettings(False, 60, UnknownSsoUsers.REFUSE))
    assert load_auth_settings(store.cursor()) == AuthSettings(False, 60, UnknownSsoUsers.REFUSE)
    with pytest.raises(admin.AdminError):
        admin.save_auth_settings(store, "boss", AuthSettings(True, 1))
    assert json.loads(audit_rows(store, "auth_settings_set")[0][4])["open_viewing"] is False


def test_evaluation_saved_validated_and_audited(store):
    from dataclasses import replace
    config = replace(EvaluationConfig(), excellent_above=92.0)
    admin.save_evaluation(store, "boss", config)
    assert EvaluationConfig.load(store.cursor()).excellent_above == 92.0
    with pytest.raises(admin.AdminError):
        admin.save_evaluation(store, "boss", replace(config, good_above=99.0))
    row = audit_rows(store, "evaluation_set")
    assert len(row) == 1 and json.loads(row[0][4])["excellent_above"] == 92.0


def test_audit_filters_and_csv(store):
    admin.add_field(store, "boss", "DATDAI", "Đất đai")
    admin.add_field(store, "an", "XAYDUNG", "Xây dựng")
    cur = store.cursor()
    assert list(list_events(cur, actor="an")["target"]) == ["XAYDUNG"]
    assert len(list_events(cur, actions=["field_added"], since=date.today(), until=date.today())) == 2
    assert list(list_events(cur, text="datdai")["actor"]) == ["boss"]
    csv = events_csv(list_events(cur)).decode("utf-8-sig")
    assert csv.splitlines()[0] == "id,occurred_at,actor,action,target,before,after,detail" and "Xây dựng" in csv


def _run(store, *args, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = create_user_command(store, *args, **kwargs)
    return code, out.getvalue(), err.getvalue()


def test_cli_reads_password_from_environment(store, monkeypatch):
    monkeypatch.setenv("DASHBOARD_PASSWORD", PASSWORD)
    code, out, err = _run(store, "quantri", "admin", "Quản trị viên")
    assert code == EXIT_OK and "Quản trị viên" in out and PASSWORD not in out + err
    assert authenticate(store, "quantri", PASSWORD).ok
    assert audit_rows(store, "user_created")[0][0].startswith("cli:")
    assert _run(store, "quantri", "admin")[0] == EXIT_REFUSED


def test_cli_prompts_twice_and_refuses_bad_input(store, monkeypatch):
    monkeypatch.delenv("DASHBOARD_PASSWORD", raising=False)
    answers = iter([PASSWORD, PASSWORD])
    assert _run(store, "an.tran", "analyst", prompt=lambda _: next(answers), interactive=True)[0] == EXIT_OK
    assert get_user(store.cursor(), "an.tran").role.value == "analyst"
    mismatch = iter([PASSWORD, PASSWORD + "!"])
    assert _run(store, "lan", "viewer", prompt=lambda _: next(mismatch), interactive=True)[0] == EXIT_BAD_INPUT
    assert _run(store, "lan", "viewer", prompt=lambda _: "ngan", interactive=True)[0] == EXIT_BAD_INPUT
    assert _run(store, "lan", "viewer", prompt=lambda _: "", interactive=True)[0] == EXIT_BAD_INPUT
    assert _run(store, "lan", "superuser", interactive=True)[0] == EXIT_BAD_INPUT
    assert _run(store, "lan", "viewer", interactive=False)[0] == EXIT_NO_PASSWORD
    assert get_user(store.cursor(), "lan") is None


def test_upload_and_rollback_leave_audit_records(store):
    """The ingest layer records uploads and rollbacks in the same trail (who, what, before/after)."""
    import ingest
    from store.reference import load_reference

    load_reference(store)
    header = ("unit_code,field_code,month,received_total,received_online,received_direct,"
              "received_carried_over,resolved_total,resolved_early,resolved_on_time,resolved_late,"
              "pending_total,pending_on_time,pending_overdue")
    data = (header + "\nso-noi-vu,dat-dai,2026-10,10,5,3,2,8,4,3,1,2,2,0\n").encode("utf-8")
    parsed = ingest.parse_upload(store, "thang10.csv", data, today=date(2026, 11, 26))
    assert not parsed.errors
    [batch] = ingest.commit(store, [parsed], actor="an.tran", confirm_warnings=True)
    ingest.rollback(store, batch, actor="boss")
    rows = [r[:3] for r in audit_rows(store) if r[1] in ("upload", "rollback")]
    assert rows == [("an.tran", "upload", f"batch:{batch}"), ("boss", "rollback", f"batch:{batch}")]
