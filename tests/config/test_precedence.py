"""Settings precedence fails closed: the environment wins over what an administrator saved.

Issue 13 §2: after an admin saved one sign-in setting, a restart with
DASHBOARD_OPEN_VIEWING=false let anonymous visitors in, and a typo in
DASHBOARD_SSO_UNKNOWN_USERS fell back to letting unknown SSO users view.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from auth import admin
from auth.settings import (
    AuthSettings,
    UnknownSsoUsers,
    auth_setting_sources,
    load_auth_settings,
    stored_auth_settings,
)
from store.settings import read_json, write_json
from vocab.errors import UserFacingError


def audit_after(store) -> list[dict]:
    rows = store.cursor().execute("SELECT after FROM audit_log WHERE action = 'auth_settings_set' ORDER BY id")
    return [json.loads(r[0]) for r in rows.fetchall()]


def test_restart_with_open_viewing_off_after_an_admin_saved_the_idle_timeout(store, monkeypatch):
    admin.save_auth_settings(store, "boss", replace(load_auth_settings(store.cursor()), session_idle_minutes=30))
    assert stored_auth_settings(store.cursor()) == {"session_idle_minutes": 30}  # the others are not frozen
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "false")  # the restart
    settings = load_auth_settings(store.cursor())
    assert settings.open_viewing is False
    assert settings.session_idle_minutes == 30


def test_the_environment_wins_even_over_a_saved_value_of_the_same_setting(store, monkeypatch):
    with store.transaction() as cur:  # a row saved by an earlier version: all three settings
        write_json(cur, "auth", AuthSettings(True, 30, UnknownSsoUsers.VIEWER).as_stored())
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "false")
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "refuse")
    assert load_auth_settings(store.cursor()) == AuthSettings(False, 30, UnknownSsoUsers.REFUSE)
    assert auth_setting_sources(store.cursor()) == {
        "open_viewing": "env", "session_idle_minutes": "stored", "unknown_sso_users": "env"}


def test_a_typo_in_unknown_sso_users_is_a_clear_error_not_viewer(store, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "refuze")
    with pytest.raises(UserFacingError) as info:
        load_auth_settings(store.cursor())
    assert "DASHBOARD_SSO_UNKNOWN_USERS" in str(info.value) and "'refuze'" in str(info.value)
    assert "viewer hoặc refuse" in str(info.value)


def test_a_non_number_idle_timeout_is_a_clear_error(store, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SESSION_IDLE_MINUTES", "thirty")
    with pytest.raises(UserFacingError, match="DASHBOARD_SESSION_IDLE_MINUTES='thirty'"):
        load_auth_settings(store.cursor())


def test_saving_one_setting_stores_only_that_one(store, monkeypatch):
    current = load_auth_settings(store.cursor())
    admin.save_auth_settings(store, "boss", replace(current, unknown_sso_users=UnknownSsoUsers.REFUSE))
    admin.save_auth_settings(store, "boss", replace(load_auth_settings(store.cursor()), session_idle_minutes=60))
    assert stored_auth_settings(store.cursor()) == {"unknown_sso_users": "refuse", "session_idle_minutes": 60}
    assert audit_after(store) == [{"unknown_sso_users": "refuse"},
                                  {"unknown_sso_users": "refuse", "session_idle_minutes": 60}]
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "off")  # open viewing still follows the environment
    assert load_auth_settings(store.cursor()).open_viewing is False


def test_saving_unchanged_values_stores_nothing(store):
    admin.save_auth_settings(store, "boss", load_auth_settings(store.cursor()))
    assert read_json(store.cursor(), "auth") is None
    assert audit_after(store) == []


def test_a_setting_fixed_by_the_environment_cannot_be_changed_on_the_admin_page(store, monkeypatch):
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "false")
    current = load_auth_settings(store.cursor())
    with pytest.raises(admin.AdminError, match="DASHBOARD_OPEN_VIEWING"):
        admin.save_auth_settings(store, "boss", replace(current, open_viewing=True))
    # the page submits the fixed value unchanged along with the one the admin did change
    admin.save_auth_settings(store, "boss", replace(current, session_idle_minutes=45))
    assert stored_auth_settings(store.cursor()) == {"session_idle_minutes": 45}


def test_clearing_a_saved_value_returns_it_to_the_environment_or_default(store, monkeypatch):
    admin.save_auth_settings(store, "boss", AuthSettings(False, 60, UnknownSsoUsers.REFUSE))
    admin.clear_auth_setting(store, "boss", "open_viewing")
    assert stored_auth_settings(store.cursor()) == {"session_idle_minutes": 60, "unknown_sso_users": "refuse"}
    assert load_auth_settings(store.cursor()).open_viewing is True
    assert auth_setting_sources(store.cursor())["open_viewing"] == "default"


def test_an_invalid_saved_value_or_row_is_an_error_not_a_default(store, monkeypatch):
    with store.transaction() as cur:
        write_json(cur, "auth", {"unknown_sso_users": "everyone"})
    with pytest.raises(UserFacingError, match="DASHBOARD_SSO_UNKNOWN_USERS"):
        load_auth_settings(store.cursor())
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "refuse")  # the way out the message gives
    assert load_auth_settings(store.cursor()).unknown_sso_users is UnknownSsoUsers.REFUSE
    store.cursor().execute("UPDATE settings SET value = 'not json' WHERE key = 'auth'")
    with pytest.raises(UserFacingError, match="'auth'"):
        load_auth_settings(store.cursor())
