"""Lô dữ liệu: upload history and rollback."""

from __future__ import annotations

import streamlit as st

import ingest
from auth.roles import Role
from ui.auth_gate import require_role
from ui.state import current_actor, get_store, lang

require_role(Role.ANALYST, lang())  # every write needs a signed-in analyst or admin
store = get_store()
st.title("Lô dữ liệu đã nạp")

if flash := st.session_state.pop("batches_flash", None):
    st.success(flash)

batches = ingest.list_batches(store.cursor())
if batches.empty:
    st.info("Chưa có lô dữ liệu nào.")
    st.stop()

st.dataframe(
    batches.rename(columns={
        "id": "Lô", "source_file": "Tệp", "sha256": "SHA-256", "uploaded_by": "Người nạp",
        "uploaded_at": "Thời điểm", "row_count": "Số dòng", "status": "Trạng thái",
        "rolled_back_by": "Người hoàn tác", "rolled_back_at": "Thời điểm hoàn tác",
    }),
    hide_index=True, key="batches_table",
)

active = batches[batches["status"] == "active"]
if active.empty:
    st.stop()
st.subheader("Hoàn tác một lô")
labels = {int(r.id): f"#{r.id} — {r.source_file} ({r.row_count} dòng, {r.uploaded_by})"
          for r in active.itertuples()}
chosen = st.selectbox("Lô", list(labels), format_func=labels.get, key="rollback_batch")
sure = st.checkbox("Tôi hiểu: số liệu của lô này bị gỡ, số liệu mà nó đã thay thế được khôi phục",
                   key="rollback_confirm")
if st.button("Hoàn tác", disabled=not sure, key="rollback_button"):
    try:
        ingest.rollback(store, chosen, current_actor())
    except ingest.IngestError as exc:
        st.error(str(exc))
    else:
        st.cache_data.clear()
        st.session_state["batches_flash"] = f"Đã hoàn tác lô #{chosen}."
        st.rerun()
