"""Xếp hạng: the units of a group for one indicator, best (or worst) first, then month by month."""

from functools import partial

import streamlit as st

from charts.figures import heatmap_title
from i18n.labels import month_label, validity_label
from i18n.numbers import fmt_int
from metrics.indicators import INDICATOR_IDS, get_indicator
from metrics.overview import indicator_field
from metrics.ranking import N_CHOICES, SHOW_BOTTOM, SHOW_TOP, default_min_volume, in_view_order, ranking_view
from ui import cached, figures
from ui.choices import holds_code, keep_in_url, lazy_tabs, url_default
from ui.client import is_phone
from ui.downloads import xlsx_bytes
from ui.drill import clickable_chart, open_unit, unit_from_points, unit_from_rows, unit_url
from ui.errors import section
from ui.filters import current, trailing
from ui.layout import comparison_note, no_data, page_header, source_line
from ui.strings import span_label, t
from ui.tables import (
    LIST_CSS,
    MAX_BARS,
    SWAP_CSS,
    ranking_export,
    ranking_rows_html,
    ranking_table,
    show_table,
)
from ui.text import plain

filters = current()
if filters is None:
    st.stop()
page_header("rankings_title", filters)
comparison_note(filters)  # what ▲/▼ compare with, for this kind of period
lang = filters.lang

url_default("rk_indicator", "ind", INDICATOR_IDS, INDICATOR_IDS[0])
url_default("rk_show", "show", [SHOW_TOP, SHOW_BOTTOM], SHOW_TOP)
url_default("rk_n", "n", list(N_CHOICES), "all")
c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
ind = get_indicator(c1.selectbox(t("indicator"), INDICATOR_IDS, key=holds_code("rk_indicator"),
                                 format_func=lambda i: get_indicator(i).label(lang)))
show = c2.radio(t("rankings_order"), [SHOW_TOP, SHOW_BOTTOM], key=holds_code("rk_show"), horizontal=True,
                format_func=lambda s: t(f"rankings_show_{s}", lang))
n = c3.selectbox(t("rankings_n"), list(N_CHOICES), key=holds_code("rk_n"),
                 format_func=lambda c: t("rankings_n_all", lang) if c == "all" else c)
min_volume = int(c4.number_input(t(f"min_volume_{ind.family.value}"), min_value=0, max_value=100_000,
                                 value=default_min_volume(ind), step=5,
                                 key=f"rk_min_volume_{ind.family.value}", disabled=not ind.is_rate))
keep_in_url("ind", ind.id, "rk_indicator")
keep_in_url("show", show if show != SHOW_TOP else None, "rk_show")
keep_in_url("n", n if n != "all" else None, "rk_n")
field = indicator_field(ind, filters.field)
if filters.field and field is None:
    st.caption(t("field_not_applicable"))

before = filters.comparison.previous  # ▲/▼ against the same months before when the period is partial
frame = cached.ranking_frame(ind.id, filters.period, filters.group, field, min_volume, before)
ranked = frame[frame["status"] == "ranked"]
if ranked.empty:
    no_data(filters)
    st.stop()
view = ranking_view(ranked, show, n, MAX_BARS)
links = [unit_url(code, st.query_params.to_dict()) for code in view.frame["unit_code"]]
phone = is_phone()  # a phone gets only the phone forms; a desktop the wide ones (and the list, for a narrow window)
st.html(LIST_CSS if phone else LIST_CSS + SWAP_CSS)  # constant CSS: the list's style (and the swap at 640 px)



def _chart() -> None:
    with section("ranking chart"):
        notes = []
        if view.ties:
            ties = "; ".join(t("rankings_tie", lang, n=fmt_int(c, lang), rank=fmt_int(r, lang)) for r, c in view.ties)
            notes.append(t("rankings_ties_note", lang, ties=ties))
        title = f"{ind.label(lang)}<br>{filters.describe()}"  # two lines: fits a phone, reads on a slide
        subtitle = " · ".join([source_line(), *notes])
        if not phone:
            with st.container(key="rk_wide"):
                event = clickable_chart(figures.ranking(ind.id, filters.period, filters.group, field, min_volume, show,
                                                        n, title, subtitle, lang, before), key="rk_chart")
            open_unit(unit_from_points(event))
        with st.container(key="rk_phone"):
            st.html(ranking_rows_html(view.frame, ind, lang, links, view.break_after,
                                      t("rankings_break_row", lang, n=fmt_int(view.hidden, lang))))
        for note in notes:
            st.caption(note)
        if n != "all" and len(view.frame) > int(n):
            st.caption(t("rankings_extended", shown=len(view.frame), n=n))
        if view.hidden:
            st.caption(t("rankings_elided", head=view.break_after, tail=len(view.frame) - view.break_after,
                         total=len(ranked), hidden=view.hidden))
        st.caption(t("rankings_click_hint"))

    too_few = frame[frame["status"] == "too_few"]
    partial_units = frame[frame["status"] == "not_whole_period"]
    without = frame[frame["status"] == "no_data"]
    if not too_few.empty:
        box = st.expander(f"{t(f'too_few_title_{ind.family.value}', n=min_volume)}: {t('units_count', n=len(too_few))}",
                          key="rk_too_few_box", on_change="rerun")
        if box.open:  # built when opened, like the tabs
            with box:
                show_table(ranking_table(too_few, ind, lang), key="rk_too_few")
    if not partial_units.empty:
        st.caption(f"{t('not_whole_period_units')}: " + "; ".join(
            f"{plain(name)} ({validity_label(vf, vt, lang)})"
            for name, vf, vt in partial_units[["unit_name", "valid_from", "valid_to"]].itertuples(index=False)))
    if not without.empty:
        st.caption(f"{t('no_data_units')}: {plain(', '.join(without['unit_name']))}")
    if ind.has_stock and filters.period.months > 1:
        st.caption(t("stock_note", month=month_label(filters.period.last, lang)))


def _table() -> None:
    with section("ranking table"):
        # Ranked units only, in the chart's order: a header click sorts by value, and no "—" rank mixes in.
        table = ranking_table(in_view_order(ranked, show), ind, lang)
        open_unit(unit_from_rows(show_table(table, key="rk_table", selectable=True), table.unit_codes))
        export = ranking_export(in_view_order(frame, show), ind, lang)
        st.download_button(
            t("download_xlsx"),
            data=partial(xlsx_bytes, {ind.short(lang): export.frame}, export.percent_columns, export.int_columns,
                         title_rows={ind.short(lang): [ind.label(lang), filters.describe(), source_line()]}),
            file_name=f"xep-hang_{ind.id}_{filters.group.value}_{filters.period.slug}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="rk_download", on_click="ignore",
        )


def _months() -> None:
    with section("ranking heatmap"):
        window = trailing(filters.period, 12)
        subtitle = f"{span_label(window)} · {source_line()}"
        if phone:  # small lines per unit: a heatmap is squeezed to ~120 px on a phone
            lines = figures.unit_sparklines(ind.id, window, filters.period, filters.group, field, min_volume,
                                            f"{ind.label(lang)} — {filters.group_label}: {t('rankings_by_month')}",
                                            subtitle, lang)
            if lines is not None:
                with st.container(key="rk_heat_phone"):
                    open_unit(unit_from_points(clickable_chart(lines, key="rk_sparklines")))
        else:
            title = f"{ind.label(lang)} — {filters.group_label}: {heatmap_title(ind, lang)}"
            fig = figures.heatmap(ind.id, window, filters.period, filters.group, field, min_volume, title, subtitle,
                                  lang)
            if fig is not None:
                with st.container(key="rk_heat_wide"):
                    open_unit(unit_from_points(clickable_chart(fig, key="rk_heatmap")))


RANKING_VIEWS = {"chart": _chart, "table": _table, "months": _months}

# Tabs built only while open: the chart first (what a briefing shows); the table and the months
# cost the server and a fresh browser nothing until a reader opens them.
views = lazy_tabs("rk_view", "view", tuple(RANKING_VIEWS), lambda v: t(f"rankings_view_{v}", lang))
for code, draw in RANKING_VIEWS.items():
    if views[code].open:
        with views[code]:
            draw()
