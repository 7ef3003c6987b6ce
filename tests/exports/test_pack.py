"""The briefing pack: deck, PDF, PNG zip and workbook from one CLI export."""

from __future__ import annotations

import zipfile

import numpy as np
import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from exports.pack import DECK_GROUPS, pack_content, pack_file_names
from metrics.indicators import INDICATORS
from metrics.ranking import rank_units
from tests.exports.conftest import PERIOD, png_info
from vocab.units import UnitGroup

NAMES = pack_file_names(PERIOD, (UnitGroup.DEPARTMENT,))


def slide_texts(prs) -> list[str]:
    return ["\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text)
            for slide in prs.slides]


def picture_count(slide) -> int:
    return sum(1 for sh in slide.shapes if sh.shape_type == 13)


def test_pack_has_its_files_named_by_group_and_period(pack_dir):
    assert sorted(p.name for p in pack_dir.iterdir()) == sorted(NAMES.values())
    assert sorted(NAMES.values()) == sorted([
        "giao-ban_so-nganh_2026-10.pptx", "giao-ban_so-nganh_2026-10_bieu-do.pdf",
        "giao-ban_so-nganh_2026-10_bieu-do-png.zip", "giao-ban_so-nganh_2026-10_bang-xep-hang.xlsx",
        "bao-cao-nhanh_so-nganh_2026-10.pdf"])


def test_deck_is_16_9_with_expected_slides_and_diacritics(pack_dir):
    prs = Presentation(str(pack_dir / NAMES["pptx"]))
    assert prs.slide_width * 9 == prs.slide_height * 16
    texts = slide_texts(prs)
    pngs = zipfile.ZipFile(pack_dir / NAMES["zip"]).namelist()
    assert len(texts) == 1 + len(pngs)  # title slide + one slide per chart
    assert texts[0].startswith("Báo cáo giao ban chuyển đổi số — tháng 10/2026")
    assert texts[1].startswith("Toàn thành phố — tháng 10/2026")
    assert any(t.startswith("Tỷ lệ hồ sơ giải quyết đúng hạn — Sở, ban, ngành — tháng 10/2026") for t in texts)
    assert texts[-1].startswith("Xếp loại — Sở, ban, ngành — tháng 10/2026")
    on_time = next(s for s in prs.slides if s.shapes.title.text.startswith("Tỷ lệ hồ sơ giải quyết đúng hạn —"))
    notes = on_time.notes_slide.notes_text_frame.text
    assert "Toàn thành phố:" in notes and "Thấp nhất:" in notes
    assert all(picture_count(s) == 1 for s in list(prs.slides)[1:])
    assert "dữ liệu cập nhật" in texts[0] or "dữ liệu minh họa" in texts[0]  # the title slide's source line


def test_pdf_has_cover_commentary_and_one_page_per_chart(pack_dir):
    pages = len(PdfReader(str(pack_dir / NAMES["pdf"])).pages)
    assert pages == 2 + len(zipfile.ZipFile(pack_dir / NAMES["zip"]).namelist())
    assert (pack_dir / NAMES["pdf"]).stat().st_size < 10_000_000


def test_zip_pngs_are_full_hd_and_not_blank(pack_dir):
    z = zipfile.ZipFile(pack_dir / NAMES["zip"])
    for name in z.namelist():
        size, spread = png_info(z.read(name))
        assert size == (1920, 1080), name
        assert spread > 10, name


def test_workbook_reads_back_to_rank_units(pack_dir, demo_store):
    path = pack_dir / NAMES["xlsx"]
    sheets = pd.ExcelFile(path).sheet_names
    assert len(sheets) == len(INDICATORS) + 1 and sheets[-1] == "Xếp loại - Sở ngành"
    for ind, sheet in zip(INDICATORS, sheets, strict=False):
        expected = rank_units(demo_store.cursor(), ind, PERIOD, UnitGroup.DEPARTMENT)
        got = pd.read_excel(path, sheet_name=sheet, header=header_row_of(path, sheet) - 1, na_values=["—"])
        # "no data" is written "—", never 0 or an empty cell
        assert list(got["Mã đơn vị"]) == list(expected["unit_code"]), sheet
        np.testing.assert_allclose(got["Giá trị"].to_numpy(float), expected["value"].to_numpy(float), rtol=1e-12)
        np.testing.assert_allclose(got["Hạng"].to_numpy(float), expected["rank"].to_numpy(float, na_value=np.nan))
        np.testing.assert_allclose(got["Thay đổi"].to_numpy(float), expected["change"].to_numpy(float), rtol=1e-9)


def header_row_of(path, sheet) -> int:
    from openpyxl import load_workbook

    ws = load_workbook(path, read_only=True)[sheet]
    for i, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
        if row and row[0] in ("Hạng", "Mã đơn vị"):
            return i
    raise AssertionError(sheet)


def test_workbook_formats(pack_dir):
    from openpyxl import load_workbook

    ws = load_workbook(pack_dir / NAMES["xlsx"])[pd.ExcelFile(pack_dir / NAMES["xlsx"]).sheet_names[0]]
    head = header_row_of(pack_dir / NAMES["xlsx"], ws.title)
    headers = [c.value for c in ws[head]]
    value_col = headers.index("Giá trị") + 1
    assert ws.cell(row=head + 1, column=value_col).number_format == "0.0%"
    assert ws.freeze_panes == f"A{head + 1}"
    assert ws.column_dimensions["C"].width >= 30


def test_content_for_both_groups_without_rendering(demo_store):
    content = pack_content(demo_store.cursor(), PERIOD, DECK_GROUPS)
    titles = [c.title for c in content.charts]
    assert any("Phường, xã (cấp xã)" in t and "5 đơn vị tốt nhất: cao nhất; 5 kém nhất: thấp nhất" in t
               for t in titles)
    assert titles[-1] == "Xếp loại — Sở, ban, ngành — tháng 10/2026"
    commune = content.rankings[("on_time_rate", UnitGroup.COMMUNE_LEVEL.value)]
    slide = next(c for c in content.charts if c.title.startswith("Tỷ lệ hồ sơ giải quyết đúng hạn — Phường"))
    worst = commune[commune["status"] == "ranked"].iloc[-1]["unit_name"]
    assert worst in " ".join(slide.commentary)  # the bottom unit is named on the slide
    assert all(c.figure.layout.height == 720 for c in content.charts)
    assert len(content.sheets) == 2 * (len(INDICATORS) + 1)


def test_overview_city_values_match_single_value(demo_store):
    from exports.pack import overview_frame
    from metrics.values import single_value

    con = demo_store.cursor()
    overview = overview_frame(con, PERIOD, "vi").set_index("indicator")
    for ind in INDICATORS:
        for period, column in ((PERIOD, "value"), (PERIOD.previous(), "prev_value")):
            expected = single_value(con, ind, period).value
            assert overview.loc[ind.id, column] == pytest.approx(expected, rel=1e-12), (ind.id, column)
