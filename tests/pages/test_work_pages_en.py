"""The work pages (upload, batches, administration, audit log) in English, opened by an administrator:
every word the page writes itself comes from the catalogue, so none is Vietnamese; data names
(units, fields, files, people) stay as they are and are not checked. Widgets hold codes, so a
language switch keeps every choice."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ingest
import ui.state
from auth.roles import Role
from auth.sessions import start_session
from auth.users import create_user
from i18n.words import work
from ingest.versioning import batch_status_label
from tests.ingest import conftest as ingest_fixtures
from tests.ingest.conftest import TODAY
from tests.ingest.ingest_forms import BIEU06_HEADER, csv_bytes

ROOT = Path(__file__).resolve().parents[2]
ROW = "phuong-hai-chau,dat-dai,2026-10,10,5,3,2,8,4,3,1,2,2,0"
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
QUOTED = re.compile(r"'[^']*'")  # words typed literally into a Vietnamese form ('Kỳ báo cáo:') stay Vietnamese
TEXT_ELEMENTS = ("title", "header", "subheader", "caption", "info", "success", "warning", "error")
WIDGETS = ("button", "form_submit_button", "download_button", "checkbox", "text_input", "number_input",
           "selectbox", "multiselect", "radio", "date_input", "file_uploader", "metric", "tabs", "expander")


# The ingest tests' reference store (loaded once per session, copied for each test).
reference_db = ingest_fixtures.reference_db
store = ingest_fixtures.store


@pytest.fixture
def work_store(store, monkeypatch):
    """The reference store with an administrator, one uploaded batch and their audit rows."""
    create_user(store, "boss", Role.ADMIN, "mat-khau-du-dai-1", "Boss")
    good = csv_bytes(BIEU06_HEADER, [ROW])
    ingest.commit(store, [ingest.parse_upload(store, "thang10.csv", good, today=TODAY)], actor="boss")
    monkeypatch.setattr(ui.state, "get_store", lambda: store)
    monkeypatch.delenv("DASHBOARD_OPEN_VIEWING", raising=False)
    st.cache_data.clear()
    yield store
    st.cache_data.clear()


def open_page(name: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)
    at.session_state["auth_session"] = start_session("boss", "Boss", Role.ADMIN)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    return at


def _label(element) -> str:
    label = getattr(element, "label", None)
    return label if isinstance(label, str) else element.proto.label


def static_words(at: AppTest) -> list[str]:
    """Headings, messages, widget labels and help, and table headers: what the page itself writes."""
    words = [e.value for kind in TEXT_ELEMENTS for e in getattr(at, kind)]
    widgets = [e for kind in WIDGETS for e in getattr(at, kind)]
    words += [_label(e) for e in widgets]
    words += [e.help for e in widgets if isinstance(getattr(e, "help", None), str)]
    words += [str(column) for frame in at.dataframe for column in frame.value.columns]
    return [w for w in words if w]


def vietnamese_words(at: AppTest) -> list[str]:
    return [w for w in static_words(at) if VIETNAMESE.search(QUOTED.sub("", w))]


def test_every_work_word_has_both_languages():
    assert all(vi.strip() and en.strip() for vi, en in work.WORDS.values())
    assert [key for key, (_vi, en) in work.WORDS.items() if VIETNAMESE.search(QUOTED.sub("", en))] == []


def test_upload_page_in_english(work_store):
    at = open_page("upload.py")
    assert at.title[0].value == "Upload data"
    assert at.get("file_uploader")[0].label.startswith("Choose data files (.xlsx, .xls, .csv)")
    assert vietnamese_words(at) == []

    fix = csv_bytes(BIEU06_HEADER, [ROW.replace(",10,5,3,2,", ",10,6,2,2,")])
    at.get("file_uploader")[0].upload("sua.csv", fix, "text/csv").run()
    assert not at.exception
    assert [m.label for m in at.metric][:3] == ["Valid rows", "Errors", "Warnings"]
    assert at.checkbox(key="upload_replace_unit_month").label.startswith("Replace all figures")
    assert at.button(key="upload_commit").label == "Save to the database"
    assert vietnamese_words(at) == []

    bad = csv_bytes(BIEU06_HEADER, [ROW.replace(",8,4,", ",abc,4,")])
    at.get("file_uploader")[0].set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    assert at.error[0].value == "There are errors: nothing was saved. Correct the file and upload it again."
    assert vietnamese_words(at) == []


def test_batches_page_in_english(work_store):
    at = open_page("batches.py")
    assert at.title[0].value == "Uploaded batches"
    frame = at.dataframe[0].value
    assert list(frame.columns)[:3] == ["Batch", "File", "SHA-256"]
    assert frame["Status"].tolist() == [batch_status_label("active", "en")]
    assert at.button(key="rollback_button").label == "Roll back"
    assert vietnamese_words(at) == []
    at.checkbox(key="rollback_confirm").check().run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Batch #1 rolled back")
    assert at.dataframe[0].value["Status"].tolist() == [batch_status_label("rolled_back", "en")]


def test_admin_page_in_english(work_store):
    at = open_page("admin.py")
    assert at.title[0].value == "Administration"
    assert [tab.label for tab in at.tabs] == ["Users and roles", "Targets", "Evaluation", "Units", "Fields"]
    assert at.selectbox(key="new_role").options == ["Viewer", "Analyst", "Administrator"]
    assert at.radio(key="unknown_sso").options == ["May view", "Refused"]
    assert "Every unit type" in at.selectbox(key="target_unit_type").options
    assert vietnamese_words(at) == []


def test_admin_page_marks_a_setting_fixed_by_the_environment(work_store, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SESSION_IDLE_MINUTES", "30")
    at = open_page("admin.py")
    assert at.number_input(key="idle_minutes").disabled
    assert not at.checkbox(key="open_viewing").disabled
    assert ("Fixed by the environment variable DASHBOARD_SESSION_IDLE_MINUTES; it cannot be changed here."
            in [c.value for c in at.caption])


def test_audit_page_in_english(work_store):
    at = open_page("audit.py")
    assert at.title[0].value == "Audit log"
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["No.", "Time", "By", "Action", "Target", "Before", "After", "Details"]
    assert set(frame["Action"]) >= {"Account created", "Upload"}
    assert vietnamese_words(at) == []


def test_switching_language_keeps_every_choice(work_store):
    at = open_page("audit.py", lang="vi")
    at.multiselect(key="audit_actions").select("upload").run()
    at.selectbox(key="audit_actor").select("boss").run()
    rows_vi = len(at.dataframe[0].value)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.multiselect(key="audit_actions").value == ["upload"]
    assert at.selectbox(key="audit_actor").value == "boss"
    assert len(at.dataframe[0].value) == rows_vi == 1
    assert at.title[0].value == "Audit log"


WORDED_CALLS = {"title", "header", "subheader", "caption", "info", "success", "warning", "error", "metric", "tabs",
                "expander", "button", "form_submit_button", "download_button", "checkbox", "text_input",
                "number_input", "selectbox", "multiselect", "radio", "date_input", "file_uploader", "progress"}


@pytest.mark.parametrize("name", ["upload.py", "batches.py", "admin.py", "audit.py"])
def test_work_pages_hold_no_inline_words(name):
    """Every label, message and help text is a catalogue lookup: no string or f-string written in the page
    (the module docstring aside), so nothing can stay Vietnamese in English."""
    tree = ast.parse((ROOT / "pages" / name).read_text(encoding="utf-8"))
    docstring = tree.body[0].value if isinstance(tree.body[0], ast.Expr) else None
    inline = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WORDED_CALLS:
            words = [*node.args[:1], *(k.value for k in node.keywords if k.arg in {"help", "text", "placeholder"})]
            inline += [ast.unparse(w) for w in words if isinstance(w, ast.Constant | ast.JoinedStr)
                       and not (isinstance(w, ast.Constant) and not isinstance(w.value, str))]
        elif isinstance(node, ast.Constant) and node is not docstring and isinstance(node.value, str) \
                and VIETNAMESE.search(node.value):
            inline.append(node.value)
    assert inline == []
