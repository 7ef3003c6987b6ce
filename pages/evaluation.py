"""Đánh giá: every unit's score and level for the period, why some were capped, and their improvement."""

from functools import partial

import streamlit as st

from auth.admin import finalise_evaluation
from auth.roles import Role
from i18n.catalogue import error_text
from i18n.numbers import fmt_timestamp
from texts.commentary import scheme_note
from ui import cached, figures
from ui.access import current_user
from ui.downloads import xlsx_bytes
from ui.errors import section
from ui.filters import current, share_link
from ui.layout import figure, no_data, page_header, source_line
from ui.state import get_store
from ui.strings import t
from ui.tables import evaluation_export, evaluation_points_table, evaluation_table, show_table
from ui.text import plain
from vocab.errors import UserFacingError

filters = current()
if filters is None:
    st.stop()
# Scores are computed over all of a unit's dossiers: the field filter does not apply here, and the page says so.
page_header("evaluation_title", filters, with_field=False)
lang, period, group = filters.lang, filters.period, filters.group
scheme_status = scheme_note(cached.scheme(period), lang)
st.caption(t("eval_note"))
st.caption(plain(scheme_status))  # quotes the decision as the admin typed it

frame = cached.evaluation_frame(period, group, lang)
if frame.empty or frame["score"].isna().all():
    no_data(filters)
    st.stop()

if frame["final"].any():
    when = frame.loc[frame["final"], "finalised_at"].max()
    st.info(t("final_banner", when=fmt_timestamp(when, lang)), icon="🔒")
    changed = int(frame["changed_since_final"].sum())
    if changed:
        st.warning(t("final_changed_banner", n=changed))

with section("level counts"):
    figure(figures.level_counts_chart(period, group, f"{t('level_counts')} — {filters.describe(with_field=False)}",
                                      source_line(), lang, t("count_axis")), key="ev_levels")

with section("evaluation table"):
    show_table(evaluation_table(frame, lang), key="ev_table")  # numbers underneath: a header click sorts by value
    with st.expander(t("points_title")):
        show_table(evaluation_points_table(frame, lang), key="ev_points")
    export = evaluation_export(frame, lang)
    sheet = t("page_evaluation")
    st.download_button(
        t("download_xlsx"),
        data=partial(xlsx_bytes, {sheet: export.frame}, decimal_columns=export.decimal_columns,
                     title_rows={sheet: [t("evaluation_title"), filters.describe(with_field=False),
                                         scheme_status, source_line()]}),
        file_name=f"danh-gia_{group.value}_{filters.period.slug}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="ev_download", on_click="ignore",
    )

user = current_user()
if user is not None and user.role.at_least(Role.ADMIN) and not frame["final"].all():
    with section("finalise"), st.form("ev_finalise"):
        sure = st.checkbox(t("finalise_confirm"), key="ev_finalise_sure")
        if st.form_submit_button(t("finalise_button"), disabled=False) and sure:
            try:
                n = finalise_evaluation(get_store(), user.username, filters.period, filters.group)
            except UserFacingError as exc:
                st.error(plain(error_text(exc, lang)))
            else:
                st.success(t("finalised_ok", n=n))
                st.rerun()
share_link()
