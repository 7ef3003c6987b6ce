"""Streamlit's own English words, said in the reader's language where Streamlit lets us.

Streamlit 1.67 has no locale setting for its widgets. Its hint under a text or number box
("Press Enter to apply", "Press Enter to submit form" in a form) is a plain span in an element
with the stable test id `InputInstructions`: a constant style hides that span and writes our
words in its place (CSS `content`, so no script). What cannot be reached this way is listed in
the README ("No results" in an emptied drop-down list, the file uploader's "Drag and drop").
"""

from __future__ import annotations

import streamlit as st

from ui.strings import t


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes, backslashes and markup characters escaped (CSS escapes)."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&\n' else c for c in text)
    return f'"{escaped}"'


def words_css(lang: str) -> str:
    """The style that replaces Streamlit's input hint with our words (empty for English: they are its own)."""
    if lang == "en":
        return ""
    apply, submit = css_string(t("st_enter_apply", lang)), css_string(t("st_enter_submit", lang))
    return ("<style>"
            '[data-testid="InputInstructions"] > span:first-child { display: none; }'
            f'[data-testid="InputInstructions"]::before {{ content: {apply}; }}'
            f'[data-testid="stForm"] [data-testid="InputInstructions"]::before {{ content: {submit}; }}'
            "</style>")


def streamlit_words(lang: str) -> None:
    css = words_css(lang)
    if css:
        st.html(css)
