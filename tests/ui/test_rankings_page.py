"""The rankings page: N choice, ties noted, worst first in chart and table, a click opens the unit page."""

import pytest

from tests.ui.conftest import assert_clean, figures, open_page, plain
from ui.drill import unit_from_points, unit_from_rows, unit_params, unit_url

# small_db, October 2026, wards: An 100 % (1), Bình 95 % (2), Cẩm 95 % (2), Đông 80 % (4); Ê has too few.
ORDER = ["1. Phường An", "2. Phường Bình", "2. Phường Cẩm", "4. Phường Đông"]


def open_view(at, code: str) -> None:
    """Opens one of the page's tabs as a click would leave it: the open tab's code in session state."""
    at.session_state["rk_view"] = code
    at.run()
    assert_clean(at)


def ranking_spec(at) -> dict:
    return figures(at)[0]


def dots(spec: dict) -> dict[str, float]:
    """Unit label → value of every dot (marker traces with unit codes)."""
    return {y: x for trace in spec["data"] if trace.get("mode") == "markers" and trace.get("customdata")
            for y, x in zip(trace["y"], plain(trace["x"]), strict=True)}


def test_dots_in_rank_order_on_a_zoomed_axis_with_the_tie_noted(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    spec = ranking_spec(at)
    assert spec["layout"]["yaxis"]["categoryarray"] == ORDER
    assert dots(spec) == {"1. Phường An": 1.0, "2. Phường Bình": 0.95, "2. Phường Cẩm": 0.95,
                          "4. Phường Đông": 0.8}
    low, high = spec["layout"]["xaxis"]["range"]
    assert 0 < low <= 0.8 and high == 1.0   # zoomed, never past 100 %
    captions = [c.value for c in at.caption]
    assert any("Đồng hạng: 2 đơn vị cùng hạng 2." in c for c in captions), captions


def test_n_choice_goes_into_the_url(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    at.selectbox(key="rk_n").set_value("5").run()
    assert_clean(at)
    assert at.query_params["n"] == "5"
    assert ranking_spec(at)["layout"]["yaxis"]["categoryarray"] == ORDER  # 4 units: all of them


def test_worst_first_in_the_chart_and_the_table(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    at.radio(key="rk_show").set_value("bottom").run()
    assert_clean(at)
    assert ranking_spec(at)["layout"]["yaxis"]["categoryarray"] == ORDER[::-1]
    open_view(at, "table")
    table = next(d.value for d in at.dataframe if d.key == "rk_table")
    assert list(table["Đơn vị"]) == ["Phường Đông", "Phường Cẩm", "Phường Bình", "Phường An"]
    assert list(table["Hạng"]) == [4, 2, 2, 1]              # numbers, not text
    assert str(table["Giá trị"].dtype) == "float64"
    assert at.query_params["show"] == "bottom"


def test_a_table_row_opens_the_unit_page_with_the_same_filters(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward", "view": "table"})
    at.session_state["rk_table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    assert_clean(at)
    assert at.query_params["unit"] == "phuong-dong"
    assert at.query_params["period"] == "2026-10" and at.query_params["group"] == "ward"
    assert any("Chi tiết đơn vị" in t.value for t in at.title)


def test_a_chart_point_opens_the_unit_page(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    at.session_state["rk_chart"] = {"selection": {"points": [{"customdata": "phuong-cam", "x": 0.95,
                                                              "y": "2. Phường Cẩm"}],
                                                  "point_indices": [1], "box": [], "lasso": []}}
    at.run()
    assert_clean(at)
    assert at.query_params["unit"] == "phuong-cam"
    assert any("Chi tiết đơn vị" in t.value for t in at.title)


def test_the_selection_names_the_unit():
    assert unit_from_points({"selection": {"points": [{"x": 1, "customdata": ["u-7"]}]}}) == "u-7"
    assert unit_from_points({"selection": {"points": [{"x": 1}]}}) is None   # a point without a unit
    assert unit_from_points(None) is None
    assert unit_from_rows({"selection": {"rows": [1]}}, ["a", "b"]) == "b"
    assert unit_from_rows({"selection": {"rows": []}}, ["a", "b"]) is None
    assert unit_from_rows({"selection": {"rows": [5]}}, ["a"]) is None


@pytest.mark.parametrize("current, expected", [
    ({"period": "2026-Q3", "group": "ward", "field": "dat-dai", "lang": "en", "ind": "online_rate", "show": "bottom"},
     {"period": "2026-Q3", "group": "ward", "field": "dat-dai", "lang": "en", "ind": "online_rate", "unit": "x y"}),
    ({"period": "2026-10"}, {"period": "2026-10", "unit": "x y"}),
])
def test_the_unit_link_carries_the_filters(current, expected):
    assert unit_params("x y", current) == expected
    assert unit_url("x y", current).startswith("unit_profile?")
    assert "unit=x+y" in unit_url("x y", current)


def _html(at) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


SWAP = ".st-key-rk_wide { display: none"   # ui.tables.SWAP_CSS: the list replaces the chart at ≤ 640 px


def test_a_desktop_gets_the_wide_forms_and_the_list_for_a_narrow_window(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    specs = figures(at)
    assert len(specs) == 1                                  # the dot chart: the months tab is not open
    assert "Phường An" in _html(at) and SWAP in _html(at)   # the list, swapped in by CSS
    open_view(at, "months")
    specs = figures(at)
    assert len(specs) == 1 and specs[0]["data"][0]["type"] == "heatmap"   # the heatmap, no sparklines


def test_a_phone_gets_only_its_own_forms(small_db, monkeypatch):
    import ui.client

    monkeypatch.setattr(ui.client, "is_phone", lambda: True)
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    assert figures(at) == []                                # the chart tab: the list, no dot chart
    html = _html(at)
    assert "Phường An" in html and SWAP not in html   # the list, never hidden
    open_view(at, "months")
    specs = figures(at)
    assert len(specs) == 1                                  # the sparklines only: no heatmap
    assert all(trace["type"] == "scatter" for trace in specs[0]["data"])
    assert specs[0]["layout"]["yaxis2"]["domain"]           # one small plot per unit


@pytest.mark.parametrize("agent, phone", [
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1", True),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36", True),
    ("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/126.0 Safari/537.36", False),  # tablet
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36", False),
    ("", False),
])
def test_a_phone_is_what_says_mobi(monkeypatch, agent, phone):
    from types import SimpleNamespace

    import ui.client

    monkeypatch.setattr(ui.client, "st", SimpleNamespace(context=SimpleNamespace(headers={"User-Agent": agent})))
    assert ui.client.is_phone() is phone


TAB_LABELS = {"vi": ["Biểu đồ xếp hạng", "Bảng xếp hạng", "Diễn biến 12 tháng"],
              "en": ["Ranking chart", "Ranking table", "Last 12 months"]}


def _open_tab(at) -> list[str]:
    """The label of each tab block on the screen that has content (only the open one is built)."""
    return [tab.label for tab in at.tabs if tab.children]


def test_only_the_open_tab_is_built_and_the_chart_comes_first(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    assert [tab.label for tab in at.tabs] == TAB_LABELS["vi"]
    assert _open_tab(at) == ["Biểu đồ xếp hạng"]
    assert at.dataframe.len == 0 and "view" not in at.query_params   # no table built (not even the too-few list)
    open_view(at, "table")
    assert _open_tab(at) == ["Bảng xếp hạng"]
    assert figures(at) == [] and [d.key for d in at.dataframe] == ["rk_table"]   # the too-few list went with its tab
    assert at.query_params["view"] == "table"                 # a shared link opens the same tab
    assert at.get("download_button")


def test_a_shared_link_opens_its_tab_and_a_language_switch_keeps_it(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward", "view": "months"})
    assert _open_tab(at) == ["Diễn biến 12 tháng"]
    assert figures(at)[0]["data"][0]["type"] == "heatmap"
    at.radio(key="lang_switch").set_value("en").run()   # as the reader switches it in the sidebar
    assert_clean(at)
    assert [tab.label for tab in at.tabs] == TAB_LABELS["en"]
    assert _open_tab(at) == ["Last 12 months"] and at.session_state["rk_view"] == "months"
    assert at.query_params["view"] == "months"


def test_a_stale_or_hostile_view_in_the_url_opens_the_chart(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward", "view": "<script>"})
    assert_clean(at)
    assert _open_tab(at) == ["Biểu đồ xếp hạng"] and "view" not in at.query_params


def test_the_units_with_too_few_dossiers_are_listed_when_their_box_is_opened(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    assert at.dataframe.len == 0                       # the box is closed: its table is not built
    at.session_state["rk_too_few_box"] = True          # as a click on the box leaves it
    at.run()
    assert_clean(at)
    assert [list(d.value["Đơn vị"]) for d in at.dataframe] == [["Phường Ê"]]
