"""Tổng quan: every indicator for the city, its change, its target, its 24-month trend.

The indicator cards come first (on a phone the first screen holds indicators, not volumes).
"""

import streamlit as st

from i18n.numbers import fmt_int
from metrics.indicators import get_indicator
from metrics.overview import indicator_field
from ui import cached, cached_periods, figures
from ui.errors import section
from ui.filters import current, share_link, trailing
from ui.layout import comparison_note, field_notice, figure, indicator_card, no_data, page_header, source_line
from ui.strings import span_label, t

VOLUMES = (("received", "received_total"), ("resolved", "resolved_total"),
           ("resolved_late", "resolved_late"), ("pending_overdue", "pending_overdue"))

filters = current()
if filters is None:
    st.stop()
page_header("overview_title", filters)  # the field applies to the dossier figures; other cards say it does not
period, group, field, lang = filters.period, filters.group, filters.field, filters.lang
volumes = cached.volumes(period, group, field)
if volumes is None:
    no_data(filters)
    st.stop()

st.subheader(t("indicators_title"))
comparison_note(filters)
cards = cached_periods.cards(period, group, field, filters.through)
for i, card in enumerate(cards):
    if i % 3 == 0:  # one row at a time, so a phone stacks the cards in reading order
        columns = st.columns(3)
    ind = get_indicator(card.indicator)
    with columns[i % 3], section(f"card {card.indicator}"):
        indicator_card(ind, card, lang)
        field_notice(filters, applied=indicator_field(ind, field) is not None)

with section("overview volumes"):
    st.subheader(t("volume_title"))
    for col, (key, column) in zip(st.columns(4), VOLUMES, strict=True):
        col.metric(t(key), fmt_int(volumes.get(column), lang))

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
share_link()
