"""Look inside an .xlsx before python-calamine does, and refuse sheets that would blow it up.

calamine turns a sheet into a dense grid from A1 to the furthest cell that holds a value: a
5 KB file with one value at XFD1048576 makes it ask for 512 GB and abort the whole process
(SIGABRT, no Python exception; see /work/shared/STACK_NOTES.md). So every worksheet that will
be read is streamed once through this module first, and refused when its cells reach beyond:

    MAX_ROWS = 200,000 rows, MAX_COLUMNS = 200 columns (GR),
    MAX_CELLS = 5,000,000 cells holding a value,
    MAX_GRID_CELLS = 10,000,000 cells in the rectangle A1:last column × last row
                     (what calamine and `to_python` really allocate),
    MAX_SHARED_STRINGS = 2,000,000 entries in xl/sharedStrings.xml.

What is tolerated, because calamine ignores it (measured on python-calamine 0.9.1):
- a declared `<dimension ref="A1:XFD1048576">`: only the real cells count;
- cells without a value (style only, `<c r="XFD1048576" s="1"/>`, or a formula without a
  cached value), wherever they are. A cell with an *empty* value (`<v></v>`, `<is><t/></is>`)
  is kept by calamine, so it counts.

The same pass collects what the reader must skip: hidden and very hidden sheets (workbook.xml),
hidden rows (`<row hidden="1">`) and hidden columns (`<col min max hidden="1">`).

Speed: the 100,000-row benchmark sheet is 75 MB of XML and 2 million cells; a Python callback per
element (expat, iterparse) takes 3–5 s there, more than calamine itself. So each sheet is one
streaming pass over decompressed 4 MB chunks, in up to three tiers:
1. one regular-expression pass finds the "candidate" cells, those not written `<c r="` + one
   capital + at most five digits; the others lie within A1:Z99999 whatever they hold, so a table
   of up to 26 columns and 99,999 rows is cleared at C speed (0.4–0.6 s for the benchmark sheet,
   against ~4 s for calamine's own read, on this shared 2-core machine);
2. a chunk with many candidates (wide tables) is read exactly with NumPy, one vector operation
   per step for all its cells; so is a sheet too big to hold fewer than MAX_CELLS cells;
3. namespace prefixes (`<x:c>`, as .NET's OpenXML SDK writes) or cells without `r` go through
   expat, which places cells the way calamine does; slower, but rare.
The row and column counts of a SheetLayout are therefore exact for small sheets and for every
candidate, and an upper bound (99,999 / 26) for plain cells of big sheets.
No XML parser here expands entities, and a DOCTYPE (XML allows one only before the root element)
is refused.
"""

from __future__ import annotations

import io
import re
import xml.parsers.expat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from posixpath import join as posix_join
from posixpath import normpath

import numpy as np

from ingest.safety import UnsafeFile
from ingest.wording import Count, Phrase, phrase, render

MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 5_000_000
MAX_GRID_CELLS = 10_000_000
MAX_SHARED_STRINGS = 2_000_000
# workbook.xml and its relationships list sheets; a real one is a few KB.
MAX_META_BYTES = 5 * 1024 * 1024
# Everything before <sheetData> (views, column widths); a real one is a few KB.
MAX_SHEET_HEADER_BYTES = 5 * 1024 * 1024

_CHUNK_BYTES = 4 * 1024 * 1024
_EXCEL_MAX_ROW = 1_048_576
_EXCEL_MAX_COL = 16_384


class LocatedRefusal(UnsafeFile):
    """A refusal that points at a sheet (and a cell), so the problem list can say where."""

    def __init__(self, message: str, sheet: str = "", row: int | None = None, column: str = "", /, *,
                 key: str | None = None, **params: object) -> None:
        super().__init__(message, key=key, **params)
        self.sheet = sheet
        self.row = row
        self.column = column

    @classmethod
    def at(cls, key: str, sheet: str, row: int | None = None, column: str = "", /, **params: object):
        """A refusal worded by the catalogue entry `key`, located at `sheet` (and a cell)."""
        return cls(render(key, "vi", params), sheet, row, column, key=key, **params)


@dataclass(frozen=True)
class SheetLayout:
    """One sheet as listed in workbook.xml, and what the scan found in its XML (1-based indexes)."""

    name: str
    part: str                  # zip member, e.g. "xl/worksheets/sheet1.xml"
    state: str = "visible"     # "visible", "hidden" or "veryHidden"
    declared: str | None = None  # <dimension ref>, as written
    rows: int = 0              # last row holding a value (0: none)
    columns: int = 0           # last column holding a value
    cells: int = 0             # cells holding a value
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    formulas: bool = False     # the sheet holds formulas (cached values are checked by formula_check)

    @property
    def visible(self) -> bool:
        return self.state == "visible"


@dataclass(frozen=True)
class WorkbookLayout:
    sheets: tuple[SheetLayout, ...] = field(default_factory=tuple)

    def sheet(self, name: str) -> SheetLayout | None:
        return next((s for s in self.sheets if s.name == name), None)


def column_letters(column: int) -> str:
    """1 → A, 16384 → XFD."""
    letters = ""
    while column > 0:
        column, rem = divmod(column - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def limits_phrase() -> Phrase:
    """"16384 cột × 1.048.576 dòng": the largest sheet read, in words of either language."""
    return phrase("ingest.guard.limits", columns=MAX_COLUMNS, rows=Count(MAX_ROWS))


def inspect_xlsx(file: str, data: bytes) -> WorkbookLayout:
    """Scan every visible worksheet of an .xlsx/.xlsm; raise `UnsafeFile` (often `LocatedRefusal`)
    when one would make calamine allocate beyond the limits. Hidden sheets are listed, not scanned:
    they are never handed to calamine."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnsafeFile.of("ingest.guard.broken_zip", file=file) from None
    with zf:
        try:
            sheets = _workbook_sheets(file, zf)
            _check_shared_strings(file, zf)
            scanned = []
            for sheet in sheets:
                # Hidden sheets are never handed to calamine, so their cells cannot hurt.
                scanned.append(_scan_sheet(file, zf, sheet) if sheet.visible else sheet)
        except UnsafeFile:
            raise
        except Exception as exc:  # zlib.error, BadZipFile, EOFError, NotImplementedError...
            raise UnsafeFile.of("ingest.guard.unzip_failed", file=file, error=type(exc).__name__) from None
    return WorkbookLayout(tuple(scanned))


# --- workbook.xml, relationships, shared strings ---------------------------------------------


def _small_part(file: str, zf: zipfile.ZipFile, name: str) -> bytes | None:
    info = zf.NameToInfo.get(name)
    if info is None:
        return None
    if info.file_size > MAX_META_BYTES:
        raise UnsafeFile.of("ingest.guard.part_too_big_mb", file=file, part=name, mb=info.file_size // (1024 * 1024))
    with zf.open(info) as f:
        raw = f.read(MAX_META_BYTES + 1)
    if len(raw) > MAX_META_BYTES:  # the zip header lied about the size
        raise UnsafeFile.of("ingest.guard.part_too_big", file=file, part=name)
    return raw


def _parse_small(file: str, name: str, raw: bytes) -> list[tuple[str, dict[str, str]]]:
    """(local tag name, attributes) of every start tag; expat without DTD, entities refused."""
    out: list[tuple[str, dict[str, str]]] = []
    parser = xml.parsers.expat.ParserCreate()

    def refuse_dtd(*_args: object) -> None:
        raise UnsafeFile.of("ingest.guard.part_doctype", file=file, part=name)

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartElementHandler = lambda tag, attrs: out.append(
        (tag.rpartition(":")[2], {k.rpartition(":")[2]: v for k, v in attrs.items()}))
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError:
        raise UnsafeFile.of("ingest.guard.part_bad_xml", file=file, part=name) from None
    return out


def _workbook_sheets(file: str, zf: zipfile.ZipFile) -> list[SheetLayout]:
    raw = _small_part(file, zf, "xl/workbook.xml")
    if raw is None:
        raise UnsafeFile.of("ingest.guard.no_workbook", file=file)
    rels_raw = _small_part(file, zf, "xl/_rels/workbook.xml.rels") or b"<Relationships/>"
    targets = {a.get("Id", ""): a.get("Target", "") for tag, a in _parse_small(file, "xl/_rels/workbook.xml.rels",
                                                                                 rels_raw) if tag == "Relationship"}
    sheets = []
    for tag, attrs in _parse_small(file, "xl/workbook.xml", raw):
        if tag != "sheet":
            continue
        name = attrs.get("name", "")
        target = targets.get(attrs.get("id", ""), "")
        # Absolute from the package root, otherwise relative to xl/ (a few writers put "xl/..." anyway).
        candidates = [normpath(target.lstrip("/"))] if target.startswith("/") else \
            [normpath(posix_join("xl", target)), normpath(target)]
        part = next((c for c in candidates if c in zf.NameToInfo), None)
        state = attrs.get("state", "visible") or "visible"
        if part is None and state == "visible":
            # Scanning something else than what calamine would open is no guard at all.
            raise LocatedRefusal.at("ingest.guard.sheet_missing", name, file=file, sheet=name)
        sheets.append(SheetLayout(name, part or "", state))
    return sheets


def _check_shared_strings(file: str, zf: zipfile.ZipFile) -> None:
    """calamine loads every shared string when it opens the workbook."""
    info = zf.NameToInfo.get("xl/sharedStrings.xml")
    if info is None:
        return
    count = 0
    tail = b""
    for chunk in _chunks(zf, info):
        buf = tail + chunk
        count += buf.count(b"<si>") + buf.count(b"<si ") + buf.count(b":si>") + buf.count(b":si ")
        tail = buf[-4:]
        count -= tail.count(b"<si>") + tail.count(b"<si ") + tail.count(b":si>") + tail.count(b":si ")
        if count > MAX_SHARED_STRINGS:
            raise UnsafeFile.of("ingest.guard.shared_strings", file=file, limit=Count(MAX_SHARED_STRINGS))


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with zf.open(info) as f:
        while chunk := f.read(_CHUNK_BYTES):
            yield chunk


# --- one worksheet ------------------------------------------------------------------------------


class _NeedExact(Exception):
    """The fast scanner met a layout it does not model; the exact pass takes over."""


@dataclass
class _Scan:
    file: str
    sheet: str
    rows: int = 0       # exact extent of the cells looked at one by one
    columns: int = 0
    cells: int = 0
    plain: bool = False  # cells the fast scan cleared without looking: within A1:Z99999
    declared: str | None = None
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formulas: bool = False

    def add_cells(self, rows: np.ndarray, cols: np.ndarray) -> None:
        """Cells holding a value (1-based). Refuses at the first one beyond the limits."""
        if not len(rows):
            return
        far = (rows > MAX_ROWS) | (cols > MAX_COLUMNS)
        if far.any():
            i = int(np.flatnonzero(far)[0])
            self.refuse_far(int(rows[i]), int(cols[i]))
        self.rows = max(self.rows, int(rows.max()))
        self.columns = max(self.columns, int(cols.max()))
        self.cells += len(rows)
        if self.cells > MAX_CELLS:
            raise LocatedRefusal.at("ingest.guard.too_many_cells", self.sheet, sheet=self.sheet, file=self.file,
                                    limit=Count(MAX_CELLS))
        self.check_grid()

    def add_plain(self) -> None:
        self.plain = True
        self.check_grid()

    def extent(self) -> tuple[int, int]:
        """(rows, columns) of the grid calamine will build, or an upper bound of it."""
        if self.plain:
            return max(self.rows, _PLAIN_ROWS), max(self.columns, _PLAIN_COLUMNS)
        return self.rows, self.columns

    def check_grid(self) -> None:
        rows, columns = self.extent()
        if rows * columns <= MAX_GRID_CELLS:
            return
        if self.plain and self.rows * self.columns <= MAX_GRID_CELLS:
            raise _NeedExact  # only the bound is too big: count exactly before refusing
        ref = f"{column_letters(self.columns)}{self.rows}"
        raise LocatedRefusal.at("ingest.guard.grid_too_big", self.sheet, sheet=self.sheet, file=self.file, ref=ref,
                                rows=Count(self.rows), columns=self.columns, limit=Count(MAX_GRID_CELLS))

    def refuse_far(self, row: int, col: int) -> None:
        shown_row = row if row <= _EXCEL_MAX_ROW else f"{_EXCEL_MAX_ROW}+"
        ref = f"{column_letters(min(col, _EXCEL_MAX_COL))}{shown_row}"
        raise LocatedRefusal.at("ingest.guard.far_cell", self.sheet, row if row <= _EXCEL_MAX_ROW else None,
                                column_letters(min(col, _EXCEL_MAX_COL)), sheet=self.sheet, file=self.file, ref=ref,
                                limits=limits_phrase())

    def layout(self, sheet: SheetLayout) -> SheetLayout:
        rows, columns = self.extent()
        return SheetLayout(sheet.name, sheet.part, sheet.state, self.declared, rows, columns, self.cells,
                           frozenset(self.hidden_rows), frozenset(self.hidden_columns), self.formulas)


def _scan_sheet(file: str, zf: zipfile.ZipFile, sheet: SheetLayout) -> SheetLayout:
    info = zf.NameToInfo[sheet.part]
    # A small sheet, or one that may hold more than MAX_CELLS cells, is counted cell by cell at once.
    exact = info.file_size <= _CHUNK_BYTES or info.file_size > MAX_CELLS * _MIN_CELL_BYTES
    for scan_chunk in ([] if exact else [_scan_candidates]) + [_scan_cells]:
        try:
            scan = _Scan(file, sheet.name)
            _scan_stream(zf, info, scan, scan_chunk)
            return scan.layout(sheet)
        except _NeedExact:
            continue
    scan = _Scan(file, sheet.name)
    _scan_exact(zf, info, scan)
    return scan.layout(sheet)


_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>/]")
_SHEET_DATA = re.compile(rb"<sheetData[\s>/]")
_DIMENSION = re.compile(rb"<dimension\b[^>]*?\bref=\"([^\"]*)\"")
_COL = re.compile(rb"<col\b([^>]*)>")
_ATTR = re.compile(rb"([\w:.-]+)\s*=\s*\"([^\"]*)\"")
_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_TRUE = (b"1", b"true")


def _refuse_dtd(file: str, sheet: str) -> None:
    raise LocatedRefusal.at("ingest.guard.sheet_doctype", sheet, sheet=sheet, file=file)


def _scan_stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, scan: _Scan,
                 scan_chunk: Callable[[bytes, _Scan], None]) -> None:
    """One pass over the sheet XML: header by regular expressions, cells chunk by chunk."""
    chunks = _chunks(zf, info)
    head = b""
    for chunk in chunks:  # everything up to <sheetData>: root, dimension, hidden columns
        head += chunk
        if (m := _SHEET_DATA.search(head)) is not None:
            break
        if len(head) > MAX_SHEET_HEADER_BYTES:
            raise LocatedRefusal.at("ingest.guard.sheet_head_too_big", scan.sheet, sheet=scan.sheet, file=scan.file)
    else:
        m = _SHEET_DATA.search(head)
    prolog = head[:m.start()] if m else head
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        _refuse_dtd(scan.file, scan.sheet)
    root = _ROOT.search(prolog)
    if root is None or root.group(1) or (m is None and b"sheetData" in head):
        raise _NeedExact  # prefixed elements (<x:worksheet>) or an odd layout
    if (dim := _DIMENSION.search(prolog)) is not None:
        scan.declared = dim.group(1).decode("ascii", "replace")
    for col in _COL.finditer(prolog):
        _hidden_columns(scan, dict(_ATTR.findall(col.group(1))))
    if m is None or head[m.end() - 1:m.end() + 1] == b"/>":
        return  # no cells
    carry = head[m.end():]
    scan.formulas = _has_formula(carry)
    for chunk in chunks:
        buf = carry + chunk
        scan.formulas = scan.formulas or _has_formula(buf)
        end = buf.find(b"</sheetData")
        if end >= 0:
            scan_chunk(buf[:end], scan)
            return
        # Cut before the last cell or row start: everything before it is complete tags.
        cut = max(buf.rfind(b"<c "), buf.rfind(b"<row"))
        if cut <= 0:
            carry = buf  # one tag longer than a chunk: read on (the zip size limit bounds it)
            continue
        scan_chunk(buf[:cut], scan)
        carry = buf[cut:]
    end = carry.find(b"</sheetData")
    scan_chunk(carry[:end] if end >= 0 else carry, scan)


def _has_formula(buf: bytes) -> bool:
    """A cheap test (a byte search) for a <f> element; only such sheets get the exact formula check."""
    return b"<f>" in buf or b"<f " in buf


def _hidden_columns(scan: _Scan, attrs: dict[bytes, bytes]) -> None:
    if attrs.get(b"hidden") not in _TRUE:
        return
    try:
        lo, hi = int(attrs.get(b"min", b"0")), int(attrs.get(b"max", b"0"))
    except ValueError:
        return
    scan.hidden_columns.update(range(max(lo, 1), min(hi, _EXCEL_MAX_COL) + 1))


# Byte classes for the vectorised scan.
_NAME_END = np.zeros(256, dtype=bool)
_NAME_END[[ord(c) for c in " \t\r\n>/"]] = True
_UPPER = np.zeros(256, dtype=bool)
_UPPER[ord("A"):ord("Z") + 1] = True
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[ord("0"):ord("9") + 1] = True
_DELIM = np.zeros(256, dtype=bool)
_DELIM[[ord(c) for c in " \t\r\n\"'=>/"]] = True
_PAD = b"\0" * 16


# A "plain" cell is written `<c r="` + one capital letter + at most five digits: it lies within
# A1:Z99999, whatever it holds. Every other <c> tag is a candidate worth a closer look (two or more
# letters, six or more digits, lower case letters, which calamine also accepts, `$`, another
# attribute first, no r at all). A table of up to 26 columns and 99,999 rows has none, so one
# regular-expression pass (C speed) clears the chunk.
_CANDIDATE = re.compile(rb'<c(?! r="[A-Z]\d{1,5}")[\s>/]')
_CELL_REF = re.compile(rb'<c r="([A-Z]+)(\d+)"')
_NEXT_CELL = re.compile(rb"<(?:c[\s>/]|/?row[\s>/])")
_VALUE = re.compile(rb"<(?:v|is)[\s>/]")
_MIN_CELL_BYTES = len(b'<c r="A1"><v/></c>')  # the shortest plain cell holding a value
_MAX_CANDIDATES = 2_000  # beyond this, NumPy does the chunk faster than a loop per cell
_PLAIN_ROWS, _PLAIN_COLUMNS = 99_999, 26  # what a cell that is not a candidate can reach


def _scan_candidates(buf: bytes, scan: _Scan) -> None:
    """A chunk of complete tags inside <sheetData>, fast: only candidate cells are looked at."""
    if not buf:
        return
    if b":" in buf and buf.count(b":") != buf.count(b' spans="') + buf.count(b" x14ac:"):
        return _scan_cells(buf, scan)  # colons other than Excel's row attributes: maybe prefixes
    candidates = []
    for i, m in enumerate(_CANDIDATE.finditer(buf)):
        if i >= _MAX_CANDIDATES:
            return _scan_cells(buf, scan)
        candidates.append(m.start())
    if b"hidden" in buf:
        _hidden_rows(buf, scan)
    rows, cols = [], []
    for pos in candidates:
        ref = _CELL_REF.match(buf, pos)
        if ref is None:
            raise _NeedExact  # <c> without r first: the exact pass places it
        nxt = _NEXT_CELL.search(buf, ref.end())
        if _VALUE.search(buf, ref.end(), nxt.start() if nxt else len(buf)) is None:
            continue  # style only: calamine ignores it
        col = 0
        for ch in ref.group(1)[:4]:
            col = col * 26 + ch - 64
        rows.append(min(int(ref.group(2)[:8]), _EXCEL_MAX_ROW + 1))
        cols.append(col)
    scan.add_cells(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))
    if b"<c " in buf:  # some cells were cleared without a look (or may have been): keep their bound
        scan.add_plain()


def _scan_cells(buf: bytes, scan: _Scan) -> None:
    """Cells of a run of complete tags inside <sheetData>, exactly, without a Python loop per cell."""
    if not buf:
        return
    arr = np.frombuffer(buf + _PAD, dtype=np.uint8)
    lt = np.flatnonzero(arr[:len(buf)] == 0x3C)
    a1, a2, a3 = arr[lt + 1], arr[lt + 2], arr[lt + 3]
    if (colons := np.flatnonzero(arr == 0x3A)).size:
        # A colon inside a tag name (<x:c ...>) means namespace prefixes: calamine matches local names.
        delims = np.flatnonzero(_DELIM[arr])
        prev_lt = np.searchsorted(lt, colons) - 1
        prev_delim = np.searchsorted(delims, colons) - 1
        lt_pos = np.where(prev_lt >= 0, lt[np.maximum(prev_lt, 0)], -1)
        delim_pos = np.where(prev_delim >= 0, delims[np.maximum(prev_delim, 0)], -1)
        if ((lt_pos >= 0) & (lt_pos > delim_pos)).any():
            raise _NeedExact
    is_cell = (a1 == ord("c")) & _NAME_END[a2]
    is_row = ((a1 == ord("r")) & (a2 == ord("o")) & (a3 == ord("w")) & _NAME_END[arr[lt + 4]]) \
        | ((a1 == ord("/")) & (a2 == ord("r")) & (a3 == ord("o")))
    cells = lt[is_cell]
    values = lt[((a1 == ord("v")) & _NAME_END[a2]) | ((a1 == ord("i")) & (a2 == ord("s")) & _NAME_END[a3])]
    if b"hidden" in buf:
        _hidden_rows(buf, scan)
    if not cells.size:
        return
    if not ((arr[cells + 2] == 0x20) & (arr[cells + 3] == ord("r")) & (arr[cells + 4] == ord("="))
            & (arr[cells + 5] == ord('"'))).all():
        raise _NeedExact  # a cell without r, or r not first: positions depend on the row
    # A cell holds a value when a <v> or <is> starts before the next cell or row tag. Counting this
    # way ignores what sits inside attributes, so a '/>' in an attribute cannot hide a value.
    bounds = lt[is_cell | is_row]  # sorted, as lt is
    nxt = np.searchsorted(bounds, cells, side="right")
    stop = np.where(nxt < len(bounds), bounds[np.minimum(nxt, len(bounds) - 1)], len(buf))
    valued = np.searchsorted(values, stop) > np.searchsorted(values, cells)
    if not valued.any():
        return
    p = cells[valued] + 6
    c0, c1, c2, c3 = (arr[p + k].astype(np.int64) for k in range(4))
    l0 = _UPPER[c0]
    l1 = l0 & _UPPER[c1]
    l2 = l1 & _UPPER[c2]
    if not l0.all():
        raise _NeedExact  # r="" or r="1": let the exact pass decide
    col = np.where(l2, (c0 - 64) * 676 + (c1 - 64) * 26 + (c2 - 64),
                   np.where(l1, (c0 - 64) * 26 + (c1 - 64), c0 - 64))
    col = np.where(l2 & _UPPER[c3], _EXCEL_MAX_COL + 1, col)  # four letters: beyond XFD
    start = p + 1 + l1 + l2
    row = np.zeros(len(p), dtype=np.int64)
    going = np.ones(len(p), dtype=bool)
    for k in range(8):
        d = arr[start + k]
        going &= _DIGIT[d]
        row = np.where(going, row * 10 + (d.astype(np.int64) - 48), row)
    row = np.where(going, _EXCEL_MAX_ROW + 1, row)  # eight digits or more
    if not (row > 0).all():
        raise _NeedExact
    scan.add_cells(row, col)


def _hidden_rows(buf: bytes, scan: _Scan) -> None:
    pos = buf.find(b"hidden")
    while pos >= 0:
        tag_start = buf.rfind(b"<", 0, pos)
        if buf.startswith(b"<row", tag_start) and (m := _ROW_TAG.match(buf, tag_start)):
            attrs = dict(_ATTR.findall(m.group(1)))
            if attrs.get(b"hidden") in _TRUE:
                r = attrs.get(b"r", b"")
                if not r.isdigit():
                    raise _NeedExact  # a hidden row without its number: count rows exactly
                scan.hidden_rows.add(int(r))
        pos = buf.find(b"hidden", pos + 6)


def _scan_exact(zf: zipfile.ZipFile, info: zipfile.ZipInfo, scan: _Scan) -> None:
    """Every element through expat, placing cells the way calamine does (local names, cells
    without `r` following the previous one in their row)."""
    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = lambda *_: _refuse_dtd(scan.file, scan.sheet)
    parser.EntityDeclHandler = lambda *_: _refuse_dtd(scan.file, scan.sheet)
    state: dict = {"row": 0, "col": 0, "cell": None, "valued": False, "in_data": False, "far": None}
    pending: list[tuple[int, int]] = []

    def flush() -> None:
        if pending:
            rows = np.fromiter((r for r, _ in pending), dtype=np.int64, count=len(pending))
            cols = np.fromiter((c for _, c in pending), dtype=np.int64, count=len(pending))
            pending.clear()
            scan.add_cells(rows, cols)

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "c" and state["in_data"]:
            ref = attrs.get("r")
            parsed = _parse_ref(ref) if ref else None
            if parsed is None:
                state["col"] += 1
                parsed = (state["row"], state["col"])
            else:
                state["col"] = parsed[1]
            if parsed[0] > MAX_ROWS or parsed[1] > MAX_COLUMNS:
                state["far"] = parsed  # refused only if it holds a value (see <v>/<is> below)
            state["cell"], state["valued"] = parsed, False
        elif local in ("v", "is") and state["cell"] is not None and not state["valued"]:
            state["valued"] = True
            if state["cell"] == state.get("far"):
                scan.refuse_far(*state["cell"])
            pending.append(state["cell"])
            if len(pending) >= 100_000:
                flush()
        elif local == "row" and state["in_data"]:
            r = attrs.get("r", "")
            state["row"] = int(r) if r.isdigit() else state["row"] + 1
            state["col"] = 0
            if attrs.get("hidden") in ("1", "true"):
                scan.hidden_rows.add(state["row"])
        elif local == "sheetData":
            state["in_data"] = True
        elif local == "dimension":
            scan.declared = attrs.get("ref")
        elif local == "col":
            _hidden_columns(scan, {k.rpartition(":")[2].encode(): v.encode() for k, v in attrs.items()})

    def end(tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "c":
            state["cell"] = None
        elif local == "sheetData":
            state["in_data"] = False

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        for chunk in _chunks(zf, info):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError:
        raise LocatedRefusal.at("ingest.guard.sheet_bad_xml", scan.sheet, sheet=scan.sheet, file=scan.file) from None
    flush()


_REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?(\d{1,9})$")


def _parse_ref(ref: str) -> tuple[int, int] | None:
    if (m := _REF.match(ref)) is None:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col
