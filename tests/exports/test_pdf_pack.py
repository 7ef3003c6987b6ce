"""The pack's PDF: cover, commentary page, one page per chart, bookmarks per section."""

from __future__ import annotations

import zipfile

import pytest
from pypdf import PdfReader

from exports.pack import pack_content, pack_file_names
from tests.exports.conftest import PERIOD
from vocab.units import UnitGroup

NAMES = pack_file_names(PERIOD, (UnitGroup.DEPARTMENT,))


@pytest.fixture(scope="module")
def content(demo_store):
    return pack_content(demo_store.cursor(), PERIOD, (UnitGroup.DEPARTMENT,))


@pytest.fixture(scope="module")
def reader(pack_dir):
    return PdfReader(str(pack_dir / NAMES["pdf"]))


def test_cover_then_commentary_then_one_page_per_chart(reader, content, pack_dir):
    assert len(reader.pages) == 2 + len(content.charts)
    assert len(reader.pages) == 2 + len(zipfile.ZipFile(pack_dir / NAMES["zip"]).namelist())
    cover = reader.pages[0].extract_text()
    for expected in ("Báo cáo giao ban chuyển đổi số", "Kỳ báo cáo: tháng 10/2026", "Sở, ban, ngành", "Ngày lập",
                     "DỮ LIỆU MINH HỌA"):
        assert expected in cover, expected
    remarks = reader.pages[1].extract_text()
    assert "Nhận định chung" in remarks
    first = content.commentary[0][2][0]
    assert first[:30] in remarks.replace("\n", " ")
    assert (pack_dir / NAMES["pdf"]).stat().st_size < 20_000_000


def test_bookmarks_per_section_point_at_their_pages(reader, content):
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in top[:3]] == ["Trang bìa", "Nhận định chung", content.charts[0].title]
    assert reader.get_destination_page_number(top[0]) == 0
    assert reader.get_destination_page_number(top[1]) == 1
    assert reader.get_destination_page_number(top[2]) == 2
    section = next(t for t in top if t.title == "Sở, ban, ngành")
    children = outline[outline.index(section) + 1]
    assert isinstance(children, list)
    assert [c.title for c in children] == [c.title for c in content.charts[1:]]
    for i, child in enumerate(children, start=3):
        assert reader.get_destination_page_number(child) == i
