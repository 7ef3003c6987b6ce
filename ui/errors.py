"""Error boundaries for pages: a `UserFacingError` shows its own sentence; anything else is a bug.

A `vocab.errors.UserFacingError` is a problem the user can act on, so its sentence
is shown in the session's language. Any other exception is a programming error:
it is logged with its traceback and the user sees the generic message only, never
the exception's text dressed up as advice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import streamlit as st

from i18n.catalogue import error_text
from store import default_db_path
from store.failures import store_failure
from ui.state import lang as current_lang
from ui.strings import t
from ui.text import plain
from vocab.errors import UserFacingError

log = logging.getLogger("dashboard.ui")


@contextmanager
def error_boundary(where: str, message_key: str = "error_page") -> Iterator[None]:
    """Runs a block; a user-facing error shows its sentence, any other error is logged and shows `message_key`.

    Streamlit's own control flow (st.stop, st.rerun, st.switch_page) derives from
    BaseException, not Exception, so it passes through untouched.
    """
    try:
        yield
    except UserFacingError as exc:
        log.info("Refused while drawing %s: %s", where, exc)
        st.error(plain(error_text(exc, current_lang())), icon="⚠️")  # refusals quote names
    except Exception as exc:
        failure = store_failure(exc, str(default_db_path()))  # e.g. a damaged block met by a read
        if failure is not None:
            log.error("Database failure while drawing %s: %s", where, exc)
            st.error(error_text(failure, current_lang()), icon="⚠️")
            return
        log.exception("Error while drawing %s", where)
        st.error(t(message_key), icon="⚠️")


def section(where: str) -> AbstractContextManager[None]:
    """A boundary for one part of a page: the rest of the page still draws."""
    return error_boundary(where, "error_section")
