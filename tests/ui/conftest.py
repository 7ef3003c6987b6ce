"""Fixtures for AppTest: a demo database built once, small hand-made ones, clean caches."""

from __future__ import annotations

import base64
import json
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.demo import build_demo
from store import open_store
from tests.factories import add_batch, add_dossiers, add_field, add_target, add_unit, resolved

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
DEMO_TODAY = date(2026, 11, 26)   # demo data ends with October 2026
TIMEOUT = 120


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    store = open_store(path)
    build_demo(store, today=DEMO_TODAY)
    store.close()
    return path


@pytest.fixture(autouse=True)
def clean_caches():
    """Each test opens its own database: forget the shared Store and cached figures."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def demo_db(demo_db_master, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


# Small database: four wards, one commune, one field, October and September 2026.
# On-time rates in October: An (100/100) > Bình (95/100) = Cẩm (190/200) > Đông (80/100);
# Ê (4/5) has too few dossiers; the commune Xã Gia has not reported October.
SMALL_OCTOBER = {
    "phuong-an": (100, 100), "phuong-binh": (100, 95), "phuong-cam": (200, 190),
    "phuong-dong": (100, 80), "phuong-e": (5, 4),
}
SMALL_SEPTEMBER = {
    "phuong-an": (100, 90), "phuong-binh": (100, 99), "phuong-cam": (200, 150),
    "phuong-dong": (100, 85), "phuong-e": (5, 5), "xa-gia": (50, 50),
}
SMALL_NAMES = {"phuong-an": "Phường An", "phuong-binh": "Phường Bình", "phuong-cam": "Phường Cẩm",
               "phuong-dong": "Phường Đông", "phuong-e": "Phường Ê", "xa-gia": "Xã Gia"}


def make_small_db(path: Path) -> Path:
    store = open_store(path)
    add_field(store, "ho-tich", "Hộ tịch")
    for code, name in SMALL_NAMES.items():
        add_unit(store, code, "commune" if code.startswith("xa-") else "ward", name)
    add_target(store, "on_time_rate", 2026, 0.95)
    batch = add_batch(store, "small.csv")
    for month, rows in (("2026-10", SMALL_OCTOBER), ("2026-09", SMALL_SEPTEMBER)):
        for code, (total, on_time) in rows.items():
            add_dossiers(store, batch, code, month, field="ho-tich", received_total=total, received_direct=total,
                         **resolved(total, on_time))
    store.close()
    return path


@pytest.fixture
def small_db(tmp_path, monkeypatch) -> Path:
    path = make_small_db(tmp_path / "small.duckdb")
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


def app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    """Runs the app, then switches to `page` ('overview', 'rankings' …) and runs it."""
    at = app(query)
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


def figures(at: AppTest) -> list[dict]:
    """The figure JSON of every plotly chart on the screen, in order."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def plain(values) -> list:
    """A trace array as a list: plotly ≥ 6 writes numeric arrays as base64 typed arrays."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return list(values)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on the screen that has `column`."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def assert_clean(at: AppTest) -> None:
    """No exception reached the screen and no error message was shown."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
