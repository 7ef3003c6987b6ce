"""Catalogue look-ups for the text builders, with the count forms (`key_one` / `key_other`)."""

from __future__ import annotations

from i18n.catalogue import text
from i18n.numbers import fmt_int


def words(key: str, lang: str = "vi", **kwargs: object) -> str:
    return text(key, lang, **kwargs)


def counted(key: str, n: float, lang: str = "vi", **kwargs: object) -> str:
    """`key_one` when `n` is 1, else `key_other`; `{n}` is the formatted count unless given."""
    kwargs.setdefault("n", fmt_int(n, lang))
    return text(f"{key}_one" if n == 1 else f"{key}_other", lang, **kwargs)
