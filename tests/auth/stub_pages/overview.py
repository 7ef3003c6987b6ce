"""Stand-in for the real 'overview' page: only its gate matters here."""

import streamlit as st

from ui.access import require_viewing

require_viewing()
st.title("PAGE:overview")
