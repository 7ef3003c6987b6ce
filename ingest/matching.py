"""Matching unit and field names as people type them to the reference codes.

Tolerant to case, NFC/NFD, old vs new tone-mark placement ("Hoà"/"Hòa"), and the
prefixes offices put in front of a name ("P.", "UBND phường", "X.", "UBND xã").
Never guesses: an unknown or ambiguous name is a `MatchResult` with suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import duckdb

# Tone marks (as combining characters); their position within a syllable varies
# between the old and new spelling rules, so keys move them to the end of the word.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = re.compile(f"[{_TONES}]")
_SPACE_RE = re.compile(r"\s+")


def _word_key(word: str) -> str:
    tones = "".join(_TONE_RE.findall(word))
    return _TONE_RE.sub("", word) + tones


def name_key(text: str) -> str:
    """A comparison key: lower case, NFD, tone marks at the end of each word, single spaces."""
    text = unicodedata.normalize("NFD", str(text)).lower()
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    text = _SPACE_RE.sub(" ", text).strip()
    return unicodedata.normalize("NFC", " ".join(_word_key(w) for w in text.split(" ")))


def ascii_key(text: str) -> str:
    """Without any diacritic (đ → d): for suggestions only, never for matching."""
    text = unicodedata.normalize("NFD", str(text).lower()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE_RE.sub(" ", re.sub(r"[^a-z0-9 ]", " ", text)).strip()


# Administrative prefixes, as keys. Order matters: longest first.
_ORG_PREFIXES = tuple(name_key(p) for p in (
    "ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "ub",
))
_TYPE_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (name_key(prefix), types) for prefix, types in (
        ("phường", ("ward",)), ("p.", ("ward",)), ("p ", ("ward",)),
        ("xã", ("commune",)), ("x.", ("commune",)),
        ("đặc khu", ("special_zone",)),
        ("quận", ("district",)), ("q.", ("district",)),
        ("huyện", ("district",)), ("h.", ("district",)),
        ("thị xã", ("district",)), ("tx.", ("district",)),
        ("thành phố", ("district",)), ("tp.", ("district",)),
    )
)


def strip_prefixes(key: str) -> tuple[str, tuple[str, ...] | None]:
    """(name without org/type prefix, unit types the prefix implies or None)."""
    for org in _ORG_PREFIXES:
        if key.startswith((org + " ", org + ".")):
            key = key[len(org):].lstrip(" .")
            break
    for prefix, types in sorted(_TYPE_PREFIXES, key=lambda p: -len(p[0])):
        if key.startswith(prefix) and len(key) > len(prefix):
            rest = key[len(prefix):]
            if prefix.endswith((".", " ")) or rest.startswith(" "):
                return rest.strip(" ."), types
    return key, None


_FIELD_PREFIX = re.compile(r"^(?:\d+[.)]?\s*)?(?:" + re.escape(name_key("lĩnh vực")) + r"\s+)?")


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    kind: str = ""                 # unit type for units
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class MatchResult:
    text: str
    code: str | None
    candidates: tuple[Candidate, ...] = ()   # ambiguous matches, or suggestions when unknown

    @property
    def ambiguous(self) -> bool:
        return self.code is None and len(self.candidates) > 1 and self._exact

    _exact: bool = False

    def message(self, what: str) -> str:
        """Vietnamese explanation for a failed match ('đơn vị' or 'lĩnh vực')."""
        listed = "; ".join(f"{c.name} (mã {c.code})" for c in self.candidates)
        if self._exact:
            return f"Tên {what} '{self.text}' không rõ ràng, có thể là: {listed}. Hãy ghi mã {what}"
        hint = f". Có phải: {listed}?" if listed else ""
        return f"Không tìm thấy {what} '{self.text}'{hint}"


class Matcher:
    """Codes and names of one reference table, matched tolerant but never guessed."""

    def __init__(self, candidates: list[Candidate], kind_prefixes: bool):
        self.candidates = candidates
        self._kind_prefixes = kind_prefixes
        self._by_code = {c.code.lower(): c for c in candidates}
        self._by_name: dict[str, list[Candidate]] = {}
        self._by_bare: dict[str, list[Candidate]] = {}
        for c in candidates:
            key = name_key(c.name)
            self._by_name.setdefault(key, []).append(c)
            bare, _ = strip_prefixes(key) if kind_prefixes else (self._strip_field(key), None)
            self._by_bare.setdefault(bare, []).append(c)
        self._ascii = {c.code: ascii_key(c.name) for c in candidates}

    @staticmethod
    def _strip_field(key: str) -> str:
        return _FIELD_PREFIX.sub("", key)

    def match(self, text: str) -> MatchResult:
        raw = str(text).strip()
        if not raw:
            return MatchResult(raw, None)
        if (c := self._by_code.get(raw.lower())) is not None:
            return MatchResult(raw, c.code)
        key = name_key(raw)
        if len(hits := self._by_name.get(key, [])) == 1:
            return MatchResult(raw, hits[0].code)
        if self._kind_prefixes:
            bare, types = strip_prefixes(key)
        else:
            bare, types = self._strip_field(key), None
        hits = hits or self._by_bare.get(bare, [])
        if types is not None:
            hits = [c for c in hits if c.kind in types]
        if len(hits) == 1:
            return MatchResult(raw, hits[0].code)
        if len(hits) > 1:
            return MatchResult(raw, None, tuple(hits), _exact=True)
        return MatchResult(raw, None, self.suggest(raw))

    def suggest(self, text: str, n: int = 3) -> tuple[Candidate, ...]:
        key = ascii_key(strip_prefixes(name_key(text))[0]) if self._kind_prefixes else ascii_key(text)
        bare = {c.code: ascii_key(strip_prefixes(name_key(c.name))[0]) if self._kind_prefixes
                else ascii_key(c.name) for c in self.candidates}
        scored = sorted(
            self.candidates,
            key=lambda c: -max(difflib.SequenceMatcher(None, key, bare[c.code]).ratio(),
                               difflib.SequenceMatcher(None, key, c.code).ratio()),
        )
        best = [c for c in scored[:n]
                if max(difflib.SequenceMatcher(None, key, bare[c.code]).ratio(),
                       difflib.SequenceMatcher(None, key, c.code).ratio()) >= 0.5]
        return tuple(best)


@dataclass(frozen=True)
class Reference:
    """Units and fields loaded once per parse."""

    units: Matcher
    fields: Matcher
    unit_by_code: dict[str, Candidate]


def load_matchers(con: duckdb.DuckDBPyConnection) -> Reference:
    units = [
        Candidate(code, name, unit_type, valid_from, valid_to)
        for code, name, unit_type, valid_from, valid_to in con.execute(
            "SELECT code, name, unit_type, valid_from, valid_to FROM units ORDER BY code"
        ).fetchall()
    ]
    fields = [
        Candidate(code, name)
        for code, name in con.execute("SELECT code, name FROM fields ORDER BY code").fetchall()
    ]
    return Reference(Matcher(units, kind_prefixes=True), Matcher(fields, kind_prefixes=False),
                     {u.code: u for u in units})
