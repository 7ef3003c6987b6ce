from datetime import date

from metrics.completeness import completeness_summary, missing_reports
from tests.factories import add_batch, add_dossiers, add_field, add_unit, new_store, resolved
from vocab.periods import Period


def test_missing_reports_lists_active_units_without_data_per_month():
    s = new_store()
    add_field(s, "f1")
    add_unit(s, "a")
    add_unit(s, "b")
    add_unit(s, "gone", valid_to=date(2026, 7, 31))       # closed: not expected after July
    add_unit(s, "late", valid_from=date(2026, 9, 15))     # opened mid-September
    b = add_batch(s)
    for m in ("2026-07", "2026-08", "2026-09"):
        add_dossiers(s, b, "a", m, **resolved(1, 1))
    add_dossiers(s, b, "b", "2026-07", **resolved(1, 1))
    add_dossiers(s, b, "gone", "2026-07", **resolved(1, 1))
    missing = missing_reports(s.cursor(), Period.parse("2026-Q3"))
    got = {(r.unit_code, r.month.isoformat()) for r in missing.itertuples()}
    assert got == {("b", "2026-08-01"), ("b", "2026-09-01"), ("late", "2026-09-01")}
    active, by_unit = completeness_summary(s.cursor(), Period.parse("2026-09"))
    assert active == 3  # a, b, late ("gone" closed in July)
    assert sorted(by_unit["unit_code"]) == ["b", "late"]
