"""Nạp dữ liệu: templates, upload, every problem at once, preview, commit."""

from __future__ import annotations

import math

import streamlit as st

import ingest
from auth.roles import Role
from i18n.catalogue import error_text
from ingest.model import family_label, problems_csv, problems_summary
from ingest.templates import (
    OFFICIAL_FORM_FILENAME,
    official_form_xlsx,
    template_csv,
    template_filename,
    template_xlsx,
)
from metrics.indicators import Family
from ui.access import current_actor, require_role
from ui.errors import error_boundary
from ui.state import get_store, lang
from ui.streamlit_words import uploader_css
from ui.strings import t
from ui.text import plain

require_role(Role.ANALYST)  # every write needs a signed-in analyst or admin
store = get_store()
st.title(t("upload_title"))
# The real limit is ingest's; .streamlit/config.toml sets the server's to the same value (pinned by a test).
limit_mb = max(1, math.floor(ingest.max_upload_bytes() / (1024 * 1024)))


def _commit(parsed: list, confirmed: bool, replace_unit_month: bool, files_key: tuple) -> None:
    """Runs before the next script run, so the page that follows already knows it is done.
    Session state keeps the batch ids and the error, not sentences: the next run words them in its language."""
    try:
        batch_ids = ingest.commit(store, parsed, current_actor(), confirm_warnings=confirmed,
                                  replace_unit_month=replace_unit_month)
    except ingest.IngestError as exc:
        st.session_state["upload_failed"] = exc
        return
    st.session_state["upload_done"] = (files_key, tuple(batch_ids))


with error_boundary("upload"):
    with st.expander(t("upload_templates"), expanded=False):
        st.caption(t("upload_templates_caption"))
        st.download_button(t("upload_official_form"), official_form_xlsx(store.cursor()),
                           file_name=OFFICIAL_FORM_FILENAME, key="tpl_official_form",
                           help=t("upload_official_form_help"))
        for family in Family:
            col_xlsx, col_csv = st.columns(2)
            family_name = family_label(family, lang())
            col_xlsx.download_button(t("upload_template_xlsx", family=family_name),
                                     template_xlsx(store.cursor(), family),
                                     file_name=template_filename(family), key=f"tpl_xlsx_{family.value}")
            col_csv.download_button(t("upload_template_csv", family=family_name), template_csv(family),
                                    file_name=template_filename(family, "csv"), mime="text/csv",
                                    key=f"tpl_csv_{family.value}")

    with st.expander(t("upload_header_missing")):
        unit = st.text_input(t("upload_unit"), key="upload_unit") or None
        period = st.text_input(t("upload_period"), key="upload_period") or None

    kinds = ["xlsx", "xls", "csv"]
    uploader_words = uploader_css("upload_files", lang(), limit_mb, kinds)  # Streamlit's "Upload" in Vietnamese
    if uploader_words:
        st.html(uploader_words)
    files = st.file_uploader(
        t("upload_files", mb=limit_mb),
        type=kinds, accept_multiple_files=True, key="upload_files", max_upload_size=limit_mb,
        help=t("upload_files_help"),
    )
    if not files:
        st.stop()

    # Files are identified by the uploader's ids: the same selection after a commit shows the result,
    # never the button again (a second click would only meet "giống hệt tệp đã nạp").
    files_key = tuple((getattr(f, "file_id", None), f.name, f.size) for f in files)
    done = st.session_state.get("upload_done")
    if done and done[0] == files_key:
        st.success(t("upload_done", batches=", ".join(f"#{b}" for b in done[1])))
        st.caption(t("upload_done_next"))
        st.stop()
    if failed := st.session_state.pop("upload_failed", None):
        st.error(plain(t("upload_failed", reason=error_text(failed, lang()))))

    progress = st.progress(0.0, text=t("upload_checking"))
    parsed = []
    for k, f in enumerate(files):
        progress.progress(k / len(files), text=t("upload_checking_file", name=plain(f.name)))
        parsed.append(ingest.parse_upload(store, f.name, f.getvalue(), unit=unit, period=period))
    progress.progress(1.0, text=t("upload_checked"))

    for f in parsed:
        for note in f.note_texts(lang()):
            st.info(plain(t("upload_file_note", file=f.name, note=note)))

    problems = [p for f in parsed for p in f.problems]
    cols = st.columns(3)
    cols[0].metric(t("upload_valid_rows"), sum(f.row_count for f in parsed if f.ok))
    cols[1].metric(t("upload_errors"), sum(len(f.errors) for f in parsed))
    cols[2].metric(t("upload_warnings"), sum(len(f.warnings) for f in parsed))
    if problems:
        shown, hidden = problems_summary(problems)
        st.dataframe(ingest.problems_frame(shown, lang=lang()), hide_index=True, key="upload_problems")
        if sum(hidden.values()):
            st.caption(t("upload_problems_capped", shown=len(shown), hidden=sum(hidden.values()),
                         errors=hidden[ingest.Severity.ERROR], warnings=hidden[ingest.Severity.WARNING]))
        st.download_button(t("upload_problems_download"), problems_csv(problems, lang=lang()),
                           file_name=t("upload_problems_filename"), mime="text/csv", key="upload_problems_csv")
    if any(f.errors for f in parsed):
        st.error(t("upload_has_errors"))
        st.stop()

    confirmed = True
    if any(f.warnings for f in parsed):
        confirmed = st.checkbox(t("upload_confirm"), key="upload_confirm")
    replace_unit_month = st.checkbox(t("upload_replace"), key="upload_replace_unit_month",
                                     help=t("upload_replace_help"))

    try:
        change = ingest.preview(store, parsed, replace_unit_month=replace_unit_month)
    except ingest.IngestError as exc:  # two files writing the same unit-field-month
        st.error(plain(error_text(exc, lang())))
        st.stop()
    st.subheader(t("upload_preview"))
    cols = st.columns(4)
    cols[0].metric(t("upload_new_rows"), change.new_rows)
    cols[1].metric(t("upload_replaced_rows"), change.replaced_rows)
    cols[2].metric(t("upload_changed_rows"), change.changed_rows)
    cols[3].metric(t("upload_dropped_rows"), change.dropped_rows)
    if not change.changes.empty:
        st.dataframe(change.changes_table(lang()), hide_index=True, key="upload_changes")
    if change.dropped_rows:
        st.warning(t("upload_dropped_warning", n=change.dropped_rows))
        st.dataframe(change.dropped_table(lang()), hide_index=True, key="upload_dropped")

    st.button(t("upload_commit"), type="primary", disabled=not confirmed, key="upload_commit",
              on_click=_commit, args=(parsed, confirmed, replace_unit_month, files_key))
