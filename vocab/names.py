"""The one rule for names people type: units, fields, other names of fields, users' display names.

Names travel everywhere: into Markdown on the pages, plotly labels, spreadsheets and
slides. The pages escape them and the spreadsheets neutralise them anyway
(`ui.text.plain`, `charts.theme.chart_text`, `i18n.cells.spreadsheet_safe`); refusing
the dangerous shapes on entry as well means a name can never even look like a link,
an image or a formula in some surface we forget. The rule, after trimming spaces:

- 1 to `max_length` characters (200 for units and fields, 100 for display names);
- it does not start with `=`, `+`, `-` or `@` (a spreadsheet would read a formula);
- no control or invisible formatting characters (line breaks, tabs, zero-width and
  bidirectional marks: Unicode categories C*, Zl, Zp);
- none of `< > [ ] { } \\ | `` (the characters that make HTML, links, images and
  code in Markdown), and no web address (`://`).

Every real name stays possible: Vietnamese letters with their marks, digits, spaces
and `, . ( ) - / & ' " : ; %` inside a name, e.g. "Sở Lao động - Thương binh và Xã hội",
"Ban Quản lý Khu công nghệ cao (Đà Nẵng)", "Đầu tư (đầu tư công)".
"""

from __future__ import annotations

import unicodedata

from vocab.errors import UserFacingError

FORBIDDEN = frozenset("<>[]{}\\|`")
FORMULA_LEADS = ("=", "+", "-", "@")
UNIT_NAME_MAX = 200
DISPLAY_NAME_MAX = 100


class NameRefused(UserFacingError):
    """A name that breaks the rule above; the sentence says which part."""


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp")


def check_name(name: str | None, what: str, max_length: int = UNIT_NAME_MAX,
               error: type[UserFacingError] = NameRefused) -> str:
    """`name` trimmed, or an `error` (a `UserFacingError`) saying why it is refused.

    `what` completes "Tên …" in the sentence: "đơn vị", "lĩnh vực", "hiển thị", …
    """
    text = (name or "").strip()
    if not text:
        raise error(f"Tên {what} không được để trống.", key="name_empty", what=what)
    if len(text) > max_length:
        raise error(f"Tên {what} quá dài (tối đa {max_length} ký tự).", key="name_too_long", what=what,
                         n=max_length)
    if any(_invisible(ch) for ch in text):
        raise error(f"Tên {what} không được chứa xuống dòng, tab hay ký tự điều khiển, ký tự ẩn.",
                         key="name_control", what=what)
    if text.startswith(FORMULA_LEADS):
        raise error(f"Tên {what} không được bắt đầu bằng = + - hoặc @.", key="name_formula_lead", what=what)
    if any(ch in FORBIDDEN for ch in text) or "://" in text:
        raise error(f"Tên {what} không được chứa các ký tự < > [ ] {{ }} \\ | ` hay địa chỉ web.",
                         key="name_markup", what=what)
    return text
