"""Streamlit's marshalling of a table's Styler, remembered by what the table shows.

`st.dataframe(styler)` runs pandas' `Styler._compute` and `_translate` on every page run: for
the rankings table (111 units × 8 columns) that was ~13 ms a run and 11 % of the server's
Python time under the load bench, though the table rarely changes between runs.
`ui.tables.ScreenTable.styled` tags each Styler with a key made of everything the screen shows
(column names, every value, every formatted text, every per-cell text); here Streamlit's
`marshall_styler` is wrapped so a Styler whose key (and position) was marshalled before gets the
same proto part again instead of a new translation. A Styler without a key goes the usual way.

Wrapping one function of Streamlit's (pinned in requirements.txt): `install` checks it is still
where it was and leaves Streamlit alone otherwise; tests/ui/test_styler_memo.py checks that a
table shown twice is marshalled once and that a changed text is marshalled again.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

import pandas as pd

log = logging.getLogger("dashboard.ui")

KEEP = 256                      # marshalled tables remembered (a few KB to ~100 KB each)
ATTRIBUTE = "_dashboard_shows"  # the key `ScreenTable.styled` puts on its Styler

_lock = threading.Lock()
_done: OrderedDict[tuple[str, str], object] = OrderedDict()
_original: Callable | None = None


def content_key(frame: pd.DataFrame, texts: Iterable[str]) -> str:
    """A digest of the columns, every value (index included) and the texts shown for them."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr([str(c) for c in frame.columns]).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\x1f")
    return digest.hexdigest()


def _marshall(proto, styler, default_uuid: str) -> None:
    shows = getattr(styler, ATTRIBUTE, None)
    if shows is None:
        _original(proto, styler, default_uuid)
        return
    key = (shows, default_uuid)
    with _lock:
        saved = _done.get(key)
        if saved is not None:
            _done.move_to_end(key)
    if saved is not None:
        proto.styler.CopyFrom(saved)
        return
    _original(proto, styler, default_uuid)
    kept = type(proto.styler)()
    kept.CopyFrom(proto.styler)
    with _lock:
        _done[key] = kept
        while len(_done) > KEEP:
            _done.popitem(last=False)


def install() -> bool:
    """Wraps Streamlit's `marshall_styler` where `st.dataframe` calls it (once); False if it moved."""
    global _original
    try:
        from streamlit.elements import arrow
    except ImportError:  # pragma: no cover - streamlit is a dependency
        return False
    current = getattr(arrow, "marshall_styler", None)
    if current is _marshall:
        return True
    if current is None or not callable(current):
        log.info("streamlit.elements.arrow has no marshall_styler: tables are marshalled every run")
        return False
    _original = current
    arrow.marshall_styler = _marshall
    return True


def forget() -> None:
    """Drops every remembered table (tests)."""
    with _lock:
        _done.clear()
