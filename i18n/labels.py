"""The one place that names periods, months and unit groups in Vietnamese and English.

Used by pages (through `ui.strings`), chart titles, slide commentary and exports alike,
so a period reads the same on the screen and in the briefing pack.
"""

from __future__ import annotations

from datetime import date

from vocab.levels import Level
from vocab.periods import Period, PeriodKind
from vocab.units import UnitGroup

GROUP_LABELS: dict[UnitGroup, tuple[str, str]] = {
    UnitGroup.ALL: ("Tất cả đơn vị", "All units"),
    UnitGroup.DEPARTMENT: ("Sở, ban, ngành", "Departments"),
    UnitGroup.WARD: ("Phường", "Wards"),
    UnitGroup.COMMUNE: ("Xã, đặc khu", "Communes"),
    UnitGroup.COMMUNE_LEVEL: ("Phường, xã (cấp xã)", "Commune level"),
}
UNIT_TYPE_LABELS: dict[str, tuple[str, str]] = {
    "*": ("Mọi loại đơn vị", "Every unit type"),
    "department": ("Sở, ban, ngành", "Department"),
    "public_service_unit": ("Đơn vị sự nghiệp", "Public service unit"),
    "ward": ("Phường", "Ward"),
    "commune": ("Xã", "Commune"),
    "special_zone": ("Đặc khu", "Special zone"),
    "district": ("Quận, huyện (cũ)", "District (before 07/2025)"),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def group_label(group: UnitGroup | str, lang: str = "vi") -> str:
    vi, en = GROUP_LABELS[UnitGroup(group)]
    return en if lang == "en" else vi


def unit_type_label(unit_type: str, lang: str = "vi") -> str:
    vi, en = UNIT_TYPE_LABELS.get(unit_type, (unit_type, unit_type))
    return en if lang == "en" else vi


def month_label(d: date, lang: str = "vi") -> str:
    """Short month label for axes: "10/2026" (vi) or "Oct 2026" (en)."""
    return f"{MONTHS_EN[d.month - 1]} {d.year}" if lang == "en" else f"{d.month:02d}/{d.year}"


def span_label(period: Period, lang: str = "vi") -> str:
    """A run of months as its ends: "từ 11/2025 đến 10/2026"."""
    a, b = month_label(period.first, lang), month_label(period.last, lang)
    return f"{a} to {b}" if lang == "en" else f"từ {a} đến {b}"


def period_label(period: Period, lang: str = "vi") -> str:
    """A period as people say it: "tháng 10/2026", "quý 3/2026", "năm 2026", "lũy kế 01–10/2026"."""
    f, last = period.first, period.last
    en = lang == "en"
    if period.kind is PeriodKind.MONTH:
        return f"{MONTHS_EN[f.month - 1]} {f.year}" if en else f"tháng {f.month:02d}/{f.year}"
    if period.kind is PeriodKind.QUARTER:
        q = (f.month - 1) // 3 + 1
        return f"Q{q} {f.year}" if en else f"quý {q}/{f.year}"
    if period.kind is PeriodKind.YEAR:
        return str(f.year) if en else f"năm {f.year}"
    if f.year == last.year:
        return (f"{MONTHS_EN[f.month - 1]}–{MONTHS_EN[last.month - 1]} {f.year}" if en
                else f"lũy kế {f.month:02d}–{last.month:02d}/{f.year}")
    return span_label(period, lang)


def months_label(period: Period, lang: str = "vi") -> str:
    """The months a comparison covers: "tháng 07/2026", "quý 3/2026", "tháng 01–10/2025" / "Jan–Oct 2025"."""
    if period.first == period.last:
        return period_label(Period.month(period.first.year, period.first.month), lang)
    if period.kind is not PeriodKind.RANGE:
        return period_label(period, lang)
    a, b = period.first, period.last
    if a.year == b.year:
        return (f"{MONTHS_EN[a.month - 1]}–{MONTHS_EN[b.month - 1]} {a.year}" if lang == "en"
                else f"tháng {a.month:02d}–{b.month:02d}/{a.year}")
    return span_label(period, lang)


def validity_label(valid_from, valid_to, lang: str = "vi") -> str:
    """A unit's validity: "từ 01/07/2025", "đến 30/06/2025", "01/03/2025–30/06/2025"."""
    import pandas as pd

    a = None if valid_from is None or pd.isna(valid_from) else pd.Timestamp(valid_from).date()
    b = None if valid_to is None or pd.isna(valid_to) else pd.Timestamp(valid_to).date()
    if a and a.year <= 2000:
        a = None  # the schema's "since always"
    if a and b:
        return f"{a:%d/%m/%Y}–{b:%d/%m/%Y}"
    if b:
        return f"until {b:%d/%m/%Y}" if lang == "en" else f"đến {b:%d/%m/%Y}"
    if a:
        return f"from {a:%d/%m/%Y}" if lang == "en" else f"từ {a:%d/%m/%Y}"
    return ""


LEVEL_LABELS: dict[Level, tuple[str, str]] = {
    Level.EXCELLENT: ("Hoàn thành xuất sắc nhiệm vụ", "Excellent"),
    Level.GOOD: ("Hoàn thành tốt nhiệm vụ", "Good"),
    Level.COMPLETED: ("Hoàn thành nhiệm vụ", "Completed"),
    Level.NOT_COMPLETED: ("Không hoàn thành nhiệm vụ", "Not completed"),
    Level.NO_DATA: ("Chưa đủ dữ liệu", "Not enough data"),
}


def level_label(level: Level | str, lang: str = "vi") -> str:
    """"Hoàn thành tốt nhiệm vụ" / "Good" for a level or its code."""
    vi, en = LEVEL_LABELS[Level(level)]
    return en if lang == "en" else vi
