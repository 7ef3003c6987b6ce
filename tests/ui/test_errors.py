"""The page boundary: a user-facing error shows its sentence; a bug shows the generic message, never its text."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

SCRIPT = """
import streamlit as st
from ui.errors import error_boundary, section
from vocab.errors import UserFacingError
from vocab.periods import Period

st.session_state["lang"] = st.query_params.get("lang", "vi")
with section("bad period"):
    Period.parse("2026-13")
with error_boundary("bug"):
    1 / 0
with section("refusal"):
    raise UserFacingError("Không được phép.", key="auth_need_sign_in")
st.write("still drawn")
"""


def _run(lang: str) -> AppTest:
    at = AppTest.from_string(SCRIPT)
    at.query_params["lang"] = lang
    return at.run()


def test_user_facing_errors_speak_and_bugs_do_not():
    at = _run("vi")
    assert not at.exception
    period, bug, refusal = [e.value for e in at.error]
    assert "2026-13" in period
    assert bug.startswith("Đã xảy ra lỗi") and "ZeroDivision" not in bug and "division" not in bug
    assert refusal == "Không được phép."
    assert at.markdown[-1].value == "still drawn"


def test_the_sentence_follows_the_session_language():
    at = _run("en")
    period, bug, refusal = [e.value for e in at.error]
    assert bug.startswith("Something went wrong")
    assert refusal == "Please sign in to see this page."
    assert "2026-13" in period
