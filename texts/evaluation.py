"""Sentences for an evaluation: why a unit's level was capped, from `metrics.evaluation`'s reason records.

`metrics.evaluation.evaluate_units` returns `cap_reasons` (records with their counts,
shares and thresholds); pages, exports and the CLI show `cap_reason`, the sentence in
the reader's language, made here from the catalogue (`i18n/words/commentary.py`).
"""

from __future__ import annotations

import pandas as pd

from i18n.numbers import fmt_int, fmt_percent
from metrics.evaluation import CapReason, CoverageShortfall, LateWithoutReason, NotWholePeriod, StoredReason
from texts.words import counted, words

__all__ = ["cap_reason_text", "reason_text", "with_reason_texts"]


def _late(reason: LateWithoutReason, lang: str) -> str:
    limits = []
    if reason.max_share is not None:
        limits.append(fmt_percent(reason.max_share, 1, lang))
    if reason.max_count is not None:
        limits.append(counted(f"ev_limit_{reason.kind}", reason.max_count, lang))
    text = counted(f"ev_late_{reason.kind}", reason.base, lang, unexcused=fmt_int(reason.unexcused, lang),
                   base=fmt_int(reason.base, lang), share=fmt_percent(reason.share, 1, lang),
                   limit=words("ev_limit_or", lang).join(limits))
    if reason.assumed > 0:
        text += "; " + counted(f"ev_assumed_{reason.kind}", reason.assumed, lang)
    return text


def reason_text(reason: CapReason, lang: str = "vi") -> str:
    """One reason as a clause ("15/1.005 hồ sơ trễ hạn không có lý do chính đáng (1,5 % > ngưỡng 1,0 %)")."""
    if isinstance(reason, LateWithoutReason):
        return _late(reason, lang)
    if isinstance(reason, CoverageShortfall):
        return words("ev_coverage", lang, ind_rep=reason.indicators_reported, ind_exp=reason.indicators_expected,
                     months_rep=reason.months_reported, months_exp=reason.months_expected)
    if isinstance(reason, NotWholePeriod):
        return words("ev_not_whole_period", lang)
    if isinstance(reason, StoredReason):
        return reason.en if lang == "en" else reason.vi
    raise TypeError(f"not a cap reason: {reason!r}")


def cap_reason_text(reasons: tuple[CapReason, ...] | list[CapReason], lang: str = "vi") -> str:
    """Every reason of one unit, joined with "; " ("" when its level was not capped)."""
    return "; ".join(reason_text(r, lang) for r in reasons)


def with_reason_texts(evaluation: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The frame with `cap_reasons` (records) replaced, in place, by `cap_reason` (text in `lang`).

    This is the frame pages, exports and the CLI show: the CLI's JSON keys are the columns
    it had before reasons became records.
    """
    if "cap_reasons" not in evaluation:
        return evaluation
    texts = [cap_reason_text(r, lang) for r in evaluation["cap_reasons"]]
    out = evaluation.copy()
    position = out.columns.get_loc("cap_reasons")
    out = out.drop(columns="cap_reasons")
    out.insert(position, "cap_reason", pd.Series(texts, index=out.index, dtype=object))
    return out
