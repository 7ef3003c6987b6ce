"""Chi tiết đơn vị: one unit against its group and the city, its rank, its late fields, its evaluations."""

import streamlit as st

from metrics.indicators import INDICATOR_IDS, get_indicator
from ui import cached, figures
from ui.choices import holds_code, keep_in_url, url_default
from ui.errors import section
from ui.filters import current, trailing
from ui.layout import figure, page_header, source_line
from ui.strings import span_label, t
from ui.tables import unit_indicators_display
from ui.text import plain
from vocab.periods import Period
from vocab.units import group_of

filters = current()
if filters is None:
    st.stop()
page_header("unit_profile_title", filters)
lang, period = filters.lang, filters.period

units = cached.units(period, filters.group)
if units.empty:
    st.info(t("no_units", period=filters.period_label), icon="📭")
    st.stop()
names = dict(zip(units["unit_code"], units["unit_name"], strict=True))
types = dict(zip(units["unit_code"], units["unit_type"], strict=True))
url_default("up_unit", "unit", list(names), units["unit_code"].iloc[0])
code = st.selectbox(t("choose_unit"), list(names), key=holds_code("up_unit"), format_func=names.get)
keep_in_url("unit", code, "up_unit")
name, unit_type = names[code], types[code]
group = group_of(unit_type)
group_label = t(f"group_{group.value}")
history = trailing(filters.period, 12)
months = tuple(Period.month(m.year, m.month) for m in history.month_list())

with section("unit indicators"):
    st.subheader(t("unit_vs_city", unit=plain(name)))
    table = cached.unit_indicators(code, unit_type, period)
    st.dataframe(unit_indicators_display(table, t("col_group", group=group_label), lang),
                 hide_index=True, width="stretch", key="up_table")
    series = (("unit", name), ("group", t("col_group", group=group_label)), ("city", t("city")))
    figure(figures.comparison(code, unit_type, period, series, t("unit_vs_city", unit=name),
                              f"{filters.period_label} · {source_line()}", lang), key="up_compare")

with section("rank history"):
    st.subheader(t("rank_history"))
    url_default("up_indicator", "ind", INDICATOR_IDS, INDICATOR_IDS[0])
    ind = get_indicator(st.selectbox(t("indicator"), INDICATOR_IDS, key=holds_code("up_indicator"),
                                     format_func=lambda i: get_indicator(i).label(lang)))
    keep_in_url("ind", ind.id, "up_indicator")
    fig = figures.rank_history(ind.id, code, months, group,
                               f"{name}: {t('rank_history').lower()} — {ind.label(lang)}",
                               f"{group_label} · {span_label(history)} · {source_line()}", lang, t("rank_axis"))
    if fig is None:
        st.info(t("no_data_period", period=span_label(history)), icon="📭")
    else:
        figure(fig, key="up_rank_history")

with section("field lateness"):
    st.subheader(t("field_breakdown"))
    series = (("resolved_late", t("late_resolved")), ("pending_overdue", t("late_pending")))
    fig = figures.field_lateness(code, period, series, f"{name}: {t('field_breakdown').lower()}",
                                 f"{filters.period_label} · {source_line()}", lang)
    if fig is None:
        st.success(t("no_late", period=filters.period_label), icon="✅")
    else:
        figure(fig, key="up_fields")

with section("evaluation history"):
    st.subheader(t("eval_history"))
    fig = figures.score_history(code, months, group, f"{name}: {t('eval_history').lower()}",
                                f"{group_label} · {span_label(history)} · {source_line()}", lang)
    if fig is None:
        st.info(t("no_data_period", period=span_label(history)), icon="📭")
    else:
        figure(fig, key="up_eval_history")
