"""The demo database: deterministic, believable, and labelled as demo."""

from datetime import date

import pytest

from data.demo import DEMO_UPLOADER, DemoRefused, build_demo, has_demo
from metrics.completeness import missing_reports
from metrics.queries import months_with_data
from metrics.ranking import rank_units
from metrics.values import single_value
from store import open_store
from vocab.periods import Period
from vocab.units import UnitGroup

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo():
    s = open_store(":memory:")
    build_demo(s, today=TODAY)
    return s


def _checksum(store):
    return store.cursor().execute(
        "SELECT count(*), sum(received_total), sum(resolved_on_time), sum(resolved_late_unexcused), count(digitised) FROM dossier_facts"
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
    assert con.execute("SELECT sum(resolved_late_unexcused) FROM dossier_facts").fetchone()[0] > 0
    # Some units send only Biểu 06 and some never report excuse counts: not reported, not 0.
    not_reported = con.execute("SELECT count(*) FILTER (WHERE digitised IS NULL),"
                               " count(*) FILTER (WHERE resolved_late_unexcused IS NULL), count(*)"
                               " FROM dossier_facts").fetchone()
    assert 0 < not_reported[0] < not_reported[2] and not_reported[0] < not_reported[1] < not_reported[2]
    missing = missing_reports(con, Period.parse("2026-10"), UnitGroup.COMMUNE_LEVEL)
    assert {"xa-hung-son", "xa-song-kon"} <= set(missing["unit_code"])


def test_demo_batches_carry_the_marker_and_the_banner_follows_them(demo):
    con = demo.cursor()
    assert con.execute("SELECT DISTINCT uploaded_by FROM upload_batches").fetchall() == [(DEMO_UPLOADER,)]
    assert has_demo(con)


def test_an_empty_database_is_not_a_demo():
    store = open_store(":memory:")
    assert not has_demo(store.cursor())
    assert store.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()[0] == 0


def test_demo_refuses_a_database_with_a_real_batch_and_deletes_nothing():
    from tests.factories import add_batch

    store = open_store(":memory:")
    build_demo(store, today=TODAY, months=2)
    add_batch(store, "thang-10.xlsx")           # a real upload into the demo database
    before = _checksum(store), store.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()
    with pytest.raises(DemoRefused, match="lô số liệu thật"):
        build_demo(store, today=TODAY, months=2)
    assert (_checksum(store), store.cursor().execute("SELECT count(*) FROM upload_batches").fetchone()) == before


def test_banner_goes_when_the_demo_batches_are_rolled_back():
    store = open_store(":memory:")
    build_demo(store, today=TODAY, months=2)
    store.cursor().execute("UPDATE upload_batches SET status = 'rolled_back'")
    assert store.is_demo() and not has_demo(store.cursor())    # the flag alone is not what is shown
