"""HTML tables saved with an .xls name: how provincial one-stop systems export "Excel".

Their "Excel" button commonly returns an HTML page (domain reference §3, "As provincial
one-stop systems render it"): title lines as rows inside the table or as <p>/<div> before
it, and header cells merged with rowspan/colspan. Excel opens such a file as one sheet,
each block of text one row and the table's rows below it; this module builds the same grid
of cell texts and hands it to the readers used for real workbooks (template header first,
then Biểu số 06), so both formats are read by one set of rules.

The bytes are untrusted. lxml's HTML parser reads them with no network access and without
loading any DTD or external entity (an HTML parser never expands them); scripts, styles and
comments are dropped before any text is read, nothing is executed, and the size of the file,
the table's cell count and its width are capped before the grid is built.
"""

from __future__ import annotations

import codecs
import re
from datetime import date
from pathlib import PurePath

import pandas as pd
from lxml import etree

from ingest.grid import template_table
from ingest.model import Problem
from ingest.official_form import read_official_sheet
from ingest.safety import _BOMS, UnsafeFile, looks_like_html, max_upload_bytes, too_large
from ingest.validation import RawTable
from ingest.wording import Count

__all__ = ["MAX_CELLS", "MAX_COLUMNS", "html_grid", "looks_like_html", "read_html_workbook"]

MAX_HTML_BYTES = 20 * 1024 * 1024   # never more than the upload limit, whatever it is set to
MAX_CELLS = 2_000_000               # after rowspan/colspan expansion: ~100,000 rows × 20 columns
MAX_COLUMNS = 256                   # the .xls (BIFF8) sheet width these files pretend to have
MAX_SPAN = 1000                     # a rowspan/colspan larger than this is hostile or broken

_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "header", "footer",
                         "section", "article", "blockquote", "pre", "address", "caption", "form"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    head = data[:4]
    if len(head) == 4 and (head[1] == 0 or head[0] == 0):
        return data.decode("utf-16-le" if head[1] == 0 else "utf-16-be", errors="replace")
    if m := _META_CHARSET.search(data[:4096]):
        try:
            return data.decode(codecs.lookup(m.group(1).decode("ascii")).name, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Vietnamese systems used Windows-1258; every byte decodes, so nothing is lost silently.
        return data.decode("cp1258", errors="replace")


def _parse(data: bytes) -> etree._Element:
    text = _decode(data)
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded already.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    # The plain etree HTML parser: lxml.html's element classes cost a lookup per element (measured:
    # a third of the time on a 10,000-row export) and nothing here needs them.
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
                              recover=True, default_doctype=False)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnsafeFile.of("ingest.html.unreadable", error=str(exc)) from None
    if root is None:
        raise UnsafeFile.of("ingest.html.empty")
    for bad in root.xpath("//script|//style|//noscript|//template|//object|//embed|//iframe|//head"):
        _drop(bad)
    return root


def _drop(el: etree._Element) -> None:
    """Remove an element and what it holds, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


_BREAK = "\ue000"  # a private-use character stands for <br> while whitespace is collapsed


def _cell_text(el: etree._Element) -> str:
    """The text a cell shows: whitespace collapsed as a browser does, <br> kept as a line break."""
    if len(el) == 0:  # the usual cell: text only
        return " ".join(el.text.split()) if el.text else ""
    for br in el.iter("br"):
        br.tail = _BREAK + (br.tail or "")
    text = "".join(t for t in el.itertext() if isinstance(t, str))
    lines = (" ".join(part.split()) for part in text.split(_BREAK))
    return "\n".join(line for line in lines if line)


def _span(el: etree._Element, name: str) -> int:
    value = el.get(name)
    if value is None:
        return 1
    try:
        return max(1, min(int(value.strip() or 1), MAX_SPAN))
    except ValueError:
        return 1


_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_CELL_TAGS = frozenset({"td", "th"})


def _rows_of(table: etree._Element):
    """The table's own <tr>, directly or inside thead/tbody/tfoot (never a nested table's)."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from (tr for tr in child if tr.tag == "tr")


def _take_carry(row: list[str], carry: dict[int, tuple[int, str]], col: int) -> int:
    """Fill the cells at `col`… that a rowspan from above covers; the next free column."""
    while col in carry:
        left, text = carry[col]
        row.append(text)
        if left > 1:
            carry[col] = (left - 1, text)
        else:
            del carry[col]
        col += 1
    return col


def _table_rows(table: etree._Element, budget: list[int]) -> list[list[str]]:
    """The table's rows with rowspan/colspan expanded: a spanned cell's text fills every cell it covers
    (as a merged range reads once flattened)."""
    rows: list[list[str]] = []
    carry: dict[int, tuple[int, str]] = {}  # column → (rows still covered, text) from a rowspan above
    for tr in _rows_of(table):
        row: list[str] = []
        col = 0
        for td in tr:
            if td.tag not in _CELL_TAGS:
                continue
            if carry:
                col = _take_carry(row, carry, col)
            # The usual cell has text only and no spans: the fast path (10,000-row exports).
            text = " ".join(td.text.split()) if len(td) == 0 and td.text else _cell_text(td) if len(td) else ""
            attrs = td.attrib
            if "rowspan" not in attrs and "colspan" not in attrs:
                row.append(text)
                col += 1
                continue
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            for _ in range(colspan):
                row.append(text)
                if rowspan > 1:
                    carry[col] = (rowspan - 1, text)
                col += 1
            if col > MAX_COLUMNS:
                raise UnsafeFile.of("ingest.html.too_wide", columns=MAX_COLUMNS)
        if len(row) > MAX_COLUMNS:
            raise UnsafeFile.of("ingest.html.too_wide", columns=MAX_COLUMNS)
        if carry:
            col = _take_carry(row, carry, col)
        # Columns still covered by a rowspan to the right of this row's last cell.
        for c in sorted(k for k in carry if k >= col):
            row.extend([""] * (c - len(row)))
            left, text = carry.pop(c)
            row.append(text)
            if left > 1:
                carry[c] = (left - 1, text)
        budget[0] -= max(len(row), 1)
        if budget[0] < 0:
            raise UnsafeFile.of("ingest.html.too_many_cells", cells=Count(MAX_CELLS))
        rows.append(row)
    return rows


def html_grid(data: bytes) -> list[list[str]]:
    """The page as Excel lays it out: each block of text outside tables one row, then each table's rows."""
    limit = min(max_upload_bytes(), MAX_HTML_BYTES)
    if len(data) > limit:
        raise too_large(len(data), limit)
    root = _parse(data)
    body = root.find("body")
    grid: list[list[str]] = []
    budget = [MAX_CELLS]

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str):
            return
        if el.tag == "table":
            grid.extend(_table_rows(el, budget))
            return
        if el.tag in _BLOCK_TAGS and not el.xpath(".//table"):
            if text := _cell_text(el):
                grid.extend([line] for line in text.split("\n"))
            return
        if el.text and el.text.strip():
            grid.append([el.text.strip()])
        for child in el:
            walk(child)
            if child.tail and child.tail.strip():
                grid.append([child.tail.strip()])

    walk(body if body is not None else root)
    return grid


def read_html_workbook(file: str, data: bytes, unit: str | None, period: str | None, today: date | None = None,
                       ) -> tuple[list[RawTable], list[Problem]]:
    """Tables and problems of an HTML export, read by the same rules as a workbook sheet.

    The sheet is named after the file, as Excel names it when it opens such a file.
    """
    rows = html_grid(data)
    sheet = PurePath(file).stem[:31]
    if not rows:
        return [], [Problem.of(file, "", None, "", "ingest.html.not_a_form", file=file)]
    width = max(len(r) for r in rows)
    grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    if (table := template_table(file, sheet, grid)) is not None:
        return [table], []
    official = read_official_sheet(file, sheet, grid, unit, period, today=today)
    if official is None:
        return [], [Problem.of(file, "", None, "", "ingest.html.not_a_form", file=file)]
    return official
