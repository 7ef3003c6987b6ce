"""Streamlit's own English words, said in the reader's language where Streamlit lets us.

Streamlit 1.67 has no locale setting for its widgets. Its hint under a text or number box
("Press Enter to apply", "Press Enter to submit form" in a form) is a plain span in an element
with the stable test id `InputInstructions`: a constant style hides that span and writes our
words in its place (CSS `content`, so no script). The same is done for "No results" in a
drop-down list emptied by typing (a listbox marked `data-empty`) and, per uploader, for the file
uploader's button and its size line (`uploader_css`). Plotly's own texts (the camera button's tip,
the download messages) go through plotly.js's `locales` config (`plotly_locale`).

What stays English, because no style can reach it, is listed in the README: the screen-reader labels
("Add files", "Remove <file>") and the tips of the table toolbar.
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
            # An emptied drop-down list: its one "option" is Streamlit's "No results" span.
            '[role="listbox"][data-empty="true"] [role="option"] > span { display: none; }'
            '[role="listbox"][data-empty="true"]::before {'
            f' content: {css_string(t("st_no_results", lang))}; display: block; padding: 0.5rem 1rem;'
            ' opacity: 0.7; }'
            # A multiselect's first option, "Select all" (or "Select <n> matches" once typed into).
            '[role="option"][data-key^="__select_"] > div { display: none; }'
            f'[role="option"][data-key="__select_all__"]::before {{ content: {css_string(t("st_select_all", lang))}; }}'
            '[role="option"][data-key="__select_matches__"]::before {'
            f' content: {css_string(t("st_select_matches", lang))}; }}'
            "</style>")


def uploader_css(key: str, lang: str, mb: int, types: list[str]) -> str:
    """The style that says the file uploader `key`'s button and size line in `lang` (empty for English).

    Streamlit writes "Upload" and "<mb>MB per file • XLSX, CSV" itself; the types are written as
    Streamlit does (upper case, in the order given).
    """
    if lang == "en":
        return ""
    scope = f".st-key-{key}"
    limit = css_string(t("st_upload_limit", lang, mb=mb, types=", ".join(x.upper() for x in types)))
    return ("<style>"
            f'{scope} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] > p'
            " { display: none; }"
            f'{scope} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::before'
            f' {{ content: {css_string(t("st_upload_button", lang))}; }}'
            f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}'
            f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] > div::before'
            f' {{ content: {limit}; font-size: 0.875rem; }}'
            "</style>")


def plotly_locale(lang: str) -> dict:
    """plotly.js config naming our words for its own texts (the camera tip, the download messages)."""
    if lang == "en":
        return {}
    return {"locale": lang, "locales": {lang: {"dictionary": {
        "Download plot as a PNG": t("plotly_download_png", lang),
        "Download plot as a png": t("plotly_download_png", lang),   # the text of plotly.js before 3.x
        "Preparing image - this may take a few seconds": t("plotly_image_wait", lang),
        "Image download succeeded": t("plotly_image_ok", lang),
        "Sorry, there was a problem downloading your image!": t("plotly_image_failed", lang),
    }}}}


def streamlit_words(lang: str) -> None:
    css = words_css(lang)
    if css:
        st.html(css)
