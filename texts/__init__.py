"""Text builders: sentences made from the numbers and codes of `metrics`, in the catalogue's words.

This layer sits above `metrics`, `i18n` and `vocab` and below pages, exports and the
CLI; it never imports Streamlit. `metrics` returns numbers and codes only.
"""
