"""Who is signed in, with a sign-out button (drawn in the sidebar by dashboard.py)."""

from __future__ import annotations

import streamlit as st

from ui import session, state
from ui.access import current_user
from ui.strings import t
from ui.text import plain


def user_box() -> None:
    user = current_user()
    if user is None:
        st.caption(t("auth_not_signed_in"))
        return
    st.caption(t("auth_signed_in", name=plain(user.display_name), role=user.role.label(state.lang())))
    if st.button(t("auth_sign_out"), key="user_box_sign_out"):
        session.sign_out(state.get_store(), state.lang())
