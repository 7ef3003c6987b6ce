"""The word catalogue (`i18n.catalogue`) in the session's language, for Streamlit code."""

from __future__ import annotations

from i18n import catalogue, labels
from ui.state import lang as current_lang
from vocab.periods import Period


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
    lg = lang or current_lang()
    name = labels.period_label(period, lg)
    if through is None or through >= period.last:
        return name
    end = Period.month(through.year, through.month).end_date
    day = f"{end.day} {labels.MONTHS_EN[end.month - 1]}" if lg == "en" else f"{end:%d/%m}"
    return catalogue.text("periods_partial", lg, period=name, day=day)


def months_label(period, lang: str | None = None) -> str:
    """The months a comparison covers: "tháng 07/2026", "quý 3/2026", "tháng 01–10/2025" / "Jan–Oct 2025"."""
    lg = lang or current_lang()
    if period.first == period.last:
        return labels.period_label(Period.month(period.first.year, period.first.month), lg)
    if period.kind.value != "range":
        return labels.period_label(period, lg)
    a, b = period.first, period.last
    if a.year == b.year:
        return (f"{labels.MONTHS_EN[a.month - 1]}–{labels.MONTHS_EN[b.month - 1]} {a.year}" if lg == "en"
                else f"tháng {a.month:02d}–{b.month:02d}/{a.year}")
    return labels.span_label(period, lg)
