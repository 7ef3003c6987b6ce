"""Period names that need the word catalogue (`i18n.labels` cannot import it: the catalogue's word
tables use `i18n.labels`)."""

from __future__ import annotations

from datetime import date

from i18n.catalogue import text
from i18n.labels import MONTHS_EN, period_label
from vocab.periods import Period


def partial_period_label(period: Period, through: date | None, lang: str = "vi") -> str:
    """The period's name, and when its data stop before its end, up to when and that it is provisional:
    "quý 4/2026 — đến 31/10, tạm tính" / "Q4 2026 — to 31 Oct, provisional"."""
    name = period_label(period, lang)
    if through is None or through >= period.last:
        return name
    end = Period.month(through.year, through.month).end_date
    day = f"{end.day} {MONTHS_EN[end.month - 1]}" if lang == "en" else f"{end:%d/%m}"
    return text("periods_partial", lang, period=name, day=day)
