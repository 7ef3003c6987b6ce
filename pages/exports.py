"""Báo cáo: the briefing pack for the chosen period (deck, PDF, PNG zip, xlsx) and the slides' commentary."""

import streamlit as st

from exports.pack import DECK_GROUPS, PackContent, pack_content, pack_file_names, render_pack
from exports.render import (
    CHROMIUM_MISSING_MSG,
    CHROMIUM_MISSING_MSG_EN,
    ChromiumMissing,
    RenderError,
    browser_available,
)
from exports.xlsx import write_workbook
from metrics.commentary import group_label
from ui import cached
from ui.filters import current
from ui.state import get_store
from vocab.periods import Period
from vocab.units import UnitGroup

MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf", "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LABELS = {
    "pptx": ("⬇ Bài trình chiếu (.pptx)", "⬇ Slide deck (.pptx)"),
    "pdf": ("⬇ Biểu đồ (.pdf)", "⬇ Charts (.pdf)"),
    "zip": ("⬇ Ảnh biểu đồ (.zip PNG)", "⬇ Chart images (.zip of PNG)"),
    "xlsx": ("⬇ Bảng xếp hạng (.xlsx)", "⬇ Ranking tables (.xlsx)"),
}


@st.cache_resource(max_entries=8, ttl=cached.TTL, show_spinner=False)
def _content(db: str, version: str, period: str, groups: tuple[str, ...], lang: str) -> PackContent:
    return pack_content(get_store().cursor(), Period.parse(period),
                        tuple(UnitGroup(g) for g in groups), lang)


filters = current()
if filters is None:
    st.stop()
lang = filters.lang
en = lang == "en"


def tx(vi: str, en_text: str) -> str:
    return en_text if en else vi


st.title(tx("Báo cáo giao ban", "Briefing pack"))
st.caption(tx(f"Kỳ {filters.period_label}: bài trình chiếu 16:9, các biểu đồ dạng PDF và PNG, bảng xếp hạng Excel.",
              f"{filters.period_label}: 16:9 slide deck, charts as PDF and PNG, ranking tables in Excel."))

both = tx("Phường, xã và sở, ban, ngành", "Communes/wards and departments")
choice = st.radio(tx("Xếp hạng trong bài trình chiếu", "Rankings in the deck"),
                  ["deck", filters.group.value], key="ex_groups", horizontal=True,
                  format_func=lambda g: both if g == "deck" else group_label(g, lang))
groups = tuple(g.value for g in DECK_GROUPS) if choice == "deck" else (choice,)

with st.spinner(tx("Đang tính số liệu…", "Computing figures…")):
    content = _content(*cached.cache_key(), filters.period_text, groups, lang)
names = pack_file_names(content.period)
state_key = (cached.cache_key(), filters.period_text, groups, lang)

chromium = browser_available()
if not chromium:
    st.warning(CHROMIUM_MISSING_MSG_EN if en else CHROMIUM_MISSING_MSG, icon="⚠️")

c1, c2 = st.columns([2, 3])
if c1.button(tx("Tạo bộ tài liệu", "Make the pack"), key="ex_build", type="primary", disabled=not chromium):
    bar = st.progress(0.0, text=tx("Đang vẽ biểu đồ…", "Drawing charts…"))
    try:
        pack = render_pack(content, lambda share, title: bar.progress(min(share, 1.0), text=title or None))
    except (ChromiumMissing, RenderError) as exc:
        bar.empty()
        st.error(str(exc))
    else:
        bar.empty()
        st.session_state["ex_pack"] = (state_key, pack)

made = st.session_state.get("ex_pack")
if made and made[0] == state_key:
    pack = made[1]
    st.success(tx(f"Đã tạo {pack.chart_count} biểu đồ.", f"{pack.chart_count} charts made."))
    cols = st.columns(4)
    for col, kind in zip(cols, ("pptx", "pdf", "zip", "xlsx"), strict=True):
        col.download_button(tx(*LABELS[kind]), pack.files[names[kind]], file_name=names[kind], mime=MIME[kind],
                            key=f"ex_dl_{kind}", on_click="ignore")
else:
    # The workbook needs no Chromium: always offered.
    c2.download_button(tx(*LABELS["xlsx"]), data=lambda: write_workbook(content.sheets), file_name=names["xlsx"],
                       mime=MIME["xlsx"], key="ex_dl_xlsx_only", on_click="ignore")

st.subheader(tx("Nội dung các trang", "Slides"))
st.caption(content.title + " · " + content.subtitle)
for i, chart in enumerate(content.charts, start=2):
    with st.expander(f"{i}. {chart.title}", expanded=i == 2):
        for sentence in chart.commentary:
            st.markdown(f"- {sentence}")
