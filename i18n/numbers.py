"""The one number formatter: Vietnamese conventions (95,4 %; 1.234) by default.

English uses 95.4 % and 1,234. `None`/NaN is shown as an em dash ("no data").
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Protocol

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


class Measured(Protocol):
    """Anything that knows whether it is a rate (`metrics.indicators.Indicator`), without importing metrics."""

    @property
    def is_rate(self) -> bool: ...


def fmt_value(value: float | None, indicator: Measured, lang: str = "vi") -> str:
    """An indicator value in its unit: "98,7 %" for a rate, "1.234" for a count."""
    return fmt_percent(value, 1, lang) if indicator.is_rate else fmt_int(value, lang)


def fmt_change(change: float | None, indicator: Measured, lang: str = "vi") -> str:
    """A change of an indicator: "+1,3 điểm %" for a rate, "−12" for a count."""
    return fmt_points(change, 1, lang) if indicator.is_rate else fmt_signed_int(change, lang)


def fmt_short_value(value: float | None, indicator: Measured, lang: str = "vi") -> str:
    """A value inside a small chart cell: "95" for 95 %, "1.234" for a count, "" for no data."""
    if _is_missing(value):
        return ""
    return fmt_number(value * 100, 0, lang) if indicator.is_rate else fmt_int(value, lang)


def fmt_fraction(numerator: float | None, denominator: float | None, lang: str = "vi", sep: str = "/") -> str:
    """"45/50" (or "45 / 50" with sep=" / "); a missing side is "—"."""
    return f"{fmt_int(numerator, lang)}{sep}{fmt_int(denominator, lang)}"


def fmt_rank_change(change: object, lang: str = "vi") -> str:
    """"▲3" moved up three places, "▼1" down one, "=" unchanged, "" unknown."""
    try:
        change = int(change)  # None, NaN and pandas' NA are "unknown"
    except (TypeError, ValueError):
        return ""
    if change > 0:
        return f"▲{fmt_int(change, lang)}"
    if change < 0:
        return f"▼{fmt_int(-change, lang)}"
    return "="


def fmt_timestamp(when: datetime, lang: str = "vi") -> str:
    """"28/11/2026 16:05" (vi) or "2026-11-28 16:05" (en)."""
    return when.strftime("%Y-%m-%d %H:%M") if lang == "en" else when.strftime("%d/%m/%Y %H:%M")


def plotly_separators(lang: str = "vi") -> str:
    """Plotly's `separators` (decimal, then thousands) for axes and hovers: ",." in Vietnamese."""
    return ".," if lang == "en" else ",."
