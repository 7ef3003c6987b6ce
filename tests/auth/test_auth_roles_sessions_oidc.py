"""Roles → pages, session idle expiry, SSO claims → role, sign-in settings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from auth.oidc import (
    MappingError,
    MappingKind,
    RoleMapping,
    claim_email,
    delete_mapping,
    list_mappings,
    role_for_claims,
    set_mapping,
)
from auth.roles import Role
from auth.sessions import start_session
from auth.settings import ENV_VARS, AuthSettings, UnknownSsoUsers, load_auth_settings
from auth.users import utcnow
from store.settings import write_json
from tests.auth.auth_helpers import audit_rows


def test_role_abilities():
    assert Role.ANALYST.can_upload and not Role.ANALYST.can_admin and not Role.VIEWER.can_upload


def test_role_parse_accepts_aliases_and_refuses_unknown():
    assert Role.parse("Administrator") is Role.ADMIN
    with pytest.raises(ValueError, match="Vai trò không hợp lệ"):
        Role.parse("root")


def test_session_expires_after_idle_time():
    now = utcnow()
    session = start_session("lan", "Lan", Role.VIEWER, now=now)
    idle = timedelta(hours=8)
    assert not session.is_expired(idle, now + timedelta(hours=7, minutes=59))
    assert session.is_expired(idle, now + timedelta(hours=8, minutes=1))
    assert not session.touched(now + timedelta(hours=7)).is_expired(idle, now + timedelta(hours=14))


MAPPINGS = [
    RoleMapping(MappingKind.EMAIL, "@danang.gov.vn", Role.VIEWER),
    RoleMapping(MappingKind.GROUP, "so-tttt-phan-tich", Role.ANALYST),
    RoleMapping(MappingKind.EMAIL, "admin@danang.gov.vn", Role.ADMIN),
]


V = {"email_verified": True}


@pytest.mark.parametrize(("claims", "unknown", "role"), [
    ({"sub": "1", "email": "Admin@DaNang.gov.vn", **V}, UnknownSsoUsers.REFUSE, Role.ADMIN),
    ({"sub": "2", "email": "an@danang.gov.vn", "groups": ["SO-TTTT-PHAN-TICH"], **V}, UnknownSsoUsers.REFUSE,
     Role.ANALYST),
    ({"sub": "3", "email": "lan@danang.gov.vn", **V}, UnknownSsoUsers.REFUSE, Role.VIEWER),
    ({"sub": "4", "email": "x@gmail.com", **V}, UnknownSsoUsers.REFUSE, None),
    ({"sub": "4", "email": "x@gmail.com", **V}, UnknownSsoUsers.VIEWER, Role.VIEWER),
    # Unverified addresses match no e-mail mapping: false, the strings "false"/"true", 1, or no claim at all.
    ({"sub": "5", "email": "admin@danang.gov.vn", "email_verified": False}, UnknownSsoUsers.REFUSE, None),
    ({"sub": "5", "email": "BOSS@Danang.gov.vn", "email_verified": "false"}, UnknownSsoUsers.REFUSE, None),
    ({"sub": "5", "email": "admin@danang.gov.vn", "email_verified": "true"}, UnknownSsoUsers.REFUSE, None),
    ({"sub": "5", "email": "admin@danang.gov.vn", "email_verified": 1}, UnknownSsoUsers.REFUSE, None),
    ({"sub": "5", "email": "admin@danang.gov.vn"}, UnknownSsoUsers.REFUSE, None),
    ({"sub": "5", "email": "admin@danang.gov.vn"}, UnknownSsoUsers.VIEWER, Role.VIEWER),
    # Groups come from the groups claim only, whatever the e-mail says.
    ({"sub": "6", "email": "an@gmail.com", "groups": ["so-tttt-phan-tich"]}, UnknownSsoUsers.REFUSE, Role.ANALYST),
    ({"sub": "6", "email": "an@gmail.com", "roles": ["so-tttt-phan-tich"]}, UnknownSsoUsers.REFUSE, None),
])
def test_claims_to_role(claims, unknown, role):
    assert role_for_claims(claims, MAPPINGS, unknown) is role


def test_the_verified_and_groups_claims_are_configurable(monkeypatch):
    claims = {"sub": "7", "email": "admin@danang.gov.vn", "xms_edov": True, "roles": ["so-tttt-phan-tich"]}
    assert role_for_claims(claims, MAPPINGS, UnknownSsoUsers.REFUSE) is None
    monkeypatch.setenv("DASHBOARD_SSO_VERIFIED_CLAIM", "xms_edov")
    assert role_for_claims(claims, MAPPINGS, UnknownSsoUsers.REFUSE) is Role.ADMIN
    monkeypatch.setenv("DASHBOARD_SSO_VERIFIED_CLAIM", "none")  # a provider that verifies every address
    assert claim_email({"email": "a@danang.gov.vn"}) == "a@danang.gov.vn"
    monkeypatch.setenv("DASHBOARD_SSO_GROUPS_CLAIM", "roles")
    assert role_for_claims({"sub": "8", "roles": ["so-tttt-phan-tich"]}, MAPPINGS,
                           UnknownSsoUsers.REFUSE) is Role.ANALYST


def test_mappings_are_stored_validated_and_audited(store):
    set_mapping(store, "group", " Lanh-Dao ", Role.VIEWER, actor="boss")
    set_mapping(store, "group", "lanh-dao", Role.ANALYST, actor="boss")
    assert list_mappings(store.cursor()) == [RoleMapping(MappingKind.GROUP, "lanh-dao", Role.ANALYST)]
    with pytest.raises(MappingError):
        set_mapping(store, "email", "khong-phai-email", Role.VIEWER, actor="boss")
    delete_mapping(store, "group", "lanh-dao", actor="boss")
    assert [r[1] for r in audit_rows(store)] == ["sso_mapping_set", "sso_mapping_set", "sso_mapping_deleted"]
    assert audit_rows(store)[1][3:5] == ('{"role": "viewer"}', '{"role": "analyst"}')


def test_settings_default_env_and_saved_row(store, monkeypatch):
    for env in ENV_VARS.values():
        monkeypatch.delenv(env, raising=False)
    assert load_auth_settings(store.cursor()) == AuthSettings()
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "false")
    assert load_auth_settings(store.cursor()).open_viewing is False
    with store.transaction() as cur:
        write_json(cur, "auth", AuthSettings(True, 30, UnknownSsoUsers.REFUSE).as_stored())
    # the environment wins over the saved row (fails closed); the rest comes from the row
    assert load_auth_settings(store.cursor()) == AuthSettings(False, 30, UnknownSsoUsers.REFUSE)
    monkeypatch.delenv("DASHBOARD_OPEN_VIEWING")
    assert load_auth_settings(store.cursor()) == AuthSettings(True, 30, UnknownSsoUsers.REFUSE)
