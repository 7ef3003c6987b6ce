"""Serve the dashboard with its session-cookie routes: `streamlit run sessions_app.py`.

The same app as `streamlit run dashboard.py`, served through `st.App` so that two small
routes (`ui.session_cookie`) can give a local account's browser an HttpOnly session cookie:
a reload, or a new tab, then stays signed in until the session ends. Without them a reload
signs a local account out.
"""

import streamlit as st

from ui.session_cookie import routes

app = st.App("dashboard.py", routes=routes())
