"""Every bad file in the corpus produces its exact message, at its place, and changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import ingest
from ingest import IngestError, Severity
from tests.ingest.conftest import TODAY, snapshot

CORPUS = Path(__file__).resolve().parent / "corpus"
with open(CORPUS / "expected.csv", encoding="utf-8", newline="") as _f:
    EXPECTED = list(csv.DictReader(_f))


def test_corpus_is_big_enough():
    assert len(EXPECTED) >= 20
    assert all((CORPUS / case["file"]).exists() for case in EXPECTED)
    assert all((CORPUS / case["file"]).stat().st_size < 64 * 1024 for case in EXPECTED)


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_bad_file_reports_its_problem_and_writes_nothing(store, case):
    before = snapshot(store)
    parsed = ingest.parse_upload(store, case["file"], (CORPUS / case["file"]).read_bytes(), today=TODAY)
    severity = Severity(case["severity"])
    matching = [
        p for p in parsed.problems
        if p.severity is severity and case["message"] in p.message
        and p.sheet == case["sheet"] and p.column == case["column"]
        and (str(p.row) if p.row is not None else "") == case["row"]
    ]
    assert matching, "\n".join(p.line() for p in parsed.problems) or "no problem reported"
    assert all(p.file == case["file"] for p in parsed.problems)
    with pytest.raises(IngestError):
        ingest.commit(store, [parsed], actor="test")
    assert snapshot(store) == before


def test_too_big_file_is_refused(store, monkeypatch):
    monkeypatch.setenv("DASHBOARD_MAX_UPLOAD_MB", "0.001")
    parsed = ingest.parse_upload(store, "big.csv", b"unit_code\n" + b"x\n" * 2000, today=TODAY)
    assert [p.message for p in parsed.errors] == ["Tệp quá lớn: 0,0 MB, giới hạn là 0,0009765625 MB"] or \
        "Tệp quá lớn" in parsed.errors[0].message
