"""The style that puts our words in place of Streamlit's input hint: a closed CSS string, whatever the words."""

from __future__ import annotations

from ui.streamlit_words import css_string, plotly_locale, uploader_css, words_css


def test_words_are_a_closed_css_string():
    assert css_string("Nhấn Enter để áp dụng") == '"Nhấn Enter để áp dụng"'
    hostile = css_string('"; } body { display: none } </style><script>')
    assert hostile.count('"') == 2 and "<" not in hostile and ">" not in hostile


def test_vietnamese_gets_a_style_english_keeps_streamlits_words():
    css = words_css("vi")
    assert css.startswith("<style>") and css.count("</style>") == 1
    assert '"Nhấn Enter để áp dụng"' in css and '"Nhấn Enter để gửi"' in css
    assert words_css("en") == ""


def test_an_emptied_drop_down_list_says_no_results_in_vietnamese():
    css = words_css("vi")
    assert '[role="listbox"][data-empty="true"] [role="option"] > span { display: none; }' in css
    assert 'content: "Không có kết quả"' in css


def test_the_uploader_style_names_its_limit_and_types_in_vietnamese_only_for_its_own_key():
    css = uploader_css("upload_files", "vi", 20, ["xlsx", "xls", "csv"])
    assert '"Chọn tệp"' in css and '"Tối đa 20 MB mỗi tệp • XLSX, XLS, CSV"' in css
    rules = [rule for rule in css.removeprefix("<style>").removesuffix("</style>").split("}") if rule.strip()]
    assert rules and all(rule.startswith(".st-key-upload_files ") for rule in rules)   # no other uploader touched
    assert uploader_css("upload_files", "en", 20, ["csv"]) == ""


def test_plotly_gets_our_words_for_its_camera_tip_and_download_messages():
    config = plotly_locale("vi")
    words = config["locales"]["vi"]["dictionary"]
    assert config["locale"] == "vi"
    assert words["Download plot as a PNG"] == "Tải ảnh PNG của biểu đồ"
    assert words["Sorry, there was a problem downloading your image!"] == "Không tải được ảnh biểu đồ"
    assert plotly_locale("en") == {}
