"""The demo database: deterministic, believable, and labelled as demo."""

from datetime import date

import pytest

from data.demo import build_demo, ensure_demo
from metrics.completeness import missing_reports
from metrics.periods import Period
from metrics.queries import months_with_data
from metrics.ranking import rank_units
from metrics.units import UnitGroup
from metrics.values import single_value
from store import open_store

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo():
    s = open_store(":memory:")
    build_demo(s, today=TODAY)
    return s


def _checksum(store):
    return store.cursor().execute(
        "SELECT count(*), sum(received_total), sum(resolved_on_time), sum(late_without_reason) FROM dossier_facts"
    ).fetchone()


def test_24_months_ending_last_full_month_marked_demo(demo):
    months = months_with_data(demo.cursor())
    assert months[-1] == date(2026, 10, 1) and months[0] == date(2024, 11, 1) and len(months) == 24
    assert demo.is_demo()


def test_deterministic(demo):
    other = open_store(":memory:")
    build_demo(other, today=TODAY)
    assert _checksum(other) == _checksum(demo)


def test_believable(demo):
    con = demo.cursor()
    p = Period.parse("2026-Q3")
    r = rank_units(con, "on_time_rate", p, UnitGroup.COMMUNE_LEVEL).set_index("unit_code")
    assert r.loc["phuong-hai-chau", "value"] > r.loc["xa-tra-leng", "value"]    # urban ahead of mountain
    early = single_value(con, "online_rate", Period.parse("2025-Q1")).value
    late = single_value(con, "online_rate", Period.parse("2026-Q3")).value
    assert late > early + 0.1                                                    # improvement over time
    deps = rank_units(con, "on_time_rate", p, UnitGroup.DEPARTMENT)
    assert (deps["status"] != "ranked").any()                                    # small departments
    assert con.execute("SELECT sum(late_without_reason) FROM dossier_facts").fetchone()[0] > 0
    missing = missing_reports(con, Period.parse("2026-10"), UnitGroup.COMMUNE_LEVEL)
    assert {"xa-hung-son", "xa-song-kon"} <= set(missing["unit_code"])


def test_ensure_demo_only_fills_an_empty_store(demo):
    assert ensure_demo(demo) is False
