"""Single sign-on (OpenID Connect): which role the identity provider's claims get.

A mapping matches an e-mail address, an e-mail domain ('@danang.gov.vn') or a
group in the `groups` claim; the highest matching role wins. Users nobody
mapped get the viewer role or are refused, as the administrator chose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import duckdb

import config
from auth import audit
from auth.roles import Role
from auth.settings import UnknownSsoUsers
from store import Store
from vocab.errors import UserFacingError
from vocab.names import DISPLAY_NAME_MAX, check_name


class MappingKind(StrEnum):
    EMAIL = "email"
    GROUP = "group"


@dataclass(frozen=True)
class RoleMapping:
    kind: MappingKind
    pattern: str
    role: Role

    def matches(self, email: str | None, groups: frozenset[str]) -> bool:
        if self.kind is MappingKind.GROUP:
            return self.pattern in groups
        if not email:
            return False
        if self.pattern.startswith("@"):
            return email.endswith(self.pattern)
        return email == self.pattern


class MappingError(UserFacingError):
    """A refused mapping, explained in Vietnamese."""


def claim_email(claims: Mapping[str, object]) -> str | None:
    """The verified e-mail of the claims, lower case; None unless the provider says it is verified.

    Verified means the configured claim (`DASHBOARD_SSO_VERIFIED_CLAIM`, default `email_verified`)
    is the JSON boolean true: a missing claim, the string "true" or "false", 1 or anything else
    is not. An unverified address matches no e-mail mapping, so nobody earns a role by typing
    an administrator's address into an account at a provider that does not check it.
    """
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    verified_claim = config.get("sso_verified_claim")
    if verified_claim != "none" and claims.get(verified_claim) is not True:
        return None
    return email.strip().lower()


def claim_groups(claims: Mapping[str, object]) -> frozenset[str]:
    """The values of the configured groups claim (`DASHBOARD_SSO_GROUPS_CLAIM`, default `groups`)."""
    groups = claims.get(config.get("sso_groups_claim"))
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        return frozenset()
    return frozenset(str(g).strip().lower() for g in groups)


def claim_username(claims: Mapping[str, object]) -> str:
    """A stable name for the audit trail: e-mail if verified, else the subject."""
    return claim_email(claims) or f"sso:{claims.get('sub', '?')}"


def claim_display_name(claims: Mapping[str, object]) -> str:
    """The provider's "name", or the user name when it is missing or breaks the name rule (`vocab.names`):
    a sign-in is not refused over a display name, but a link-shaped one is never shown."""
    name = claims.get("name")
    try:
        return check_name(name if isinstance(name, str) else "", "hiển thị", DISPLAY_NAME_MAX)
    except UserFacingError:
        return claim_username(claims)


def role_for_claims(claims: Mapping[str, object], mappings: Iterable[RoleMapping],
                    unknown: UnknownSsoUsers = UnknownSsoUsers.VIEWER) -> Role | None:
    """The role the claims earn; None when the user is refused."""
    email, groups = claim_email(claims), claim_groups(claims)
    roles = [m.role for m in mappings if m.matches(email, groups)]
    if roles:
        return max(roles, key=lambda r: r.rank)
    return Role.VIEWER if unknown is UnknownSsoUsers.VIEWER else None


def list_mappings(con: duckdb.DuckDBPyConnection) -> list[RoleMapping]:
    rows = con.execute("SELECT kind, pattern, role FROM role_mappings ORDER BY kind, pattern").fetchall()
    return [RoleMapping(MappingKind(k), p, Role(r)) for k, p, r in rows]


def _normalise(kind: MappingKind, pattern: str) -> str:
    text = (pattern or "").strip().lower()
    if not text:
        raise MappingError("Mẫu ánh xạ không được để trống.")
    if kind is MappingKind.EMAIL and "@" not in text:
        raise MappingError("Ánh xạ e-mail cần một địa chỉ (ten@danang.gov.vn) hoặc một miền (@danang.gov.vn).")
    return text


def set_mapping(store: Store, kind: MappingKind | str, pattern: str, role: Role | str, actor: str) -> RoleMapping:
    kind = MappingKind(kind)
    role = Role.parse(role) if isinstance(role, str) else role
    text = _normalise(kind, pattern)
    with store.transaction() as cur:
        row = cur.execute("SELECT role FROM role_mappings WHERE kind = ? AND pattern = ?",
                          [kind.value, text]).fetchone()
        cur.execute("INSERT OR REPLACE INTO role_mappings (kind, pattern, role) VALUES (?, ?, ?)",
                    [kind.value, text, role.value])
        audit.record(cur, actor, "sso_mapping_set", f"{kind.value}:{text}",
                     {"role": row[0]} if row else None, {"role": role.value})
    return RoleMapping(kind, text, role)


def delete_mapping(store: Store, kind: MappingKind | str, pattern: str, actor: str) -> None:
    kind = MappingKind(kind)
    text = _normalise(kind, pattern)
    with store.transaction() as cur:
        row = cur.execute("SELECT role FROM role_mappings WHERE kind = ? AND pattern = ?",
                          [kind.value, text]).fetchone()
        if row is None:
            raise MappingError(f"Không có ánh xạ {kind.value} '{text}'.")
        cur.execute("DELETE FROM role_mappings WHERE kind = ? AND pattern = ?", [kind.value, text])
        audit.record(cur, actor, "sso_mapping_deleted", f"{kind.value}:{text}", {"role": row[0]}, None)
