"""Stand-in for the real 'upload' page: only its gate matters here."""

import streamlit as st

from auth.roles import Role
from ui.access import require_role

require_role(Role.ANALYST)
st.title("PAGE:upload")
