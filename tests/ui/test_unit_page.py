"""Chi tiết đơn vị in AppTest: rank and change shown, a wrong unit code said (never another unit opened),
the field filter never printed where it is not applied, unit search without diacritics, overdue per 100."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from tests.ui.conftest import assert_clean, figures, open_page, table_with

ON_TIME = "Tỷ lệ hồ sơ giải quyết đúng hạn"


def shown(at, column: str) -> pd.DataFrame:
    """The text the reader sees in the first table with `column` (the Styler's display values)."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            styler = frame.proto.arrow_data.styler
            return pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    raise AssertionError(f"no table with column {column!r}")


def test_rank_in_the_group_and_change_on_last_month_per_indicator(small_db):
    # October on time: An 100 %, Bình 95 % = Cẩm 95 %, Đông 80 % (Ê too few) → Cẩm 2nd of 4 ranked;
    # September: Bình 99 %, An 90 %, Đông 85 %, Cẩm 75 % → Cẩm was 4th: up two places.
    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-cam"})
    assert_clean(at)
    numbers = table_with(at, "Hạng").set_index("Chỉ số")
    assert numbers.loc[ON_TIME, "Hạng"] == 2                  # numeric underneath: sorts by value
    assert numbers.loc[ON_TIME, "Thay đổi hạng"] == 2
    assert numbers.loc[ON_TIME, "Giá trị"] == 0.95
    text = shown(at, "Hạng").set_index("Chỉ số")
    assert text.loc[ON_TIME, "Hạng"] == "2/4"                 # "hạng 2/4"
    assert text.loc[ON_TIME, "Thay đổi hạng"] == "▲2"
    assert text.loc[ON_TIME, "Giá trị"] == "95,0 %"
    assert text.loc["Tỷ lệ nhiệm vụ hoàn thành đúng hạn", "Hạng"] == "—"   # not reported: no rank, not 0
    assert any("Thứ hạng trong nhóm Phường" in s.value for s in at.subheader)
    dong = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-dong"})
    text = shown(dong, "Hạng").set_index("Chỉ số")
    assert (text.loc[ON_TIME, "Hạng"], text.loc[ON_TIME, "Thay đổi hạng"]) == ("4/4", "▼1")


def test_trend_against_target_and_evaluation_legend(small_db):
    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-an"})
    assert_clean(at)
    specs = {s["layout"]["title"]["text"].replace("<br>", " "): s for s in figures(at)}
    trend = next(s for title, s in specs.items() if "12 tháng so với mục tiêu" in title)
    names = [tr["name"] for tr in trend["data"]]
    assert names == ["Nhóm Phường", "Phường An", "Mục tiêu"]
    assert trend["layout"]["yaxis"]["range"][1] <= 1.0        # a % axis never above 100 %
    evaluation = next(s for title, s in specs.items() if "lịch sử đánh giá" in title)
    legend = [tr.get("name") for tr in evaluation["data"] if tr.get("showlegend") is not False]
    assert legend == ["Hoàn thành xuất sắc nhiệm vụ (trên 90 điểm)", "Hoàn thành tốt nhiệm vụ (trên 80 đến 90 điểm)",
                      "Hoàn thành nhiệm vụ (từ 50 đến 80 điểm)", "Không hoàn thành nhiệm vụ (dưới 50 điểm)"]
    assert any("màu và hình của chấm cho biết mức xếp loại" in c.value for c in at.caption)


def test_an_unknown_unit_code_is_said_and_no_other_unit_opens(small_db):
    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-khong-co"})
    assert_clean(at)
    assert any("phuong-khong-co" in w.value and "Không có đơn vị" in w.value for w in at.warning)
    assert at.selectbox(key="up_unit").value is None          # the chooser is offered, nothing chosen for the reader
    assert not figures(at) and not at.dataframe
    assert not any("Phường" in s.value for s in at.subheader)
    at.selectbox(key="up_unit").set_value("phuong-binh").run()  # choosing a unit opens it and mends the link
    assert_clean(at)
    assert not at.warning
    assert at.query_params["unit"] == "phuong-binh"
    assert any("Phường Bình" in s.value for s in at.subheader)


def test_a_unit_of_another_group_opens_ranked_in_its_own_group(small_db):
    at = open_page("unit_profile", {"period": "2026-09", "group": "ward", "unit": "xa-gia"})
    assert_clean(at)
    assert not at.warning
    assert at.selectbox(key="up_unit").value == "xa-gia"
    assert shown(at, "Hạng").set_index("Chỉ số").loc[ON_TIME, "Hạng"] == "1/1"   # the only commune


def test_the_field_filter_is_not_printed_and_the_page_says_it_does_not_apply(small_db):
    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-an", "field": "ho-tich"})
    assert_clean(at)
    assert at.selectbox(key="flt_field").value == "ho-tich"
    assert any("bộ lọc lĩnh vực không áp dụng" in c.value for c in at.caption)
    assert not any("Hộ tịch" in t.value for t in at.title)
    page_captions = [c.value for c in at.main.caption]
    assert not any("Hộ tịch" in c for c in page_captions), page_captions
    assert not any("Hộ tịch" in s["layout"]["title"]["text"] + s["layout"]["title"].get("subtitle", {}).get("text", "")
                   for s in figures(at))


def test_unit_search_ignores_diacritics(small_db):
    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-an"})
    at.text_input(key="up_search").input("phuong dong").run()
    assert_clean(at)
    assert at.selectbox(key="up_unit").value == "phuong-dong"  # "đ" typed as "d"
    assert at.selectbox(key="up_unit").options == ["Phường Đông"]
    assert at.query_params["unit"] == "phuong-dong"
    at.text_input(key="up_search").input("khong co").run()
    assert any("Không có đơn vị nào khớp" in c.value for c in at.caption)
    assert at.selectbox(key="up_unit").value == "phuong-dong"  # nothing found: the unit on screen stays


def test_hai_chau_finds_phuong_hai_chau_on_the_demo_data(demo_db):
    at = open_page("unit_profile", {"group": "ward"})
    at.text_input(key="up_search").input("hai chau").run()
    assert_clean(at)
    assert at.selectbox(key="up_unit").value == "phuong-hai-chau"
    assert any("Phường Hải Châu" in s.value for s in at.subheader)


def test_overdue_per_100_beside_the_groups_sum_over_sum(demo_db):
    from metrics.profile import overdue_per_100
    from store import open_store
    from vocab.periods import Period

    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-hai-chau"})
    assert_clean(at)
    store = open_store(demo_db)
    try:
        expected = overdue_per_100(store.cursor(), "phuong-hai-chau", "ward", Period.parse("2026-10"))
    finally:
        store.close()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Phường Hải Châu"] == f"{expected.unit:.1f}".replace(".", ",")
    assert metrics["Cả nhóm Phường"] == f"{expected.group:.1f}".replace(".", ",")
    assert expected.group_in_progress > expected.unit_in_progress > 0


def test_the_compare_link_preselects_this_unit(small_db):
    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-an"})
    links = at.get("page_link")
    assert len(links) == 1
    assert "compare" in links[0].proto.page and "units=phuong-an" in links[0].proto.query_string
