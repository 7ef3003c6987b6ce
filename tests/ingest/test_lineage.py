"""Pre-merger unit names: months after the merger go to the single successor, with a message;
months before it stay under the old unit while it still existed."""

from __future__ import annotations

from datetime import date

import ingest
from metrics.indicators import Family
from metrics.lineage import LineageLink, predecessors, predecessors_in, successors, successors_in
from tests.ingest.test_names import RECEIVED_12, TODAY, csv_bytes, said


def parse(store, unit: str, month: str):
    return ingest.parse_upload(store, f"{month}.csv", csv_bytes([[unit, "Đất đai", month, *RECEIVED_12]]), today=TODAY)


def units_of(parsed) -> list[str]:
    return parsed.frames[Family.DOSSIERS]["unit_code"].tolist()


def test_pre_merger_ward_after_the_merger_is_recorded_for_its_successor(store):
    parsed = parse(store, "Phường Thạch Thang", "2025-08")
    assert parsed.ok, [p.line() for p in parsed.errors]
    assert units_of(parsed) == ["phuong-hai-chau"]
    assert [line for line in said(parsed) if "sáp nhập" in line] == [
        "2025-08.csv · - · 2 · unit_code: Phường Thạch Thang đã sáp nhập vào Phường Hải Châu từ 01/07/2025; "
        "số liệu được ghi cho Phường Hải Châu (tháng 08/2025)"]


def test_pre_merger_ward_before_the_merger_stays_under_the_old_unit(store):
    parsed = parse(store, "Phường Thạch Thang", "2025-05")
    assert parsed.ok and units_of(parsed) == ["phuong-thach-thang"]
    assert not any("sáp nhập" in line for line in said(parsed))


def test_one_file_with_months_on_both_sides_of_the_merger(store):
    rows = [["P. Thạch Thang", "Đất đai", month, *RECEIVED_12] for month in ("2025-06", "2025-07", "2025-08")]
    parsed = ingest.parse_upload(store, "both.csv", csv_bytes(rows), today=TODAY)
    assert parsed.ok and units_of(parsed) == ["phuong-thach-thang", "phuong-hai-chau", "phuong-hai-chau"]
    assert [line.split(": ", 1)[1] for line in said(parsed) if "sáp nhập" in line] == [
        "Phường Thạch Thang đã sáp nhập vào Phường Hải Châu từ 01/07/2025; số liệu được ghi cho Phường Hải Châu "
        "(tháng 07/2025, 08/2025)"]


def test_a_district_split_into_several_wards_is_still_refused_and_told_where_to_go(store):
    parsed = parse(store, "Quận Hải Châu", "2025-10")
    assert [p.message for p in parsed.errors] == [
        "Tháng 10/2025 nằm ngoài thời gian hoạt động của đơn vị 'Quận Hải Châu' (đã thôi hoạt động sau 30/06/2025)"]
    assert any("Quận Hải Châu đã được sắp xếp vào nhiều đơn vị từ 01/07/2025: Phường Hải Châu (mã phuong-hai-chau); "
               "Phường Hòa Cường (mã phuong-hoa-cuong); hãy ghi số liệu theo đơn vị mới" in line
               for line in said(parsed))


def test_old_tra_mai_code_and_merged_department_follow_their_successor(store):
    assert units_of(parse(store, "xa-tra-mai", "2025-09")) == ["xa-nam-tra-my"]
    assert units_of(parse(store, "Sở Kế hoạch và Đầu tư", "2025-04")) == ["so-tai-chinh"]
    assert units_of(parse(store, "Sở Kế hoạch và Đầu tư", "2025-01")) == ["so-ke-hoach-va-dau-tu"]


def test_successors_and_predecessors_from_the_database(store):
    con = store.cursor()
    assert successors(con, "phuong-thach-thang", date(2025, 8, 1)) == ["phuong-hai-chau"]
    assert successors(con, "phuong-thach-thang", date(2025, 6, 30)) == []
    assert successors(con, "quan-hai-chau", date(2025, 7, 1)) == ["phuong-hai-chau", "phuong-hoa-cuong"]
    assert {"phuong-thach-thang", "phuong-thanh-binh", "phuong-thuan-phuoc", "phuong-phuoc-ninh",
            "quan-hai-chau"} == set(predecessors(con, "phuong-hai-chau"))
    assert set(predecessors(con, "so-nong-nghiep-va-moi-truong")) == {
        "so-nong-nghiep-va-phat-trien-nong-thon", "so-tai-nguyen-va-moi-truong"}


def test_chains_are_followed_and_cycles_ignored():
    links = [LineageLink("a", "b", date(2024, 1, 1)), LineageLink("b", "c", date(2025, 7, 1)),
             LineageLink("c", "a", date(2026, 1, 1))]
    assert successors_in(links, "a", date(2024, 6, 1)) == ["b"]
    assert successors_in(links, "a", date(2025, 8, 1)) == ["c"]
    assert successors_in(links, "a", date(2026, 2, 1)) == []        # a → b → c → a: no end, nothing moves
    assert predecessors_in(links[:2], "c") == ["a", "b"]
