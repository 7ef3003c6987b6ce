"""The one keyed word catalogue: every user-facing string in Vietnamese and English.

Words are written in section modules under `i18n/words/` (one per area, so two
people editing different screens never touch the same file) and joined here; a
key defined in two sections is an error at import time. Code asks for a key and a
language; Streamlit code uses `ui.strings.t`, which adds the session's language.
"""

from __future__ import annotations

from i18n.words import (
    auth,
    briefing,
    cli,
    commentary,
    exports,
    figures,
    ingest,
    load,
    periods,
    rankings,
    security,
    sessions,
    shell,
    store,
    unit,
    work,
)

LANGS = ("vi", "en")
_SECTIONS = (shell.WORDS, auth.WORDS, work.WORDS, exports.WORDS, commentary.WORDS, cli.WORDS, ingest.WORDS, store.WORDS,
             sessions.WORDS, security.WORDS, periods.WORDS, rankings.WORDS, unit.WORDS, figures.WORDS, briefing.WORDS,
             load.WORDS)


def _join(sections: tuple[dict[str, tuple[str, str]], ...]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for section in sections:
        for key, words in section.items():
            if key in out:
                raise KeyError(f"catalogue key {key!r} is defined twice")
            out[key] = words
    return out


CATALOGUE: dict[str, tuple[str, str]] = _join(_SECTIONS)


def text(key: str, lang: str = "vi", **kwargs: object) -> str:
    """The words of `key` in `lang` ('vi' unless 'en'), formatted with `kwargs`."""
    vi, en = CATALOGUE[key]
    words = en if lang == "en" else vi
    return words.format(**kwargs) if kwargs else words


def has(key: str) -> bool:
    return key in CATALOGUE


def error_text(error: BaseException, lang: str = "vi") -> str:
    """The sentence of a `vocab.errors.UserFacingError` in `lang` (its own text when it has no catalogue key)."""
    key = getattr(error, "key", None)
    if key and lang == "en" and key in CATALOGUE:
        return text(key, lang, **getattr(error, "params", {}))
    return str(error)
