"""Screen tables keep numbers numeric (a header click sorts by value) and show them the Vietnamese way."""

import numpy as np
import pandas as pd

from metrics.indicators import get_indicator
from ui.tables import evaluation_points_table, evaluation_table, ranking_table, unit_indicators_table

ON_TIME = get_indicator("on_time_rate")
OVERDUE = get_indicator("overdue_in_progress")


def ranking() -> pd.DataFrame:
    # Ranks past 99 and values around 100 %, the cases pre-formatted text sorted wrongly.
    return pd.DataFrame({
        "rank": pd.array([3, 99, 104, None], dtype="Int64"),
        "unit_code": ["c1", "c2", "c3", "c4"],
        "unit_name": ["Phường A", "Phường B", "Phường C", "Xã D"],
        "value": [1.0, 0.954, 0.725, np.nan],
        "numerator": [20.0, 1234.0, 29.0, np.nan],
        "denominator": [20.0, 1293.0, 40.0, np.nan],
        "change": [0.012, np.nan, -0.05, np.nan],
        "rank_change": pd.array([2, None, -1, None], dtype="Int64"),
        "band": ["met", "met", "below", "no_data"],
    })


def test_ranking_columns_are_numbers_and_sort_by_value():
    table = ranking_table(ranking(), ON_TIME, "vi")
    frame = table.frame
    assert frame["Hạng"].dtype == "Int64"
    assert frame["Giá trị"].dtype == "float64"
    assert frame["Thay đổi hạng"].dtype == "Int64"
    # What Streamlit does on a header click: sort the numbers (pandas puts NaN last here).
    assert list(frame.sort_values("Giá trị")["Đơn vị"]) == ["Phường C", "Phường B", "Phường A", "Xã D"]
    assert list(frame.sort_values("Hạng", ascending=False)["Hạng"].dropna()) == [104, 99, 3]
    assert list(frame["Đơn vị"])[-1] == "Xã D"  # the unit without data comes last as drawn
    assert table.unit_codes == ("c1", "c2", "c3", "c4")


def test_ranking_cells_read_the_vietnamese_way():
    table = ranking_table(ranking(), ON_TIME, "vi")
    html = table.styled().to_html()
    for text in ("100,0 %", "95,4 %", "72,5 %", "1.234", "1.293", "▲2", "▼1", "—"):
        assert text in html, text
    assert "0.954" not in html and "95.4" not in html
    assert table.formats["Giá trị"](0.954) == "95,4 %"


def test_english_cells_use_a_decimal_point():
    table = ranking_table(ranking(), ON_TIME, "en")
    assert table.formats["Value"](0.954) == "95.4 %"


def test_counts_have_no_numerator_denominator_columns_and_show_integers():
    frame = ranking().assign(value=[0.0, 3.0, 1234.0, np.nan])
    table = ranking_table(frame, OVERDUE, "vi")
    assert "Tử số" not in table.frame.columns
    assert table.formats["Giá trị"](1234.0) == "1.234"


def test_evaluation_table_keeps_scores_numeric():
    frame = pd.DataFrame({
        "unit_code": ["a", "b"], "unit_name": ["A", "B"], "score": [100.0, 72.5], "level": ["excellent", "good"],
        "improvement_points": [1.5, np.nan], "indicators_reported": [5, 4], "indicators_expected": [5, 5],
        "months_reported": [3, 3], "months_expected": [3, 3], "capped": [False, True], "cap_reason": ["", "x"],
        "not_reported": ["", "on_time_rate"], "score_change": [2.0, -1.5], "prev_level": ["good", None],
    })
    table = evaluation_table(frame, "vi")
    assert table.frame["Điểm"].dtype == "float64"
    assert list(table.frame.sort_values("Điểm")["Đơn vị"]) == ["B", "A"]
    html = table.styled().to_html()
    assert "72,5" in html and "100,0" in html and "−1,5" in html


def test_evaluation_points_table_formats_each_indicator_its_way():
    frame = pd.DataFrame({"unit_name": ["A"], "value_on_time_rate": [0.954], "points_on_time_rate": [9.5],
                          "improvement_points": [0.5]})
    table = evaluation_points_table(frame, "vi")
    html = table.styled().to_html()
    assert "95,4 %" in html and "9,5" in html
    assert all(pd.api.types.is_float_dtype(table.frame[c]) for c in table.frame.columns[1:])


def test_unit_indicators_table_mixes_percent_and_counts_by_row():
    frame = pd.DataFrame({"indicator": ["on_time_rate", "overdue_in_progress"], "unit": [0.954, 1234.0],
                          "band": ["met", "no_target"], "target": [0.95, np.nan], "group": [0.9, 20.0],
                          "city": [0.93, 5000.0]})
    table = unit_indicators_table(frame, "Phường", "vi")
    assert table.frame["Đơn vị"].dtype == "float64"
    html = table.styled().to_html()
    assert "95,4 %" in html and "1.234" in html and "5.000" in html and "95,0 %" in html
