"""Find formula cells that carry no computed value in an .xlsx (pure, streaming, no calamine).

Excel saves each formula with its last result (`<c r="B2"><f>SUM(…)</f><v>42</v></c>`).
Files written by generators (openpyxl, many reporting systems) often store the formula
only (`<f>` without `<v>`); calamine then reads the cell as empty and a total silently
becomes "not reported" or 0. We cannot compute formulas, so such cells are reported
and the user is asked to open and save the file in Excel.

Called by the xlsx guard (`ingest/xlsx_guard.py`, which already streams each sheet's XML
before calamine sees the file); this module only finds the cells and words the problem.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import IO
from xml.etree.ElementTree import XMLPullParser

from ingest.wording import Phrase, phrase, render

# Cells listed by name in one message; the rest are counted.
MAX_CELLS_NAMED = 10


def _local(tag: str) -> str:
    """Tag without its namespace: transitional and strict OOXML use different ones."""
    return tag.rsplit("}", 1)[-1]


def _events(source: bytes | IO[bytes], chunk: int = 1 << 16) -> Iterable[tuple[str, object]]:
    """(event, element) pairs from XML bytes or a binary stream, read in chunks (sheets can be large)."""
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    parser = XMLPullParser(events=("start", "end"))
    while block := stream.read(chunk):
        parser.feed(block)
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def formula_cells_without_value(sheet_xml: bytes | IO[bytes]) -> list[str]:
    """References ("B7") of the cells of one worksheet XML that have a formula but no cached value."""
    found: list[str] = []
    ref, has_formula, has_value = None, False, False
    for event, element in _events(sheet_xml):
        name = _local(element.tag)
        if event == "start":
            if name == "c":
                ref, has_formula, has_value = element.get("r"), False, False
            continue
        if name == "f":
            has_formula = True
        elif name in ("v", "is"):
            # An empty <v/> is no value either; an inline string (<is>) is one.
            has_value = has_value or name == "is" or bool((element.text or "").strip())
        elif name == "c":
            if has_formula and not has_value:
                found.append(ref or "?")
            ref = None
            element.clear()
        elif name == "row":
            element.clear()  # keep memory flat on big sheets
    return found


def formula_problem(cells: list[str]) -> Phrase:
    """The problem of the cells of one sheet, worded for any language (the caller adds file and sheet)."""
    named = ", ".join(cells[:MAX_CELLS_NAMED])
    more = phrase("ingest.problem.more_cells", n=len(cells) - MAX_CELLS_NAMED) if len(cells) > MAX_CELLS_NAMED else ""
    return phrase("ingest.problem.formulas_without_value", cells=named, more=more)


def formula_problem_message(cells: list[str]) -> str:
    """`formula_problem` as the Vietnamese sentence."""
    found = formula_problem(cells)
    return render(found.key, "vi", found.params)
