"""Choosing units by name with diacritics ignored ("hai chau" finds "Phường Hải Châu"), and telling the
reader when a link names a unit code that does not exist instead of silently opening another unit.

Streamlit's own select search matches labels as typed (with marks), so a text box filters the list
through `vocab.fold.search` and the select box below it offers the matches. State and URL hold codes.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.choices import holds_code, keep_in_url, url_default
from ui.strings import t
from ui.text import plain
from vocab.fold import search


def search_box(key: str) -> str:
    """The name search above a unit chooser; returns what was typed."""
    return st.text_input(t("unit_search"), key=key, placeholder="hai chau")


def seed_from_url(key: str, param: str, known: Sequence[str], default: str | None, unknown: bool) -> None:
    """Seeds chooser `key` on its first draw: the URL's unit when it names one (a link wins over the
    session's last choice), nothing when the URL names an unknown code, else the last choice or `default`."""
    holds_code(key)
    if key in st.session_state:
        return
    wanted = st.query_params.get(param)
    if wanted in known:
        st.session_state[key] = wanted
    elif unknown:
        st.session_state[key] = None
    else:
        url_default(key, param, known, default)


def unit_chooser(names: dict[str, str], key: str, search_key: str, param: str) -> str | None:
    """A search box and a select box of the units (code → name) matching it; keeps the choice in the URL.

    Typing a name that does not match the unit on screen selects the first unit that does. None when
    no unit is chosen (e.g. after an unknown code in the URL).
    """
    query = search_box(search_key)
    options = search(names, query)
    current = st.session_state.get(key)
    if query.strip() and options and current not in options:
        st.session_state[key] = current = options[0]
    if not options:
        st.caption(t("unit_search_none", q=plain(query)))
    if current is not None and current not in options:
        options = [current, *options]
    code = st.selectbox(t("choose_unit"), options, key=key, format_func=lambda c: names.get(c, c),
                        placeholder=t("unit_choose_placeholder"))
    if code is not None:  # nothing chosen yet (after an unknown code): the URL keeps what the link said
        keep_in_url(param, code, key)
    return code


def units_chooser(names: dict[str, str], key: str, search_key: str, label: str, max_units: int) -> list[str]:
    """A search box and a multiselect of up to `max_units` units; the chosen ones stay listed whatever is typed."""
    query = search_box(search_key)
    chosen = [c for c in st.session_state.get(key, []) if c in names]
    st.session_state[key] = chosen
    options = chosen + [c for c in search(names, query) if c not in chosen]
    if query.strip() and len(options) == len(chosen):
        st.caption(t("unit_search_none", q=plain(query)))
    return st.multiselect(label, options, key=key, format_func=lambda c: names.get(c, c),
                          max_selections=max_units, placeholder=t("unit_choose_placeholder"))


def seed_units(key: str, param: str, known: Sequence[str], parse) -> list[str]:
    """Seeds multiselect `key` on its first draw from URL `param` (a link wins), else the session's last
    choice; returns the codes in the URL that name no unit (to say so)."""
    wanted, unknown = parse(st.query_params.get(param), known)
    if key not in st.session_state:
        kept = [c for c in st.session_state.get(_KEPT + key, []) if c in known]
        st.session_state[key] = wanted or kept
    return unknown


def keep_units(key: str, param: str, codes: Sequence[str]) -> None:
    """Mirrors the chosen units in the URL (`units=a,b`) and keeps them for the next visit of the page."""
    st.session_state[_KEPT + key] = list(codes)
    keep_in_url(param, ",".join(codes) or None)


_KEPT = "_kept_"
