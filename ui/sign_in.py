"""The sign-in screen: single sign-on when configured, and the local account form."""

from __future__ import annotations

import streamlit as st

from auth.users import authenticate
from ui import session, state
from ui.access import current_user
from ui.strings import t
from ui.text import plain
from ui.user_box import sign_out_buttons


def sign_in_page() -> None:
    st.title(t("auth_title"))
    notice = st.session_state.pop(session.NOTICE_KEY, None)
    if notice:
        st.info(notice)
    user = current_user()
    if user is not None:
        st.success(t("auth_signed_in", name=plain(user.display_name), role=user.role.label(state.lang())))
        sign_out_buttons("sign_out")
        return
    refused = st.session_state.get(session.SSO_REFUSED_KEY)
    if refused:
        st.error(t("auth_sso_refused", who=plain(refused)))
        if st.button(t("auth_sign_out"), key="sso_refused_sign_out"):
            session.sign_out(state.get_store(), state.lang())
        return
    if session.sso_configured():
        if st.button(t("auth_sso"), key="sso_sign_in", type="primary"):
            st.login(session.sso_provider())
        st.subheader(t("auth_local"))
    with st.form("sign_in_form", clear_on_submit=True):
        username = st.text_input(t("auth_username"), key="sign_in_username")
        password = st.text_input(t("auth_password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("auth_submit"))
    if submitted:
        if not username.strip() or not password:
            st.error(t("auth_empty"))
            return
        result = authenticate(state.get_store(), username, password, client_ip=session.client_ip())
        if not result.ok:
            st.error(result.message(state.lang()))
            return
        session.sign_in_local(state.get_store(), result.user)
        st.rerun()
