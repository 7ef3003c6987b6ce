"""Nhật ký hệ thống: xem, lọc và tải về (administrators only; read-only)."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from auth import audit
from auth.roles import Role
from ui.access import require_role
from ui.choices import holds_code
from ui.state import get_store
from ui.strings import has, t

LIMIT = 5000
COLUMNS = ("id", "occurred_at", "actor", "action", "target", "before", "after", "detail")

require_role(Role.ADMIN)
con = get_store().cursor()


def action_label(code: str) -> str:
    """An audit action as words; an action the catalogue does not know yet shows its code."""
    return t(f"audit_action_{code}") if has(f"audit_action_{code}") else code


st.title(t("audit_title"))
st.caption(t("audit_caption"))

col_from, col_to, col_actor = st.columns(3)
since = col_from.date_input(t("audit_since"), date.today() - timedelta(days=30), key="audit_since",
                            format="DD/MM/YYYY")
until = col_to.date_input(t("audit_until"), date.today(), key="audit_until", format="DD/MM/YYYY")
actor = col_actor.selectbox(t("audit_actor"), [None, *audit.list_actors(con)], key=holds_code("audit_actor"),
                            format_func=lambda a: t("audit_all") if a is None else a)
actions = st.multiselect(t("audit_action"), audit.list_actions(con), key=holds_code("audit_actions"),
                         format_func=action_label, placeholder=t("audit_all"))
text = st.text_input(t("audit_search"), key="audit_text")

events = audit.list_events(con, limit=LIMIT, actor=actor, actions=actions, since=since, until=until, text=text)
st.caption(t("audit_count", n=len(events), limit=LIMIT))
blank = {c: "—" for c in ("target", "before", "after", "detail")}  # nothing recorded: a dash, never "None"
shown = events.assign(action=events["action"].map(action_label)).fillna(blank).rename(
    columns={c: t(f"audit_col_{c}") for c in COLUMNS})
st.dataframe(shown, hide_index=True, key="audit_table")
# The file is the table on screen; events_csv neutralises every text cell against formula injection.
st.download_button(t("audit_download"), audit.events_csv(shown),
                   file_name=t("audit_filename", day=f"{date.today():%Y%m%d}"), mime="text/csv",
                   key="audit_download")
