"""Nạp dữ liệu: templates, upload, every problem at once, preview, commit."""

from __future__ import annotations

import streamlit as st

import ingest
from auth.roles import Role
from ingest.model import FAMILY_LABELS
from ingest.templates import template_csv, template_filename, template_xlsx
from metrics.indicators import Family
from ui.auth_gate import require_role
from ui.state import current_actor, get_store, lang

require_role(Role.ANALYST, lang())  # every write needs a signed-in analyst or admin
store = get_store()
st.title("Nạp dữ liệu")

with st.expander("Tải mẫu nhập liệu", expanded=False):
    st.caption("Mỗi mẫu có trang hướng dẫn và danh sách mã đơn vị, lĩnh vực. "
               "Cũng nhận Biểu số 06/VPCP/KSTT, .xls cũ và CSV UTF-8.")
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

files = st.file_uploader("Chọn tệp (.xlsx, .xls, .csv)", type=["xlsx", "xls", "csv"],
                         accept_multiple_files=True, key="upload_files")
st.caption(f"Tối đa {ingest.max_upload_bytes() // (1024 * 1024)} MB mỗi tệp.")
if not files:
    st.stop()

progress = st.progress(0.0, text="Đang kiểm tra…")
parsed = []
for k, f in enumerate(files):
    progress.progress(k / len(files), text=f"Đang kiểm tra {f.name}…")
    parsed.append(ingest.parse_upload(store, f.name, f.getvalue(), unit=unit, period=period))
progress.progress(1.0, text="Đã kiểm tra xong")

problems = [p for f in parsed for p in f.problems]
cols = st.columns(3)
cols[0].metric("Số dòng hợp lệ", sum(f.row_count for f in parsed if f.ok))
cols[1].metric("Lỗi", sum(len(f.errors) for f in parsed))
cols[2].metric("Cảnh báo", sum(len(f.warnings) for f in parsed))
if problems:
    st.dataframe(ingest.problems_frame(problems), hide_index=True, key="upload_problems")
if any(f.errors for f in parsed):
    st.error("Có lỗi: chưa ghi gì. Hãy sửa tệp rồi tải lên lại.")
    st.stop()

confirmed = True
if any(f.warnings for f in parsed):
    confirmed = st.checkbox("Tôi đã xem các cảnh báo và xác nhận số liệu là đúng", key="upload_confirm")

change = ingest.preview(store, parsed)
st.subheader("Xem trước thay đổi")
cols = st.columns(4)
cols[0].metric("Dòng mới", change.new_rows)
cols[1].metric("Dòng thay thế", change.replaced_rows)
cols[2].metric("Có số liệu khác", change.changed_rows)
cols[3].metric("Dòng cũ bị bỏ", change.dropped_rows)
if not change.changes.empty:
    st.dataframe(change.changes.rename(columns={"old": "cũ", "new": "mới"}), hide_index=True,
                 key="upload_changes")

if st.button("Ghi vào cơ sở dữ liệu", type="primary", disabled=not confirmed, key="upload_commit"):
    try:
        batch_ids = ingest.commit(store, parsed, current_actor(), confirm_warnings=confirmed)
    except ingest.IngestError as exc:
        st.error(str(exc))
    else:
        st.cache_data.clear()
        st.success("Đã ghi các lô " + ", ".join(f"#{b}" for b in batch_ids) + ".")
