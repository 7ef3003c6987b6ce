"""So sánh đơn vị in AppTest: 2–4 units from the URL or the chooser, values and ranks equal to the metrics,
a trend line per unit, unknown codes said, the field filter not printed."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tests.ui.conftest import assert_clean, figures, open_page, plain, table_with

ON_TIME = "Tỷ lệ hồ sơ giải quyết đúng hạn"


def shown(at, column: str):
    for frame in at.dataframe:
        if column in frame.value.columns:
            return pa.ipc.open_stream(frame.proto.arrow_data.styler.display_values).read_all().to_pandas()
    raise AssertionError(f"no table with column {column!r}")


def test_two_units_from_the_link_side_by_side_with_values_and_ranks(small_db):
    at = open_page("compare", {"period": "2026-10", "group": "ward", "units": "phuong-cam,phuong-dong"})
    assert_clean(at)
    assert at.title[0].value.startswith("So sánh đơn vị")
    assert at.multiselect(key="cmp_units").value == ["phuong-cam", "phuong-dong"]
    numbers = table_with(at, "Phường Cẩm").set_index("Chỉ số")
    # October on time: Cẩm 190/200 (2nd of 4, tied with Bình), Đông 80/100 (4th).
    assert numbers.loc[ON_TIME, "Phường Cẩm"] == pytest.approx(0.95)
    assert numbers.loc[ON_TIME, "Phường Đông"] == pytest.approx(0.80)
    assert numbers.loc[ON_TIME, "Hạng · Phường Cẩm"] == 2
    assert numbers.loc[ON_TIME, "Hạng · Phường Đông"] == 4
    text = shown(at, "Phường Cẩm").set_index("Chỉ số")
    assert text.loc[ON_TIME, "Phường Cẩm"] == "95,0 %"
    assert text.loc[ON_TIME, "Hạng · Phường Cẩm"] == "2/4 ▲2"    # September: 4th
    assert text.loc[ON_TIME, "Hạng · Phường Đông"] == "4/4 ▼1"    # September: 3rd
    assert text.loc["Tỷ lệ nhiệm vụ hoàn thành đúng hạn", "Phường Cẩm"] == "—"
    spec = figures(at)[0]
    assert [tr["name"] for tr in spec["data"]] == ["Phường Cẩm", "Phường Đông"]
    assert len(plain(spec["data"][0]["x"])) == 12               # twelve months, gaps where not reported
    assert spec["layout"]["yaxis"]["range"][1] <= 1.0


def test_quarter_values_match_the_metrics_sum_over_sum(small_db):
    from metrics.compare import compare_units
    from store import open_store
    from vocab.periods import Period

    at = open_page("compare", {"period": "2026-Q4", "group": "ward", "units": "phuong-an,phuong-cam,phuong-e"})
    assert_clean(at)
    numbers = table_with(at, "Phường An").set_index("Chỉ số")
    store = open_store(small_db)
    try:
        expected = compare_units(store.cursor(), ["phuong-an", "phuong-cam", "phuong-e"], Period.parse("2026-Q4"))
    finally:
        store.close()
    on_time = expected[expected["indicator"] == "on_time_rate"].set_index("unit_code")
    for code, name in (("phuong-an", "Phường An"), ("phuong-cam", "Phường Cẩm"), ("phuong-e", "Phường Ê")):
        assert numbers.loc[ON_TIME, name] == pytest.approx(on_time.loc[code, "value"])
    assert numbers.loc[ON_TIME, "Phường Cẩm"] == pytest.approx(190 / 200)


def test_one_unit_asks_for_a_second_and_search_without_marks_adds_it(small_db):
    at = open_page("compare", {"period": "2026-10", "group": "ward", "units": "phuong-an"})
    assert_clean(at)
    assert any("ít nhất 2 đơn vị" in i.value for i in at.info)
    assert not at.dataframe
    at.text_input(key="cmp_search").input("dong").run()
    assert at.multiselect(key="cmp_units").options == ["Phường An", "Phường Đông"]  # the chosen one stays listed
    at.multiselect(key="cmp_units").select("phuong-dong").run()
    assert_clean(at)
    assert at.query_params["units"] == "phuong-an,phuong-dong"
    assert len(figures(at)) == 1


def test_at_most_four_units_and_unknown_codes_are_said(small_db):
    at = open_page("compare", {"period": "2026-10", "group": "ward",
                               "units": "phuong-an,khong-co,phuong-binh,phuong-cam,phuong-dong,phuong-e"})
    assert_clean(at)
    assert any("khong-co" in w.value for w in at.warning)
    assert at.multiselect(key="cmp_units").value == ["phuong-an", "phuong-binh", "phuong-cam", "phuong-dong"]
    assert [tr["name"] for tr in figures(at)[0]["data"]] == ["Phường An", "Phường Bình", "Phường Cẩm", "Phường Đông"]


def test_the_field_filter_is_not_printed_and_said_not_to_apply(small_db):
    at = open_page("compare", {"period": "2026-10", "group": "ward", "field": "ho-tich",
                               "units": "phuong-an,phuong-binh"})
    assert_clean(at)
    assert any("bộ lọc lĩnh vực không áp dụng" in c.value for c in at.caption)
    assert not any("Hộ tịch" in c.value for c in at.main.caption)
    assert not any("Hộ tịch" in t.value for t in at.title)


def test_the_compare_page_renders_on_demo_data_in_english(demo_db):
    at = open_page("compare", {"lang": "en", "units": "phuong-hai-chau,phuong-hoa-cuong"})
    assert_clean(at)
    assert at.title[0].value.startswith("Compare units")
    assert table_with(at, "Indicator") is not None
