"""The word catalogue (`i18n.catalogue`) in the session's language, for Streamlit code."""

from __future__ import annotations

from i18n import catalogue, labels, period_words
from ui.state import lang as current_lang


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """The text of `key` in the session's language (or `lang`), formatted with `kwargs`."""
    return catalogue.text(key, lang or current_lang(), **kwargs)


def has(key: str) -> bool:
    return catalogue.has(key)


def period_label(period, lang: str | None = None) -> str:
    """A period as people say it: "tháng 10/2026", "quý 3/2026", "năm 2026", "lũy kế 01–10/2026"."""
    return labels.period_label(period, lang or current_lang())


def month_label(d, lang: str | None = None) -> str:
    """Short month label for axes: "10/2026" (vi) or "Oct 2026" (en)."""
    return labels.month_label(d, lang or current_lang())


def span_label(period, lang: str | None = None) -> str:
    """A run of months as its ends: "từ 11/2025 đến 10/2026"."""
    return labels.span_label(period, lang or current_lang())


def partial_period_label(period, through, lang: str | None = None) -> str:
    """The period's name, and when its data stop before its end, up to when and that it is provisional:
    "quý 4/2026 — đến 31/10, tạm tính" / "Q4 2026 — to 31 Oct, provisional"."""
    return period_words.partial_period_label(period, through, lang or current_lang())


def months_label(period, lang: str | None = None) -> str:
    """The months a comparison covers: "tháng 07/2026", "quý 3/2026", "tháng 01–10/2025" / "Jan–Oct 2025"."""
    return labels.months_label(period, lang or current_lang())
