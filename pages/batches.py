"""Lô dữ liệu: upload history and rollback."""

from __future__ import annotations

import streamlit as st

import ingest
from auth.roles import Role
from i18n.catalogue import error_text
from ingest.versioning import batch_status_label
from ui.access import current_actor, require_role
from ui.choices import holds_code
from ui.errors import error_boundary
from ui.state import get_store, lang
from ui.strings import t
from ui.text import plain

COLUMNS = {"id": "batch_col_id", "source_file": "work_file", "sha256": "batch_col_sha256",
           "uploaded_by": "batch_col_uploaded_by", "uploaded_at": "batch_col_uploaded_at",
           "row_count": "batch_col_row_count", "status": "work_status",
           "rolled_back_by": "batch_col_rolled_back_by", "rolled_back_at": "batch_col_rolled_back_at"}

require_role(Role.ANALYST)  # every write needs a signed-in analyst or admin
store = get_store()
st.title(t("batches_title"))


def _rollback(batch_id: int) -> None:
    """A button callback: it runs before the next script run, the only moment Streamlit lets
    us clear the confirmation box, so each rollback needs its own fresh confirmation.
    The flash holds the batch id, not a sentence, so it reads in the language of the next run."""
    st.session_state["rollback_confirm"] = False
    try:
        ingest.rollback(store, batch_id, current_actor())
    except ingest.IngestError as exc:
        st.session_state["batches_error"] = exc
        return
    st.session_state["batches_flash"] = batch_id


with error_boundary("batches"):
    if (flash := st.session_state.pop("batches_flash", None)) is not None:
        st.success(t("batches_rolled_back", batch=flash))
    if error := st.session_state.pop("batches_error", None):
        st.error(plain(error_text(error, lang())))

    batches = ingest.list_batches(store.cursor())
    if batches.empty:
        st.info(t("batches_none"))
        st.stop()

    st.dataframe(
        batches.assign(status=batches["status"].map(lambda s: batch_status_label(s, lang())))
        .rename(columns={c: t(key) for c, key in COLUMNS.items()}),
        hide_index=True, key="batches_table",
    )

    active = batches[batches["status"] == "active"]
    if active.empty:
        st.stop()
    st.subheader(t("batches_rollback_heading"))
    labels = {int(r.id): t("batches_option", id=r.id, file=r.source_file, rows=r.row_count, by=r.uploaded_by)
              for r in active.itertuples()}
    chosen = st.selectbox(t("batch_col_id"), list(labels), format_func=labels.get, key=holds_code("rollback_batch"))
    sure = st.checkbox(t("batches_confirm"), key="rollback_confirm")
    st.button(t("batches_rollback"), disabled=not sure, key="rollback_button", on_click=_rollback, args=(chosen,))
