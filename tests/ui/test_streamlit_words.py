"""The style that puts our words in place of Streamlit's input hint: a closed CSS string, whatever the words."""

from __future__ import annotations

from ui.streamlit_words import css_string, words_css


def test_words_are_a_closed_css_string():
    assert css_string("Nhấn Enter để áp dụng") == '"Nhấn Enter để áp dụng"'
    hostile = css_string('"; } body { display: none } </style><script>')
    assert hostile.count('"') == 2 and "<" not in hostile and ">" not in hostile


def test_vietnamese_gets_a_style_english_keeps_streamlits_words():
    css = words_css("vi")
    assert css.startswith("<style>") and css.count("</style>") == 1
    assert '"Nhấn Enter để áp dụng"' in css and '"Nhấn Enter để gửi"' in css
    assert words_css("en") == ""
