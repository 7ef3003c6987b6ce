"""Lô dữ liệu: upload history and rollback."""

from __future__ import annotations

import streamlit as st

import ingest
from auth.roles import Role
from ingest.versioning import BATCH_STATUS_LABELS
from ui.access import current_actor, require_role
from ui.errors import error_boundary
from ui.state import get_store, lang

require_role(Role.ANALYST, lang())  # every write needs a signed-in analyst or admin
store = get_store()
st.title("Lô dữ liệu đã nạp")


def _rollback(batch_id: int) -> None:
    """A button callback: it runs before the next script run, the only moment Streamlit lets
    us clear the confirmation box, so each rollback needs its own fresh confirmation."""
    st.session_state["rollback_confirm"] = False
    try:
        ingest.rollback(store, batch_id, current_actor())
    except ingest.IngestError as exc:
        st.session_state["batches_error"] = str(exc)
        return
    st.cache_data.clear()
    st.session_state["batches_flash"] = f"Đã hoàn tác lô #{batch_id}; số liệu mà lô đã thay thế được khôi phục."


with error_boundary("batches"):
    if flash := st.session_state.pop("batches_flash", None):
        st.success(flash)
    if error := st.session_state.pop("batches_error", None):
        st.error(error)

    batches = ingest.list_batches(store.cursor())
    if batches.empty:
        st.info("Chưa có lô dữ liệu nào.")
        st.stop()

    st.dataframe(
        batches.assign(status=batches["status"].map(lambda s: BATCH_STATUS_LABELS.get(s, s))).rename(columns={
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
    st.button("Hoàn tác", disabled=not sure, key="rollback_button", on_click=_rollback, args=(chosen,))
