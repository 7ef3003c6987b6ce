"""What went wrong with the database file, in one sentence the operator can act on.

`store_failure(exc, path)` is the one place that reads an exception from opening,
writing or committing and decides whether it is one of the four failures an operator
can fix: the file is locked by another process, the disk is full, the file is not a
(valid) DuckDB database, or the file or its folder cannot be written. It returns the
matching `StoreError` subclass, or `None`: anything else is a bug and stays one (logged
with its traceback, never dressed up as advice). DuckDB reports file problems as text
(`duckdb.IOException("IO Error: Could not set lock on file …")`), so its messages are
matched here and nowhere else; the texts are those of DuckDB 1.x–2.x.
"""

from __future__ import annotations

import errno
import re

import duckdb

from i18n.catalogue import text
from vocab.errors import UserFacingError


class StoreError(UserFacingError):
    """A database problem worth one clear sentence to the user."""


class _FileFailure(StoreError):
    """One of the recognised failures: its sentence is the catalogue's `key_name`."""

    key_name = ""

    def __init__(self, **params: object) -> None:
        super().__init__(text(self.key_name, "vi", **params), key=self.key_name, **params)


class DatabaseLocked(_FileFailure):
    key_name = "store_locked"


class DatabaseLockedBy(DatabaseLocked):
    key_name = "store_locked_pid"


class DiskFull(_FileFailure):
    key_name = "store_disk_full"


class DatabaseCorrupt(_FileFailure):
    key_name = "store_corrupt"


class DatabaseReadOnly(_FileFailure):
    key_name = "store_read_only"


_LOCKED = ("could not set lock on file", "conflicting lock is held")
_DISK_FULL = ("no space left on device", "disk quota exceeded")
_READ_ONLY = ("permission denied", "read-only file system", "operation not permitted")
_CORRUPT = ("not a valid duckdb database file", "corrupt", "checksum",
            "could not read enough bytes from file")  # the last: a truncated file
_PID = re.compile(r"\(PID (\d+)\)")
_QUOTED_FILE = re.compile(r'file "([^"]+)"')


def store_failure(exc: BaseException, path: str) -> StoreError | None:
    """The operator-facing error for `exc` raised while using the database at `path`, or None for a bug."""
    if isinstance(exc, UserFacingError):
        return None
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull(path=path)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DatabaseReadOnly(path=exc.filename or path)
        return None
    if not isinstance(exc, duckdb.Error):
        return None
    message = str(exc).lower()
    if any(words in message for words in _LOCKED):
        pid = _PID.search(str(exc))
        return DatabaseLockedBy(path=path, pid=pid.group(1)) if pid else DatabaseLocked(path=path)
    if any(words in message for words in _DISK_FULL):
        return DiskFull(path=path)
    if any(words in message for words in _READ_ONLY):
        named = _QUOTED_FILE.search(str(exc))  # the file DuckDB could not open: the database or its .wal
        return DatabaseReadOnly(path=named.group(1) if named else path)
    if any(words in message for words in _CORRUPT):
        return DatabaseCorrupt(path=path)
    return None
