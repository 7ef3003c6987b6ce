"""Names as people write them: case, NFC/NFD, tone placement, punctuation, 'và'/'&', hidden
characters, field aliases, and rows that roll up into one field through aliases."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date

import numpy as np
import pandas as pd
import pytest

import ingest
from ingest.matching import (
    Candidate,
    Matcher,
    Reference,
    alias_rollup_rows,
    load_matchers,
    name_key,
    sum_alias_rollups,
)
from ingest.wording import render
from metrics.indicators import Family

TODAY = date(2026, 11, 26)  # as tests/ingest/conftest.py (not imported: several folders have a conftest)
HEADER = ["unit_code", "field_code", "month", "received_total", "received_online", "received_direct",
          "received_carried_over", "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
          "pending_total", "pending_on_time", "pending_overdue"]
# Consistent rows: (3) = (4)+(5)+(6), (7) = (8)+(9)+(10), (11) = (12)+(13), (3) = (7)+(11).
RECEIVED_12 = [12, 6, 4, 2, 10, 5, 4, 1, 2, 2, 0]
RECEIVED_7 = [7, 3, 3, 1, 5, 2, 2, 1, 2, 1, 1]
RECEIVED_30 = [30, 20, 8, 2, 25, 10, 14, 1, 5, 4, 1]


def csv_bytes(rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def said(parsed) -> list[str]:
    """Every problem and note of a parsed file as 'file · sheet · row · column: message' lines:
    notes end up in `ParsedFile.notes` or, until parse_upload moves validation's notes there,
    among the problems as warnings."""
    return [p.line() for p in parsed.problems] + list(getattr(parsed, "notes", ()))


@pytest.fixture
def ref(store) -> Reference:
    return load_matchers(store.cursor())


# --- matching one name ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Lao động - Thương binh và Xã hội",        # ministry name with a hyphen
    "Lao động – Thương binh và Xã hội",        # en dash
    "Lao động, Thương binh và Xã hội",         # comma
    "Lao động, thương binh & xã hội",          # '&' for 'và'
    "LAO ĐỘNG  -  THƯƠNG BINH VÀ XÃ HỘI",      # capitals, repeated spaces
    unicodedata.normalize("NFD", "Lao động - Thương binh và Xã hội"),  # decomposed input (macOS)
    "Lao\u00a0động, thương\u00a0binh và xã hội",  # non-breaking spaces
    "Lĩnh vực Lao động, Thương binh và Xã hội",
])
def test_labour_field_written_many_ways_matches(ref, text):
    result = ref.fields.match(text)
    assert result.code == "lao-dong-xa-hoi", result.message("field")
    assert result.note("lĩnh vực") is None      # nothing hidden: nothing to say


@pytest.mark.parametrize(("text", "code"), [
    ("Kế hoạch và Đầu tư", "dau-tu"),
    ("Kế hoạch & Đầu tư", "dau-tu"),
    ("Tài nguyên và Môi trường", "moi-truong"),
    ("Tài nguyên - Môi trường", "moi-truong"),
    ("Người có công", "lao-dong-xa-hoi"),
    ("Bảo trợ xã hội", "lao-dong-xa-hoi"),
    ("Việc làm", "lao-dong-xa-hoi"),
    ("Giáo dục nghề nghiệp", "lao-dong-xa-hoi"),
    ("An toàn lao động", "lao-dong-xa-hoi"),
    ("Đăng ký doanh nghiệp", "dang-ky-kinh-doanh"),
    ("Đường bộ", "giao-thong"),
    ("1. Đường bộ", "giao-thong"),
])
def test_aliases_and_ministry_names_match(ref, text, code):
    assert ref.fields.match(text).code == code


def test_tone_mark_placement_and_nfd_unit_names(ref):
    assert ref.units.match("Phường Hoà Cường").code == "phuong-hoa-cuong"      # old tone placement
    nfd = unicodedata.normalize("NFD", "UBND phường Hòa Cường")
    assert nfd != "UBND phường Hòa Cường" and ref.units.match(nfd).code == "phuong-hoa-cuong"
    assert ref.units.match("P.Hòa Cường").code == "phuong-hoa-cuong"


def test_and_sign_is_the_word_va():
    assert name_key("Kế hoạch & Đầu tư") == name_key("Kế hoạch và Đầu tư") == name_key("kế hoạch - đầu tư")


def test_zero_width_space_is_removed_and_named(ref):
    result = ref.fields.match("Đất\u200bđai")
    assert result.code == "dat-dai"
    assert result.note("lĩnh vực") == (
        "Tên lĩnh vực 'Đất[U+200B]đai' chứa ký tự ẩn (khoảng trắng độ rộng 0, U+200B) đã được bỏ")


@pytest.mark.parametrize("hidden", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_every_invisible_character_is_removed_and_named(ref, hidden):
    result = ref.fields.match(f"Hộ tị{hidden}ch")
    assert result.code == "ho-tich"
    assert f"U+{ord(hidden):04X}" in result.note("lĩnh vực")


def test_spaces_and_nbsp_match_silently(ref):
    result = ref.fields.match("  Hộ\u00a0\u00a0 tịch ")
    assert result.code == "ho-tich" and result.note("lĩnh vực") is None


def test_lookalike_eth_is_read_as_d_and_said(ref):
    result = ref.fields.match("\u00d0ất đai")          # Icelandic Eth from an old encoding converter
    assert result.code == "dat-dai" and "U+00D0" in result.note("lĩnh vực")


def test_a_refused_name_that_looks_like_its_suggestion_reveals_the_odd_character(ref):
    lookalike = "H\u043e\u0323\u0302 tịch"            # Cyrillic 'о' with the marks of 'ộ'
    result = ref.fields.match(lookalike)
    assert result.code is None
    message = result.message("field")
    assert "Hộ tịch (mã ho-tich)" in message           # the suggestion looks identical …
    assert "U+043E" in message and "CYRILLIC" in message  # … so the message names the difference


def test_unknown_catalogue_name_is_refused_with_a_suggestion(ref):
    result = ref.fields.match("Người có côngg")
    assert result.code is None
    assert ("Có phải: Người có công – tên khác của Lao động, thương binh và xã hội (mã lao-dong-xa-hoi)"
            in result.message("field"))


def test_alias_never_shadows_a_field_name():
    fields = [Candidate("ho-tich", "Hộ tịch"), Candidate("tu-phap", "Tư pháp")]
    matcher = Matcher(fields, kind_prefixes=False, aliases=[("Hộ tịch", "tu-phap"), ("Nuôi con nuôi", "tu-phap")])
    assert matcher.match("hộ tịch").code == "ho-tich" and matcher.match("hộ tịch").alias is None
    assert matcher.match("Nuôi con nuôi").alias == "Nuôi con nuôi"


# --- whole files ------------------------------------------------------------------------------

def test_file_with_a_zero_width_space_imports_with_a_note(store):
    data = csv_bytes([["phuong-hai-chau", "Đất\u200bđai", "2026-10", *RECEIVED_12]])
    parsed = ingest.parse_upload(store, "zw.csv", data, today=TODAY)
    assert parsed.ok
    assert parsed.frames[Family.DOSSIERS]["field_code"].tolist() == ["dat-dai"]
    assert any("· 2 · field_code: Tên lĩnh vực 'Đất[U+200B]đai' chứa ký tự ẩn (khoảng trắng độ rộng 0, U+200B)" in line
               for line in said(parsed)), said(parsed)


def test_catalogue_rows_of_one_field_are_summed_and_the_file_says_so(store):
    data = csv_bytes([
        ["phuong-hai-chau", "Người có công", "2026-10", *RECEIVED_12],
        ["phuong-hai-chau", "Bảo trợ xã hội", "2026-10", *RECEIVED_7],
        ["phuong-hai-chau", "Lao động - Thương binh và Xã hội", "2026-10", *RECEIVED_30],
        ["phuong-hai-chau", "Hộ tịch", "2026-10", *RECEIVED_7],
    ])
    parsed = ingest.parse_upload(store, "catalogue.csv", data, today=TODAY)
    assert parsed.ok, [p.line() for p in parsed.errors]
    frame = parsed.frames[Family.DOSSIERS].set_index("field_code")
    assert sorted(frame.index) == ["ho-tich", "lao-dong-xa-hoi"]
    labour = frame.loc["lao-dong-xa-hoi"]
    assert labour["received_total"] == 12 + 7 + 30 == 49
    assert labour["received_online"] == 6 + 3 + 20 == 29
    assert labour["resolved_total"] == 10 + 5 + 25 == 40
    assert labour["pending_overdue"] == 0 + 1 + 1 == 2
    assert labour["_row"] == 2                                     # points at the first part
    assert frame.loc["ho-tich", "received_total"] == 7              # other fields untouched
    assert any(": 3 dòng (Người có công, Bảo trợ xã hội, Lao động - Thương binh và Xã hội) "
               "được cộng vào lĩnh vực Lao động, thương binh và xã hội" in line for line in said(parsed)), said(parsed)


def test_the_same_catalogue_name_twice_is_still_a_duplicate(store):
    data = csv_bytes([
        ["phuong-hai-chau", "Người có công", "2026-10", *RECEIVED_12],
        ["phuong-hai-chau", "Bảo trợ xã hội", "2026-10", *RECEIVED_7],
        ["phuong-hai-chau", "người  có công", "2026-10", *RECEIVED_30],
    ])
    parsed = ingest.parse_upload(store, "twice.csv", data, today=TODAY)
    assert [p.message for p in parsed.errors] == [
        "Trùng đơn vị – lĩnh vực – tháng với dòng 2", "Trùng đơn vị – lĩnh vực – tháng với dòng 2"]
    assert not any("được cộng" in line for line in said(parsed))


def test_code_and_name_of_one_field_are_a_duplicate_not_a_roll_up(store):
    data = csv_bytes([["phuong-hai-chau", "dat-dai", "2026-10", *RECEIVED_12],
                      ["P. Hải Châu", "Đất đai", "10/2026", *RECEIVED_7]])
    parsed = ingest.parse_upload(store, "dup.csv", data, today=TODAY)
    assert [p.message for p in parsed.errors] == ["Trùng đơn vị – lĩnh vực – tháng với dòng 2"]


def test_roll_ups_of_different_units_or_months_stay_apart(store):
    data = csv_bytes([
        ["phuong-hai-chau", "Người có công", "2026-10", *RECEIVED_12],
        ["phuong-hai-chau", "Bảo trợ xã hội", "2026-09", *RECEIVED_7],
        ["phuong-hoa-cuong", "Bảo trợ xã hội", "2026-10", *RECEIVED_30],
    ])
    parsed = ingest.parse_upload(store, "apart.csv", data, today=TODAY)
    assert parsed.ok and len(parsed.frames[Family.DOSSIERS]) == 3
    assert not any("được cộng" in line for line in said(parsed))


def test_an_unknown_catalogue_name_in_a_file_is_an_error_with_a_suggestion(store):
    data = csv_bytes([["phuong-hai-chau", "Bảo trợ xã hôi", "2026-10", *RECEIVED_12]])
    parsed = ingest.parse_upload(store, "typo.csv", data, today=TODAY)
    assert len(parsed.errors) == 1
    assert "Không tìm thấy lĩnh vực 'Bảo trợ xã hôi'. Có phải: Bảo trợ xã hội" in parsed.errors[0].message


def test_summing_keeps_not_reported_only_when_every_part_is_not_reported(ref):
    keys = ("unit_code", "field_code", "month")
    month = np.datetime64("2026-10-01", "s")
    out = pd.DataFrame({
        "unit_code": ["phuong-hai-chau"] * 3, "field_code": ["lao-dong-xa-hoi"] * 3, "month": [month] * 3,
        "received_total": [12.0, 7.0, 30.0],
        "digitised": [np.nan, 5.0, np.nan],            # one part reported: 5
        "fee_dossiers": [np.nan, np.nan, np.nan],      # nobody reported: stays NULL
        "_sheet": [""] * 3, "_row": [2, 3, 4],
    })
    sources = np.array(["", "nguoi co cong", "bao tro xa hoi"], dtype=object)
    rolled = alias_rollup_rows(out[list(keys)], np.ones(3, dtype=bool), sources)
    assert rolled.tolist() == [True, True, True]
    names = pd.Series(["Lao động - Thương binh và Xã hội", "Người có công", "Bảo trợ xã hội"])
    summed, notes = sum_alias_rollups(out, rolled, keys, names, ref)
    assert len(summed) == 1
    assert summed.loc[0, "received_total"] == 12 + 7 + 30
    assert summed.loc[0, "digitised"] == 5
    assert pd.isna(summed.loc[0, "fee_dossiers"])
    assert notes[0][0] == 2 and render(notes[0][1].key, "vi", notes[0][1].params).startswith("3 dòng (")
