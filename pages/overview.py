"""Tổng quan: every indicator for the city, its change, its target, its 24-month trend."""

import streamlit as st

from i18n.numbers import fmt_int
from metrics.indicators import get_indicator
from metrics.overview import indicator_field
from ui import cached, figures
from ui.errors import section
from ui.filters import current, trailing
from ui.layout import figure, indicator_card, no_data, page_header, source_line
from ui.strings import span_label, t

VOLUMES = (("received", "received_total"), ("resolved", "resolved_total"),
           ("resolved_late", "resolved_late"), ("pending_overdue", "pending_overdue"))

filters = current()
if filters is None:
    st.stop()
page_header("overview_title", filters)
period, group, field, lang = filters.period, filters.group, filters.field, filters.lang
volumes = cached.volumes(period, group, field)
if volumes is None:
    no_data(filters)
    st.stop()

with section("overview volumes"):
    st.subheader(t("volume_title"))
    for col, (key, column) in zip(st.columns(4), VOLUMES, strict=True):
        col.metric(t(key), fmt_int(volumes.get(column), lang))

st.subheader(t("indicators_title"))
cards = cached.cards(period, group, field)
for i, card in enumerate(cards):
    if i % 3 == 0:  # one row at a time, so a phone stacks the cards in reading order
        columns = st.columns(3)
    with columns[i % 3], section(f"card {card.indicator}"):
        indicator_card(get_indicator(card.indicator), card, lang)

st.subheader(t("trends_title"))
window = trailing(period, 24)
subtitle = f"{filters.group_label} · {span_label(window)}<br>{source_line()}"
for i, card in enumerate(cards):
    if i % 2 == 0:
        columns = st.columns(2)
    ind = get_indicator(card.indicator)
    with columns[i % 2], section(f"trend {ind.id}"):
        figure(figures.trend(ind.id, window, group, indicator_field(ind, field), card.target, ind.label(lang),
                             subtitle, lang), key=f"trend_{ind.id}")
