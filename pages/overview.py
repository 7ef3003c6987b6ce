"""Tổng quan: every indicator for the city, its change, its target, its 24-month trend."""

import streamlit as st

from i18n.numbers import fmt_int
from metrics.indicators import Family, get_indicator
from metrics.targets import Band
from ui import cached, figures
from ui.errors import section
from ui.filters import current, trailing
from ui.layout import figure, indicator_card, no_data, page_header, source_line
from ui.strings import span_label, t

filters = current()
if filters is None:
    st.stop()
page_header("overview_title", filters)
period, group, field, lang = filters.period_text, filters.group.value, filters.field, filters.lang
volumes = cached.volumes(period, group, field)
if volumes is None:
    no_data(filters)
    st.stop()

with section("overview volumes"):
    st.subheader(t("volume_title"))
    cols = st.columns(4)
    for col, key, column in zip(cols, ("received", "resolved", "resolved_late", "pending_overdue"),
                                ("received_total", "resolved_total", "resolved_late", "pending_overdue"),
                                strict=True):
        col.metric(t(key), fmt_int(volumes.get(column), lang))

st.subheader(t("indicators_title"))
cards = cached.cards(period, group, field)
for i, card in enumerate(cards):
    if i % 3 == 0:  # one row at a time, so a phone stacks the cards in reading order
        columns = st.columns(3)
    with columns[i % 3], section(f"card {card.indicator}"):
        indicator_card(get_indicator(card.indicator), card.now, card.previous, card.last_year, card.target,
                       Band(card.band), lang)

st.subheader(t("trends_title"))
window = trailing(filters.period, 24)
subtitle = f"{filters.group_label} · {span_label(window)}<br>{source_line()}"
for i, card in enumerate(cards):
    if i % 2 == 0:
        columns = st.columns(2)
    ind = get_indicator(card.indicator)
    ind_field = field if ind.family is Family.DOSSIERS else None
    with columns[i % 2], section(f"trend {ind.id}"):
        figure(figures.trend(ind.id, str(window), group, ind_field, card.target, ind.label(lang), subtitle, lang),
               key=f"trend_{ind.id}")
