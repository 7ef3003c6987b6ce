"""Fixtures for export tests: one renderer, one demo database and one exported pack per session.

Chromium is required (CI installs the Debian package): a missing browser fails
the tests instead of skipping them.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from data.demo import build_demo
from exports.render import find_browser, get_renderer
from store import open_store
from vocab.periods import Period

DEMO_TODAY = date(2026, 11, 26)
PERIOD = Period.parse("2026-10")
# A chosen and reordered deck: the 3rd chart slide, then the 1st, then the department evaluation.
CHOSEN_SLIDES = "3,1,evaluation.department"


@pytest.fixture(scope="session")
def renderer():
    assert find_browser() is not None, "Chromium missing: install the Debian package 'chromium' (or set BROWSER_PATH)"
    return get_renderer()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("db") / "demo.duckdb")
    build_demo(store, today=DEMO_TODAY)
    yield store
    store.close()


@pytest.fixture(scope="session")
def pack_dir(renderer, demo_store, tmp_path_factory) -> Path:
    """The CLI export of the department pack (the smaller group: fewer renders, same code path)."""
    from exports.cli import export_command

    out = tmp_path_factory.mktemp("pack")
    assert export_command(demo_store, str(PERIOD), str(out), "department", "vi") == 0
    return out


@pytest.fixture(scope="session")
def chosen_dir(renderer, demo_store, tmp_path_factory) -> Path:
    """The CLI export of the department pack with `--slides 3,1,evaluation.department`."""
    from exports.cli import export_command

    out = tmp_path_factory.mktemp("chosen")
    assert export_command(demo_store, str(PERIOD), str(out), "department", "vi", slides=CHOSEN_SLIDES) == 0
    return out


def png_info(data: bytes) -> tuple[tuple[int, int], float]:
    """(size, mean per-channel standard deviation): a blank image has ~0 variance."""
    with Image.open(io.BytesIO(data)) as im:
        rgb = im.convert("RGB")
        return rgb.size, sum(ImageStat.Stat(rgb).stddev) / 3
