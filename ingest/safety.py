"""Refuse files that are too big or not what their extension claims, before any parser sees them."""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from enum import StrEnum

import config

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


class UnsafeFile(ValueError):
    """The file is refused; str() is the Vietnamese reason."""


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


def _looks_like_html(head: bytes) -> bool:
    return looks_like_html(head)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise UnsafeFile("Tệp .xlsx bị hỏng (không đọc được cấu trúc nén)") from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise UnsafeFile("Tệp không phải là bảng tính Excel (.xlsx) mà là một tệp nén .zip đổi đuôi")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeFile(
            f"Tệp bị từ chối: khi giải nén sẽ chiếm {total // (1024 * 1024)} MB, "
            "vượt giới hạn an toàn (nghi là 'bom nén')"
        )
    for i in infos:
        if i.file_size >= RATIO_CHECK_MIN_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise UnsafeFile(
                f"Tệp bị từ chối: thành phần '{i.filename}' nén với tỉ lệ bất thường "
                f"({i.file_size // max(i.compress_size, 1)}:1), nghi là 'bom nén'"
            )


def _check_ole(data: bytes) -> None:
    if _ENCRYPTED_PACKAGE in data[:1_000_000] or _ENCRYPTED_PACKAGE in data[-1_000_000:]:
        raise UnsafeFile("Bảng tính được bảo vệ bằng mật khẩu: hãy bỏ mật khẩu rồi tải lên lại")


def check_file(name: str, data: bytes) -> FileKind:
    """The kind of file to parse, or `UnsafeFile` with the reason it is refused."""
    limit = max_upload_bytes()
    if len(data) > limit:
        raise UnsafeFile(
            f"Tệp quá lớn: {len(data) / (1024 * 1024):.1f} MB, giới hạn là {limit / (1024 * 1024):g} MB"
            .replace(".", ",")
        )
    if not data:
        raise UnsafeFile("Tệp rỗng")
    ext = os.path.splitext(name)[1].lower()
    head = data[:512]
    if ext == ".xlsx" or ext == ".xlsm":
        if head.startswith(OLE_MAGIC):
            _check_ole(data)
            raise UnsafeFile("Tệp mang đuôi .xlsx nhưng thực chất là tệp Excel cũ (.xls): hãy đổi đuôi thành .xls")
        if _looks_like_html(head):
            raise UnsafeFile("Tệp mang đuôi .xlsx nhưng thực chất là một trang web (HTML), không phải bảng tính")
        if not head.startswith(ZIP_MAGIC):
            raise UnsafeFile("Tệp mang đuôi .xlsx nhưng không phải là bảng tính Excel")
        _check_zip(data)
        return FileKind.XLSX
    if ext in (".htm", ".html") or (ext == ".xls" and looks_like_html(data)):
        # One-stop systems' "Excel" export. ingest.html_table reads it with its own size and cell
        # limits, and refuses a page that holds no report table.
        return FileKind.HTML
    if ext == ".xls":
        if head.startswith(ZIP_MAGIC):
            raise UnsafeFile("Tệp mang đuôi .xls nhưng thực chất là tệp .xlsx hoặc .zip: hãy đổi đuôi thành .xlsx")
        if not head.startswith(OLE_MAGIC):
            raise UnsafeFile("Tệp mang đuôi .xls nhưng không phải là bảng tính Excel")
        _check_ole(data)
        return FileKind.XLS
    if ext in (".csv", ".txt"):
        if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
            raise UnsafeFile("Tệp mang đuôi .csv nhưng thực chất là bảng tính Excel: hãy đổi đuôi thành .xlsx hoặc .xls")
        # UTF-16 text (Excel's "Unicode Text") is full of NUL bytes; its BOM tells it from binary data.
        if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UnsafeFile("Tệp mang đuôi .csv nhưng chứa dữ liệu nhị phân, không phải văn bản")
        return FileKind.CSV
    raise UnsafeFile(f"Không hỗ trợ định dạng '{ext or name}': chỉ nhận .xlsx, .xls hoặc .csv")
