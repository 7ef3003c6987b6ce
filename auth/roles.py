"""Roles and what each may do (which pages each opens is declared in `ui.registry`).

Viewer (leaders): browse and export. Analyst: also upload and roll back
batches. Administrator: also users, targets, evaluation settings, units and
fields. Each role includes everything of the roles below it.
"""

from __future__ import annotations

from enum import StrEnum

from i18n import catalogue
from vocab.errors import UserFacingError


class RoleError(UserFacingError, ValueError):
    """A role name that is not one of ours (still a ValueError, as `Role('x')` would raise)."""


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank

    @property
    def can_upload(self) -> bool:
        return self.at_least(Role.ANALYST)

    @property
    def can_admin(self) -> bool:
        return self is Role.ADMIN

    def label(self, lang: str = "vi") -> str:
        """The role as people call it, from the word catalogue ('role_admin' → "Quản trị viên")."""
        return catalogue.text(f"role_{self.value}", lang)

    @classmethod
    def parse(cls, text: str) -> Role:
        """A role from its id ('admin') or a common alias ('administrator')."""
        key = (text or "").strip().lower()
        key = _ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            raise RoleError(
                f"Vai trò không hợp lệ: '{text}'. Chọn một trong: {', '.join(r.value for r in cls)}"
            ) from None


_RANK = {Role.VIEWER: 0, Role.ANALYST: 1, Role.ADMIN: 2}
_ALIASES = {"administrator": "admin", "leader": "viewer", "upload": "analyst"}
