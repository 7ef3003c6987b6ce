"""Smoke tests of the upload and batches pages with Streamlit's AppTest (store and actor patched)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ingest.conftest import ROOT
from tests.ingest.ingest_forms import BIEU06_HEADER, csv_bytes

GOOD = csv_bytes(BIEU06_HEADER, ["phuong-hai-chau,dat-dai,2026-10,10,5,3,2,8,4,3,1,2,2,0"])
BAD = csv_bytes(BIEU06_HEADER, ["phuong-hai-chau,dat-dai,2026-10,10,5,3,2,abc,4,3,1,2,2,0"])


def _uploader(at):
    return at.get("file_uploader")[0]


def test_upload_page_shows_problems_and_commits(pages_store):
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=60)
    at.run()
    assert at.title[0].value == "Nạp dữ liệu"
    assert not at.exception
    _uploader(at).upload("bad.csv", BAD, "text/csv").run()
    assert not at.exception
    assert "không phải là số" in at.dataframe[0].value.to_string()
    assert at.error
    _uploader(at).upload("good.csv", GOOD, "text/csv").run()
    at.button(key="upload_commit").click().run()
    assert not at.exception
    assert "Đã ghi các lô #1" in at.success[0].value
    assert pages_store.cursor().execute("SELECT count(*) FROM dossier_facts").fetchone()[0] == 1


def test_batches_page_rolls_back(pages_store):
    import ingest

    parsed = ingest.parse_upload(pages_store, "good.csv", GOOD)
    [batch] = ingest.commit(pages_store, [parsed], actor="a")
    at = AppTest.from_file(str(ROOT / "pages" / "batches.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.dataframe[0].value["Tệp"].tolist() == ["good.csv"]
    at.checkbox(key="rollback_confirm").check().run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    status = pages_store.cursor().execute("SELECT status, rolled_back_by FROM upload_batches").fetchone()
    assert status == ("rolled_back", "người kiểm thử")
    assert f"Đã hoàn tác lô #{batch}" in at.success[0].value
