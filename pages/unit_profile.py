"""Chi tiết đơn vị: one unit's rank and change per indicator, its trend against target, its overdue dossiers
beside its group's, its indicators beside its group and the city, its late fields and its evaluations.

The field filter does not apply here (the unit's figures are all fields): the header leaves it out and says so.
"""

import streamlit as st

from i18n.numbers import fmt_int, fmt_number
from metrics.indicators import INDICATOR_IDS, get_indicator
from ui import cached, cached_unit, figures, unit_figures
from ui.choices import holds_code, keep_in_url, url_default
from ui.errors import section
from ui.filters import HISTORY_MONTHS, current, history_months, trailing
from ui.layout import figure, page_header, source_line
from ui.strings import months_label, span_label, t
from ui.tables import show_table, unit_indicators_table
from ui.text import plain
from ui.unit_choice import seed_from_url, unit_chooser
from ui.unit_tables import unit_rank_table
from vocab.units import UnitGroup, group_of

filters = current()
if filters is None:
    st.stop()
page_header("unit_profile_title", filters, with_field=False)
lang, period = filters.lang, filters.period

units = cached.units(period, filters.group)
names = dict(zip(units["unit_code"], units["unit_name"], strict=True))
types = dict(zip(units["unit_code"], units["unit_type"], strict=True))
problem = None
url_code = st.query_params.get("unit")
if url_code and url_code not in names:
    everyone = cached.units(period, UnitGroup.ALL)
    other = everyone[everyone["unit_code"] == url_code]
    if not other.empty:  # a link to a unit of another group: open it, ranked within its own group
        names[url_code], types[url_code] = other["unit_name"].iloc[0], other["unit_type"].iloc[0]
    else:
        found = cached_unit.find_unit(url_code)
        problem = (t("unit_unknown_code", code=url_code) if found is None
                   else t("unit_not_active", name=found[0], period=filters.period_label))
if not names:
    st.info(t("no_units", period=filters.period_label), icon="📭")
    st.stop()
seed_from_url("up_unit", "unit", list(names), next(iter(names)), unknown=problem is not None)
notice = st.empty()  # above the chooser, filled once we know whether a unit got chosen
code = unit_chooser(names, "up_unit", "up_search", "unit")
if code is None:
    if problem is not None:
        notice.warning(plain(problem), icon="🔎")
    st.stop()
name, unit_type = names[code], types[code]
group = group_of(unit_type)
group_label = t(f"group_{group.value}")
history = trailing(filters.period, HISTORY_MONTHS)
months = history_months(filters.period)
st.page_link("pages/compare.py", label=t("unit_compare_link"), icon=":material/compare_arrows:",
             query_params={"units": code})

with section("unit indicators"):
    st.subheader(t("unit_vs_city", unit=plain(name)))
    table = cached.unit_indicators(code, unit_type, period)
    show_table(unit_indicators_table(table, t("col_group", group=group_label), lang), key="up_table")

with section("unit ranks"):
    st.subheader(t("unit_ranks_title", group=group_label, period=filters.period_label))
    before = filters.comparison.previous  # a partial period: the same months before
    show_table(unit_rank_table(cached_unit.unit_ranks(code, unit_type, period, before), lang), key="up_ranks")
    st.caption(f"{t('unit_rank_help')}  \n{t('unit_rank_legend', previous=months_label(before))}")

with section("overdue per 100"):
    st.subheader(t("unit_overdue_title"))
    overdue = cached_unit.overdue_per_100(code, unit_type, period)
    mine, theirs = st.columns(2)
    for column, label, rate, count, total in (
            (mine, name, overdue.unit, overdue.unit_overdue, overdue.unit_in_progress),
            (theirs, t("unit_overdue_group", group=group_label), overdue.group, overdue.group_overdue,
             overdue.group_in_progress)):
        with column, st.container(border=True):
            st.metric(plain(label), fmt_number(rate, 1, lang))
            st.caption(t("unit_overdue_detail", overdue=fmt_int(count, lang), total=fmt_int(total, lang))
                       if total else t("unit_overdue_none"))
    st.caption(t("unit_overdue_note", period=filters.period_label))

with section("unit comparison figure"):
    series = (("unit", name), ("group", t("col_group", group=group_label)), ("city", t("city")))
    figure(figures.comparison(code, unit_type, period, series, t("unit_vs_city", unit=name),
                              f"{filters.period_label} · {source_line()}", lang), key="up_compare")

with section("unit trend"):
    st.subheader(t("cmp_trends"))
    url_default("up_indicator", "ind", INDICATOR_IDS, INDICATOR_IDS[0])
    ind = get_indicator(st.selectbox(t("indicator"), INDICATOR_IDS, key=holds_code("up_indicator"),
                                     format_func=lambda i: get_indicator(i).label(lang)))
    keep_in_url("ind", ind.id, "up_indicator")
    figure(unit_figures.unit_trend(ind.id, code, unit_type, history, name, t("col_group", group=group_label),
                                   t("unit_trend_title", unit=name, indicator=ind.label(lang)),
                                   f"{span_label(history)} · {source_line()}", lang), key="up_trend")
    st.caption(t("unit_trend_caption", group=group_label))

with section("rank history"):
    st.subheader(t("rank_history"))
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
    fig = unit_figures.score_history(code, months, group, period, f"{name}: {t('eval_history').lower()}",
                                     f"{group_label} · {span_label(history)} · {source_line()}", lang)
    if fig is None:
        st.info(t("no_data_period", period=span_label(history)), icon="📭")
    else:
        figure(fig, key="up_eval_history")
        st.caption(t("unit_eval_legend"))
