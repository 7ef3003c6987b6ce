"""Tables of the unit page and the comparison page, as `ui.tables.ScreenTable`: numbers stay numbers
(a header click sorts by value) and each cell shows its Vietnamese text ("95,4 %", "3/23", "▲2", "—")."""

from __future__ import annotations

import pandas as pd

from i18n.numbers import NO_DATA, fmt_int, fmt_rank_change, fmt_value
from metrics.indicators import get_indicator
from metrics.ranking import RankStatus
from ui.strings import t
from ui.tables import ScreenTable


def rank_text(rank: object, of: object, lang: str) -> str:
    """"3/23" (rank 3 of 23 ranked units), "—" when not ranked."""
    if rank is None or pd.isna(rank):
        return NO_DATA
    return f"{fmt_int(rank, lang)}/{fmt_int(of, lang)}"


def change_text(change: object, lang: str) -> str:
    """"▲2", "▼1", "=" or "—" (not ranked in one of the two periods)."""
    return fmt_rank_change(change, lang) or NO_DATA


def unit_rank_table(frame: pd.DataFrame, lang: str) -> ScreenTable:
    """One unit's rank per indicator (`metrics.profile.unit_ranks`): value, rank "3/23", change, previous rank."""
    inds = [get_indicator(i) for i in frame["indicator"]]
    value, rank, change, prev = (t("unit_col_value", lang), t("col_rank", lang), t("col_rank_change", lang),
                                 t("col_prev_rank", lang))
    out = pd.DataFrame({
        t("indicator", lang): [i.label(lang) for i in inds],
        value: frame["value"].astype("float64").to_numpy(),
        rank: frame["rank"].astype("Int64").array,
        change: frame["rank_change"].astype("Int64").array,
        prev: frame["prev_rank"].astype("Int64").array,
        t("unit_col_note", lang): ["" if s == RankStatus.RANKED.value else t(f"status_{s}", lang)
                                   for s in frame["status"]],
    })
    cells = pd.DataFrame({
        value: [fmt_value(v, i, lang) for v, i in zip(frame["value"], inds, strict=True)],
        rank: [rank_text(r, n, lang) for r, n in zip(frame["rank"], frame["of"], strict=True)],
        change: [change_text(c, lang) for c in frame["rank_change"]],
        prev: [fmt_int(p, lang) if pd.notna(p) else NO_DATA for p in frame["prev_rank"]],
    }, index=out.index)
    return ScreenTable(out, cell_text=cells)


def compare_table(frame: pd.DataFrame, names: dict[str, str], lang: str) -> ScreenTable:
    """Units side by side (`metrics.compare.compare_units`): per indicator, each unit's value and rank "3/23"."""
    indicators = list(dict.fromkeys(frame["indicator"]))
    codes = list(dict.fromkeys(frame["unit_code"]))
    inds = [get_indicator(i) for i in indicators]
    shown = {c: names.get(c, c) for c in codes}
    if len(set(shown.values())) < len(shown):  # two units with one name: tell them apart by code
        shown = {c: f"{n} ({c})" for c, n in shown.items()}
    data: dict[str, object] = {t("indicator", lang): [i.label(lang) for i in inds]}
    cells: dict[str, list[str]] = {}
    for code in codes:
        mine = frame[frame["unit_code"] == code].set_index("indicator").reindex(indicators)
        value_col, rank_col = shown[code], t("cmp_col_rank", lang, unit=shown[code])
        data[value_col] = mine["value"].astype("float64").to_numpy()
        data[rank_col] = mine["rank"].astype("Int64").array
        cells[value_col] = [fmt_value(v, i, lang) for v, i in zip(mine["value"], inds, strict=True)]
        cells[rank_col] = [f"{rank_text(r, n, lang)} {change_text(c, lang) if pd.notna(r) else ''}".strip()
                           for r, n, c in zip(mine["rank"], mine["of"], mine["rank_change"], strict=True)]
    out = pd.DataFrame(data)
    return ScreenTable(out, cell_text=pd.DataFrame(cells, index=out.index))
