"""Refuse files that are too big or not what their extension claims, before any parser sees them."""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from enum import StrEnum

import config
from i18n.catalogue import text as words
from ingest.model import WordedError

DEFAULT_MAX_UPLOAD_MB = config.setting("max_upload_mb").default
MAX_UPLOAD_ENV_VAR = config.setting("max_upload_mb").env
# A real workbook of this project's size never unpacks to more than this, nor
# compresses a large member better than this ratio; a zip bomb does both.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECK_MIN_BYTES = 5 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


class FileKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    XLS = "xls"
    HTML = "html"  # an HTML table saved with an .xls name: how one-stop systems export "Excel"


class UnsafeFile(WordedError):
    """The file is refused; str() is the Vietnamese reason, `key` and `params` the catalogue's."""


def max_upload_bytes() -> int:
    return int(config.get("max_upload_mb") * 1024 * 1024)


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<?xml", b"<style", b"<div",
                 b"<p", b"<!--")


def _text_head(data: bytes, size: int = 1024) -> bytes:
    """The first bytes as lower-case ASCII, whatever the encoding (UTF-16 included)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):len(bom) + 2 * size].decode(codec, errors="ignore").encode("ascii", "ignore").lower()
    head = data[:2 * size]
    if len(head) > 3 and (head[1:2] == b"\x00" or head[0:1] == b"\x00"):  # UTF-16 without a BOM
        codec = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return head.decode(codec, errors="ignore").encode("ascii", "ignore").lower()
    return head[:size].lower()


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes are an HTML page (after a BOM and whitespace; UTF-8, UTF-16 or a legacy code page).

    Workbooks start with binary signatures (PK for .xlsx, D0 CF 11 E0 for .xls), so a file
    whose first non-blank character opens an HTML tag is never a real workbook.
    """
    return _text_head(data).lstrip(b" \t\r\n\x00").startswith(_HTML_MARKERS)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise UnsafeFile.of("ingest.unsafe.broken_zip") from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise UnsafeFile.of("ingest.unsafe.zip_renamed")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeFile.of("ingest.unsafe.unpacks_too_big", mb=total // (1024 * 1024))
    for i in infos:
        if i.file_size >= RATIO_CHECK_MIN_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise UnsafeFile.of("ingest.unsafe.zip_ratio", part=i.filename,
                                ratio=i.file_size // max(i.compress_size, 1))


def _check_ole(data: bytes) -> None:
    if _ENCRYPTED_PACKAGE in data[:1_000_000] or _ENCRYPTED_PACKAGE in data[-1_000_000:]:
        raise UnsafeFile.of("ingest.unsafe.password")


def too_large(size: int, limit: int) -> UnsafeFile:
    """The refusal of a file over the upload limit (sizes in MB with a decimal comma in Vietnamese)."""
    size_mb, limit_mb = f"{size / (1024 * 1024):.1f}", f"{limit / (1024 * 1024):g}"
    return UnsafeFile(words("ingest.unsafe.too_large", "vi", size=size_mb.replace(".", ","),
                            limit=limit_mb.replace(".", ",")),
                      key="ingest.unsafe.too_large", size=size_mb, limit=limit_mb)


def check_file(name: str, data: bytes) -> FileKind:
    """The kind of file to parse, or `UnsafeFile` with the reason it is refused."""
    limit = max_upload_bytes()
    if len(data) > limit:
        raise too_large(len(data), limit)
    if not data:
        raise UnsafeFile.of("ingest.unsafe.empty")
    ext = os.path.splitext(name)[1].lower()
    head = data[:512]
    if ext == ".xlsx" or ext == ".xlsm":
        if head.startswith(OLE_MAGIC):
            _check_ole(data)
            raise UnsafeFile.of("ingest.unsafe.xlsx_is_xls")
        if looks_like_html(head):
            raise UnsafeFile.of("ingest.unsafe.xlsx_is_html")
        if not head.startswith(ZIP_MAGIC):
            raise UnsafeFile.of("ingest.unsafe.xlsx_not_excel")
        _check_zip(data)
        return FileKind.XLSX
    if ext in (".htm", ".html") or (ext == ".xls" and looks_like_html(data)):
        # One-stop systems' "Excel" export. ingest.html_table reads it with its own size and cell
        # limits, and refuses a page that holds no report table.
        return FileKind.HTML
    if ext == ".xls":
        if head.startswith(ZIP_MAGIC):
            raise UnsafeFile.of("ingest.unsafe.xls_is_zip")
        if not head.startswith(OLE_MAGIC):
            raise UnsafeFile.of("ingest.unsafe.xls_not_excel")
        _check_ole(data)
        return FileKind.XLS
    if ext in (".csv", ".txt"):
        if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
            raise UnsafeFile.of("ingest.unsafe.csv_is_excel")
        # UTF-16 text (Excel's "Unicode Text") is full of NUL bytes; its BOM tells it from binary data.
        if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UnsafeFile.of("ingest.unsafe.csv_is_binary")
        return FileKind.CSV
    raise UnsafeFile.of("ingest.unsafe.unsupported", kind=ext or name)
