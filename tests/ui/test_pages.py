"""AppTest over every leader page: renders cleanly, follows the filters, keeps them in the URL."""

from __future__ import annotations

import pytest

from metrics.indicators import INDICATORS
from tests.ui.conftest import assert_clean, figures, open_page, plain, table_with
from ui.registry import PAGES as REGISTRY

PAGES = [spec.id for spec in REGISTRY if spec.missing_banner]  # the pages that draw the period's figures
TITLES = {"overview": "Tổng quan", "rankings": "Xếp hạng đơn vị", "unit_profile": "Chi tiết đơn vị",
          "evaluation": "Đánh giá, xếp loại đơn vị"}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_demo_data(demo_db, page):
    at = open_page(page)
    assert_clean(at)
    # The period is in the title itself: the demo's last complete month.
    assert [t.value for t in at.title] == [f"{TITLES[page]} · tháng 10/2026"]
    assert figures(at), "each page draws at least one figure"
    # The demo banner says the figures are not real.
    assert any("dữ liệu minh họa" in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_english(demo_db, page):
    at = open_page(page, {"lang": "en"})
    assert_clean(at)
    assert at.radio(key="lang_switch").value == "en"
    assert any("demo data" in i.value for i in at.info)


@pytest.mark.parametrize("page", ["rankings", "evaluation"])
@pytest.mark.parametrize("period", ["2026-Q3", "2026", "2026-01..2026-10"])
def test_pages_accept_quarters_years_and_year_to_date(demo_db, page, period):
    at = open_page(page, {"period": period, "group": "ward"})
    assert_clean(at)
    assert at.selectbox(key=f"flt_period_{at.radio(key='flt_kind').value}").value == period


def test_overview_has_a_card_and_a_trend_per_indicator(demo_db):
    at = open_page("overview")
    labels = [m.label for m in at.metric]
    # The indicator cards come first (a phone's first screen), then the dossier volumes.
    assert labels[0] == "Đúng hạn"
    assert labels[len(INDICATORS):] == ["Hồ sơ tiếp nhận", "Đã giải quyết", "Giải quyết quá hạn",
                                        "Đang giải quyết quá hạn"]
    specs = figures(at)
    assert len(specs) == len(INDICATORS)  # one trend per indicator
    titles = [s["layout"]["title"]["text"].replace("<br>", " ") for s in specs]  # titles wrap for a phone
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in titles
    # The trend window is 24 months; the wards (the default group) exist since the 07/2025 reorganisation,
    # so their line has the 16 months 07/2025–10/2026. The target line is drawn.
    on_time = specs[titles.index("Tỷ lệ hồ sơ giải quyết đúng hạn")]
    assert len(plain(on_time["data"][0]["x"])) == 16
    assert on_time["layout"]["shapes"], "target line"
    assert on_time["layout"]["font"]["family"].startswith("Noto Sans")


def test_changing_the_group_changes_the_ranking_figure(demo_db):
    at = open_page("rankings")
    assert at.selectbox(key="flt_group").value == "ward"       # one kind of unit by default, never all mixed
    before = figures(at)[0]
    at.selectbox(key="flt_group").set_value("department").run()
    assert_clean(at)
    after = figures(at)[0]
    units_before = [y for trace in before["data"] if trace.get("customdata") for y in trace["y"]]  # the units' dots
    units_after = [y for trace in after["data"] if trace.get("customdata") for y in trace["y"]]
    assert before != after
    assert units_before and all("Phường" in y for y in units_before)
    assert units_after and not any("Phường" in y for y in units_after)
    assert "Sở, ban, ngành" in after["layout"]["title"]["text"]
    assert at.query_params["group"] == "department"


def test_changing_the_indicator_changes_the_figure_and_the_url(demo_db):
    at = open_page("rankings", {"group": "ward"})
    at.selectbox(key="rk_indicator").set_value("online_rate").run()
    assert_clean(at)
    assert figures(at)[0]["layout"]["title"]["text"].startswith("Tỷ lệ hồ sơ trực tuyến")
    assert at.query_params["ind"] == "online_rate"


def test_ranking_order_on_a_hand_made_database(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    spec = figures(at)[0]
    dots = [trace for trace in spec["data"] if trace.get("customdata")]  # one marker trace per target band
    order = spec["layout"]["yaxis"]["categoryarray"]
    # 100 % first; 95 % twice (tie, both rank 2); 80 % last; Ê (5 dossiers) is not ranked.
    assert order == ["1. Phường An", "2. Phường Bình", "2. Phường Cẩm", "4. Phường Đông"]
    assert spec["layout"]["yaxis"]["autorange"] == "reversed"
    # Values and rank changes sit in a column right of the plot (paper x, data y).
    texts = {a["y"]: a["text"].strip() for a in spec["layout"]["annotations"]
             if a.get("xref") == "paper" and a.get("yref") == "y"}
    assert texts["1. Phường An"].startswith("100,0 %")
    assert texts["4. Phường Đông"].startswith("80,0 %")
    # Cẩm went from 75 % (rank 4) to 95 % (rank 2): up two places.
    assert texts["2. Phường Cẩm"].endswith("▲2")
    # Target 95 %: An, Bình and Cẩm met it, Đông is below.
    names = {trace["name"]: list(trace["y"]) for trace in dots}
    assert names["✓ Đạt mục tiêu"] == ["1. Phường An", "2. Phường Bình", "2. Phường Cẩm"]
    assert names["✗ Chưa đạt"] == ["4. Phường Đông"]
    assert any("Quá ít hồ sơ để xếp hạng" in e.label for e in at.expander)
    at.session_state["rk_view"] = "table"   # the table's tab, as a click leaves it
    at.run()
    table = next(d.value for d in at.dataframe if d.key == "rk_table")
    assert list(table["Đơn vị"])[:4] == ["Phường An", "Phường Bình", "Phường Cẩm", "Phường Đông"]
    assert list(table["Hạng"])[:4] == [1, 2, 2, 4]  # numbers, so a header click sorts 99 before 104


def test_top_and_bottom_switch(small_db):
    at = open_page("rankings", {"period": "2026-10", "group": "ward"})
    at.radio(key="rk_show").set_value("bottom").run()
    assert_clean(at)
    assert figures(at)[0]["layout"]["yaxis"]["categoryarray"][0] == "4. Phường Đông"  # the worst first
    assert at.query_params["show"] == "bottom"


def test_missing_reports_banner_lists_the_units(small_db):
    at = open_page("overview", {"period": "2026-10", "group": "all"})   # the commune is outside the wards
    assert_clean(at)
    warnings = [w.value for w in at.warning]
    assert any("1/6 đơn vị chưa báo cáo đủ tháng 10/2026" in w for w in warnings), warnings
    # No demo banner on a real (non-demo) database.
    assert not any("minh họa" in i.value for i in at.info)


def test_filters_come_from_the_url(small_db):
    at = open_page("rankings", {"period": "2026-09", "group": "ward", "field": "ho-tich"})
    assert_clean(at)
    assert at.selectbox(key="flt_period_month").value == "2026-09"
    assert at.selectbox(key="flt_group").value == "ward"
    assert at.selectbox(key="flt_field").value == "ho-tich"
    assert "tháng 09/2026" in figures(at)[0]["layout"]["title"]["text"]


def test_a_period_without_data_says_so(small_db):
    at = open_page("overview", {"period": "2026-11"})
    assert_clean(at)
    assert any("Chưa có dữ liệu tháng 11/2026" in i.value for i in at.info)


def test_unit_profile_follows_the_chosen_unit(small_db):
    at = open_page("unit_profile", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    at.selectbox(key="up_unit").set_value("phuong-dong").run()
    assert_clean(at)
    assert at.query_params["unit"] == "phuong-dong"
    assert any("Phường Đông" in s.value for s in at.subheader)
    table = table_with(at, "Chỉ số")
    # A number underneath (sorted by value); "80,0 %" is its text on screen (tests/ui/test_tables_sort.py).
    assert table.iloc[0]["Đơn vị"] == pytest.approx(0.80)


def test_evaluation_counts_levels(small_db):
    at = open_page("evaluation", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    spec = figures(at)[0]
    assert sum(plain(spec["data"][0]["x"])) == 5  # five wards, each in one level
    assert len(table_with(at, "Xếp loại")) == 5


def test_evaluation_page_says_scheme_coverage_points_and_finalised(small_db):
    from auth import admin
    from store import open_store
    from vocab.periods import Period
    from vocab.units import UnitGroup

    at = open_page("evaluation", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    captions = " ".join(c.value for c in at.caption)
    assert "đề xuất, chưa ban hành" in captions
    table = table_with(at, "Xếp loại")
    assert {"Đã báo cáo", "Điểm cải thiện", "Chỉ số không báo cáo", "Chốt"} <= set(table.columns)
    assert all("chỉ số" in v and "tháng" in v for v in table["Đã báo cáo"])
    points = table_with(at, "Đúng hạn (điểm)")
    assert len(points) == 5
    assert not any("đã được chốt" in i.value for i in at.info)

    store = open_store(small_db)
    try:
        admin.finalise_evaluation(store, "boss", Period.parse("2026-10"), UnitGroup.WARD)
    finally:
        store.close()
    # No cache clearing by hand: finalising changes the data fingerprint.
    at = open_page("evaluation", {"period": "2026-10", "group": "ward"})
    assert_clean(at)
    assert any("đã được chốt" in i.value for i in at.info)
    assert set(table_with(at, "Xếp loại")["Chốt"]) == {"Đã chốt"}


def test_a_target_change_and_a_new_batch_show_on_the_next_run(small_db):
    from store import open_store
    from tests.factories import add_batch, add_dossiers, add_target, resolved

    at = open_page("overview", {"period": "2026-10", "group": "ward"})
    assert_clean(at)

    def on_time_target() -> str:
        return next(m.value for m in at.markdown if "Mục tiêu" in m.value and "%" in m.value)

    received = next(m for m in at.metric if m.label == "Hồ sơ tiếp nhận").value
    assert "95,0" in on_time_target()
    store = open_store(small_db)
    try:
        add_target(store, "on_time_rate", 2026, 0.8)
        add_dossiers(store, add_batch(store, "late.csv"), "phuong-an", "2026-10", field="ho-tich",
                     received_total=1000, received_direct=1000, **resolved(1000, 1000))
    finally:
        store.close()
    at.run()  # the same session's next run: no cache cleared by the test
    assert_clean(at)
    assert "80,0" in on_time_target()
    assert next(m for m in at.metric if m.label == "Hồ sơ tiếp nhận").value != received


def test_an_error_shows_a_short_message_not_a_traceback(small_db, monkeypatch):
    from ui import cached

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cached, "ranking_frame", broken)
    at = open_page("rankings", {"period": "2026-10"})
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Đã xảy ra lỗi khi hiển thị trang này. Vui lòng thử lại hoặc chọn kỳ khác; "
        "lỗi đã được ghi lại cho bộ phận kỹ thuật."
    ]


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_offers_png_svg_and_pdf(demo_db, page):
    at = open_page(page)
    charts = len(figures(at))
    buttons = [b for b in at.get("download_button") if b.proto.id and b.proto.label in ("PNG", "SVG", "PDF")]
    assert charts and len(buttons) == 3 * charts


def test_source_line_says_when_the_data_was_updated(demo_db):
    spec = figures(open_page("rankings"))[0]
    assert "dữ liệu cập nhật" in spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")  # wrapped


def test_card_colours_say_better_or_worse_whatever_the_direction(demo_db):
    at = open_page("overview")
    cards = {m.label: m.proto for m in at.metric}
    on_time, overdue = cards["Đúng hạn"], cards["Đang quá hạn"]
    # Demo October: on-time up (better) and overdue dossiers down (also better): both green.
    assert on_time.delta.startswith("+") and overdue.delta.startswith("−")
    assert "color: GREEN" in str(on_time) and "color: GREEN" in str(overdue)
    # the arrows still point the way the number moved
    assert "direction: UP" in str(on_time) and "direction: UP" not in str(overdue)  # DOWN is the default


LEADER_PAGE_FILES = ["overview", "rankings", "unit_profile", "evaluation", "exports"]


@pytest.mark.parametrize("page", LEADER_PAGE_FILES)
def test_leader_pages_hold_no_words_of_their_own(page):
    """Words come from the catalogue (`ui.strings.t`); a page's own strings are keys, codes and log names."""
    import ast
    import re
    from pathlib import Path

    words = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")
    vietnamese = re.compile(r"[À-ỹđĐ]")
    tree = ast.parse((Path(__file__).resolve().parents[2] / "pages" / f"{page}.py").read_text(encoding="utf-8"))
    log_names = {id(call.args[0]) for call in ast.walk(tree) if isinstance(call, ast.Call)
                 and getattr(call.func, "id", None) == "section" and call.args}
    found = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and node is not tree.body[0].value
             and id(node) not in log_names and (words.search(node.value) or vietnamese.search(node.value))]
    assert found == []
