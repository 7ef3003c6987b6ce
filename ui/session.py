"""Session resolution: who is using this browser session, checked once per script run.

Every sign-in has a row in the `sessions` table (`auth.sessions`); this Streamlit session
remembers only its row id, and every run checks the row, so a session ended anywhere
(sign-out in another tab, "sign out everywhere", an administrator's password reset, role
change or deactivation, the idle or the absolute lifetime) is ended here at the next run.
Role and active flag are re-read on every run as well. `ui.access.current_user` calls
`resolve` once per run.

Surviving a reload (a reload is a new Streamlit session):
- Local accounts: after sign-in the browser trades a one-time code for an HttpOnly,
  SameSite=Strict cookie (Secure over https) at the server route `ui.session_cookie` adds
  when the app is served through `sessions_app.py` (`st.App`). Only the cookie's sha256 is
  stored, bound to the session row, so idle/absolute expiry and every way of ending the row
  apply to it; sign-out ends the row and clears the cookie. Served by plain
  `streamlit run dashboard.py` (no route), no cookie is set and a reload signs out.
- Single sign-on: Streamlit's own signed, HttpOnly auth cookie survives the reload; the row
  is found again by a hash of its identity claims, and an ended row signs the browser out
  of Streamlit's cookie too (`st.logout`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

import streamlit as st
from streamlit.errors import StreamlitAPIException

import config
from auth import audit, sessions
from auth.oidc import claim_display_name, claim_username, list_mappings, role_for_claims
from auth.sessions import EndReason, Lifetimes, Session, SessionRow, start_session
from auth.settings import AuthSettings
from auth.users import User, get_user, utcnow
from i18n.catalogue import text
from store import Store

SESSION_KEY = "auth_session"
NOTICE_KEY = "auth_notice"
SSO_REFUSED_KEY = "auth_sso_refused"
COOKIE_NAME = sessions.COOKIE_NAME
CLAIM_KEY = "auth_cookie_claim"    # a one-time code the page hands to the browser to get its cookie
CLEAR_KEY = "auth_cookie_clear"    # the browser should drop its session cookie
DEAD_COOKIE_KEY = "auth_cookie_dead"   # the cookie this page opened with, known to be of no live session


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


def lifetimes(settings: AuthSettings) -> Lifetimes:
    return sessions.lifetimes_in_force(settings.session_idle_minutes)


def browser_cookie() -> str | None:
    """The session cookie this browser sent when the page opened (HttpOnly: read here, on the server)."""
    try:
        value = st.context.cookies.get(COOKIE_NAME)
    except (AttributeError, KeyError, StreamlitAPIException):
        return None
    return value if isinstance(value, str) and value else None  # AppTest has no browser: not a str


def client_ip() -> str | None:
    """The client address for sign-in limits; None when unknown (a direct local connection).

    Behind a reverse proxy on another host, `DASHBOARD_TRUSTED_PROXY=true` takes the last
    `X-Forwarded-For` entry (the one that proxy added). Without it the connection's own address
    counts (uvicorn already applies `X-Forwarded-For` from a proxy on 127.0.0.1 only).
    """
    try:
        if config.get("trusted_proxy"):
            forwarded = st.context.headers.get("X-Forwarded-For") or ""
            last = forwarded.split(",")[-1].strip()
            if last:
                return last[:64]
        address = st.context.ip_address
    except (AttributeError, KeyError, StreamlitAPIException):
        return None
    return address if isinstance(address, str) and address else None


def cookie_route_enabled() -> bool:
    from ui import session_cookie

    return session_cookie.ENABLED


_NOTICES = {EndReason.IDLE: "auth_expired", EndReason.ABSOLUTE: "sessions_too_old",
            EndReason.DEACTIVATED: "auth_deactivated", EndReason.SIGN_OUT: "auth_signed_out"}


def _notice(reason: EndReason, lang: str) -> str:
    return text(_NOTICES.get(reason, "sessions_ended_elsewhere"), lang)


def _forget(store: Store, session: Session, row: SessionRow | None, reason: EndReason, now: datetime,
            lang: str) -> None:
    """This browser session is signed out because its row ended (here or anywhere)."""
    if row is not None and row.ended_at is None:  # ended by time, or by the checks of this run
        with store.transaction() as cur:
            sessions.end(cur, row.id, reason, now)
            action = "session_expired" if reason.expired else "session_ended"
            audit.record(cur, session.username, action, session.username, detail=f"{session.source}: {reason.value}")
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[NOTICE_KEY] = _notice(reason, lang)
    st.session_state[CLEAR_KEY] = True
    if session.source == "sso":
        st.logout()


def _registered(store: Store, session: Session, now: datetime) -> tuple[Session, SessionRow]:
    """The row of `session`; a session made without one (only tests build those) gets one now."""
    if session.id is not None:
        row = sessions.get_row(store.cursor(), session.id)
        if row is not None:
            return session, row
        return session, SessionRow(session.id, session.username, session.source, session.signed_in_at,
                                   session.last_seen, now, EndReason.SIGN_OUT.value)
    with store.transaction() as cur:
        session_id = sessions.open_session(cur, session.username, session.source, now,
                                           created_at=session.signed_in_at, last_seen=session.last_seen)
    session = replace(session, id=session_id)
    st.session_state[SESSION_KEY] = session
    return session, sessions.get_row(store.cursor(), session_id)


def _resume_from_cookie(store: Store, now: datetime, life: Lifetimes) -> Session | None:
    """A reload or a new tab of a browser that holds a live session cookie: the same session again."""
    token = browser_cookie()
    if token is None or token == st.session_state.get(DEAD_COOKIE_KEY):
        return None
    row = sessions.find_by_cookie(store.cursor(), token)
    if row is None or row.ended_because(now, life) is not None:
        # A stale cookie: ask the browser once to drop it. The cookies Streamlit reports are those
        # sent when the page opened, so this session keeps seeing it; remember not to look again.
        st.session_state[DEAD_COOKIE_KEY] = token
        st.session_state[CLEAR_KEY] = True
        return None
    user = get_user(store.cursor(), row.username)
    if user is None or not user.active:
        return None   # the run's checks below would end it; nothing to resume
    session = Session(user.username, user.display_name, user.role, "local", row.created_at, row.last_seen, row.id)
    st.session_state[SESSION_KEY] = session
    return session


def _sso_session(store: Store, claims: Mapping[str, object], settings: AuthSettings, now: datetime,
                 life: Lifetimes, lang: str) -> Session | None:
    who = claim_username(claims)
    role = role_for_claims(claims, list_mappings(store.cursor()), settings.unknown_sso_users)
    if role is None:
        if st.session_state.get(SSO_REFUSED_KEY) != who:
            st.session_state[SSO_REFUSED_KEY] = who
            with store.transaction() as cur:
                audit.record(cur, who, "sign_in_failed", who, detail="sso: no role mapping")
        return None
    binding = sessions.sso_binding(claims)
    row = sessions.find_by_binding(store.cursor(), binding)
    if row is not None:
        session = Session(who, claim_display_name(claims), role, "sso", row.created_at, row.last_seen, row.id)
        reason = row.ended_because(now, life)
        if reason is not None:   # this identity cookie's session ended: Streamlit's cookie goes too
            _forget(store, session, row, reason, now, lang)
            return None
        st.session_state[SESSION_KEY] = session
        return session
    with store.transaction() as cur:
        session_id = sessions.open_session(cur, who, "sso", now, binding=binding)
        audit.record(cur, who, "sign_in", who, None, {"role": role.value}, detail="sso")
    session = start_session(who, claim_display_name(claims), role, "sso", now=now, session_id=session_id)
    st.session_state[SESSION_KEY] = session
    return session


def resolve(store: Store, settings: AuthSettings, lang: str = "vi") -> User | None:
    """The signed-in user of this browser session, or None; checks the session row on every run."""
    now = utcnow()
    life = lifetimes(settings)
    session: Session | None = st.session_state.get(SESSION_KEY)
    claims = sso_claims()
    if session is None:
        session = _resume_from_cookie(store, now, life)
    if session is None and claims is not None:
        session = _sso_session(store, claims, settings, now, life, lang)
    if session is None:
        return None
    session, row = _registered(store, session, now)
    reason = row.ended_because(now, life)
    role = session.role
    if reason is None and session.source == "local":
        user = get_user(store.cursor(), session.username)
        if user is None or not user.active:
            reason = EndReason.DEACTIVATED
        else:
            role = user.role
    elif reason is None:
        role = (role_for_claims(claims, list_mappings(store.cursor()), settings.unknown_sso_users)
                if claims is not None else None)
        if role is None:
            reason = EndReason.NO_ROLE
    if reason is not None:
        _forget(store, session, row, reason, now, lang)
        return None
    sessions.touch(store, row, now, life)
    session = replace(session, role=role, last_seen=now)
    st.session_state[SESSION_KEY] = session
    return User(session.username, session.display_name, session.role, True, session.source)


def sign_in_local(store: Store, user: User) -> None:
    """Starts this browser's session (a new row) for a user whose password was just checked."""
    now = utcnow()
    with store.transaction() as cur:
        session_id = sessions.open_session(cur, user.username, "local", now)
    st.session_state[SESSION_KEY] = start_session(user.username, user.display_name, user.role, "local",
                                                  now=now, session_id=session_id)
    st.session_state.pop(CLEAR_KEY, None)
    if cookie_route_enabled():
        st.session_state[CLAIM_KEY] = sessions.new_claim(store, session_id, now)


def sign_out(store: Store, lang: str = "vi", everywhere: bool = False) -> None:
    """Ends this session (every tab holding it) or, `everywhere`, every session of the user."""
    session: Session | None = st.session_state.pop(SESSION_KEY, None)
    now = utcnow()
    if session is not None:
        with store.transaction() as cur:
            if everywhere:
                ended = sessions.end_user_sessions(cur, session.username, EndReason.SIGN_OUT_EVERYWHERE, now)
                audit.record(cur, session.username, "sign_out_everywhere", session.username, None,
                             {"sessions": ended}, detail=session.source)
            else:
                if session.id is not None:
                    sessions.end(cur, session.id, EndReason.SIGN_OUT, now)
                audit.record(cur, session.username, "sign_out", session.username, detail=session.source)
    st.session_state[NOTICE_KEY] = text("sessions_signed_out_everywhere" if everywhere else "auth_signed_out", lang)
    st.session_state[CLEAR_KEY] = True
    st.session_state.pop(CLAIM_KEY, None)
    st.session_state.pop(SSO_REFUSED_KEY, None)
    if (session is not None and session.source == "sso") or sso_claims() is not None:
        st.logout()
    else:
        st.rerun()
