"""Names folded for search: "hai chau" finds "Phường Hải Châu" (diacritics, đ/Đ and case ignored)."""

from __future__ import annotations

import unicodedata

# đ/Đ are letters of their own, not a d with a mark: decomposition leaves them as they are.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold(text: object) -> str:
    """`text` without diacritics, in lower case, with runs of spaces made one: "Phường  Hải Châu" → "phuong hai chau"."""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def matches(query: str | None, *texts: object) -> bool:
    """True when every word of `query` appears, folded, in one of `texts` (an empty query matches all)."""
    words = fold(query or "").split()
    haystack = " ".join(fold(t) for t in texts)
    return all(w in haystack for w in words)


def search(labels: dict[str, str], query: str | None) -> list[str]:
    """The keys of `labels` (code → name) whose name or code matches `query` folded, in their order."""
    return [code for code, name in labels.items() if matches(query, name, code)]
