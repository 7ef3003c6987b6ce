"""Corrections merge: a file replaces the rows it carries and keeps the others.

Replacing a whole unit-month is an explicit choice, previewed row by row; a
rollback restores exactly what a batch replaced; two files of one upload may
not write the same key.
"""

from __future__ import annotations

import pytest

import ingest
from ingest import IngestError
from tests.ingest.conftest import TODAY, snapshot
from tests.ingest.ingest_forms import BIEU06_HEADER, GOOD_VALUES, csv_bytes, official_form

HC = "phuong-hai-chau"


def line(field: str, month: str, online: int, direct: int, early: int, on_time: int, late: int,
         unit: str = HC) -> str:
    """One Biểu 06 row with nothing pending: received = online + direct = resolved = early + on time + late."""
    received, resolved = online + direct, early + on_time + late
    assert received == resolved
    return f"{unit},{field},{month},{received},{online},{direct},0,{resolved},{early},{on_time},{late},0,0,0"


# Phường Hải Châu, 10/2026: Đất đai resolves 50 dossiers, 10 early + 37 on time + 3 late;
# Hộ tịch resolves 27, 7 early + 20 on time.
OCTOBER = csv_bytes(BIEU06_HEADER, [
    line("dat-dai", "2026-09", 20, 10, 5, 25, 0),
    line("dat-dai", "2026-10", 30, 20, 10, 37, 3),
    line("ho-tich", "2026-10", 20, 7, 7, 20, 0),
])
# The office corrects only Hộ tịch: 25 of its 27 dossiers came in online, not 20.
HO_TICH_FIX = csv_bytes(BIEU06_HEADER, [line("ho-tich", "2026-10", 25, 2, 7, 20, 0)])


def parse(store, name: str, data: bytes) -> ingest.ParsedFile:
    parsed = ingest.parse_upload(store, name, data, today=TODAY)
    assert not parsed.problems, [p.line() for p in parsed.problems]
    return parsed


def upload(store, name: str, data: bytes, replace_unit_month: bool = False) -> int:
    [batch] = ingest.commit(store, [parse(store, name, data)], actor="a", replace_unit_month=replace_unit_month)
    return batch


def current(store) -> list[tuple]:
    return store.cursor().execute(
        "SELECT batch_id, field_code, strftime(month, '%Y-%m'), received_online, resolved_total"
        " FROM dossier_facts WHERE is_current ORDER BY month, field_code"
    ).fetchall()


def on_time_rate(store, month: str = "2026-10") -> tuple[int, int, str]:
    """(early + on time, resolved, rate as shown) of Phường Hải Châu in `month`, from current rows."""
    num, den = store.cursor().execute(
        "SELECT sum(resolved_early + resolved_on_time), sum(resolved_total) FROM dossier_facts"
        " WHERE is_current AND unit_code = ? AND strftime(month, '%Y-%m') = ?", [HC, month]
    ).fetchone()
    return int(num), int(den), f"{100 * num / den:.1f} %".replace(".", ",")


def test_a_one_field_correction_keeps_the_other_fields_of_the_unit_month(store):
    a = upload(store, "thang10.csv", OCTOBER)
    # (10 + 37 + 7 + 20) / (50 + 27) = 74 / 77 = 96,1 %
    assert on_time_rate(store) == (74, 77, "96,1 %")

    pv = ingest.preview(store, [parse(store, "sua_ho_tich.csv", HO_TICH_FIX)])
    assert (pv.new_rows, pv.replaced_rows, pv.changed_rows, pv.dropped_rows) == (0, 1, 1, 0)
    assert pv.dropped.empty
    assert sorted(pv.changes[["field_code", "column", "old", "new"]].values.tolist()) == [
        ["ho-tich", "received_direct", 7, 2], ["ho-tich", "received_online", 20, 25]]

    b = upload(store, "sua_ho_tich.csv", HO_TICH_FIX)
    assert current(store) == [(a, "dat-dai", "2026-09", 20, 30),
                              (a, "dat-dai", "2026-10", 30, 50),   # kept: the correction did not carry it
                              (b, "ho-tich", "2026-10", 25, 27)]
    # Still 74 / 77 = 96,1 %. Under the old whole-unit-month rule Đất đai vanished and the
    # unit showed 27 / 27 = 100,0 %.
    assert on_time_rate(store) == (74, 77, "96,1 %")


def test_replacing_the_whole_unit_month_is_explicit_and_previewed_row_by_row(store):
    a = upload(store, "thang10.csv", OCTOBER)
    fix = parse(store, "sua_ho_tich.csv", HO_TICH_FIX)

    pv = ingest.preview(store, [fix], replace_unit_month=True)
    assert (pv.new_rows, pv.replaced_rows, pv.changed_rows, pv.dropped_rows) == (0, 1, 1, 1)
    dropped = pv.dropped.iloc[0]
    assert (dropped["file"], dropped["family"], dropped["unit_code"], dropped["field_code"], dropped["month"]) == \
        ("sua_ho_tich.csv", "dossiers", HC, "dat-dai", "2026-10")
    # The row's current values are listed, so the user sees what would disappear.
    assert (dropped["resolved_total"], dropped["resolved_early"], dropped["resolved_on_time"],
            dropped["resolved_late"]) == (50, 10, 37, 3)

    [b] = ingest.commit(store, [fix], actor="a", replace_unit_month=True)
    # Đất đai 10/2026 is gone; 09/2026 belongs to another unit-month and stays.
    assert current(store) == [(a, "dat-dai", "2026-09", 20, 30), (b, "ho-tich", "2026-10", 25, 27)]
    assert on_time_rate(store) == (27, 27, "100,0 %")  # (7 + 20) / 27

    ingest.rollback(store, b, actor="lead")
    assert current(store) == [(a, "dat-dai", "2026-09", 20, 30), (a, "dat-dai", "2026-10", 30, 50),
                              (a, "ho-tich", "2026-10", 20, 27)]
    assert on_time_rate(store) == (74, 77, "96,1 %")


def test_rollback_restores_exactly_what_each_batch_replaced(store):
    a = upload(store, "thang10.csv", OCTOBER)
    before_any = current(store)
    # r replaces the whole 10/2026 with Hộ tịch only; m then corrects Đất đai 10/2026 (merge).
    r = upload(store, "thay_the.csv", HO_TICH_FIX, replace_unit_month=True)
    m = upload(store, "dat_dai.csv", csv_bytes(BIEU06_HEADER, [line("dat-dai", "2026-10", 40, 10, 10, 38, 2)]))
    assert current(store) == [(a, "dat-dai", "2026-09", 20, 30), (m, "dat-dai", "2026-10", 40, 50),
                              (r, "ho-tich", "2026-10", 25, 27)]
    # Withdrawing r brings back a's Hộ tịch, but not a's Đất đai: m has replaced that since.
    ingest.rollback(store, r, actor="lead")
    assert current(store) == [(a, "dat-dai", "2026-09", 20, 30), (m, "dat-dai", "2026-10", 40, 50),
                              (a, "ho-tich", "2026-10", 20, 27)]
    ingest.rollback(store, m, actor="lead")
    assert current(store) == before_any
    ingest.rollback(store, a, actor="lead")
    assert current(store) == []


def test_rolling_back_an_older_batch_leaves_newer_corrections_alone(store):
    a = upload(store, "thang10.csv", OCTOBER)
    b = upload(store, "sua_ho_tich.csv", HO_TICH_FIX)
    ingest.rollback(store, a, actor="lead")
    assert current(store) == [(b, "ho-tich", "2026-10", 25, 27)]
    ingest.rollback(store, b, actor="lead")
    assert current(store) == []


def test_files_of_one_upload_never_drop_each_other(store):
    upload(store, "thang10.csv", OCTOBER)
    dat_dai = parse(store, "dat_dai.csv", csv_bytes(BIEU06_HEADER, [line("dat-dai", "2026-10", 40, 10, 10, 38, 2)]))
    ho_tich = parse(store, "ho_tich.csv", HO_TICH_FIX)
    pv = ingest.preview(store, [dat_dai, ho_tich], replace_unit_month=True)
    assert pv.dropped_rows == 0 and pv.replaced_rows == 2
    d, h = ingest.commit(store, [dat_dai, ho_tich], actor="a", replace_unit_month=True)
    both = [(d, "dat-dai", "2026-10"), (h, "ho-tich", "2026-10")]
    assert [r[:3] for r in current(store) if r[2] == "2026-10"] == both
    # A rollback replays the unit-month: the later file of that upload still must not drop the earlier.
    c = upload(store, "lan2.csv", csv_bytes(BIEU06_HEADER, [line("ho-tich", "2026-10", 26, 1, 7, 20, 0)]))
    ingest.rollback(store, c, actor="lead")
    assert [r[:3] for r in current(store) if r[2] == "2026-10"] == both


def test_two_files_writing_the_same_key_are_refused_naming_both(store):
    upload(store, "thang9.csv", csv_bytes(BIEU06_HEADER, [line("dat-dai", "2026-09", 20, 10, 5, 25, 0)]))
    before = snapshot(store)
    form = parse(store, "A.xlsx", official_form([("Đất đai", GOOD_VALUES)]))  # Phường Hải Châu, Tháng 10/2026
    other = parse(store, "B.csv", csv_bytes(BIEU06_HEADER, [line("dat-dai", "2026-10", 30, 20, 10, 37, 3),
                                                          line("ho-tich", "2026-10", 20, 7, 7, 20, 0)]))
    message = "Tệp A.xlsx và B.csv cùng ghi số liệu Phường Hải Châu · Đất đai · 10/2026; hãy bỏ một tệp"
    for replace in (False, True):
        with pytest.raises(IngestError) as refused:
            ingest.preview(store, [form, other], replace_unit_month=replace)
        assert str(refused.value) == message
        with pytest.raises(IngestError) as refused:
            ingest.commit(store, [form, other], actor="a", replace_unit_month=replace)
        assert str(refused.value) == message
    assert snapshot(store) == before  # nothing written, not even a batch or an audit line


def test_the_same_file_twice_in_one_upload_is_refused_with_a_count_of_the_other_keys(store):
    first = parse(store, "thang10.csv", OCTOBER)
    again = parse(store, "thang10 (1).csv", OCTOBER)
    with pytest.raises(IngestError, match=r"^Tệp thang10\.csv và thang10 \(1\)\.csv cùng ghi số liệu "
                                          r"Phường Hải Châu · Đất đai · 09/2026 \(và 2 số liệu trùng khác\)"):
        ingest.commit(store, [first, again], actor="a")


def test_batches_from_before_the_merge_rule_still_count_as_whole_unit_month_replacements(store):
    # Before this rule, b (Đất đai only) retired all of a's 10/2026, Hộ tịch included, and its
    # audit record carried no mode. Simulate that history, then roll back a newer correction:
    # the replay must give back the old state, not resurrect a's Hộ tịch.
    a = upload(store, "thang10.csv", OCTOBER)
    b = upload(store, "cu.csv", csv_bytes(BIEU06_HEADER, [line("dat-dai", "2026-10", 40, 10, 10, 38, 2)]))
    cur = store.cursor()
    cur.execute("UPDATE dossier_facts SET is_current = FALSE WHERE batch_id = ? AND month = DATE '2026-10-01'", [a])
    cur.execute("UPDATE audit_log SET after = json_object('file', 'x') WHERE target IN (?, ?)",
                [f"batch:{a}", f"batch:{b}"])
    legacy = current(store)
    assert legacy == [(a, "dat-dai", "2026-09", 20, 30), (b, "dat-dai", "2026-10", 40, 50)]
    c = upload(store, "sua_ho_tich.csv", HO_TICH_FIX)
    assert current(store) == [*legacy, (c, "ho-tich", "2026-10", 25, 27)]
    ingest.rollback(store, c, actor="lead")
    assert current(store) == legacy
