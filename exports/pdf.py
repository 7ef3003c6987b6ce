"""Several one-page chart PDFs merged into one document (vector, one chart per page)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from pypdf import PdfReader, PdfWriter


def merge_pdfs(documents: Iterable[bytes], title: str = "") -> bytes:
    writer = PdfWriter()
    for doc in documents:
        writer.append(PdfReader(io.BytesIO(doc)))
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
