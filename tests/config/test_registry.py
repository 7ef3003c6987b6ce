"""The registry: every setting declared once, parsed strictly, with errors that name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

import config
from config import SETTINGS
from exports import render
from ingest.safety import max_upload_bytes
from store import default_db_path
from vocab.errors import UserFacingError

EXPECTED = {
    "db": "DASHBOARD_DB",
    "snapshot_dir": "DASHBOARD_SNAPSHOT_DIR",
    "open_viewing": "DASHBOARD_OPEN_VIEWING",
    "session_idle_minutes": "DASHBOARD_SESSION_IDLE_MINUTES",
    "session_max_hours": "DASHBOARD_SESSION_MAX_HOURS",
    "sign_in_max_per_ip": "DASHBOARD_SIGN_IN_MAX_PER_IP", "sign_in_max_per_name": "DASHBOARD_SIGN_IN_MAX_PER_NAME",
    "trusted_proxy": "DASHBOARD_TRUSTED_PROXY",
    "unknown_sso_users": "DASHBOARD_SSO_UNKNOWN_USERS",
        "sso_verified_claim": "DASHBOARD_SSO_VERIFIED_CLAIM", "sso_groups_claim": "DASHBOARD_SSO_GROUPS_CLAIM",
    "max_upload_mb": "DASHBOARD_MAX_UPLOAD_MB",
    "browser_path": "BROWSER_PATH",
    "exports_reload_every": "EXPORTS_RELOAD_EVERY",
    "warm_months": "DASHBOARD_WARM_MONTHS",
    "concurrent_runs": "DASHBOARD_CONCURRENT_RUNS",
    "debug": "DASHBOARD_DEBUG",
}


def test_every_setting_is_declared_once_with_its_variable():
    assert {s.name: s.env for s in SETTINGS} == EXPECTED
    assert len({s.env for s in SETTINGS}) == len(SETTINGS)
    assert all(s.meaning and s.kind.allowed_en and s.kind.allowed_vi for s in SETTINGS)


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: s.name)
def test_each_default_is_an_allowed_value(s):
    if s.default is None:  # "unset" is its default: only a variable that may be left blank can have none
        assert s.blank_is_unset
    else:
        assert s.kind.parse(s.default_text) == (Path(s.default_text) if isinstance(s.default, Path) else s.default)
    assert config.get(s.name) == s.default
    assert config.source(s.name) == "default"


@pytest.mark.parametrize(("text", "value"), [("true", True), ("FALSE", False), (" 1 ", True), ("0", False),
                                             ("yes", True), ("off", False), ("có", True), ("không", False)])
def test_booleans_accept_the_usual_words(monkeypatch, text, value):
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", text)
    assert config.get("open_viewing") is value
    assert config.source("open_viewing") == "env"


@pytest.mark.parametrize(("env", "text", "allowed"), [
    ("DASHBOARD_SSO_UNKNOWN_USERS", "veiwer", "viewer hoặc refuse"),
    ("DASHBOARD_OPEN_VIEWING", "ture", "true hoặc false"),
    ("DASHBOARD_OPEN_VIEWING", "", "true hoặc false"),  # set but empty is not "not set" for a sign-in switch
    ("DASHBOARD_SESSION_IDLE_MINUTES", "8h", "từ 5 đến 10080"),
    ("DASHBOARD_SESSION_IDLE_MINUTES", "3", "từ 5 đến 10080"),
    ("DASHBOARD_SESSION_IDLE_MINUTES", "-30", "từ 5 đến 10080"),
    ("DASHBOARD_MAX_UPLOAD_MB", "20MB", "lớn hơn 0"),
    ("DASHBOARD_MAX_UPLOAD_MB", "nan", "lớn hơn 0"),
    ("DASHBOARD_MAX_UPLOAD_MB", "0", "lớn hơn 0"),
    ("EXPORTS_RELOAD_EVERY", "0", "từ 1 đến 10000"),
    ("DASHBOARD_DEBUG", "maybe", "true hoặc false"),
])
def test_an_invalid_value_is_refused_naming_variable_value_and_allowed_values(monkeypatch, env, text, allowed):
    monkeypatch.setenv(env, text)
    name = next(s.name for s in SETTINGS if s.env == env)
    with pytest.raises(UserFacingError) as info:
        config.get(name)
    message = str(info.value)
    assert env in message and repr(text) in message and allowed in message
    assert info.value.key == "setting_env_invalid" and info.value.params["env"] == env
    with pytest.raises(UserFacingError, match=env):
        config.check_environment()


def test_check_environment_names_every_invalid_variable(monkeypatch):
    config.check_environment()  # nothing set: nothing to refuse
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "allow")
    monkeypatch.setenv("EXPORTS_RELOAD_EVERY", "twenty")
    with pytest.raises(UserFacingError) as info:
        config.check_environment()
    assert "DASHBOARD_SSO_UNKNOWN_USERS" in str(info.value) and "EXPORTS_RELOAD_EVERY" in str(info.value)


def test_an_empty_path_or_debug_flag_counts_as_not_set(monkeypatch):
    for env in ("DASHBOARD_DB", "BROWSER_PATH", "DASHBOARD_DEBUG"):
        monkeypatch.setenv(env, "")
    assert config.get("db") == config.setting("db").default
    assert config.source("browser_path") == "default"
    assert config.debug_enabled() is False
    config.check_environment()


def test_modules_read_their_setting_through_the_registry(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.setenv("DASHBOARD_MAX_UPLOAD_MB", "0.5")
    assert max_upload_bytes() == 512 * 1024
    monkeypatch.setenv("DASHBOARD_MAX_UPLOAD_MB", "lots")
    with pytest.raises(UserFacingError, match="DASHBOARD_MAX_UPLOAD_MB"):
        max_upload_bytes()  # no silent fallback to the default
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    assert render.find_browser() is None  # an explicit path that does not exist: never another browser


def test_debug_flag_for_the_cli(monkeypatch):
    monkeypatch.setenv("DASHBOARD_DEBUG", "1")
    assert config.debug_enabled() is True
    monkeypatch.setenv("DASHBOARD_DEBUG", "maybe")
    assert config.debug_enabled() is False  # the error handler never fails; check_environment reports it


def test_stored_values_are_checked_by_the_same_rule():
    assert config.parse_stored("open_viewing", False) is False
    assert config.parse_stored("session_idle_minutes", 60) == 60
    assert config.parse_stored("unknown_sso_users", "refuse") == "refuse"
    for name, bad in [("session_idle_minutes", 1), ("session_idle_minutes", True), ("session_idle_minutes", 60.5),
                      ("unknown_sso_users", "allow"), ("open_viewing", None), ("open_viewing", "perhaps")]:
        with pytest.raises(ValueError):
            config.parse_stored(name, bad)


def test_only_admin_settings_take_a_stored_value():
    assert config.get("max_upload_mb", {"max_upload_mb": 500}) == 20
    assert config.source("max_upload_mb", {"max_upload_mb": 500}) == "default"
    assert config.get("session_idle_minutes", {"session_idle_minutes": 30}) == 30
