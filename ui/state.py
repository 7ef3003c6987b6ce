"""Streamlit-side shared state: the one Store per server process, language, actor."""

from __future__ import annotations

import streamlit as st

from store import Store, open_store


@st.cache_resource(show_spinner="Đang mở cơ sở dữ liệu…")
def get_store() -> Store:
    """One read-write connection for the whole server; pages take `store.cursor()` per query.

    The app never fills a database by itself: an empty one stays empty (the pages say how
    to import) and demo data exists only where `cli.py demo` put it (scripts/start.sh).
    """
    return open_store()


def lang() -> str:
    """'vi' (default) or 'en', chosen in the sidebar and kept in the URL."""
    value = st.session_state.get("lang") or st.query_params.get("lang", "vi")
    return "en" if value == "en" else "vi"
