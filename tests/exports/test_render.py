"""Chromium lookup: explicit (BROWSER_PATH or /usr/bin/chromium), and a clear message when it is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest

from exports import render
from exports.images import figure_bytes
from exports.render import CHROMIUM_MISSING_MSG, ChromiumMissing, Renderer, find_browser

ROOT = Path(__file__).resolve().parents[2]


def test_lookup_prefers_browser_path_and_never_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "nope"))
    assert find_browser() is None
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setattr(render, "DEFAULT_BROWSER", tmp_path / "also-nope")
    assert find_browser() is None


def test_missing_chromium_raises_the_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(ChromiumMissing) as info:
        Renderer().render(go.Figure(), "png", 100, 100)
    assert str(info.value).startswith(CHROMIUM_MISSING_MSG)


def test_export_in_a_process_without_chromium_fails_clearly(tmp_path):
    code = (
        "import plotly.graph_objects as go\n"
        "from exports.images import figure_bytes\n"
        "from exports.render import ChromiumMissing\n"
        "try:\n"
        "    figure_bytes(go.Figure(go.Bar(y=[1])), 'png')\n"
        "except ChromiumMissing as e:\n"
        "    print(e)\n"
        "    raise SystemExit(3)\n"
    )
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "missing-chromium"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert proc.returncode == 3, proc.stderr
    assert CHROMIUM_MISSING_MSG in proc.stdout


def test_cli_export_without_chromium_exits_3(tmp_path, demo_store, monkeypatch, capsys):
    from exports.cli import export_command

    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing-chromium"))
    monkeypatch.setattr(render, "_renderer", Renderer())  # a fresh, not yet started renderer
    assert export_command(demo_store, "2026-10", str(tmp_path / "out"), "department", "vi") == 3
    assert CHROMIUM_MISSING_MSG in capsys.readouterr().err


def test_renderer_is_one_per_process(renderer):
    assert render.get_renderer() is renderer
    figure_bytes(go.Figure(go.Bar(y=[1, 2])), "svg")
    assert renderer.started and renderer.browser == find_browser()


def test_a_failed_image_is_a_clear_error_and_the_next_one_works(renderer):
    from exports.render import RenderError

    bad = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"xaxis": {"type": "nonsense-axis-type"}}}
    try:
        renderer.render(bad, "png", 200, 100)
    except RenderError as exc:
        assert str(exc).startswith("Không tạo được ảnh biểu đồ")
    good = figure_bytes(go.Figure(go.Bar(y=[3, 1, 2])), "svg").decode("utf-8")
    assert good.startswith("<svg")
