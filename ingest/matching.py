"""Matching unit and field names as people type them to the reference codes.

Tolerant to case, NFC/NFD, old vs new tone-mark placement ("Hoà"/"Hòa"), punctuation
(dash, en dash, comma, "và" vs "&"), repeated and non-breaking spaces, invisible
characters (zero-width space/joiners, word joiner, BOM, soft hyphen: every Unicode
"format" character) and the prefixes offices put in front of a name ("P.", "UBND
phường", "X.", "UBND xã"). Fields also match through their aliases (table
`field_aliases`: ministry names, national catalogue fields). Never guesses: an unknown
or ambiguous name is a `MatchResult` with suggestions, and a name that matched only
after removing a hidden character says so (`MatchResult.note`).

After matching, `resolve_lineage` moves a merged unit's later months to its single
successor (table `unit_lineage`), and `alias_rollup_rows`/`sum_alias_rollups` add up
the rows of one file that reach the same field through different names.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from ingest.model import Problem, ReaderNote, Severity
from ingest.wording import Phrase, Phrases, phrase, render
from metrics.lineage import LineageLink, lineage_links, successors_in

# Tone marks (as combining characters); their position within a syllable varies
# between the old and new spelling rules, so keys move them to the end of the word.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = re.compile(f"[{_TONES}]")
_SPACE_RE = re.compile(r"\s+")

# Notes (a hidden character removed, a merged unit, rows summed) are information, not problems.
# They travel as `ReaderNote`s, which `parse_upload` moves into `ParsedFile.notes`; one left among
# the problems (today parse_upload moves only the readers' notes) is a warning the uploader confirms.
NOTE_SEVERITY = Severity.WARNING


def note_problem(file: str, sheet: str, row: int | None, column: str, message: str | Phrase) -> Problem:
    """A note located like a problem (see NOTE_SEVERITY): a catalogue phrase, or a Vietnamese sentence."""
    if isinstance(message, Phrase):
        return ReaderNote.of(file, sheet, row, column, message.key, NOTE_SEVERITY, **dict(message.params))
    return ReaderNote(file, sheet, row, column, message, NOTE_SEVERITY)


# Characters people cannot see, worth naming when a name only matched without them.
HIDDEN_NAMES = {
    "\u200b": "khoảng trắng độ rộng 0",
    "\u200c": "ký tự ngăn nối độ rộng 0",
    "\u200d": "ký tự nối độ rộng 0",
    "\u2060": "ký tự nối từ",
    "\ufeff": "dấu BOM",
    "\u00ad": "gạch nối mềm",
    "\u200e": "dấu hướng viết trái sang phải",
    "\u200f": "dấu hướng viết phải sang trái",
}
# A zero-width space stands where a word break was meant; the others join or vanish.
_BREAKING_HIDDEN = {"\u200b"}
# Letters that look like Vietnamese ones (old encoding converters write the Icelandic Eth).
LOOKALIKES = {"\u00d0": "Đ", "\u00f0": "đ"}
_AND = "và"


def _is_hidden(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def describe_char(ch: str) -> str:
    """'khoảng trắng độ rộng 0, U+200B' — how a message names a character nobody sees."""
    name = HIDDEN_NAMES.get(ch) or unicodedata.name(ch, "ký tự không tên")
    return f"{name}, U+{ord(ch):04X}"


def visible(text: str) -> str:
    """The text with every hidden character written out ('Đất[U+200B]đai'), for messages."""
    return "".join(f"[U+{ord(ch):04X}]" if _is_hidden(ch) else ch for ch in str(text))


def hidden_characters(text: str) -> tuple[str, ...]:
    """Hidden and look-alike characters of `text`, each once, in order of appearance."""
    found: list[str] = []
    for ch in str(text):
        if (_is_hidden(ch) or ch in LOOKALIKES) and ch not in found:
            found.append(ch)
    return tuple(found)


def clean_text(text: str) -> str:
    """Hidden characters removed (a zero-width space becomes a space), look-alikes replaced."""
    return "".join(
        " " if ch in _BREAKING_HIDDEN else "" if _is_hidden(ch) else LOOKALIKES.get(ch, ch)
        for ch in str(text)
    )


def _word_key(word: str) -> str:
    tones = "".join(_TONE_RE.findall(word))
    return _TONE_RE.sub("", word) + tones


def _words(text: str) -> list[str]:
    """Lower-case NFD words; punctuation, '&' and the word 'và' are separators."""
    text = unicodedata.normalize("NFD", clean_text(text)).lower().replace("&", " ")
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    and_nfd = unicodedata.normalize("NFD", _AND)
    return [w for w in text.split() if w != and_nfd]


def name_key(text: str) -> str:
    """A comparison key: lower case, no punctuation/'và'/hidden characters, tone marks at
    the end of each word, single spaces (NFC)."""
    return unicodedata.normalize("NFC", " ".join(_word_key(w) for w in _words(text)))


def compact_key(text: str) -> str:
    """Like `name_key` but blind to where the spaces are ('Đấtđai' = 'Đất đai'): base letters,
    then the tone marks in order. Only a last resort, when the spaced keys found nothing."""
    words = _words(text)
    base = "".join(_TONE_RE.sub("", w) for w in words)
    tones = "".join("".join(_TONE_RE.findall(w)) for w in words)
    return unicodedata.normalize("NFC", base) + "|" + tones


def ascii_key(text: str) -> str:
    """Without any diacritic (đ → d): for suggestions only, never for matching."""
    text = unicodedata.normalize("NFD", clean_text(text).lower()).replace("đ", "d")
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


def field_key(text: str) -> str:
    """How a field name or alias is compared: `name_key` without a 'Lĩnh vực' / row-number prefix."""
    return _FIELD_PREFIX.sub("", name_key(text))


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
    alias: str | None = None                 # the alias (as stored) the name matched through
    hidden: tuple[str, ...] = field(default=(), compare=False)  # hidden/look-alike characters seen

    def note(self, what: str) -> str | None:
        """For a match that needed hidden characters removed: which ones (None otherwise)."""
        if self.code is None or not self.hidden:
            return None
        parts = [f"'{ch}' ({describe_char(ch)}) được hiểu là '{LOOKALIKES[ch]}'" if ch in LOOKALIKES
                 else f"ký tự ẩn ({describe_char(ch)}) đã được bỏ" for ch in self.hidden]
        return f"Tên {what} '{visible(self.text)}' chứa " + "; ".join(parts)

    def phrase(self, what: str) -> Phrase:
        """Why the match failed, worded for any language; `what` is 'unit' or 'field'."""
        listed = Phrases(tuple(phrase("ingest.problem.candidate", name=c.name, code=c.code) for c in self.candidates))
        what_words = phrase(f"ingest.what.{what}")
        shown = visible(self.text)
        if self._exact:
            return phrase("ingest.problem.ambiguous_name", what=what_words, name=shown, listed=listed)
        hint = phrase("ingest.problem.did_you_mean", listed=listed) if self.candidates else ""
        return phrase("ingest.problem.unknown_name", what=what_words, name=shown, hint=hint,
                      odd=self._odd_characters())

    def message(self, what: str, lang: str = "vi") -> str:
        """`phrase(what)` as a sentence in `lang`."""
        p = self.phrase(what)
        return render(p.key, lang, p.params)

    def _odd_characters(self) -> Phrase | str:
        """Names a character that is not part of written Vietnamese (a Cyrillic 'о', a
        combining joiner …): the only way to tell a refused name from a suggestion that
        looks identical."""
        odd = [ch for ch in dict.fromkeys(clean_text(self.text)) if not _ordinary(ch)]
        hidden = [ch for ch in self.hidden if ch not in LOOKALIKES]
        if not odd and not hidden:
            return ""
        listed = [f"'{ch}' ({describe_char(ch)})" for ch in odd] + [describe_char(ch) for ch in hidden]
        return phrase("ingest.problem.odd_characters", listed="; ".join(listed))


def _ordinary(ch: str) -> bool:
    """A character that can appear in a Vietnamese name as typed: Latin letters with their
    marks, digits, spaces, punctuation."""
    if ch.isascii():
        return True
    category = unicodedata.category(ch)
    if category[0] in "PZN":
        return True
    if category[0] == "M":  # combining marks of NFD input: only the Vietnamese ones
        return ch in _TONES or ch in "\u0302\u0306\u031b"
    return unicodedata.name(ch, "").startswith("LATIN")


class Matcher:
    """Codes and names (and aliases) of one reference table, matched tolerant but never guessed."""

    def __init__(self, candidates: list[Candidate], kind_prefixes: bool,
                 aliases: Iterable[tuple[str, str]] = ()):
        self.candidates = candidates
        self._kind_prefixes = kind_prefixes
        self._by_code = {c.code.lower(): c for c in candidates}
        self._by_name: dict[str, list[Candidate]] = {}
        self._by_bare: dict[str, list[Candidate]] = {}
        self._by_compact: dict[str, list[Candidate]] = {}
        for c in candidates:
            key = name_key(c.name)
            self._by_name.setdefault(key, []).append(c)
            bare = self._bare(key)[0]
            self._by_bare.setdefault(bare, []).append(c)
            for k in {compact_key(key), compact_key(bare)}:
                self._by_compact.setdefault(k, []).append(c)
        # Aliases never shadow a name: a name that is some candidate's own name stays its.
        self._aliases: dict[str, tuple[str, Candidate]] = {}
        for alias, code in aliases:
            target = self._by_code.get(str(code).lower())
            key = self._bare(name_key(alias))[0]
            if target is None or not key or key in self._by_name or key in self._by_bare:
                continue
            self._aliases.setdefault(key, (alias, target))
        self._alias_compact = {compact_key(k): k for k in self._aliases}
        self._cache: dict[str, MatchResult] = {}

    def candidate(self, code: str) -> Candidate | None:
        return self._by_code.get(str(code).lower())

    def _bare(self, key: str) -> tuple[str, tuple[str, ...] | None]:
        return strip_prefixes(key) if self._kind_prefixes else (self._strip_field(key), None)

    @staticmethod
    def _strip_field(key: str) -> str:
        return _FIELD_PREFIX.sub("", key)

    def match(self, text: str) -> MatchResult:
        """The code `text` names, or why not; results are remembered (one file repeats names)."""
        raw = str(text).strip()
        if (cached := self._cache.get(raw)) is not None:
            return cached
        result = self._match(raw)
        self._cache[raw] = result
        return result

    def _match(self, raw: str) -> MatchResult:
        hidden = hidden_characters(raw)
        if not clean_text(raw).strip():
            return MatchResult(raw, None, hidden=hidden)
        if (c := self._by_code.get(clean_text(raw).strip().lower())) is not None:
            return MatchResult(raw, c.code, hidden=hidden)
        key = name_key(raw)
        if len(hits := self._by_name.get(key, [])) == 1:
            return MatchResult(raw, hits[0].code, hidden=hidden)
        bare, types = self._bare(key)
        hits = hits or self._by_bare.get(bare, [])
        if not hits and (alias := self._aliases.get(bare)) is not None:
            return MatchResult(raw, alias[1].code, alias=alias[0], hidden=hidden)
        if not hits:  # spaces lost or added ('Đấtđai'): only an unambiguous hit counts
            compact = compact_key(bare)
            hits = list(dict.fromkeys(self._by_compact.get(compact, [])))
            if not hits and (alias_key := self._alias_compact.get(compact)) is not None:
                alias = self._aliases[alias_key]
                return MatchResult(raw, alias[1].code, alias=alias[0], hidden=hidden)
        if types is not None:
            hits = [c for c in hits if c.kind in types]
        if len(hits) == 1:
            return MatchResult(raw, hits[0].code, hidden=hidden)
        if len(hits) > 1:
            return MatchResult(raw, None, tuple(hits), _exact=True, hidden=hidden)
        return MatchResult(raw, None, self.suggest(raw), hidden=hidden)

    def suggest(self, text: str, n: int = 3) -> tuple[Candidate, ...]:
        """Up to `n` close names (aliases too, shown with the field they stand for)."""
        def bare_ascii(name: str) -> str:
            return ascii_key(strip_prefixes(name_key(name))[0]) if self._kind_prefixes else ascii_key(name)

        key = bare_ascii(text)
        pool = [(c, bare_ascii(c.name)) for c in self.candidates]
        pool += [(Candidate(target.code, f"{alias} – tên khác của {target.name}", target.kind), bare_ascii(alias))
                 for alias, target in self._aliases.values()]

        def score(item: tuple[Candidate, str]) -> float:
            c, name = item
            return max(difflib.SequenceMatcher(None, key, name).ratio(),
                       difflib.SequenceMatcher(None, key, c.code).ratio())

        scored = sorted(((score(item), i, item[0]) for i, item in enumerate(pool)), key=lambda t: (-t[0], t[1]))
        return tuple(c for ratio, _, c in scored[:n] if ratio >= 0.5)


@dataclass(frozen=True)
class Reference:
    """Units, fields (with aliases) and unit lineage, loaded once per parse."""

    units: Matcher
    fields: Matcher
    unit_by_code: dict[str, Candidate]
    lineage: tuple[LineageLink, ...] = ()


def _aliases(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    try:
        return con.execute("SELECT alias, field_code FROM field_aliases ORDER BY alias").fetchall()
    except duckdb.CatalogException:  # a database older than migration 006, opened without migrating
        return []


def _lineage(con: duckdb.DuckDBPyConnection) -> tuple[LineageLink, ...]:
    try:
        return tuple(lineage_links(con))
    except duckdb.CatalogException:
        return ()


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
    return Reference(Matcher(units, kind_prefixes=True), Matcher(fields, kind_prefixes=False, aliases=_aliases(con)),
                     {u.code: u for u in units}, _lineage(con))


# --- after matching: notes, lineage, alias roll-ups ---------------------------------------------

def hidden_character_notes(data: pd.DataFrame, ref: Reference) -> list[tuple[int, str, str]]:
    """(row position, column, message) for each distinct unit/field name that matched only
    after hidden or look-alike characters were removed: the sender should fix the source."""
    out: list[tuple[int, str, str]] = []
    for column, matcher, what in (("unit_code", ref.units, "đơn vị"), ("field_code", ref.fields, "lĩnh vực")):
        if column not in data.columns:
            continue
        cells = data[column].astype("string").str.strip().fillna("")
        codes, uniques = pd.factorize(cells, sort=False)
        for k, text in enumerate(uniques):
            if hidden_characters(text) and (note := matcher.match(text).note(what)):
                out.append((int(np.flatnonzero(codes == k)[0]), column, note))
    return out


def _valid_in(unit: Candidate, month: date) -> bool:
    starts = unit.valid_from.replace(day=1) if unit.valid_from else date.min
    return starts <= month and (unit.valid_to is None or month <= unit.valid_to)


def resolve_lineage(ref: Reference, unit_codes: np.ndarray, months: np.ndarray) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """Unit codes with each closed unit's later months moved to its single successor, and
    (row position, message) for the first row of each unit moved.

    Only a unit that no longer exists in that month, whose lineage leads to exactly one
    unit that does, is moved; a district split into several wards is left for the
    validity check to refuse (nobody can say which ward the figures belong to), with a
    message naming the units to write instead.
    """
    codes = np.asarray(unit_codes, dtype=object).copy()
    if not ref.lineage or not len(codes):
        return codes, []
    frame = pd.DataFrame({"unit": codes, "month": pd.to_datetime(months)})
    known = frame["unit"].notna() & frame["month"].notna()
    moved: dict[tuple[str, pd.Timestamp], str] = {}
    split: dict[str, list[Candidate]] = {}
    for unit_code, month in frame[known].drop_duplicates().itertuples(index=False):
        unit = ref.unit_by_code.get(unit_code)
        day = month.date()
        if unit is None or unit.valid_to is None or day <= unit.valid_to:
            continue
        targets = [ref.unit_by_code[s] for s in successors_in(ref.lineage, unit_code, day)
                   if s in ref.unit_by_code and _valid_in(ref.unit_by_code[s], day)]
        if len(targets) == 1:
            moved[(unit_code, month)] = targets[0].code
        elif targets:
            split.setdefault(unit_code, targets)
    if not moved and not split:
        return codes, []
    notes: dict[str, tuple[int, str, list[str]]] = {}
    first_split: dict[str, int] = {}
    for i, (unit_code, month) in enumerate(zip(frame["unit"], frame["month"], strict=True)):
        if unit_code in split:
            first_split.setdefault(unit_code, i)
        if (target := moved.get((unit_code, month))) is None:
            continue
        codes[i] = target
        first, _, months_seen = notes.setdefault(unit_code, (i, target, []))
        if (label := f"{month:%m/%Y}") not in months_seen:
            months_seen.append(label)

    def since(unit_code: str) -> Phrase | str:
        day = min((link.effective for link in ref.lineage if link.predecessor == unit_code), default=None)
        return phrase("ingest.note.since", day=day) if day else ""

    messages: list[tuple[int, Phrase]] = []
    for unit_code, (first, target, months_seen) in notes.items():
        old, new = ref.unit_by_code[unit_code], ref.unit_by_code[target]
        messages.append((first, phrase("ingest.note.unit_merged", old=old.name, new=new.name, since=since(unit_code),
                                       months=", ".join(months_seen))))
    for unit_code, targets in split.items():
        names = Phrases(tuple(phrase("ingest.problem.candidate", name=t.name, code=t.code) for t in targets))
        messages.append((first_split[unit_code], phrase("ingest.note.unit_split", old=ref.unit_by_code[unit_code].name,
                                                        since=since(unit_code), names=names)))
    return codes, messages


def field_sources(cells: pd.Series, matcher: Matcher) -> np.ndarray:
    """Per row, how its field name reached the code: the alias (normalised) or '' for the
    field's own code or name. Two rows of one key with different sources roll up."""
    texts = cells.astype("string").str.strip().fillna("")
    codes, uniques = pd.factorize(texts, sort=False)
    labels = np.array([name_key(r.alias) if (r := matcher.match(u)).alias else "" for u in uniques], dtype=object)
    return labels[codes] if len(codes) else np.array([], dtype=object)


def alias_rollup_rows(key_frame: pd.DataFrame, complete: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Rows whose key repeats only because distinct names roll up through aliases.

    A key group qualifies when every row reached the field by a different name and at
    least one by an alias; the same name twice (or the code and the name) is a genuine
    duplicate and stays an error.
    """
    keys = list(key_frame.columns)
    if not (sources != "").any():  # the usual file: no alias at all, nothing to group
        return np.zeros(len(key_frame), dtype=bool)
    frame = key_frame.assign(_source=sources, _alias=sources != "")[complete]
    if frame.empty:
        return np.zeros(len(key_frame), dtype=bool)
    groups = frame.groupby(keys, sort=False, dropna=False)
    size = groups["_source"].transform("size")
    distinct = groups["_source"].transform("nunique")
    has_alias = groups["_alias"].transform("max").astype(bool)
    rolled = (size > 1) & (distinct == size) & has_alias
    out = np.zeros(len(key_frame), dtype=bool)
    out[np.flatnonzero(complete)[rolled.to_numpy()]] = True
    return out


def sum_alias_rollups(out: pd.DataFrame, rolled: np.ndarray, keys: tuple[str, ...], names: pd.Series,
                      ref: Reference) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """The frame with each rolled-up key summed into its first row, and (row, message) notes.

    Counts add; a cell stays NULL ("not reported") only when every part is NULL. `out`
    carries `_row` (the first row is kept) and `names` the field names as written.
    """
    if not rolled.any():
        return out, []
    keys_l = list(keys)
    values = [c for c in out.columns if c not in keys_l and not c.startswith("_")]
    part = out[rolled].assign(_name=names[rolled].to_numpy())
    groups = part.groupby(keys_l, sort=False, dropna=False)
    summed = groups[values].sum(min_count=1)
    for col in values:
        # A NULL left in an int column cannot go back to int64: keep pandas' result then.
        with contextlib.suppress(TypeError, ValueError):
            summed[col] = summed[col].astype(out[col].dtype)
    firsts = groups[[c for c in out.columns if c.startswith("_")]].first()
    merged = summed.join(firsts).reset_index()[list(out.columns)]
    notes = []
    for key, group in groups:
        unit_code, field_code, month = (dict(zip(keys_l, key, strict=True))[k] for k in ("unit_code", "field_code", "month"))
        target = ref.fields.candidate(field_code)
        field_name = target.name if target else field_code
        unit = ref.unit_by_code.get(unit_code)
        listed = ", ".join(visible(n) for n in group["_name"])
        rows = ", ".join(str(int(r)) for r in group["_row"])
        notes.append((int(group["_row"].iloc[0]),
                      phrase("ingest.note.rows_summed", n=len(group), listed=listed, field=field_name,
                             unit=unit.name if unit else unit_code, month=pd.Timestamp(month), rows=rows)))
    combined = pd.concat([out[~rolled], merged], ignore_index=True)
    return combined.sort_values("_row", kind="stable").reset_index(drop=True), notes
