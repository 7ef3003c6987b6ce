"""The one number formatter: Vietnamese conventions (95,4 %; 1.234) by default.

English uses 95.4 % and 1,234. `None`/NaN is shown as an em dash ("no data").
"""

from __future__ import annotations

import math

NO_DATA = "—"


def _is_missing(x: float | int | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _swap(text: str, lang: str) -> str:
    # Python formats 1,234.5; Vietnamese writes 1.234,5.
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_int(x: float | int | None, lang: str = "vi") -> str:
    if _is_missing(x):
        return NO_DATA
    return _swap(f"{round(x):,}", lang)


def fmt_number(x: float | None, decimals: int = 1, lang: str = "vi") -> str:
    if _is_missing(x):
        return NO_DATA
    return _swap(f"{x:,.{decimals}f}", lang)


def fmt_percent(ratio: float | None, decimals: int = 1, lang: str = "vi") -> str:
    """A ratio (0.954) as a percentage ("95,4 %")."""
    if _is_missing(ratio):
        return NO_DATA
    return f"{fmt_number(ratio * 100, decimals, lang)} %"


def fmt_points(delta_ratio: float | None, decimals: int = 1, lang: str = "vi") -> str:
    """A change of a rate in percentage points, signed ("+1,2 điểm %")."""
    if _is_missing(delta_ratio):
        return NO_DATA
    sign = "+" if delta_ratio > 0 else ("−" if delta_ratio < 0 else "±")
    unit = "pp" if lang == "en" else "điểm %"
    return f"{sign}{fmt_number(abs(delta_ratio) * 100, decimals, lang)} {unit}"


def fmt_signed_int(x: float | int | None, lang: str = "vi") -> str:
    if _is_missing(x):
        return NO_DATA
    sign = "+" if x > 0 else ("−" if x < 0 else "±")
    return f"{sign}{fmt_int(abs(x), lang)}"


def fmt_signed(x: float | None, decimals: int = 1, lang: str = "vi") -> str:
    """A signed change with decimals ("+1,2", "−0,5")."""
    if _is_missing(x):
        return NO_DATA
    sign = "+" if x > 0 else ("−" if x < 0 else "±")
    return f"{sign}{fmt_number(abs(x), decimals, lang)}"
