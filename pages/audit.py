"""Nhật ký hệ thống: xem, lọc và tải về (administrators only; read-only)."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from auth import audit
from auth.roles import Role
from ui.access import require_role
from ui.state import get_store

require_role(Role.ADMIN)
con = get_store().cursor()

st.title("Nhật ký hệ thống")
st.caption("Mọi lần đăng nhập, tải dữ liệu, hoàn tác và thay đổi quản trị. Nhật ký chỉ được xem, không sửa được.")

col_from, col_to, col_actor = st.columns(3)
since = col_from.date_input("Từ ngày", date.today() - timedelta(days=30), key="audit_since", format="DD/MM/YYYY")
until = col_to.date_input("Đến ngày", date.today(), key="audit_until", format="DD/MM/YYYY")
actor = col_actor.selectbox("Người thực hiện", [None, *audit.list_actors(con)], key="audit_actor",
                            format_func=lambda a: "Tất cả" if a is None else a)
actions = st.multiselect("Hành động", audit.list_actions(con), key="audit_actions", placeholder="Tất cả")
text = st.text_input("Tìm trong đối tượng / chi tiết", key="audit_text")

events = audit.list_events(con, limit=5000, actor=actor, actions=actions, since=since, until=until, text=text)
st.caption(f"{len(events)} sự kiện (tối đa 5000 gần nhất).")
st.dataframe(
    events.rename(columns={"id": "STT", "occurred_at": "Thời điểm", "actor": "Người thực hiện",
                           "action": "Hành động", "target": "Đối tượng", "before": "Trước",
                           "after": "Sau", "detail": "Chi tiết"}),
    hide_index=True, key="audit_table",
)
st.download_button("Tải nhật ký (CSV)", audit.events_csv(events), file_name=f"nhat-ky-{date.today():%Y%m%d}.csv",
                   mime="text/csv", key="audit_download")
