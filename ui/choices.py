"""Widget state that holds codes and survives page switches and language switches.

A select widget's options are codes (`dat-dai`, `ward`, `on_time_rate`) and its
`format_func` gives the label in the reader's language, so state and URL hold codes only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st


def url_default(key: str, param: str, options: Sequence[str], default: str | None) -> None:
    """Seeds widget `key` when it is drawn anew: the session's last choice, else URL `param`, else `default`.

    Streamlit forgets a widget's state on a page where it is not drawn; the copy
    kept by `remember` brings the choice back when the reader returns. The widget
    holds a code (its options are codes, `format_func` gives the label), and it is
    re-stated when the language changes (`relabel_choices`).
    """
    holds_code(key)
    if key in st.session_state:
        return
    for wanted in (st.session_state.get(_KEEP + key), st.query_params.get(param)):
        if wanted in options:
            st.session_state[key] = wanted
            return
    st.session_state[key] = default


_KEEP = "_keep_"
_CODED = "_coded_widgets"


def holds_code(key: str) -> str:
    """Declares widget `key` as holding a code whose label depends on the language; returns `key`.

    Streamlit sends a select widget's value to the browser as its *label* and maps the
    label back to an option on the next run. After a language switch the old label
    matches no option, and Streamlit would hand the label itself back as the value
    (`field=Tất cả lĩnh vực`). `relabel_choices` prevents that for every declared key.
    """
    st.session_state.setdefault(_CODED, set()).add(key)
    return key


def relabel_choices() -> None:
    """On a language switch (a widget callback): re-states each code-holding widget's value.

    A value set through session state in a callback wins over the label the browser
    sends, so each widget keeps its code and is drawn with its label in the new language.
    """
    for key in st.session_state.get(_CODED, set()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def remember(key: str) -> None:
    """Keeps a copy of widget `key`'s value that survives page switches (see `url_default`)."""
    st.session_state[_KEEP + key] = st.session_state.get(key)


def keep_in_url(param: str, value: str | None, key: str | None = None) -> None:
    """Mirrors a choice in the URL (removes the parameter when `value` is empty); remembers widget `key`."""
    if key:
        remember(key)
    if value:
        if st.query_params.get(param) != value:
            st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]


def lazy_tabs(key: str, param: str, codes: Sequence[str], label: Callable[[str], str]) -> dict[str, Any]:
    """Tabs whose content is built only while open; returns code → tab (test `tab.open` before drawing).

    `st.tabs(on_change=…)` tracks which tab the reader opened, so the page runs only that
    tab's code: the server builds no hidden table or chart, and a fresh browser loads no
    component code for what it does not show. State holds the open tab's *code* under
    `key` (seeded from URL `param`, kept in the URL when it is not the first tab); the tab
    widget holds labels, so its value is re-stated from the code on every run and a
    language switch keeps the tab that was open.
    """
    url_default(key, param, codes, codes[0])
    labels = [label(code) for code in codes]
    widget = key + "_tabs"

    def opened(shown: list[str]) -> None:  # a click: the label the browser sent back → its code
        chosen = st.session_state.get(widget)
        if chosen in shown:
            st.session_state[key] = codes[shown.index(chosen)]

    wanted = labels[codes.index(st.session_state[key])]
    if st.session_state.get(widget) != wanted:
        st.session_state[widget] = wanted
    tabs = st.tabs(labels, key=widget, on_change=opened, args=(labels,))
    keep_in_url(param, None if st.session_state[key] == codes[0] else st.session_state[key], key)
    return dict(zip(codes, tabs, strict=True))
