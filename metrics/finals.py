"""Finalised ("chốt") evaluations: ratings stored as shown, never re-rated afterwards.

An administrator finalises a period (for a group, or every unit). Each unit's
evaluation row is stored with the scheme used and a fingerprint of the data it was
computed from (the current fact rows of the period and of its comparison periods).
Later uploads, corrections or setting changes leave the stored rating as it was;
`evaluation_with_finals` shows the stored rows and says, per unit, whether the data
changed since (`changed_since_final`).
"""

from __future__ import annotations

import json
import math
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from metrics.evaluation import CapReason, StoredReason, evaluate_units, reason_from_dict, reason_to_dict
from vocab.errors import UserFacingError
from vocab.periods import Period
from vocab.units import UnitGroup

_FINGERPRINT_SQL = """
WITH rows AS (
    SELECT unit_code, hash(batch_id, unit_code, field_code, month) AS h FROM dossier_facts
    WHERE is_current AND month BETWEEN ? AND ?
    UNION ALL
    SELECT unit_code, hash(batch_id, unit_code, 'documents', month) FROM document_facts
    WHERE is_current AND month BETWEEN ? AND ?
    UNION ALL
    SELECT unit_code, hash(batch_id, unit_code, 'tasks', month) FROM task_facts
    WHERE is_current AND month BETWEEN ? AND ?
)
SELECT unit_code, bit_xor(h)::VARCHAR || ':' || count(*)::VARCHAR FROM rows GROUP BY unit_code
"""


class AlreadyFinal(UserFacingError):
    """The period is already finalised for some of the units: a final rating never changes."""


def _data_span(period: Period) -> tuple[date, date]:
    """The months a rating reads: the period and its comparison periods (previous, last year)."""
    return min(period.previous().first, period.same_period_last_year().first), period.last


def fingerprints(con: duckdb.DuckDBPyConnection, period: Period) -> dict[str, str]:
    first, last = _data_span(period)
    return dict(con.execute(_FINGERPRINT_SQL, [first, last] * 3).fetchall())


def _plain(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def finalised_units(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    return con.execute(
        "SELECT unit_code, scheme_id, result, fingerprint, finalised_by, finalised_at FROM evaluation_finals"
        " WHERE period = ?", [str(period)]).df()


def freeze(cur: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup, actor: str,
           today: date | None = None) -> pd.DataFrame:
    """Stores the current evaluation of `group` for `period`; returns the rows stored.

    Refuses (ValueError) when some of the group's units are already finalised for it.
    """
    already = finalised_units(cur, period)
    live = evaluate_units(cur, period, group, today=today)
    clash = sorted(set(live["unit_code"]) & set(already["unit_code"]))
    if clash:
        raise AlreadyFinal(f"Kỳ {period} đã được chốt cho {len(clash)} đơn vị của nhóm này "
                         f"(ví dụ {clash[0]}); kết quả đã chốt không thay đổi.",
                           key="finals_already_final", period=str(period), n=len(clash), example=clash[0])
    prints = fingerprints(cur, period)
    rows = []
    for record in live.to_dict(orient="records"):
        result = {k: _plain(v) for k, v in record.items() if k != "cap_reasons"}
        result["cap_reasons"] = [reason_to_dict(r) for r in record["cap_reasons"]]
        rows.append([str(period), record["unit_code"], _plain(record["scheme_id"]),
                     json.dumps(result, ensure_ascii=False), prints.get(record["unit_code"], "0:0"), actor])
    if rows:
        cur.executemany(
            "INSERT INTO evaluation_finals (period, unit_code, scheme_id, result, fingerprint, finalised_by)"
            " VALUES (?, ?, ?, ?, ?, ?)", rows)
    return live


def _stored_reasons(result: dict) -> tuple[CapReason, ...]:
    """A stored row's reasons: records, or (finalised before records) the words it was shown with."""
    if "cap_reasons" in result:
        return tuple(reason_from_dict(r) for r in result["cap_reasons"] or ())
    vi = result.get("cap_reason") or ""
    return (StoredReason(vi, result.get("cap_reason_en") or vi),) if vi else ()


def evaluation_with_finals(con: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup = UnitGroup.ALL,
                           today: date | None = None, evaluated: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evaluation as `evaluate_units` gives it, with finalised units replaced by their stored rows.

    Adds `final` (the row is the stored, finalised one), `changed_since_final` (the data
    it was computed from changed after finalising) and `finalised_at`. `evaluated`: that
    evaluation already made (`metrics.evaluation.with_previous_scores`), left unchanged.
    """
    frame = evaluate_units(con, period, group, today=today) if evaluated is None else evaluated.copy()
    stored = finalised_units(con, period)
    frame["final"] = False
    frame["changed_since_final"] = False
    frame["finalised_at"] = pd.NaT
    if stored.empty:
        return frame
    prints = fingerprints(con, period)
    by_unit = {r.unit_code: r for r in stored.itertuples(index=False)}
    rows = []
    for record in frame.to_dict(orient="records"):
        kept = by_unit.get(record["unit_code"])
        if kept is not None:
            result = json.loads(kept.result)
            result["cap_reasons"] = _stored_reasons(result)
            record.update({k: (np.nan if v is None and isinstance(record.get(k), float) else v)
                           for k, v in result.items() if k in record})
            record["final"] = True
            record["changed_since_final"] = prints.get(record["unit_code"], "0:0") != kept.fingerprint
            record["finalised_at"] = kept.finalised_at
        rows.append(record)
    out = pd.DataFrame(rows, columns=frame.columns)
    for column in frame.columns:
        if column.startswith(("value_", "points_", "improvement_", "change_")) or column in (
                "score", "prev_score", "score_change", "improvement_points"):
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
    out["scheme_id"] = pd.array(out["scheme_id"], dtype="Int64")
    out = out.assign(_o=out["score"].fillna(-1)).sort_values(["_o", "unit_name"], ascending=[False, True])
    return out.drop(columns="_o").reset_index(drop=True)
