"""Xếp hạng: the units of a group for one indicator, best to worst, then month by month."""

from functools import partial

import streamlit as st

from i18n.labels import month_label, validity_label
from metrics.indicators import INDICATOR_IDS, get_indicator
from metrics.overview import indicator_field
from metrics.ranking import default_min_volume
from ui import cached, figures
from ui.choices import holds_code, keep_in_url, url_default
from ui.downloads import xlsx_bytes
from ui.errors import section
from ui.filters import current, trailing
from ui.layout import figure, no_data, page_header, source_line
from ui.strings import span_label, t
from ui.tables import MAX_BARS, SHOW_ALL, SHOW_BOTTOM, SHOW_TOP, ranking_display, ranking_export
from ui.text import plain

TOP_N = 10

filters = current()
if filters is None:
    st.stop()
page_header("rankings_title", filters)
lang = filters.lang

url_default("rk_indicator", "ind", INDICATOR_IDS, INDICATOR_IDS[0])
url_default("rk_show", "show", [SHOW_ALL, SHOW_TOP, SHOW_BOTTOM], SHOW_ALL)
c1, c2, c3 = st.columns([3, 3, 2])
ind = get_indicator(c1.selectbox(t("indicator"), INDICATOR_IDS, key=holds_code("rk_indicator"),
                                 format_func=lambda i: get_indicator(i).label(lang)))
show = c2.radio(t("show"), [SHOW_ALL, SHOW_TOP, SHOW_BOTTOM], key=holds_code("rk_show"), horizontal=True,
                format_func=lambda s: t(f"show_{s}", lang, n=TOP_N))
min_volume = int(c3.number_input(t(f"min_volume_{ind.family.value}"), min_value=0, max_value=100_000,
                                 value=default_min_volume(ind), step=5,
                                 key=f"rk_min_volume_{ind.family.value}", disabled=not ind.is_rate))
keep_in_url("ind", ind.id, "rk_indicator")
keep_in_url("show", show if show != SHOW_ALL else None, "rk_show")
field = indicator_field(ind, filters.field)
if filters.field and field is None:
    st.caption(t("field_not_applicable"))

frame = cached.ranking_frame(ind.id, filters.period, filters.group, field, min_volume)
ranked = frame[frame["status"] == "ranked"]
if ranked.empty:
    no_data(filters)
    st.stop()

with section("ranking chart"):
    title = f"{ind.label(lang)}<br>{filters.describe()}"  # two lines: fits a phone, reads on a slide
    figure(figures.ranking(ind.id, filters.period, filters.group, field, min_volume, show, TOP_N,
                           title, source_line(), lang), key="rk_bar")

if show == SHOW_ALL and len(ranked) > MAX_BARS:
    st.caption(t("chart_capped", n=len(ranked), k=MAX_BARS // 2, k2=MAX_BARS))

too_few = frame[frame["status"] == "too_few"]
partial_units = frame[frame["status"] == "not_whole_period"]
without = frame[frame["status"] == "no_data"]
if not too_few.empty:
    with st.expander(f"{t(f'too_few_title_{ind.family.value}', n=min_volume)}: {t('units_count', n=len(too_few))}"):
        st.dataframe(ranking_display(too_few, ind, lang), hide_index=True, width="stretch")
if not partial_units.empty:
    st.caption(f"{t('not_whole_period_units')}: " + "; ".join(
        f"{plain(name)} ({validity_label(vf, vt, lang)})"
        for name, vf, vt in partial_units[["unit_name", "valid_from", "valid_to"]].itertuples(index=False)))
if not without.empty:
    st.caption(f"{t('no_data_units')}: {plain(', '.join(without['unit_name']))}")
if ind.has_stock and filters.period.months > 1:
    st.caption(t("stock_note", month=month_label(filters.period.last, lang)))

with section("ranking table"):
    st.subheader(t("ranking_table"))
    st.dataframe(ranking_display(frame, ind, lang), hide_index=True, width="stretch", key="rk_table")
    export = ranking_export(frame, ind, lang)
    st.download_button(
        t("download_xlsx"),
        data=partial(xlsx_bytes, {ind.short(lang): export.frame}, export.percent_columns, export.int_columns,
                     title_rows={ind.short(lang): [ind.label(lang), filters.describe(), source_line()]}),
        file_name=f"xep-hang_{ind.id}_{filters.group.value}_{filters.period.slug}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="rk_download", on_click="ignore",
    )

with section("ranking heatmap"):
    window = trailing(filters.period, 12)
    title = f"{ind.label(lang)} — {filters.group_label}: {t('heatmap_title')}"
    fig = figures.heatmap(ind.id, window, filters.period, filters.group, field, min_volume,
                          title, f"{span_label(window)} · {source_line()}", lang)
    if fig is not None:
        figure(fig, key="rk_heatmap")
