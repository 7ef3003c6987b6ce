"""Who is signed in, with sign-out buttons (drawn in the sidebar by dashboard.py).

Also hands the browser its session cookie after a local sign-in, or asks it to drop the
cookie after a sign-out (`ui.session_cookie`): drawn here because this box runs on every page.
"""

from __future__ import annotations

import streamlit as st

from ui import session, session_cookie, state
from ui.access import current_user
from ui.strings import t
from ui.text import plain


def cookie_trade() -> None:
    """The pending cookie action of this browser session, as a script that runs once."""
    code = st.session_state.pop(session.CLAIM_KEY, None)
    clear = st.session_state.pop(session.CLEAR_KEY, None)
    if not session_cookie.ENABLED:
        return
    if code is not None:
        st.html(session_cookie.cookie_script(code), unsafe_allow_javascript=True)
    elif clear:
        st.html(session_cookie.cookie_script(None), unsafe_allow_javascript=True)


def sign_out_buttons(key: str) -> None:
    if st.button(t("auth_sign_out"), key=key):
        session.sign_out(state.get_store(), state.lang())
    if st.button(t("sessions_sign_out_everywhere"), key=f"{key}_everywhere",
                 help=t("sessions_sign_out_everywhere_help")):
        session.sign_out(state.get_store(), state.lang(), everywhere=True)


def user_box() -> None:
    user = current_user()
    cookie_trade()
    if user is None:
        st.caption(t("auth_not_signed_in"))
        return
    st.caption(t("auth_signed_in", name=plain(user.display_name), role=user.role.label(state.lang())))
    sign_out_buttons("user_box_sign_out")
