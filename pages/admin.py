"""Quản trị: người dùng và vai trò, chỉ tiêu, đánh giá, đơn vị, lĩnh vực (administrators only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from auth import admin, oidc, users
from auth.oidc import MappingKind
from auth.roles import Role
from auth.sessions import live_count as live_sessions
from auth.settings import ENV_VARS, AuthSettings, UnknownSsoUsers, auth_setting_sources
from i18n import labels
from i18n.catalogue import error_text
from metrics.indicators import INDICATOR_IDS, get_indicator
from metrics.schemes import latest_scheme, list_schemes
from texts.commentary import scheme_status
from ui.access import auth_settings, require_role
from ui.choices import holds_code
from ui.state import get_store, lang
from ui.strings import has, t
from ui.text import plain
from vocab.errors import UserFacingError
from vocab.units import UnitType

me = require_role(Role.ADMIN)
store = get_store()
FLASH = "admin_flash"
ERRORS = (UserFacingError,)  # admin, user, mapping and scheme refusals; anything else is a bug
UNIT_TYPES = list(labels.UNIT_TYPE_LABELS)  # "*" (every type) first, then each unit type
ROLES = list(Role)


def role_label(role: Role) -> str:
    return role.label(lang())


def indicator_label(indicator: str) -> str:
    return get_indicator(indicator).label(lang()) if indicator in INDICATOR_IDS else indicator


def unit_type_label(code: str) -> str:
    return labels.unit_type_label(code, lang())


def scheme_status_label(status: str) -> str:
    return t(f"admin_scheme_status_{status}") if has(f"admin_scheme_status_{status}") else status


def headers(*pairs: tuple[str, str]) -> dict[str, str]:
    """Column renames for a shown table: frame column → catalogue key → words in the session's language."""
    return {column: t(key) for column, key in pairs}


def apply(change, *args, done: str) -> None:
    """Run one validated, audited change; then refresh every cached figure."""
    try:
        change(*args)
    except ERRORS as exc:
        st.error(plain(error_text(exc, lang())))
        return
    st.session_state[FLASH] = done
    st.rerun()


st.title(t("admin_title"))
if flash := st.session_state.pop(FLASH, None):
    st.success(plain(flash))  # the flash quotes the names just saved

tab_users, tab_targets, tab_eval, tab_units, tab_fields = st.tabs(
    [t("admin_tab_users"), t("admin_tab_targets"), t("admin_tab_evaluation"), t("admin_tab_units"),
     t("admin_tab_fields")]
)

def pick_and_rename(kind: str, rows, label_key: str, button_key: str, rename, done_key: str) -> str:
    """A select of `rows` (code, name) shown as "name (code)" and a form renaming the chosen one; returns its code."""
    label = dict(zip(rows["code"], rows["name"], strict=True))
    code = st.selectbox(t(label_key), list(label), key=holds_code(f"{kind}_pick"),
                        format_func=lambda c: t("work_named_code", name=label[c], code=c))
    with st.form(f"{kind}_rename"):
        new_name = st.text_input(t("work_new_name"), key=f"{kind}_new_name")
        if st.form_submit_button(t(button_key)):
            apply(rename, store, me.username, code, new_name, done=t(done_key))
    return code


with tab_users:
    accounts = users.list_users(store.cursor())
    st.dataframe(pd.DataFrame([{
        t("admin_username"): u.username, t("admin_display_name"): u.display_name, t("work_role"): role_label(u.role),
        t("admin_active"): u.active, t("admin_locked_until"): u.locked_until,
        t("admin_last_sign_in"): u.last_sign_in, t("sessions_admin_live"): live_sessions(store.cursor(), u.username),
    } for u in accounts]), hide_index=True, key="users_table")

    with st.form("user_create", clear_on_submit=True):
        st.subheader(t("admin_create_heading"))
        new_name = st.text_input(t("admin_username"), key="new_username")
        new_display = st.text_input(t("admin_display_name"), key="new_display_name")
        new_role = st.selectbox(t("work_role"), ROLES, format_func=role_label, key=holds_code("new_role"))
        new_password = st.text_input(t("admin_password_new_account"), type="password", key="new_password")
        if st.form_submit_button(t("admin_create")):
            apply(users.create_user, store, new_name, new_role, new_password, new_display, me.username,
                  done=t("admin_created", name=new_name))

    if accounts:
        st.subheader(t("admin_edit_heading"))
        chosen = st.selectbox(t("admin_account"), [u.username for u in accounts], key="edit_username")
        account = next(u for u in accounts if u.username == chosen)
        col_role, col_state = st.columns(2)
        with col_role:
            role = st.selectbox(t("admin_new_role"), ROLES, index=ROLES.index(account.role),
                                format_func=role_label, key=holds_code("edit_role"))
            if st.button(t("admin_save_role"), key="save_role"):
                apply(users.set_role, store, chosen, role, me.username, done=t("admin_role_saved", name=chosen))
        with col_state:
            if account.active and st.button(t("admin_deactivate"), key="deactivate"):
                apply(users.set_active, store, chosen, False, me.username, done=t("admin_deactivated", name=chosen))
            if not account.active and st.button(t("admin_activate"), key="activate"):
                apply(users.set_active, store, chosen, True, me.username, done=t("admin_activated", name=chosen))
            if account.is_locked() and st.button(t("admin_unlock"), key="unlock"):
                apply(users.unlock, store, chosen, me.username, done=t("admin_unlocked", name=chosen))
            if st.button(t("sessions_admin_end"), key="end_sessions", help=t("sessions_admin_end_help")):
                apply(users.end_sessions, store, chosen, me.username, done=t("sessions_admin_ended", name=chosen))
        with st.form("reset_password", clear_on_submit=True):
            pw = st.text_input(t("admin_new_password"), type="password", key="reset_password_value")
            if st.form_submit_button(t("admin_reset_password")):
                apply(users.reset_password, store, chosen, pw, me.username,
                      done=t("admin_password_reset", name=chosen))

    st.subheader(t("admin_sso_heading"))
    mappings = oidc.list_mappings(store.cursor())

    def kind_label(kind: MappingKind) -> str:
        return t(f"admin_mapping_kind_{MappingKind(kind).value}")

    st.dataframe(pd.DataFrame([{t("admin_mapping_kind"): kind_label(m.kind), t("admin_mapping_pattern"): m.pattern,
                                t("work_role"): role_label(m.role)} for m in mappings]),
                 hide_index=True, key="mappings_table")
    with st.form("mapping_set", clear_on_submit=True):
        kind = st.selectbox(t("admin_mapping_kind"), list(MappingKind), key=holds_code("mapping_kind"), format_func=kind_label)
        pattern = st.text_input(t("admin_mapping_pattern_input"), key="mapping_pattern")
        mapped_role = st.selectbox(t("work_role"), ROLES, format_func=role_label, key=holds_code("mapping_role"))
        if st.form_submit_button(t("admin_mapping_save")):
            apply(oidc.set_mapping, store, kind, pattern, mapped_role, me.username, done=t("admin_mapping_saved"))
    if mappings:
        gone = st.selectbox(t("admin_mapping_delete"), mappings, key=holds_code("mapping_delete"),
                            format_func=lambda m: t("admin_mapping_option", kind=kind_label(m.kind),
                                                    pattern=m.pattern))
        if st.button(t("work_delete"), key="mapping_delete_button"):
            apply(oidc.delete_mapping, store, gone.kind, gone.pattern, me.username, done=t("admin_mapping_deleted"))

    st.subheader(t("admin_auth_heading"))
    current = auth_settings()
    # A setting whose environment variable is set is fixed by it (config's rule): shown, not editable.
    fixed = {name: source == "env" for name, source in auth_setting_sources(store.cursor()).items()}

    def fixed_note(name: str) -> None:
        if fixed[name]:
            st.caption(t("admin_fixed_by_env", name=ENV_VARS[name]))

    with st.form("auth_settings"):
        open_viewing = st.checkbox(t("admin_open_viewing"), current.open_viewing, key="open_viewing",
                                   disabled=fixed["open_viewing"])
        fixed_note("open_viewing")
        idle = st.number_input(t("admin_idle_minutes"), 5, 7 * 24 * 60, current.session_idle_minutes,
                               key="idle_minutes", disabled=fixed["session_idle_minutes"])
        fixed_note("session_idle_minutes")
        unknown = st.radio(t("admin_unknown_sso"), list(UnknownSsoUsers), key=holds_code("unknown_sso"),
                           index=list(UnknownSsoUsers).index(current.unknown_sso_users),
                           format_func=lambda u: t(f"admin_unknown_sso_{UnknownSsoUsers(u).value}"),
                           disabled=fixed["unknown_sso_users"])
        fixed_note("unknown_sso_users")
        if st.form_submit_button(t("admin_auth_save")):
            apply(admin.save_auth_settings, store, me.username,
                  AuthSettings(open_viewing, int(idle), unknown), done=t("admin_auth_saved"))

with tab_targets:
    targets = admin.targets_table(store.cursor())
    targets["indicator"] = targets["indicator"].map(indicator_label)
    targets["unit_type"] = targets["unit_type"].map(unit_type_label)
    st.dataframe(targets.rename(columns=headers(("indicator", "admin_indicator"), ("year", "admin_year"),
                                                ("unit_type", "admin_unit_type"), ("value", "admin_target"))),
                 hide_index=True, key="targets_table")
    with st.form("target_set"):
        ind = st.selectbox(t("admin_indicator"), INDICATOR_IDS, format_func=indicator_label, key=holds_code("target_indicator"))
        year = st.number_input(t("admin_year"), admin.MIN_YEAR, admin.MAX_YEAR, date.today().year, key="target_year")
        unit_type = st.selectbox(t("admin_unit_type"), UNIT_TYPES, format_func=unit_type_label,
                                 key=holds_code("target_unit_type"))
        value = st.number_input(t("admin_target_value"), 0.0, None, 90.0, key="target_value")
        if st.form_submit_button(t("admin_target_save")):
            stored = value / 100 if get_indicator(ind).is_rate else value
            apply(admin.set_target, store, me.username, ind, int(year), stored, unit_type,
                  done=t("admin_target_saved"))

with tab_eval:
    scheme = latest_scheme(store.cursor())
    config = scheme.config
    version = (t("admin_scheme_version", n=scheme.id, since=f"{scheme.applies_from:%m/%Y}") if scheme.id
               else t("admin_scheme_default"))
    st.info(plain(t("admin_scheme_latest", version=version, status=scheme_status(scheme, lang()))))
    with st.form("evaluation"):
        st.subheader(t("admin_weights"))
        rates = [i for i in INDICATOR_IDS if get_indicator(i).is_rate]
        weights = {i: st.number_input(indicator_label(i), 0.0, 100.0, float(config.weights.get(i, 0.0)),
                                      key=f"weight_{i}") for i in rates}
        improvement = st.number_input(t("admin_improvement_weight"), 0.0, 100.0,
                                      float(config.improvement_weight), key="improvement_weight")
        improvement_full = st.number_input(t("admin_improvement_full_at"), 0.1, 100.0,
                                           float(config.improvement_full_at * 100), key="improvement_full_at")
        tolerance = st.number_input(t("admin_tolerance"), 0.1, 100.0,
                                    None if config.tolerance is None else config.tolerance * 100, key="tolerance")
        st.subheader(t("admin_thresholds"))
        c1, c2, c3 = st.columns(3)
        excellent = c1.number_input(t("admin_excellent_above"), 0.0, 100.0, float(config.excellent_above),
                                    key="excellent_above")
        good = c2.number_input(t("admin_good_above"), 0.0, 100.0, float(config.good_above), key="good_above")
        completed = c3.number_input(t("admin_completed_from"), 0.0, 100.0, float(config.completed_from),
                                    key="completed_from")
        st.subheader(t("admin_late_heading"))
        d1, d2, d3 = st.columns(3)
        d_share = d1.number_input(t("admin_dossier_late_max_share"), 0.0, 100.0,
                                  None if config.dossier_late_max_share is None else config.dossier_late_max_share * 100,
                                  key="dossier_late_max_share")
        t_share = d2.number_input(t("admin_task_late_max_share"), 0.0, 100.0,
                                  None if config.task_late_max_share is None else config.task_late_max_share * 100,
                                  key="task_late_max_share")
        count = d3.number_input(t("admin_late_max_count"), 0, None, config.late_max_count, key="late_max_count")
        burden = st.checkbox(t("admin_unreported_excuse"), config.unreported_excuse_is_unexcused,
                             key="unreported_excuse")
        st.subheader(t("admin_coverage_heading"))
        e1, e2 = st.columns(2)
        ind_cov = e1.number_input(t("admin_min_indicator_coverage"), 0.0, 100.0, config.min_indicator_coverage * 100,
                                  key="min_indicator_coverage")
        month_cov = e2.number_input(t("admin_min_month_coverage"), 0.0, 100.0, config.min_month_coverage * 100,
                                    key="min_month_coverage")
        applies_from = st.date_input(t("admin_scheme_from"), date.today().replace(day=1), key="scheme_from",
                                     format="DD/MM/YYYY")
        if st.form_submit_button(t("admin_scheme_save")):
            edited = replace(config, weights={i: w for i, w in weights.items() if w > 0},
                             improvement_weight=improvement, improvement_full_at=improvement_full / 100,
                             tolerance=None if tolerance is None else tolerance / 100,
                             excellent_above=excellent, good_above=good, completed_from=completed,
                             dossier_late_max_share=None if d_share is None else d_share / 100,
                             task_late_max_share=None if t_share is None else t_share / 100,
                             late_max_count=None if count is None else int(count),
                             unreported_excuse_is_unexcused=burden,
                             min_indicator_coverage=ind_cov / 100, min_month_coverage=month_cov / 100)
            apply(admin.save_evaluation, store, me.username, edited, applies_from, done=t("admin_scheme_saved"))
    schemes = list_schemes(store.cursor())
    if len(schemes):
        st.subheader(t("admin_schemes_heading"))
        decision_header = t("admin_scheme_col_decision")
        shown = schemes.assign(status=schemes["status"].map(scheme_status_label))
        st.dataframe(shown.rename(columns=headers(
            ("id", "admin_scheme_col_id"), ("applies_from", "admin_scheme_col_applies_from"),
            ("status", "work_status"), ("decision", "admin_scheme_col_decision"),
            ("created_by", "admin_scheme_col_created_by"), ("created_at", "admin_scheme_col_created_at"))),
                     hide_index=True, key="schemes_table",
                     column_config={decision_header: st.column_config.TextColumn()})
        with st.form("scheme_adopt"):
            pick = st.selectbox(t("admin_scheme_col_id"), list(schemes["id"]), key="scheme_pick")
            decision = st.text_input(t("admin_scheme_decision"), key="scheme_decision")
            if st.form_submit_button(t("admin_scheme_adopt")):
                apply(admin.adopt_evaluation_scheme, store, me.username, int(pick), decision,
                      done=t("admin_scheme_adopted"))

with tab_units:
    units = admin.units_table(store.cursor())
    st.dataframe(units.assign(unit_type=units["unit_type"].map(unit_type_label)).rename(columns=headers(
        ("code", "work_code"), ("name", "work_name"), ("unit_type", "admin_unit_kind"),
        ("valid_from", "work_from_date"), ("valid_to", "work_to_date"))), hide_index=True, key="units_table")
    with st.form("unit_add", clear_on_submit=True):
        st.subheader(t("admin_unit_add_heading"))
        code = st.text_input(t("work_code"), key="unit_code")
        name = st.text_input(t("work_name"), key="unit_name")
        kind = st.selectbox(t("admin_unit_kind"), [u.value for u in UnitType], format_func=unit_type_label,
                            key=holds_code("unit_type"))
        since = st.date_input(t("admin_unit_since"), date(2025, 7, 1), key="unit_from", format="DD/MM/YYYY")
        if st.form_submit_button(t("admin_unit_add")):
            apply(admin.add_unit, store, me.username, code, name, kind, since, done=t("admin_unit_added", code=code))
    open_units = units[units["valid_to"].isna()]
    if len(open_units):
        unit = pick_and_rename("unit", open_units, "work_unit", "admin_rename", admin.rename_unit,
                               "admin_unit_renamed")
        with st.form("unit_close"):
            until = st.date_input(t("admin_unit_until"), key="unit_until", format="DD/MM/YYYY")
            if st.form_submit_button(t("admin_unit_close")):
                apply(admin.close_unit, store, me.username, unit, until, done=t("admin_unit_closed"))

with tab_fields:
    fields = admin.fields_table(store.cursor())
    st.dataframe(fields.rename(columns=headers(("code", "work_code"), ("name", "work_name"),
                                               ("active", "admin_field_active"))),
                 hide_index=True, key="fields_table")
    with st.form("field_add", clear_on_submit=True):
        st.subheader(t("admin_field_add_heading"))
        fcode = st.text_input(t("work_code"), key="field_code")
        fname = st.text_input(t("work_name"), key="field_name")
        if st.form_submit_button(t("admin_field_add")):
            apply(admin.add_field, store, me.username, fcode, fname, done=t("admin_field_added", code=fcode))
    if len(fields):
        fpick = pick_and_rename("field", fields, "work_field", "admin_field_rename", admin.rename_field,
                                "admin_field_renamed")
        active = bool(fields.loc[fields["code"] == fpick, "active"].iloc[0])
        if st.button(t("admin_field_deactivate") if active else t("admin_field_activate"), key="field_toggle"):
            apply(admin.set_field_active, store, me.username, fpick, not active, done=t("admin_field_updated"))


# --- names and lineage (issue 10): other names of fields, and where merged units went ---------------

def field_aliases_section() -> None:
    st.subheader(t("admin_aliases_heading"))
    st.caption(t("admin_aliases_caption"))
    aliases = admin.field_aliases_table(store.cursor())
    st.dataframe(aliases.rename(columns=headers(("alias", "admin_alias"), ("field_code", "admin_alias_field_code"),
                                                ("field_name", "work_field"), ("note", "work_note"))),
                 hide_index=True, key="aliases_table")
    fields_now = admin.fields_table(store.cursor())
    names = dict(zip(fields_now["code"], fields_now["name"], strict=True))
    with st.form("alias_add", clear_on_submit=True):
        alias = st.text_input(t("admin_alias"), key="alias_name")
        target = st.selectbox(t("work_field"), list(names), key=holds_code("alias_field"),
                              format_func=lambda c: t("work_named_code", name=names[c], code=c))
        note = st.text_input(t("admin_alias_note"), key="alias_note")
        if st.form_submit_button(t("admin_alias_add")):
            apply(admin.add_field_alias, store, me.username, alias, target, note,
                  done=t("admin_alias_added", alias=alias))
    if len(aliases):
        gone = st.selectbox(t("admin_alias_delete"), list(aliases["alias"]), key="alias_delete")
        if st.button(t("admin_alias_delete"), key="alias_delete_button"):
            apply(admin.delete_field_alias, store, me.username, gone, done=t("admin_alias_deleted", alias=gone))


def unit_lineage_section() -> None:
    st.subheader(t("admin_lineage_heading"))
    st.caption(t("admin_lineage_caption"))
    links = admin.unit_lineage_table(store.cursor())
    st.dataframe(links.rename(columns=headers(
        ("predecessor_code", "admin_lineage_predecessor_code"), ("predecessor_name", "admin_lineage_predecessor"),
        ("successor_code", "admin_lineage_successor_code"), ("successor_name", "admin_lineage_successor"),
        ("effective_date", "work_from_date"), ("note", "work_note"))), hide_index=True, key="lineage_table")
    every = admin.units_table(store.cursor())
    label = dict(zip(every["code"], every["name"], strict=True))

    def named(code: str) -> str:
        return t("work_named_code", name=label[code], code=code)

    with st.form("lineage_add", clear_on_submit=True):
        before = st.selectbox(t("admin_lineage_predecessor"), list(label), format_func=named,
                              key=holds_code("lineage_predecessor"))
        after = st.selectbox(t("admin_lineage_successor"), list(label), format_func=named, key=holds_code("lineage_successor"))
        since = st.date_input(t("work_from_date"), date(2025, 7, 1), key="lineage_from", format="DD/MM/YYYY")
        note = st.text_input(t("admin_lineage_note"), key="lineage_note")
        if st.form_submit_button(t("admin_lineage_add")):
            apply(admin.add_unit_lineage, store, me.username, before, after, since, note,
                  done=t("admin_lineage_added"))
    if len(links):
        pairs = list(zip(links["predecessor_code"], links["successor_code"], strict=True))
        pair = st.selectbox(t("admin_lineage_delete"), pairs, key=holds_code("lineage_delete"),
                            format_func=lambda p: t("admin_lineage_option", before=label.get(p[0], p[0]),
                                                    after=label.get(p[1], p[1])))
        if st.button(t("admin_lineage_delete"), key="lineage_delete_button"):
            apply(admin.delete_unit_lineage, store, me.username, pair[0], pair[1], done=t("admin_lineage_deleted"))


with tab_units:
    unit_lineage_section()
with tab_fields:
    field_aliases_section()
