"""Stand-in for the real 'upload' page: only its gate matters here."""

import streamlit as st

from auth.roles import Role
from ui import auth_gate

auth_gate.require_role(Role.ANALYST)
st.title("PAGE:upload")
