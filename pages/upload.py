"""Nạp dữ liệu: templates, upload, every problem at once, preview, commit."""

from __future__ import annotations

import math

import streamlit as st

import ingest
from auth.roles import Role
from ingest.model import FAMILY_LABELS, problems_csv, problems_summary
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

require_role(Role.ANALYST, lang())  # every write needs a signed-in analyst or admin
store = get_store()
st.title("Nạp dữ liệu")
# The real limit is ingest's; .streamlit/config.toml sets the server's to the same value (pinned by a test).
limit_mb = max(1, math.floor(ingest.max_upload_bytes() / (1024 * 1024)))


def _commit(parsed: list, confirmed: bool, replace_unit_month: bool, files_key: tuple) -> None:
    """Runs before the next script run, so the page that follows already knows it is done."""
    try:
        batch_ids = ingest.commit(store, parsed, current_actor(), confirm_warnings=confirmed,
                                  replace_unit_month=replace_unit_month)
    except ingest.IngestError as exc:
        st.session_state["upload_failed"] = str(exc)
        return
    st.cache_data.clear()
    st.session_state["upload_done"] = (files_key, "Đã ghi các lô " + ", ".join(f"#{b}" for b in batch_ids) + ".")


with error_boundary("upload"):
    with st.expander("Tải mẫu nhập liệu", expanded=False):
        st.caption("Mỗi mẫu có trang hướng dẫn và danh sách mã đơn vị, lĩnh vực. "
                   "Cũng nhận Biểu số 06/VPCP/KSTT, .xls cũ và CSV UTF-8.")
        st.download_button("Biểu số 06/VPCP/KSTT trống (.xlsx)", official_form_xlsx(store.cursor()),
                           file_name=OFFICIAL_FORM_FILENAME, key="tpl_official_form",
                           help="Ghi đơn vị sau 'Đơn vị báo cáo:', tháng sau 'Kỳ báo cáo:', rồi nhập số hồ sơ "
                                "của từng lĩnh vực vào các cột (3)…(13).")
        for family in Family:
            col_xlsx, col_csv = st.columns(2)
            col_xlsx.download_button(f"{FAMILY_LABELS[family]} (.xlsx)", template_xlsx(store.cursor(), family),
                                     file_name=template_filename(family), key=f"tpl_xlsx_{family.value}")
            col_csv.download_button(f"{FAMILY_LABELS[family]} (.csv)", template_csv(family),
                                    file_name=template_filename(family, "csv"), mime="text/csv",
                                    key=f"tpl_csv_{family.value}")

    with st.expander("Biểu số 06 không ghi đơn vị hoặc kỳ báo cáo trong tiêu đề?"):
        unit = st.text_input("Đơn vị (mã hoặc tên)", key="upload_unit") or None
        period = st.text_input("Tháng báo cáo (YYYY-MM)", key="upload_period") or None

    files = st.file_uploader(
        f"Chọn tệp số liệu (.xlsx, .xls, .csv) — tối đa {limit_mb} MB mỗi tệp, có thể chọn nhiều tệp",
        type=["xlsx", "xls", "csv"], accept_multiple_files=True, key="upload_files", max_upload_size=limit_mb,
        help="Kéo thả tệp vào ô bên dưới hoặc bấm để chọn. Mẫu nhập liệu, Biểu số 06/VPCP/KSTT, "
             "tệp Excel cũ (.xls) và CSV UTF-8 đều được nhận.",
    )
    if not files:
        st.stop()

    # Files are identified by the uploader's ids: the same selection after a commit shows the result,
    # never the button again (a second click would only meet "giống hệt tệp đã nạp").
    files_key = tuple((getattr(f, "file_id", None), f.name, f.size) for f in files)
    done = st.session_state.get("upload_done")
    if done and done[0] == files_key:
        st.success(done[1])
        st.caption("Chọn tệp khác để nạp tiếp; xem hoặc hoàn tác các lô ở trang Lô dữ liệu.")
        st.stop()
    if failed := st.session_state.pop("upload_failed", None):
        st.error(f"Không ghi được: {failed}")

    progress = st.progress(0.0, text="Đang kiểm tra…")
    parsed = []
    for k, f in enumerate(files):
        progress.progress(k / len(files), text=f"Đang kiểm tra {f.name}…")
        parsed.append(ingest.parse_upload(store, f.name, f.getvalue(), unit=unit, period=period))
    progress.progress(1.0, text="Đã kiểm tra xong")

    for f in parsed:
        for note in getattr(f, "notes", ()):
            st.info(f"{f.name}: {note}")

    problems = [p for f in parsed for p in f.problems]
    cols = st.columns(3)
    cols[0].metric("Số dòng hợp lệ", sum(f.row_count for f in parsed if f.ok))
    cols[1].metric("Lỗi", sum(len(f.errors) for f in parsed))
    cols[2].metric("Cảnh báo", sum(len(f.warnings) for f in parsed))
    if problems:
        shown, hidden = problems_summary(problems)
        st.dataframe(ingest.problems_frame(shown), hide_index=True, key="upload_problems")
        if sum(hidden.values()):
            st.caption(f"Chỉ hiện {len(shown)} vấn đề đầu tiên; còn {sum(hidden.values())} vấn đề khác "
                       f"({hidden[ingest.Severity.ERROR]} lỗi, {hidden[ingest.Severity.WARNING]} cảnh báo).")
        st.download_button("Tải toàn bộ danh sách vấn đề (.csv)", problems_csv(problems),
                           file_name="danh_sach_van_de.csv", mime="text/csv", key="upload_problems_csv")
    if any(f.errors for f in parsed):
        st.error("Có lỗi: chưa ghi gì. Hãy sửa tệp rồi tải lên lại.")
        st.stop()

    confirmed = True
    if any(f.warnings for f in parsed):
        confirmed = st.checkbox("Tôi đã xem các cảnh báo và xác nhận số liệu là đúng", key="upload_confirm")
    replace_unit_month = st.checkbox(
        "Thay thế toàn bộ số liệu của đơn vị – tháng (xóa các lĩnh vực không có trong tệp)",
        key="upload_replace_unit_month",
        help="Mặc định, tệp chỉ thay các dòng (đơn vị – lĩnh vực – tháng) mà nó có; các lĩnh vực khác giữ nguyên.",
    )

    try:
        change = ingest.preview(store, parsed, replace_unit_month=replace_unit_month)
    except ingest.IngestError as exc:  # two files writing the same unit-field-month
        st.error(str(exc))
        st.stop()
    st.subheader("Xem trước thay đổi")
    cols = st.columns(4)
    cols[0].metric("Dòng mới", change.new_rows)
    cols[1].metric("Dòng thay thế", change.replaced_rows)
    cols[2].metric("Có số liệu khác", change.changed_rows)
    cols[3].metric("Dòng cũ bị xóa", change.dropped_rows)
    if not change.changes.empty:
        st.dataframe(change.changes_table(), hide_index=True, key="upload_changes")
    if change.dropped_rows:
        st.warning(f"{change.dropped_rows} dòng đang có sẽ bị xóa vì không có trong tệp "
                   "(có thể khôi phục bằng cách hoàn tác lô):")
        st.dataframe(change.dropped_table(), hide_index=True, key="upload_dropped")

    st.button("Ghi vào cơ sở dữ liệu", type="primary", disabled=not confirmed, key="upload_commit",
              on_click=_commit, args=(parsed, confirmed, replace_unit_month, files_key))
