"""Error boundaries: a short Vietnamese message on screen, the traceback in the server log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import streamlit as st

from ui.strings import t

log = logging.getLogger("dashboard.ui")


@contextmanager
def error_boundary(where: str, message_key: str = "error_page") -> Iterator[None]:
    """Runs a block; on an exception logs it with its traceback and shows one sentence instead.

    Streamlit's own control flow (st.stop, st.rerun, st.switch_page) derives from
    BaseException, not Exception, so it passes through untouched.
    """
    try:
        yield
    except Exception:
        log.exception("Error while drawing %s", where)
        st.error(t(message_key), icon="⚠️")


def section(where: str) -> AbstractContextManager[None]:
    """A boundary for one part of a page: the rest of the page still draws."""
    return error_boundary(where, "error_section")
