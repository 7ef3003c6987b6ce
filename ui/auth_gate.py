"""The Streamlit side of sign-in: who is using this session and what they may open.

Local accounts sign in with the form of `sign_in_page`; when `st.secrets` has
an `[auth]` section, single sign-on goes through `st.login` and the role comes
from the administrator's mapping (`auth.oidc`). A session unused for longer
than the configured idle time must sign in again. The rules live in `auth/`;
this module only keeps the session and draws messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import timedelta

import streamlit as st
from streamlit.errors import StreamlitAPIException

from auth import audit
from auth.oidc import (
    claim_display_name,
    claim_username,
    list_mappings,
    role_for_claims,
)
from auth.roles import Role, pages_for
from auth.sessions import Session, start_session
from auth.settings import AuthSettings, load_auth_settings
from auth.users import User, authenticate, get_user, utcnow
from store import Store, default_db_path, open_store

SESSION_KEY = "auth_session"
NOTICE_KEY = "auth_notice"
SSO_REFUSED_KEY = "auth_sso_refused"

_store_provider: Callable[[], Store] | None = None


def set_store_provider(provider: Callable[[], Store]) -> None:
    """Use the dashboard's shared `Store` (one DuckDB connection per process)."""
    global _store_provider
    _store_provider = provider


@st.cache_resource(show_spinner=False)
def _default_store(path: str) -> Store:
    return open_store(path)


def get_store() -> Store:
    return _store_provider() if _store_provider else _default_store(str(default_db_path()))


def auth_settings() -> AuthSettings:
    return load_auth_settings(get_store().cursor())


_TEXT = {
    "vi": {
        "title": "Đăng nhập",
        "username": "Tên đăng nhập",
        "password": "Mật khẩu",
        "submit": "Đăng nhập",
        "sso": "Đăng nhập bằng tài khoản một lần (SSO)",
        "local": "Đăng nhập bằng tài khoản nội bộ",
        "signed_in": "Đã đăng nhập: {name} — {role}",
        "sign_out": "Đăng xuất",
        "signed_out": "Đã đăng xuất.",
        "not_signed_in": "Chưa đăng nhập",
        "expired": "Phiên làm việc đã hết hạn do không hoạt động; vui lòng đăng nhập lại.",
        "need_sign_in": "Vui lòng đăng nhập để xem trang này.",
        "forbidden": "Tài khoản của bạn ({role}) không có quyền mở trang này; cần vai trò {needed}.",
        "sso_refused": "Tài khoản {who} chưa được cấp quyền truy cập bảng điều khiển; vui lòng liên hệ quản trị viên.",
        "deactivated": "Tài khoản đã bị vô hiệu hóa; phiên làm việc đã kết thúc.",
        "empty": "Vui lòng nhập tên đăng nhập và mật khẩu.",
    },
    "en": {
        "title": "Sign in",
        "username": "User name",
        "password": "Password",
        "submit": "Sign in",
        "sso": "Sign in with single sign-on (SSO)",
        "local": "Sign in with a local account",
        "signed_in": "Signed in: {name} — {role}",
        "sign_out": "Sign out",
        "signed_out": "Signed out.",
        "not_signed_in": "Not signed in",
        "expired": "Your session expired after a period of inactivity; please sign in again.",
        "need_sign_in": "Please sign in to see this page.",
        "forbidden": "Your account ({role}) may not open this page; it needs the {needed} role.",
        "sso_refused": "The account {who} has not been given access to the dashboard; contact the administrator.",
        "deactivated": "The account has been disabled; the session has ended.",
        "empty": "Please enter a user name and a password.",
    },
}


def _t(key: str, lang: str = "vi", **kwargs: object) -> str:
    return _TEXT.get(lang, _TEXT["vi"])[key].format(**kwargs)


# --- single sign-on ----------------------------------------------------------

def sso_configured() -> bool:
    """True when `.streamlit/secrets.toml` (or the host's secrets) has an [auth] section."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitAPIException):  # no secrets file: raises rather than False
        return False


def _sso_provider() -> str | None:
    """None for a single unnamed provider; else the first `[auth.<name>]` section."""
    section = st.secrets["auth"]
    if "client_id" in section:
        return None
    for name, value in section.items():
        if isinstance(value, Mapping) and "client_id" in value:
            return name
    return None


def _sso_claims() -> dict[str, object] | None:
    if not sso_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        return dict(st.user.to_dict())
    except (AttributeError, KeyError, StreamlitAPIException):  # st.user unavailable
        return None


def _start_sso_session(claims: Mapping[str, object], settings: AuthSettings) -> Session | None:
    store = get_store()
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


def _sso_role(claims: Mapping[str, object], settings: AuthSettings) -> Role | None:
    return role_for_claims(claims, list_mappings(get_store().cursor()), settings.unknown_sso_users)


# --- the session -------------------------------------------------------------

def _end_session(action: str, lang: str = "vi", notice: str | None = None) -> Session | None:
    session = st.session_state.pop(SESSION_KEY, None)
    if session is not None:
        with get_store().transaction() as cur:
            audit.record(cur, session.username, action, session.username, detail=session.source)
    if notice:
        st.session_state[NOTICE_KEY] = notice
    return session


def current_user(lang: str = "vi") -> User | None:
    """The signed-in user of this browser session, or None.

    Checks the idle timeout, and re-reads role and active flag on every run so
    an administrator's change takes effect at once.
    """
    settings = auth_settings()
    session: Session | None = st.session_state.get(SESSION_KEY)
    claims = _sso_claims()
    if session is None and claims is not None:
        session = _start_sso_session(claims, settings)
    if session is None:
        return None
    now = utcnow()
    if session.is_expired(timedelta(minutes=settings.session_idle_minutes), now):
        _end_session("session_expired", lang, _t("expired", lang))
        if session.source == "sso":
            st.logout()
        return None
    if session.source == "local":
        user = get_user(get_store().cursor(), session.username)
        if user is None or not user.active:
            _end_session("session_ended", lang, _t("deactivated", lang))
            return None
        role = user.role
    else:
        role = _sso_role(claims or {}, settings) if claims is not None else None
        if role is None:
            _end_session("session_ended", lang)
            return None
    session = replace(session, role=role).touched(now)
    st.session_state[SESSION_KEY] = session
    return User(session.username, session.display_name, session.role, True, session.source)


def current_actor() -> str:
    """The name written to the audit trail for this session's actions."""
    user = current_user()
    return user.username if user else "anonymous"


def visible_pages(user: User | None) -> set[str]:
    """Page ids of the navigation contract this user may see."""
    return set(pages_for(user.role if user else None, auth_settings().open_viewing))


def sign_out(lang: str = "vi") -> None:
    session = _end_session("sign_out", lang, _t("signed_out", lang))
    st.session_state.pop(SSO_REFUSED_KEY, None)
    if (session is not None and session.source == "sso") or _sso_claims() is not None:
        st.logout()
    else:
        st.rerun()


# --- guards ------------------------------------------------------------------

def require_role(role: Role, lang: str = "vi") -> User:
    """Stops the page with a clear message unless the user has at least `role`."""
    user = current_user(lang)
    if user is None:
        notice = st.session_state.pop(NOTICE_KEY, None)
        if notice:
            st.info(notice)
        st.warning(_t("need_sign_in", lang))
        st.stop()
    if not user.role.at_least(role):
        st.error(_t("forbidden", lang, role=user.role.label(lang), needed=role.label(lang)))
        st.stop()
    return user


def require_viewing(lang: str = "vi") -> User | None:
    """For browsing pages: passes anyone when open viewing is on, else any signed-in user."""
    user = current_user(lang)
    if user is None and not auth_settings().open_viewing:
        st.warning(_t("need_sign_in", lang))
        st.stop()
    return user


# --- screens -----------------------------------------------------------------

def user_box(lang: str = "vi") -> None:
    """Who is signed in, with a sign-out button (for the sidebar)."""
    user = current_user(lang)
    if user is None:
        st.caption(_t("not_signed_in", lang))
        return
    st.caption(_t("signed_in", lang, name=user.display_name, role=user.role.label(lang)))
    if st.button(_t("sign_out", lang), key="user_box_sign_out"):
        sign_out(lang)


def sign_in_page(lang: str = "vi") -> None:
    st.title(_t("title", lang))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    user = current_user(lang)
    if user is not None:
        st.success(_t("signed_in", lang, name=user.display_name, role=user.role.label(lang)))
        if st.button(_t("sign_out", lang), key="sign_out"):
            sign_out(lang)
        return
    refused = st.session_state.get(SSO_REFUSED_KEY)
    if refused:
        st.error(_t("sso_refused", lang, who=refused))
        if st.button(_t("sign_out", lang), key="sso_refused_sign_out"):
            sign_out(lang)
        return
    if sso_configured():
        if st.button(_t("sso", lang), key="sso_sign_in", type="primary"):
            st.login(_sso_provider())
        st.subheader(_t("local", lang))
    with st.form("sign_in_form", clear_on_submit=True):
        username = st.text_input(_t("username", lang), key="sign_in_username")
        password = st.text_input(_t("password", lang), type="password", key="sign_in_password")
        submitted = st.form_submit_button(_t("submit", lang))
    if submitted:
        if not username.strip() or not password:
            st.error(_t("empty", lang))
            return
        result = authenticate(get_store(), username, password)
        if not result.ok:
            st.error(result.message(lang))
            return
        st.session_state[SESSION_KEY] = start_session(
            result.user.username, result.user.display_name, result.user.role, "local"
        )
        st.rerun()
