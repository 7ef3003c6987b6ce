"""A stand-in for dashboard.py: the real router and sign-in, with stub pages where pages are heavy."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui.access import auth_settings, current_user  # noqa: E402
from ui.registry import PageSpec  # noqa: E402
from ui.shell import build_navigation, show  # noqa: E402
from ui.user_box import user_box  # noqa: E402

STUBS = Path(__file__).resolve().parent / "stub_pages"


def source(spec: PageSpec) -> Path:
    stub = STUBS / f"{spec.id}.py"
    return stub if stub.exists() else spec.path


user = current_user()
route = build_navigation(user.role if user else None, auth_settings().open_viewing, source)
with st.sidebar:
    st.caption(f"ROLE:{user.role.value if user else 'anonymous'}")
    user_box()
show(route, user)
