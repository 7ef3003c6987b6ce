"""Báo cáo: the briefing pack for the chosen period (deck, PDF, PNG zip, xlsx, A4 report), its slides chosen
and ordered here, and the commentary that goes into the speaker notes."""

import streamlit as st

from exports.pack import DECK_GROUPS, UnknownSlide, pack_file_names, render_pack
from exports.render import ChromiumMissing, RenderError, browser_available
from exports.xlsx import write_workbook
from i18n.catalogue import error_text
from i18n.labels import group_label
from ui import cached
from ui.choices import holds_code
from ui.filters import current
from ui.layout import field_notice
from ui.strings import t
from ui.text import plain

MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf", "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DECK = "deck"  # the radio's code for "both deck groups"

filters = current()
if filters is None:
    st.stop()
lang = filters.lang

st.title(t("exports_title"))
st.caption(t("exports_intro", period=filters.period_label))
field_notice(filters, applied=False)  # the pack shows all-field figures and never names a field

choice = st.radio(t("exports_groups"), [DECK, filters.group.value], key=holds_code("ex_groups"), horizontal=True,
                  format_func=lambda g: t("exports_deck_groups", lang) if g == DECK else group_label(g, lang))
groups = DECK_GROUPS if choice == DECK else (filters.group,)

with st.spinner(t("exports_computing")):
    content = cached.pack(filters.period, groups, lang)
names = pack_file_names(content.period, content.groups)
number = {c.code: i for i, c in enumerate(content.charts, start=1)}
titles = {c.code: c.title for c in content.charts}

# Slide codes in state, in the order chosen; numbers and titles drawn from the pack.
if st.session_state.get("ex_slides_for") != (str(filters.period), groups):
    st.session_state["ex_slides"] = content.codes
    st.session_state["ex_slides_for"] = (str(filters.period), groups)
chosen = st.multiselect(t("briefing_slides_pick"), content.codes, key=holds_code("ex_slides"),
                        format_func=lambda c: f"{number.get(c, '?')}. {titles.get(c, c)}",
                        help=t("briefing_slides_help"), placeholder=t("st_choose_options"))
state_key = (cached.data_fingerprint(), str(filters.period), groups, lang, tuple(chosen))

chromium = browser_available()
if not chromium:
    st.warning(t("chromium_missing"), icon="⚠️")
if not chosen:
    st.info(t("briefing_slides_none"))

c1, c2 = st.columns([2, 3])
if c1.button(t("exports_make"), key="ex_build", type="primary", disabled=not chromium or not chosen):
    bar = st.progress(0.0, text=t("exports_drawing"))
    try:
        pack = render_pack(content, lambda share, title: bar.progress(min(share, 1.0), text=title or None),
                           slides=chosen)
    except ChromiumMissing:
        bar.empty()
        st.error(t("chromium_missing"))
    except (RenderError, UnknownSlide) as exc:
        bar.empty()
        st.error(plain(error_text(exc, lang)))
    else:
        bar.empty()
        st.session_state["ex_pack"] = (state_key, pack)

made = st.session_state.get("ex_pack")
if made and made[0] == state_key:
    pack = made[1]
    st.success(t("exports_made", n=pack.chart_count))
    for col, kind in zip(st.columns(4), ("pptx", "pdf", "zip", "xlsx"), strict=True):
        col.download_button(t(f"exports_file_{kind}"), pack.files[names[kind]], file_name=names[kind],
                            mime=MIME[kind], key=f"ex_dl_{kind}", on_click="ignore")
    for col, group in zip(st.columns(len(content.groups)), content.groups, strict=True):
        name = names[f"report_{group.value}"]
        col.download_button(t("briefing_file_report", group=group_label(group, lang)), pack.files[name],
                            file_name=name, mime=MIME["pdf"], key=f"ex_dl_report_{group.value}", on_click="ignore")
else:
    # The workbook needs no Chromium: always offered.
    c2.download_button(t("exports_file_xlsx"), data=lambda: write_workbook(content.sheets), file_name=names["xlsx"],
                       mime=MIME["xlsx"], key="ex_dl_xlsx_only", on_click="ignore")

st.subheader(t("exports_slides"))
st.caption(plain(content.title + " · " + content.subtitle))
st.caption(t("briefing_notes_caption"))
by_code = {c.code: c for c in content.charts}
for code in chosen:
    chart = by_code[code]
    with st.expander(f"{number[code]}. {plain(chart.title)}", expanded=code == chosen[0]):
        for sentence in chart.commentary:
            st.markdown(f"- {plain(sentence)}")  # sentences quote unit and field names
