"""Who is using this session and what they may open: the page-facing side of sign-in.

Pages call `require_role` / `require_viewing` as a second check (the router in
dashboard.py already refused a page the user may not open) and `current_actor`
for the audit trail.
"""

from __future__ import annotations

from ui.auth_gate import auth_settings, current_actor, current_user, require_role, require_viewing

__all__ = ["auth_settings", "current_actor", "current_user", "require_role", "require_viewing"]
