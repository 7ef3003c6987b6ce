"""`metrics.freshness.data_versions`: the key of a period changes with the months it reaches, never later ones."""

from __future__ import annotations

from datetime import date

from ingest.versioning import rollback
from metrics.freshness import data_version, data_versions
from tests.factories import add_batch, add_dossiers, add_target, add_unit, new_store, resolved

SEP, OCT, NOV = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)


def _store():
    s = new_store()
    add_unit(s, "a", "ward", "Phường A")
    add_dossiers(s, add_batch(s, "sep.csv"), "a", "2026-09", **resolved(10, 9))
    add_dossiers(s, add_batch(s, "oct.csv"), "a", "2026-10", **resolved(20, 15))
    return s


def _keys(store):
    v = data_versions(store.cursor())
    return {m: v.through(m) for m in (date(2026, 8, 1), SEP, OCT, NOV)}, v


def test_without_a_month_the_key_is_the_whole_fingerprint():
    store = _store()
    _, v = _keys(store)
    assert v.through(None) == data_version(store.cursor()) == v.whole
    assert v.months == (SEP, OCT)


def test_a_month_with_no_data_before_any_other_has_a_key_too():
    keys, _ = _keys(_store())
    assert keys[date(2026, 8, 1)].endswith("|-")
    assert len(set(keys.values())) == 3       # August, September, October (November = October: nothing after)


def test_a_rollback_changes_its_month_and_every_later_key_only():
    store = _store()
    batch = add_batch(store, "oct-fix.csv")
    add_dossiers(store, batch, "a", "2026-10", field="f2", **resolved(5, 5))
    before, _ = _keys(store)
    rollback(store, batch, "analyst")
    after, _ = _keys(store)
    assert after[SEP] == before[SEP]
    assert after[OCT] != before[OCT] and after[NOV] != before[NOV]


def test_a_target_counts_from_january_of_its_year():
    store = _store()
    before, _ = _keys(store)
    add_target(store, "on_time_rate", 2027, 0.9)
    after, _ = _keys(store)
    assert after == before                    # no period of 2026 reaches 2027
    add_target(store, "on_time_rate", 2026, 0.9)
    assert _keys(store)[0][SEP] != before[SEP]


def test_a_unit_renamed_changes_every_key():
    store = _store()
    before, _ = _keys(store)
    store.cursor().execute("UPDATE units SET name = 'Phường Á' WHERE code = 'a'")
    after, _ = _keys(store)
    assert all(after[m] != before[m] for m in before)
