"""Who is using this session and what they may open: the page-facing side of sign-in.

`current_user` resolves the session once per script run (`ui.session.resolve`:
idle timeout, role and active flag re-read, audit of expiry) and answers every
later call of the same run from memory; dashboard.py calls it first, before it
builds the navigation. Pages call `require_role` / `require_viewing` as a second
check (the router has already refused a page the user may not open) and
`current_actor` for the audit trail.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import RunLocation, ThreadState, get_script_run_ctx

from auth.roles import Role
from auth.settings import AuthSettings, load_auth_settings
from auth.users import User
from i18n.catalogue import text
from ui import session, state
from ui.pages_mode import leave_pages_directory_mode

USER_KEY = "user"  # the user resolved for this run, for code that only reads session state
# (the run's cursor map, user): Streamlit gives every script run (and fragment run) a new
# `ctx.cursors` dict, so identity with it means "resolved in this run"; tests/ui/test_shell.py
# pins that behaviour.
_RESOLVED_KEY = "_user_resolved_in_run"


def auth_settings() -> AuthSettings:
    return load_auth_settings(state.get_store().cursor())


def current_user() -> User | None:
    """The signed-in user of this browser session (None when signed out), resolved once per run."""
    leave_pages_directory_mode()
    ctx = get_script_run_ctx()
    memo = st.session_state.get(_RESOLVED_KEY)
    if ctx is not None and memo is not None and memo[0] is ctx.cursors:
        return memo[1]
    user = session.resolve(state.get_store(), auth_settings(), state.lang())
    if ctx is not None:
        st.session_state[_RESOLVED_KEY] = (ctx.cursors, user)
    st.session_state[USER_KEY] = user
    return user


def current_actor() -> str:
    """The name written to the audit trail for a write this session asks for, checked again now.

    Write callbacks (upload commit, rollback) call this before writing, in the run that
    carries the click, so the session row is read again first. A session that has ended
    meanwhile (signed out in another tab, password reset, role change, deactivation, expiry)
    writes nothing: in a callback the callback is cut short and the page runs again, where
    `require_role` asks to sign in; in a page body the run stops.
    """
    user = current_user()
    if user is not None:
        return user.username
    if ThreadState.get().run_location == RunLocation.CALLBACK:
        st.rerun()   # raises inside a callback: the write after this call never runs
    st.stop()
    raise AssertionError("unreachable: st.stop() raises")  # for type checkers and an unexpected Streamlit


def refusal(least_role: Role, user: User | None) -> str:
    """Why this visitor may not open a page that needs `least_role`."""
    lg = state.lang()
    if user is None:
        return text("auth_need_sign_in", lg)
    return text("auth_forbidden", lg, role=user.role.label(lg), needed=least_role.label(lg))


def require_role(role: Role) -> User:
    """Stops the page with a clear message unless the user has at least `role`."""
    user = current_user()
    if user is None or not user.role.at_least(role):
        notice = st.session_state.pop(session.NOTICE_KEY, None)
        if notice:
            st.info(notice)
        st.warning(refusal(role, user)) if user is None else st.error(refusal(role, user))
        st.stop()
    return user


def require_viewing() -> User | None:
    """For browsing pages: passes anyone when open viewing is on, else any signed-in user."""
    user = current_user()
    if user is None and not auth_settings().open_viewing:
        st.warning(text("auth_need_sign_in", state.lang()))
        st.stop()
    return user
