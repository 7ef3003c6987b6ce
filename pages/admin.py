"""Quản trị: người dùng và vai trò, chỉ tiêu, đánh giá, đơn vị, lĩnh vực (administrators only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from auth import admin, oidc, users
from auth.oidc import MappingError, MappingKind
from auth.roles import Role
from auth.settings import AuthSettings, UnknownSsoUsers
from i18n import labels
from metrics.indicators import INDICATOR_IDS, get_indicator
from metrics.schemes import latest_scheme, list_schemes
from ui.access import auth_settings, require_role
from ui.state import get_store
from vocab.units import UnitType

me = require_role(Role.ADMIN)
store = get_store()
FLASH = "admin_flash"
ERRORS = (admin.AdminError, users.UserError, MappingError, ValueError)
UNIT_TYPE_VI = {code: vi for code, (vi, _en) in labels.UNIT_TYPE_LABELS.items()}
ROLES = list(Role)


def apply(change, *args, done: str) -> None:
    """Run one validated, audited change; then refresh every cached figure."""
    try:
        change(*args)
    except ERRORS as exc:
        st.error(str(exc))
        return
    st.cache_data.clear()
    st.session_state[FLASH] = done
    st.rerun()


st.title("Quản trị")
if flash := st.session_state.pop(FLASH, None):
    st.success(flash)

tab_users, tab_targets, tab_eval, tab_units, tab_fields = st.tabs(
    ["Người dùng và vai trò", "Chỉ tiêu", "Đánh giá", "Đơn vị", "Lĩnh vực"]
)

with tab_users:
    accounts = users.list_users(store.cursor())
    st.dataframe(pd.DataFrame([{
        "Tên đăng nhập": u.username, "Tên hiển thị": u.display_name, "Vai trò": u.role.label(),
        "Hoạt động": u.active, "Khóa đến (UTC)": u.locked_until, "Đăng nhập gần nhất (UTC)": u.last_sign_in,
    } for u in accounts]), hide_index=True, key="users_table")

    with st.form("user_create", clear_on_submit=True):
        st.subheader("Tạo tài khoản")
        new_name = st.text_input("Tên đăng nhập", key="new_username")
        new_display = st.text_input("Tên hiển thị", key="new_display_name")
        new_role = st.selectbox("Vai trò", ROLES, format_func=Role.label, key="new_role")
        new_password = st.text_input("Mật khẩu (ít nhất 10 ký tự)", type="password", key="new_password")
        if st.form_submit_button("Tạo tài khoản"):
            apply(users.create_user, store, new_name, new_role, new_password, new_display, me.username,
                  done=f"Đã tạo tài khoản {new_name}.")

    if accounts:
        st.subheader("Sửa tài khoản")
        chosen = st.selectbox("Tài khoản", [u.username for u in accounts], key="edit_username")
        account = next(u for u in accounts if u.username == chosen)
        col_role, col_state = st.columns(2)
        with col_role:
            role = st.selectbox("Vai trò mới", ROLES, index=ROLES.index(account.role),
                                format_func=Role.label, key="edit_role")
            if st.button("Lưu vai trò", key="save_role"):
                apply(users.set_role, store, chosen, role, me.username, done=f"Đã đổi vai trò của {chosen}.")
        with col_state:
            if account.active and st.button("Vô hiệu hóa", key="deactivate"):
                apply(users.set_active, store, chosen, False, me.username, done=f"Đã vô hiệu hóa {chosen}.")
            if not account.active and st.button("Kích hoạt lại", key="activate"):
                apply(users.set_active, store, chosen, True, me.username, done=f"Đã kích hoạt {chosen}.")
            if account.is_locked() and st.button("Mở khóa", key="unlock"):
                apply(users.unlock, store, chosen, me.username, done=f"Đã mở khóa {chosen}.")
        with st.form("reset_password", clear_on_submit=True):
            pw = st.text_input("Mật khẩu mới", type="password", key="reset_password_value")
            if st.form_submit_button("Đặt lại mật khẩu"):
                apply(users.reset_password, store, chosen, pw, me.username, done=f"Đã đặt lại mật khẩu của {chosen}.")

    st.subheader("Đăng nhập một lần (SSO): ánh xạ vai trò")
    mappings = oidc.list_mappings(store.cursor())
    st.dataframe(pd.DataFrame([{"Loại": m.kind.value, "Mẫu": m.pattern, "Vai trò": m.role.label()}
                               for m in mappings]), hide_index=True, key="mappings_table")
    with st.form("mapping_set", clear_on_submit=True):
        kind = st.selectbox("Loại", list(MappingKind), key="mapping_kind",
                            format_func=lambda k: "E-mail hoặc @miền" if k is MappingKind.EMAIL else "Nhóm (groups)")
        pattern = st.text_input("E-mail, @miền hoặc tên nhóm", key="mapping_pattern")
        mapped_role = st.selectbox("Vai trò", ROLES, format_func=Role.label, key="mapping_role")
        if st.form_submit_button("Lưu ánh xạ"):
            apply(oidc.set_mapping, store, kind, pattern, mapped_role, me.username, done="Đã lưu ánh xạ.")
    if mappings:
        gone = st.selectbox("Xóa ánh xạ", mappings, format_func=lambda m: f"{m.kind.value}: {m.pattern}",
                            key="mapping_delete")
        if st.button("Xóa", key="mapping_delete_button"):
            apply(oidc.delete_mapping, store, gone.kind, gone.pattern, me.username, done="Đã xóa ánh xạ.")

    st.subheader("Cài đặt đăng nhập")
    current = auth_settings()
    with st.form("auth_settings"):
        open_viewing = st.checkbox("Cho phép xem không cần đăng nhập (mạng nội bộ)", current.open_viewing,
                                   key="open_viewing")
        idle = st.number_input("Hết phiên sau (phút không hoạt động)", 5, 7 * 24 * 60,
                               current.session_idle_minutes, key="idle_minutes")
        unknown = st.radio("Người dùng SSO chưa được ánh xạ", list(UnknownSsoUsers), key="unknown_sso",
                           index=list(UnknownSsoUsers).index(current.unknown_sso_users),
                           format_func=lambda u: "Được xem" if u is UnknownSsoUsers.VIEWER else "Từ chối")
        if st.form_submit_button("Lưu cài đặt"):
            apply(admin.save_auth_settings, store, me.username,
                  AuthSettings(open_viewing, int(idle), unknown), done="Đã lưu cài đặt đăng nhập.")

with tab_targets:
    targets = admin.targets_table(store.cursor())
    targets["indicator"] = targets["indicator"].map(lambda i: get_indicator(i).label_vi if i in INDICATOR_IDS else i)
    targets["unit_type"] = targets["unit_type"].map(lambda t: UNIT_TYPE_VI.get(t, t))
    st.dataframe(targets.rename(columns={"indicator": "Chỉ số", "year": "Năm", "unit_type": "Loại đơn vị",
                                         "value": "Chỉ tiêu"}), hide_index=True, key="targets_table")
    with st.form("target_set"):
        ind = st.selectbox("Chỉ số", INDICATOR_IDS, format_func=lambda i: get_indicator(i).label_vi,
                           key="target_indicator")
        year = st.number_input("Năm", admin.MIN_YEAR, admin.MAX_YEAR, date.today().year, key="target_year")
        unit_type = st.selectbox("Loại đơn vị", list(UNIT_TYPE_VI), format_func=UNIT_TYPE_VI.get,
                                 key="target_unit_type")
        value = st.number_input("Chỉ tiêu (% với tỉ lệ, số lượng với chỉ số đếm)", 0.0, None, 90.0,
                                key="target_value")
        if st.form_submit_button("Lưu chỉ tiêu"):
            stored = value / 100 if get_indicator(ind).is_rate else value
            apply(admin.set_target, store, me.username, ind, int(year), stored, unit_type,
                  done="Đã lưu chỉ tiêu; bảng xếp hạng đã cập nhật.")

with tab_eval:
    scheme = latest_scheme(store.cursor())
    config = scheme.config
    st.info(f"Phương án đang dùng mới nhất: {'phiên bản ' + str(scheme.id) if scheme.id else 'mặc định'}, "
            f"áp dụng từ {scheme.applies_from:%m/%Y} — {scheme.status_label('vi')}. Lưu thay đổi tạo một phiên bản "
            "mới áp dụng từ tháng chọn dưới đây; các kỳ trước giữ phương án cũ, kỳ đã chốt không bị chấm lại.")
    with st.form("evaluation"):
        st.subheader("Trọng số chấm điểm (tổng chỉ số + cải thiện nên bằng 100)")
        rates = [i for i in INDICATOR_IDS if get_indicator(i).is_rate]
        weights = {i: st.number_input(get_indicator(i).label_vi, 0.0, 100.0, float(config.weights.get(i, 0.0)),
                                      key=f"weight_{i}") for i in rates}
        improvement = st.number_input("Điểm cải thiện (so với cùng kỳ năm trước, hoặc kỳ trước)", 0.0, 100.0,
                                      float(config.improvement_weight), key="improvement_weight")
        improvement_full = st.number_input("Mức tăng để đạt đủ điểm cải thiện (điểm %)", 0.1, 100.0,
                                           float(config.improvement_full_at * 100), key="improvement_full_at")
        tolerance = st.number_input("Biên độ chấm điểm: thấp hơn chỉ tiêu bao nhiêu điểm % thì mất hết điểm "
                                    "(để trống = cách tính QĐ 766: giá trị / chỉ tiêu)", 0.1, 100.0,
                                    None if config.tolerance is None else config.tolerance * 100, key="tolerance")
        st.subheader("Ngưỡng xếp loại (điểm 0–100)")
        c1, c2, c3 = st.columns(3)
        excellent = c1.number_input("Xuất sắc: trên", 0.0, 100.0, float(config.excellent_above), key="excellent_above")
        good = c2.number_input("Tốt: trên", 0.0, 100.0, float(config.good_above), key="good_above")
        completed = c3.number_input("Hoàn thành: từ", 0.0, 100.0, float(config.completed_from), key="completed_from")
        st.subheader("Trễ hạn không có lý do chính đáng (giới hạn ở mức Hoàn thành)")
        d1, d2, d3 = st.columns(3)
        d_share = d1.number_input("Hồ sơ: tỷ lệ tối đa (%), trống = không áp dụng", 0.0, 100.0,
                                  None if config.dossier_late_max_share is None else config.dossier_late_max_share * 100,
                                  key="dossier_late_max_share")
        t_share = d2.number_input("Nhiệm vụ: tỷ lệ tối đa (%), trống = không áp dụng", 0.0, 100.0,
                                  None if config.task_late_max_share is None else config.task_late_max_share * 100,
                                  key="task_late_max_share")
        count = d3.number_input("Số lượng tối đa, trống = không áp dụng", 0, None, config.late_max_count,
                                key="late_max_count")
        burden = st.checkbox("Đơn vị không báo cáo lý do trễ hạn: tính mọi hồ sơ, nhiệm vụ trễ hạn là không có lý do",
                             config.unreported_excuse_is_unexcused, key="unreported_excuse")
        st.subheader("Báo cáo đầy đủ (dưới mức này không xếp trên Hoàn thành)")
        e1, e2 = st.columns(2)
        ind_cov = e1.number_input("Tỷ lệ chỉ số phải báo cáo (%)", 0.0, 100.0, config.min_indicator_coverage * 100,
                                  key="min_indicator_coverage")
        month_cov = e2.number_input("Tỷ lệ tháng phải báo cáo (%)", 0.0, 100.0, config.min_month_coverage * 100,
                                    key="min_month_coverage")
        applies_from = st.date_input("Áp dụng từ tháng", date.today().replace(day=1), key="scheme_from",
                                     format="DD/MM/YYYY")
        if st.form_submit_button("Lưu phương án chấm điểm (phiên bản mới)"):
            edited = replace(config, weights={i: w for i, w in weights.items() if w > 0},
                             improvement_weight=improvement, improvement_full_at=improvement_full / 100,
                             tolerance=None if tolerance is None else tolerance / 100,
                             excellent_above=excellent, good_above=good, completed_from=completed,
                             dossier_late_max_share=None if d_share is None else d_share / 100,
                             task_late_max_share=None if t_share is None else t_share / 100,
                             late_max_count=None if count is None else int(count),
                             unreported_excuse_is_unexcused=burden,
                             min_indicator_coverage=ind_cov / 100, min_month_coverage=month_cov / 100)
            apply(admin.save_evaluation, store, me.username, edited, applies_from,
                  done="Đã lưu phương án chấm điểm mới; các kỳ từ tháng đã chọn được chấm theo phương án này.")
    schemes = list_schemes(store.cursor())
    if len(schemes):
        st.subheader("Các phiên bản phương án chấm điểm")
        st.dataframe(schemes.rename(columns={"id": "Phiên bản", "applies_from": "Áp dụng từ", "status": "Trạng thái",
                                             "decision": "Văn bản ban hành", "created_by": "Người lưu",
                                             "created_at": "Lúc lưu"}),
                     hide_index=True, key="schemes_table",
                     column_config={"Văn bản ban hành": st.column_config.TextColumn()})
        with st.form("scheme_adopt"):
            pick = st.selectbox("Phiên bản", list(schemes["id"]), key="scheme_pick")
            decision = st.text_input("Số, ngày văn bản ban hành (ví dụ: Quyết định số 123/QĐ-UBND ngày 01/12/2026)",
                                     key="scheme_decision")
            if st.form_submit_button("Ghi nhận đã ban hành"):
                apply(admin.adopt_evaluation_scheme, store, me.username, int(pick), decision,
                      done="Đã ghi nhận văn bản ban hành phương án chấm điểm.")

with tab_units:
    units = admin.units_table(store.cursor())
    st.dataframe(units.rename(columns={"code": "Mã", "name": "Tên", "unit_type": "Loại", "valid_from": "Từ ngày",
                                       "valid_to": "Đến ngày"}), hide_index=True, key="units_table")
    with st.form("unit_add", clear_on_submit=True):
        st.subheader("Thêm đơn vị")
        code = st.text_input("Mã", key="unit_code")
        name = st.text_input("Tên", key="unit_name")
        kind = st.selectbox("Loại", [t.value for t in UnitType], format_func=UNIT_TYPE_VI.get, key="unit_type")
        since = st.date_input("Hoạt động từ", date(2025, 7, 1), key="unit_from", format="DD/MM/YYYY")
        if st.form_submit_button("Thêm đơn vị"):
            apply(admin.add_unit, store, me.username, code, name, kind, since, done=f"Đã thêm đơn vị {code}.")
    open_units = units[units["valid_to"].isna()]
    if len(open_units):
        label = dict(zip(open_units["code"], open_units["name"], strict=True))
        unit = st.selectbox("Đơn vị", list(label), format_func=lambda c: f"{label[c]} ({c})", key="unit_pick")
        with st.form("unit_rename"):
            new_name = st.text_input("Tên mới", key="unit_new_name")
            if st.form_submit_button("Đổi tên"):
                apply(admin.rename_unit, store, me.username, unit, new_name, done="Đã đổi tên đơn vị.")
        with st.form("unit_close"):
            until = st.date_input("Ngày kết thúc hoạt động", key="unit_until", format="DD/MM/YYYY")
            if st.form_submit_button("Kết thúc hoạt động"):
                apply(admin.close_unit, store, me.username, unit, until, done="Đã kết thúc hoạt động của đơn vị.")

with tab_fields:
    fields = admin.fields_table(store.cursor())
    st.dataframe(fields.rename(columns={"code": "Mã", "name": "Tên", "active": "Đang dùng"}),
                 hide_index=True, key="fields_table")
    with st.form("field_add", clear_on_submit=True):
        st.subheader("Thêm lĩnh vực")
        fcode = st.text_input("Mã", key="field_code")
        fname = st.text_input("Tên", key="field_name")
        if st.form_submit_button("Thêm lĩnh vực"):
            apply(admin.add_field, store, me.username, fcode, fname, done=f"Đã thêm lĩnh vực {fcode}.")
    if len(fields):
        flabel = dict(zip(fields["code"], fields["name"], strict=True))
        fpick = st.selectbox("Lĩnh vực", list(flabel), format_func=lambda c: f"{flabel[c]} ({c})", key="field_pick")
        with st.form("field_rename"):
            fnew = st.text_input("Tên mới", key="field_new_name")
            if st.form_submit_button("Đổi tên lĩnh vực"):
                apply(admin.rename_field, store, me.username, fpick, fnew, done="Đã đổi tên lĩnh vực.")
        active = bool(fields.loc[fields["code"] == fpick, "active"].iloc[0])
        if st.button("Ngừng dùng" if active else "Dùng lại", key="field_toggle"):
            apply(admin.set_field_active, store, me.username, fpick, not active, done="Đã cập nhật lĩnh vực.")


# --- names and lineage (issue 10): other names of fields, and where merged units went ---------------

def field_aliases_section() -> None:
    st.subheader("Tên khác của lĩnh vực")
    st.caption("Tên lĩnh vực như các hệ thống ghi (danh mục TTHC, tên sở cũ). Nhiều dòng của cùng một "
               "lĩnh vực trong một tệp được cộng lại khi tải lên.")
    aliases = admin.field_aliases_table(store.cursor())
    st.dataframe(aliases.rename(columns={"alias": "Tên khác", "field_code": "Mã lĩnh vực", "field_name": "Lĩnh vực",
                                         "note": "Ghi chú"}), hide_index=True, key="aliases_table")
    fields_now = admin.fields_table(store.cursor())
    names = dict(zip(fields_now["code"], fields_now["name"], strict=True))
    with st.form("alias_add", clear_on_submit=True):
        alias = st.text_input("Tên khác", key="alias_name")
        target = st.selectbox("Lĩnh vực", list(names), format_func=lambda c: f"{names[c]} ({c})", key="alias_field")
        note = st.text_input("Ghi chú (nguồn, mức chắc chắn)", key="alias_note")
        if st.form_submit_button("Thêm tên khác"):
            apply(admin.add_field_alias, store, me.username, alias, target, note, done=f"Đã thêm tên khác '{alias}'.")
    if len(aliases):
        gone = st.selectbox("Xóa tên khác", list(aliases["alias"]), key="alias_delete")
        if st.button("Xóa tên khác", key="alias_delete_button"):
            apply(admin.delete_field_alias, store, me.username, gone, done=f"Đã xóa tên khác '{gone}'.")


def unit_lineage_section() -> None:
    st.subheader("Sáp nhập, kế thừa đơn vị")
    st.caption("Số liệu gửi theo tên đơn vị cũ cho tháng từ ngày hiệu lực được ghi cho đơn vị kế thừa "
               "nếu chỉ có một đơn vị kế thừa.")
    links = admin.unit_lineage_table(store.cursor())
    st.dataframe(links.rename(columns={
        "predecessor_code": "Mã đơn vị trước", "predecessor_name": "Đơn vị trước", "successor_code": "Mã kế thừa",
        "successor_name": "Đơn vị kế thừa", "effective_date": "Từ ngày", "note": "Ghi chú"}),
        hide_index=True, key="lineage_table")
    every = admin.units_table(store.cursor())
    label = dict(zip(every["code"], every["name"], strict=True))
    with st.form("lineage_add", clear_on_submit=True):
        before = st.selectbox("Đơn vị trước", list(label), format_func=lambda c: f"{label[c]} ({c})",
                              key="lineage_predecessor")
        after = st.selectbox("Đơn vị kế thừa", list(label), format_func=lambda c: f"{label[c]} ({c})",
                             key="lineage_successor")
        since = st.date_input("Từ ngày", date(2025, 7, 1), key="lineage_from", format="DD/MM/YYYY")
        note = st.text_input("Ghi chú (văn bản, mức chắc chắn)", key="lineage_note")
        if st.form_submit_button("Thêm quan hệ kế thừa"):
            apply(admin.add_unit_lineage, store, me.username, before, after, since, note,
                  done="Đã thêm quan hệ kế thừa.")
    if len(links):
        pairs = list(zip(links["predecessor_code"], links["successor_code"], strict=True))
        pair = st.selectbox("Xóa quan hệ", pairs, key="lineage_delete",
                            format_func=lambda p: f"{label.get(p[0], p[0])} → {label.get(p[1], p[1])}")
        if st.button("Xóa quan hệ", key="lineage_delete_button"):
            apply(admin.delete_unit_lineage, store, me.username, pair[0], pair[1], done="Đã xóa quan hệ kế thừa.")


with tab_units:
    unit_lineage_section()
with tab_fields:
    field_aliases_section()
