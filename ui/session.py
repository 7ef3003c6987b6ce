"""Session resolution: who is using this browser session, checked once per script run.

Local accounts keep a `Session` in Streamlit's session state after the sign-in form;
with an `[auth]` section in `st.secrets`, single sign-on goes through `st.login` and
the role comes from the administrator's mapping (`auth.oidc`). A session unused for
longer than the configured idle time ends; role and active flag are re-read on every
run so an administrator's change takes effect at once. The rules live in `auth/`;
`ui.access.current_user` calls `resolve` once per run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

import streamlit as st
from streamlit.errors import StreamlitAPIException

from auth import audit
from auth.oidc import claim_display_name, claim_username, list_mappings, role_for_claims
from auth.sessions import Session, start_session
from auth.settings import AuthSettings
from auth.users import User, get_user, utcnow
from i18n.catalogue import text
from store import Store

SESSION_KEY = "auth_session"
NOTICE_KEY = "auth_notice"
SSO_REFUSED_KEY = "auth_sso_refused"


def sso_configured() -> bool:
    """True when `.streamlit/secrets.toml` (or the host's secrets) has an [auth] section."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitAPIException):  # no secrets file: raises rather than False
        return False


def sso_provider() -> str | None:
    """None for a single unnamed provider; else the first `[auth.<name>]` section."""
    section = st.secrets["auth"]
    if "client_id" in section:
        return None
    for name, value in section.items():
        if isinstance(value, Mapping) and "client_id" in value:
            return name
    return None


def sso_claims() -> dict[str, object] | None:
    if not sso_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        return dict(st.user.to_dict())
    except (AttributeError, KeyError, StreamlitAPIException):  # st.user unavailable
        return None


def _start_sso_session(store: Store, claims: Mapping[str, object], settings: AuthSettings) -> Session | None:
    who = claim_username(claims)
    role = role_for_claims(claims, list_mappings(store.cursor()), settings.unknown_sso_users)
    if role is None:
        if st.session_state.get(SSO_REFUSED_KEY) != who:
            st.session_state[SSO_REFUSED_KEY] = who
            with store.transaction() as cur:
                audit.record(cur, who, "sign_in_failed", who, detail="sso: no role mapping")
        return None
    session = start_session(who, claim_display_name(claims), role, "sso")
    with store.transaction() as cur:
        audit.record(cur, who, "sign_in", who, None, {"role": role.value}, detail="sso")
    st.session_state[SESSION_KEY] = session
    return session


def end_session(store: Store, action: str, notice: str | None = None) -> Session | None:
    """Forgets this browser's session (audited as `action`) and leaves `notice` for the next screen."""
    session = st.session_state.pop(SESSION_KEY, None)
    if session is not None:
        with store.transaction() as cur:
            audit.record(cur, session.username, action, session.username, detail=session.source)
    if notice:
        st.session_state[NOTICE_KEY] = notice
    return session


def resolve(store: Store, settings: AuthSettings, lang: str = "vi") -> User | None:
    """The signed-in user of this browser session, or None; ends expired or disabled sessions."""
    session: Session | None = st.session_state.get(SESSION_KEY)
    claims = sso_claims()
    if session is None and claims is not None:
        session = _start_sso_session(store, claims, settings)
    if session is None:
        return None
    now = utcnow()
    if session.is_expired(timedelta(minutes=settings.session_idle_minutes), now):
        end_session(store, "session_expired", text("auth_expired", lang))
        if session.source == "sso":
            st.logout()
        return None
    if session.source == "local":
        user = get_user(store.cursor(), session.username)
        if user is None or not user.active:
            end_session(store, "session_ended", text("auth_deactivated", lang))
            return None
        role = user.role
    else:
        role = (role_for_claims(claims, list_mappings(store.cursor()), settings.unknown_sso_users)
                if claims is not None else None)
        if role is None:
            end_session(store, "session_ended")
            return None
    session = replace(session, role=role).touched(now)
    st.session_state[SESSION_KEY] = session
    return User(session.username, session.display_name, session.role, True, session.source)


def sign_in_local(user: User) -> None:
    """Starts this browser's session for a user whose password was just checked."""
    st.session_state[SESSION_KEY] = start_session(user.username, user.display_name, user.role, "local")


def sign_out(store: Store, lang: str = "vi") -> None:
    session = end_session(store, "sign_out", text("auth_signed_out", lang))
    st.session_state.pop(SSO_REFUSED_KEY, None)
    if (session is not None and session.source == "sso") or sso_claims() is not None:
        st.logout()
    else:
        st.rerun()
