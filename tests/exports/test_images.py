"""Chart files: promised size, not blank, title and source on them, font and file name."""

from __future__ import annotations

import io
import threading
import time

import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from exports.images import PNG_SCALE, SLIDE_HEIGHT, SLIDE_WIDTH, ChartFile, figure_bytes, file_name, prepare, slugify
from tests.exports.conftest import png_info

TITLE = "Tỷ lệ hồ sơ giải quyết đúng hạn — Phường, xã (cấp xã) — tháng 10/2026"
SOURCE = "Nguồn: báo cáo của các cơ quan, đơn vị · dữ liệu cập nhật 01/11/2026 08:00"


def bars(n: int = 5) -> go.Figure:
    return go.Figure(go.Bar(x=[0.9 - i / 50 for i in range(n)], y=[f"Phường Hòa Khánh {i}" for i in range(n)],
                            orientation="h"))


def test_png_is_full_hd_and_not_blank(renderer):
    data = figure_bytes(bars(), "png", ChartFile(TITLE, SOURCE, "x"))
    size, spread = png_info(data)
    assert size == (round(SLIDE_WIDTH * PNG_SCALE), round(SLIDE_HEIGHT * PNG_SCALE)) == (1920, 1080)
    assert spread > 10


def test_svg_carries_title_and_source_with_diacritics(renderer):
    svg = figure_bytes(bars(), "svg", ChartFile(TITLE, SOURCE)).decode("utf-8")
    assert svg.startswith("<svg")
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in svg
    assert "dữ liệu cập nhật" in svg
    assert "Noto Sans" in svg


def test_pdf_is_one_page_with_the_title_text(renderer):
    reader = PdfReader(io.BytesIO(figure_bytes(bars(), "pdf", ChartFile(TITLE, SOURCE))))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "giải quyết đúng hạn" in text


def test_a_figure_that_has_its_own_title_keeps_it_and_is_not_changed():
    fig = bars()
    fig.update_layout(title=dict(text="Tiêu đề riêng", subtitle=dict(text="Nguồn: riêng")), height=400)
    ready = prepare(fig, ChartFile(TITLE, SOURCE))
    assert ready.layout.title.text == "Tiêu đề riêng"
    assert ready.layout.title.subtitle.text == "Nguồn: riêng"
    assert (ready.layout.width, ready.layout.height) == (SLIDE_WIDTH, SLIDE_HEIGHT)
    assert fig.layout.width is None and fig.layout.height == 400  # the screen's figure is untouched


def test_a_long_ranking_keeps_its_height():
    fig = bars(94)
    fig.update_layout(height=170 + 30 * 94)
    assert prepare(fig).layout.height == 170 + 30 * 94


def test_file_names_are_ascii():
    assert slugify("Tỷ lệ đúng hạn — Đà Nẵng 2026-10") == "ty-le-dung-han-da-nang-2026-10"
    assert file_name("Xếp loại_Cấp xã_2026-Q3", "pdf") == "xep-loai_cap-xa_2026-q3.pdf"


def test_images_after_the_first_are_fast_and_threads_get_their_own_image(renderer):
    figure_bytes(bars(), "png")  # warm
    started = time.perf_counter()
    figure_bytes(bars(), "png")
    assert time.perf_counter() - started < 3.0  # ~0.3 s idle; generous for a loaded CI box

    results: dict[int, bytes] = {}

    def work(n: int) -> None:
        results[n] = figure_bytes(bars(n), "svg")

    threads = [threading.Thread(target=work, args=(n,)) for n in (2, 3, 4, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for n, svg in results.items():  # each caller got the figure it asked for
        text = svg.decode("utf-8")
        assert f"Phường Hòa Khánh {n - 1}" in text and f"Phường Hòa Khánh {n}" not in text
    assert len(results) == 4


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_every_format_renders(renderer, fmt):
    assert len(figure_bytes(bars(), fmt)) > 1000


def test_pdf_of_hatched_bars_stays_vector_and_small(renderer):
    fig = bars()
    fig.update_traces(name="✗ Chưa đạt", text=["90,0 %"] * 5, marker_pattern_shape="/")
    pdf = figure_bytes(fig, "pdf")
    assert len(pdf) < 300_000  # hatching printed by Chromium would be a multi-megabyte bitmap
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "✗ 90,0 %" in text  # the band's icon replaces the hatching
    assert fig.data[0].marker.pattern.shape == "/"  # the screen's figure keeps its hatching
