"""So sánh đơn vị: 2–4 units side by side for the chosen period: each indicator's value and rank (within
each unit's own group), and 12-month trends. The field filter does not apply here (said on screen)."""

import streamlit as st

from metrics.compare import MAX_UNITS, MIN_UNITS, parse_units
from metrics.indicators import INDICATOR_IDS, get_indicator
from ui import cached, cached_unit, unit_figures
from ui.choices import holds_code, keep_in_url, url_default
from ui.errors import section
from ui.filters import current, trailing
from ui.layout import figure, page_header, source_line
from ui.strings import span_label, t
from ui.tables import show_table
from ui.text import plain
from ui.unit_choice import keep_units, seed_units, units_chooser
from ui.unit_tables import compare_table
from vocab.units import UnitGroup

filters = current()
if filters is None:
    st.stop()
page_header("page_compare", filters, with_field=False)
lang, period = filters.lang, filters.period

everyone = cached.units(period, UnitGroup.ALL)
all_names = dict(zip(everyone["unit_code"], everyone["unit_name"], strict=True))
unknown = seed_units("cmp_units", "units", list(all_names), parse_units)
if unknown:
    st.warning(plain(t("cmp_unknown", codes=", ".join(unknown))), icon="🔎")
group = cached.units(period, filters.group)
chosen_before = [c for c in st.session_state.get("cmp_units", []) if c in all_names]
names = {**{c: all_names[c] for c in chosen_before}, **dict(zip(group["unit_code"], group["unit_name"], strict=True))}
chosen = units_chooser(names, "cmp_units", "cmp_search", t("cmp_choose"), MAX_UNITS)
keep_units("cmp_units", "units", chosen)
if len(chosen) < MIN_UNITS:
    st.info(t("cmp_need_two"), icon="👆")
    st.stop()

with section("compare table"):
    st.subheader(t("cmp_table_title", period=filters.period_label))
    show_table(compare_table(cached_unit.compare_units(tuple(chosen), period), names, lang), key="cmp_table")
    st.caption(t("cmp_rank_note"))

with section("compare trends"):
    st.subheader(t("cmp_trends"))
    url_default("cmp_indicator", "ind", INDICATOR_IDS, INDICATOR_IDS[0])
    ind = get_indicator(st.selectbox(t("indicator"), INDICATOR_IDS, key=holds_code("cmp_indicator"),
                                     format_func=lambda i: get_indicator(i).label(lang)))
    keep_in_url("ind", ind.id, "cmp_indicator")
    window = trailing(period, 12)
    figure(unit_figures.compare_trends(ind.id, tuple(chosen), window, tuple((c, names[c]) for c in chosen),
                                       t("cmp_trend_title", indicator=ind.label(lang)),
                                       f"{span_label(window)} · {source_line()}", lang), key="cmp_trend")
