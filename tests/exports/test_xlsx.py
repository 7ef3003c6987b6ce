"""The one .xlsx writer: headers in the pack's language, "—" for no data, page tables written by it too."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from exports.xlsx import evaluation_sheet, ranking_sheet, write_workbook
from metrics.indicators import get_indicator
from metrics.ranking import RANKING_COLUMNS
from ui.downloads import xlsx_bytes

ON_TIME = get_indicator("on_time_rate")


def _ranking() -> pd.DataFrame:
    return pd.DataFrame([
        {"rank": 1, "unit_code": "a", "unit_name": "Phường A", "unit_type": "ward", "status": "ranked",
         "numerator": 45.0, "denominator": 50.0, "value": 0.9, "target": 0.95, "band": "near", "prev_value": 0.8,
         "change": 0.1, "prev_rank": 2, "rank_change": 1},
        {"rank": pd.NA, "unit_code": "b", "unit_name": "Xã B", "unit_type": "commune", "status": "no_data",
         "numerator": 0.0, "denominator": 0.0, "value": np.nan, "target": 0.95, "band": "no_data",
         "prev_value": np.nan, "change": np.nan, "prev_rank": pd.NA, "rank_change": pd.NA},
    ], columns=RANKING_COLUMNS)


def _rows(data: bytes, sheet: int = 0) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).worksheets[sheet]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_ranking_sheet_in_english_has_english_headers_and_labels():
    rows = _rows(write_workbook([ranking_sheet("On time - Wards", "title", _ranking(), ON_TIME, ["source"], "en")]))
    header = rows[3]  # title, one note, a blank line, then the headers
    assert header[:5] == ["Rank", "Unit code", "Unit", "Unit type", "Status"]
    assert rows[4][3:5] == ["Ward", "Ranked"] and rows[4][9] == "Near target"
    assert rows[5][4] == "No data"


def test_no_data_is_a_dash_and_a_reported_zero_stays_zero():
    rows = _rows(write_workbook([ranking_sheet("Xếp hạng", "", _ranking(), ON_TIME, [])]))
    header, unit_b = rows[0], rows[2]
    assert header[7] == "Giá trị"
    assert unit_b[header.index("Giá trị")] == "—" and unit_b[header.index("Hạng")] == "—"
    assert unit_b[header.index("Mẫu số")] == 0


def test_evaluation_booleans_and_levels_in_either_language():
    frame = pd.DataFrame({"unit_code": ["a"], "unit_name": ["Phường A"], "unit_type": ["ward"], "score": [88.0],
                          "level": ["completed"], "level_uncapped": ["good"], "capped": [True],
                          "cap_reason": ["chưa đủ số liệu"]})
    vi = _rows(write_workbook([evaluation_sheet("Xếp loại", "", frame, [])]))
    en = _rows(write_workbook([evaluation_sheet("Evaluation", "", frame, [], "en")]))
    assert vi[0][3:7] == ["Điểm", "Xếp loại", "Xếp loại theo điểm", "Bị giới hạn"]
    assert vi[1][4:7] == ["Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Có"]
    assert en[0][3:7] == ["Score", "Level", "Level by score", "Capped"]
    assert en[1][4:7] == ["Completed", "Good", "Yes"]


def test_page_download_goes_through_the_same_writer():
    frame = pd.DataFrame({"Đơn vị": ["=A1", "Xã B"], "Giá trị": [0.5, np.nan], "Ghi chú": ["x", None],
                          "Hạng": [1.0, np.nan]})
    rows = _rows(xlsx_bytes({"Bảng": frame}, percent_columns=["Giá trị"], int_columns=["Hạng"],
                            title_rows={"Bảng": ["Tiêu đề", "Nguồn"]}))
    assert rows[0][0] == "Tiêu đề" and rows[1][0] == "Nguồn"
    assert rows[3] == ["Đơn vị", "Giá trị", "Ghi chú", "Hạng"]
    assert rows[4] == ["'=A1", 0.5, "x", 1]
    assert rows[5] == ["Xã B", "—", "—", "—"]
