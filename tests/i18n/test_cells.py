"""No name typed by anyone becomes a live formula in a CSV or workbook the product writes.

Each writer gets the same hostile names (as unit names, file names, user names); the
written file is read back the way a spreadsheet would: no formula cell in a workbook,
every such CSV cell behind an apostrophe, and numbers (negative ones too) still numbers.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from i18n.cells import FORMULA_LEADS, is_formula_like, safe_frame, spreadsheet_safe

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ['=HYPERLINK("http://x","a")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def assert_neutral_csv_cell(value: object) -> None:
    """A CSV cell a spreadsheet would read as a formula must start with the apostrophe."""
    assert not (isinstance(value, str) and value.startswith(FORMULA_LEADS) and value != "-"), repr(value)


def assert_no_formula_cells(data: bytes) -> list:
    """Every cell of every sheet: none is a formula; returns the text values seen."""
    wb = load_workbook(io.BytesIO(data))
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert_neutral_csv_cell(cell.value)
                    texts.append(cell.value)
    return texts


# --- the rule itself --------------------------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE)
def test_formula_like_strings_get_an_apostrophe(name):
    assert is_formula_like(name)
    assert spreadsheet_safe(name) == "'" + name


@pytest.mark.parametrize("value", [-5, -2.5, 0, 3.0, None, "-", "—", "Phường Hải Châu", "2026-10", "'=1"])
def test_numbers_and_ordinary_text_are_untouched(value):
    assert spreadsheet_safe(value) is value or spreadsheet_safe(value) == value


def test_safe_frame_touches_only_text_columns():
    frame = pd.DataFrame({"name": ["=1", "An", None], "n": [-2, 3, 4], "rate": [-0.5, 0.1, float("nan")]})
    out = safe_frame(frame)
    assert out["name"].tolist()[:2] == ["'=1", "An"] and pd.isna(out["name"].iloc[2])
    assert out["n"].tolist() == [-2, 3, 4] and out["n"].dtype == frame["n"].dtype
    assert out["rate"].dtype == frame["rate"].dtype
    assert frame["name"].iloc[0] == "=1"  # the caller's frame is not changed


# --- every writer ---------------------------------------------------------------------------

def ranking_frame() -> pd.DataFrame:
    """Shaped like `metrics.ranking.rank_units` output, with hostile unit names."""
    n = len(HOSTILE)
    return pd.DataFrame({
        "rank": range(1, n + 1), "unit_code": [f"u{i}" for i in range(n)], "unit_name": HOSTILE,
        "unit_type": ["ward"] * n, "status": ["ranked"] * n, "numerator": [90] * n, "denominator": [100] * n,
        "value": [0.9] * n, "target": [0.95] * n, "band": ["below"] * n, "prev_value": [0.8] * n,
        "change": [-0.1] * n, "prev_rank": [2] * n, "rank_change": [-1] * n,
    })


def test_pack_workbook_ranking_and_evaluation_sheets():
    from exports.xlsx import Sheet, evaluation_sheet, ranking_columns, write_workbook
    from metrics.indicators import get_indicator

    ind = get_indicator("on_time_rate")
    frame = ranking_frame()
    evaluation = pd.DataFrame({"unit_code": ["u0", "u1"], "unit_name": HOSTILE[:2], "unit_type": ["ward", "ward"],
                               "score": [-1.5, 80.0], "level": ["good", "good"], "cap_reason": ["-2+3", "—"]})
    data = write_workbook([
        Sheet("=Xếp hạng", frame, ranking_columns(ind), title="=title", notes=["@note"]),
        evaluation_sheet("Xếp loại", "+Đánh giá", evaluation, ["-nguồn"]),
    ])
    texts = assert_no_formula_cells(data)
    for name in HOSTILE:
        assert "'" + name in texts
    assert "—" in texts  # our "no data" mark stays readable
    ws = load_workbook(io.BytesIO(data)).worksheets[1]
    scores = [c.value for c in ws["D"] if isinstance(c.value, int | float)]
    assert scores == [-1.5, 80.0]  # a negative number stays a number


def test_page_download_workbook():
    from ui.downloads import xlsx_bytes

    frame = pd.DataFrame({"Đơn vị": HOSTILE, "Giá trị": [-0.25] * len(HOSTILE)})
    data = xlsx_bytes({"Xếp hạng": frame}, percent_columns=["Giá trị"], title_rows={"Xếp hạng": ["=tiêu đề"]})
    texts = assert_no_formula_cells(data)
    assert {"'" + n for n in HOSTILE} <= set(texts)
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws["B"] if isinstance(c.value, float)] == [-0.25] * len(HOSTILE)


def test_audit_csv():
    from auth.audit import events_csv

    events = pd.DataFrame({"id": range(len(HOSTILE)), "actor": HOSTILE, "action": ["upload"] * len(HOSTILE),
                           "target": [f"{n}.xlsx" for n in HOSTILE], "detail": ["-"] * len(HOSTILE)})
    back = pd.read_csv(io.BytesIO(events_csv(events)), encoding="utf-8-sig", keep_default_na=False)
    for value in back.to_numpy().ravel():
        assert_neutral_csv_cell(value)
    assert back["actor"].tolist() == ["'" + n for n in HOSTILE]
    assert back["detail"].tolist() == ["-"] * len(HOSTILE)
    assert back["id"].tolist() == list(range(len(HOSTILE)))


def test_problems_csv():
    from ingest.model import Problem, problems_csv

    problems = [Problem(f"{n}.csv", "", i + 2, "B", f"giá trị '{n}' không phải là số") for i, n in enumerate(HOSTILE)]
    back = pd.read_csv(io.BytesIO(problems_csv(problems)), encoding="utf-8-sig", keep_default_na=False)
    for value in back.to_numpy().ravel():
        assert_neutral_csv_cell(value)
    assert back["Tệp"].tolist() == [f"'{n}.csv" for n in HOSTILE]
    assert back["Dòng"].tolist() == list(range(2, len(HOSTILE) + 2))


def test_cli_rank_csv(tmp_path):
    from store import open_store
    from tests.factories import add_batch, add_dossiers, add_field, add_target, add_unit, resolved

    db = tmp_path / "hostile.duckdb"
    store = open_store(db)
    add_field(store, "ho-tich", "=Hộ tịch")
    add_target(store, "on_time_rate", 2026, 0.95)
    batch = add_batch(store, "=x.csv")
    for i, name in enumerate(HOSTILE):
        add_unit(store, f"phuong-{i}", "ward", name)
        add_dossiers(store, batch, f"phuong-{i}", "2026-10", field="ho-tich", received_total=100,
                     received_direct=100, **resolved(100, 90 - i))
    store.close()
    r = subprocess.run([sys.executable, "cli.py", "--db", str(db), "rank", "on_time_rate", "--period", "2026-10",
                        "--group", "ward", "--format", "csv"], cwd=ROOT, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    # Bytes, not text=True: universal newlines would turn the "\r" inside a value into "\n".
    back = pd.read_csv(io.BytesIO(r.stdout), keep_default_na=False)
    for value in back.to_numpy().ravel():
        assert_neutral_csv_cell(value)
    assert sorted(back["unit_name"]) == sorted("'" + n for n in HOSTILE)
    assert all(pd.api.types.is_numeric_dtype(back[c]) for c in ("rank", "value", "numerator", "denominator"))
