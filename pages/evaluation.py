"""Đánh giá: every unit's score and level for the period, why some were capped, and their improvement."""

from functools import partial

import streamlit as st

from ui import cached, figures
from ui.downloads import xlsx_bytes
from ui.errors import section
from ui.filters import current
from ui.layout import figure, no_data, page_header, source_line
from ui.strings import t
from ui.tables import evaluation_display, evaluation_export

filters = current()
if filters is None:
    st.stop()
page_header("evaluation_title", filters)
lang, period, group = filters.lang, filters.period_text, filters.group.value
st.caption(t("eval_note"))

frame = cached.evaluation_frame(period, group, lang)
if frame.empty or frame["score"].isna().all():
    no_data(filters)
    st.stop()

with section("level counts"):
    figure(figures.level_counts_chart(period, group, f"{t('level_counts')} — {filters.describe()}",
                                      source_line(), lang, t("count_axis")), key="ev_levels")

with section("evaluation table"):
    st.dataframe(evaluation_display(frame, lang), hide_index=True, width="stretch", key="ev_table")
    export = evaluation_export(frame, lang)
    sheet = t("page_evaluation")
    st.download_button(
        t("download_xlsx"),
        data=partial(xlsx_bytes, {sheet: export.frame}, decimal_columns=export.decimal_columns,
                     title_rows={sheet: [t("evaluation_title"), filters.describe(), source_line()]}),
        file_name=f"danh-gia_{group}_{filters.period.slug}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="ev_download", on_click="ignore",
    )
