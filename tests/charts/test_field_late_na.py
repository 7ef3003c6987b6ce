"""Late dossiers by field when one count was not reported (NA): no bar, no number, no error.

Found on the unit page for a partial quarter: "pending overdue" not sent for the month made
`fmt_int(v) if v` raise "boolean value of NA is ambiguous", and the section showed an error box.
"""

from __future__ import annotations

import pandas as pd

from charts.figures import field_late_bars


def test_a_count_not_reported_draws_nothing_and_says_nothing():
    frame = pd.DataFrame({
        "field_name": ["Chứng thực", "Đất đai", "Hộ tịch"],
        "resolved_late": pd.array([2, 3, 0], dtype="Int64"),
        "pending_overdue": pd.array([None, None, 4], dtype="Int64"),
    })
    fig = field_late_bars(frame, [("resolved_late", "Trễ hạn"), ("pending_overdue", "Quá hạn")], "Tiêu đề")
    late, pending = fig.data
    by_field = dict(zip(pending.y, pending.x, strict=True))
    assert by_field["Hộ tịch"] == 4
    assert pd.isna(by_field["Chứng thực"]) and pd.isna(by_field["Đất đai"])   # no bar, not a 0 bar
    assert dict(zip(pending.y, pending.text, strict=True)) == {"Đất đai": "", "Hộ tịch": "4", "Chứng thực": ""}
    assert dict(zip(late.y, late.text, strict=True))["Đất đai"] == "3"
    assert list(late.y) == ["Hộ tịch", "Đất đai", "Chứng thực"]  # largest total first: 4, 3, 2
