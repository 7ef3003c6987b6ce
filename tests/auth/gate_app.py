"""A stand-in for dashboard.py: navigation built from `visible_pages`, real auth pages."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui import auth_gate  # noqa: E402

STUBS = Path(__file__).resolve().parent / "stub_pages"
user = auth_gate.current_user()
allowed = auth_gate.visible_pages(user)
pages = {pid: st.Page(str(STUBS / f"{pid}.py"), url_path=pid) for pid in ["overview", "rankings", "upload", "batches"]}
pages |= {pid: st.Page(str(ROOT / "pages" / f"{pid}.py"), url_path=pid) for pid in ["sign_in", "admin", "audit"]}
nav = st.navigation([page for pid, page in pages.items() if pid in allowed])
with st.sidebar:
    st.caption(f"ROLE:{user.role.value if user else 'anonymous'}")
    auth_gate.user_box()
nav.run()
