"""Stand-in for the real 'rankings' page: only its gate matters here."""

import streamlit as st

from auth.roles import Role  # noqa: F401
from ui import auth_gate

auth_gate.require_viewing()
st.title("PAGE:rankings")
