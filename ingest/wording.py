"""Sentences in two languages: the catalogue keys of ingestion and the values inside them.

A problem or a refusal is a key of `i18n/words/ingest.py` and its params. Params that read
differently per language are values of the small types below (a column is named with its
label in that language, a count with that language's separators, a phrase is itself a key),
rendered by `render(key, lang, params)`. Everything here is frozen and picklable: problems
travel out of the sandbox worker process. Depends on the catalogue only.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n.catalogue import has
from i18n.catalogue import text as words
from i18n.numbers import fmt_int


@dataclass(frozen=True)
class Column:
    """A column named in a sentence: `'resolved_total' (Tổng số đã giải quyết)`."""

    code: str


@dataclass(frozen=True)
class Columns:
    """Several columns added up: `'a' (…) + 'b' (…)`."""

    codes: tuple[str, ...]


@dataclass(frozen=True)
class Count:
    """A whole number, with the language's thousands separator."""

    value: int

    def __str__(self) -> str:  # a sentence formatted without `render` (i18n.catalogue.error_text) reads Vietnamese
        return fmt_int(self.value)


@dataclass(frozen=True)
class Phrase:
    """A catalogue phrase inside another sentence (e.g. "đơn vị" / "unit"), with its own params."""

    key: str
    params: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Phrases:
    """Several phrases joined by `sep` (a list of candidates, say)."""

    items: tuple[Phrase, ...]
    sep: str = "; "


def phrase(key: str, **params: object) -> Phrase:
    return Phrase(key, tuple(params.items()))


def _localise(value: object, lang: str) -> object:
    if isinstance(value, Column):
        return column_ref(value.code, lang)
    if isinstance(value, Columns):
        return " + ".join(column_ref(c, lang) for c in value.codes)
    if isinstance(value, Count):
        return fmt_int(value.value, lang)
    if isinstance(value, Phrase):
        return render(value.key, lang, value.params)
    if isinstance(value, Phrases):
        return value.sep.join(render(p.key, lang, p.params) for p in value.items)
    return value


def render(key: str, lang: str, params: tuple[tuple[str, object], ...] | dict[str, object] = ()) -> str:
    """The catalogue sentence `key` in `lang`, its params rendered for that language first."""
    items = params.items() if isinstance(params, dict) else params
    return words(key, lang, **{name: _localise(value, lang) for name, value in items})


def column_label(column: str, lang: str = "vi") -> str:
    """The name of a value column (or a key column), or the code itself when it has none."""
    for prefix in ("ingest.column.", "ingest.key."):
        if has(prefix + column):
            return words(prefix + column, lang)
    return column


def column_ref(column: str, lang: str = "vi") -> str:
    """`'resolved_total' (Tổng số đã giải quyết)`: how messages name a column."""
    return f"'{column}' ({column_label(column, lang)})"
