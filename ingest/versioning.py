"""Preview, commit and roll back upload batches (the versioning rule lives here).

Fact rows are never updated except `is_current`. A batch replaces, per family,
every unit-month it covers; a rollback restores, per unit-month, the rows of
the most recent remaining active batch. Each operation is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import numpy as np
import pandas as pd

from auth.audit import record
from ingest.model import FAMILY_KEYS, FAMILY_VALUE_COLUMNS, IngestError, ParsedFile, Preview
from metrics.indicators import FAMILY_TABLES, Family
from store import Store

ACTIVE_BATCH_BY_SHA = (
    "SELECT id, source_file, uploaded_by, uploaded_at FROM upload_batches"
    " WHERE sha256 = ? AND status = 'active' ORDER BY id LIMIT 1"
)


def find_active_duplicate(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple | None:
    return con.execute(ACTIVE_BATCH_BY_SHA, [sha256]).fetchone()


def _canonical(df: pd.DataFrame, family: Family) -> pd.DataFrame:
    return df[[*FAMILY_KEYS[family], *FAMILY_VALUE_COLUMNS[family]]]


def _current_rows(con: duckdb.DuckDBPyConnection, family: Family, incoming: pd.DataFrame) -> pd.DataFrame:
    """Current rows of the unit-months that `incoming` covers."""
    table = FAMILY_TABLES[family]
    keys = FAMILY_KEYS[family]
    cols = ", ".join(f"f.{c}" for c in (*keys, *FAMILY_VALUE_COLUMNS[family]))
    cover = incoming[["unit_code", "month"]].drop_duplicates()
    con.register("_cover", cover)
    try:
        return con.execute(
            f"SELECT {cols} FROM {table} f JOIN _cover c"
            " ON f.unit_code = c.unit_code AND f.month = CAST(c.month AS DATE) WHERE f.is_current"
        ).df()
    finally:
        con.unregister("_cover")


def preview(store: Store, parsed_files: Sequence[ParsedFile]) -> Preview:
    """What committing these files would change (files are applied in order, so a later
    file in the same upload replaces an earlier one's unit-months)."""
    con = store.cursor()
    new = replaced = changed = dropped = 0
    changes: list[pd.DataFrame] = []
    pending: dict[Family, pd.DataFrame] = {}
    for parsed in parsed_files:
        for family, frame in parsed.frames.items():
            keys = list(FAMILY_KEYS[family])
            values = list(FAMILY_VALUE_COLUMNS[family])
            incoming = _canonical(frame, family).copy()
            incoming["month"] = pd.to_datetime(incoming["month"]).astype("datetime64[s]")
            current = _current_rows(con, family, incoming)
            current["month"] = pd.to_datetime(current["month"]).astype("datetime64[s]")
            if family in pending:
                current = _overlay(current, pending[family], incoming)
            pending[family] = _overlay(pending.get(family, incoming.iloc[:0]), incoming, incoming)
            if current.empty:
                new += len(incoming)
                continue
            merged = incoming.merge(current, on=keys, how="outer", suffixes=("", "_old"), indicator=True)
            new += int((merged["_merge"] == "left_only").sum())
            dropped += int((merged["_merge"] == "right_only").sum())
            both = merged[merged["_merge"] == "both"]
            replaced += len(both)
            diff_any = np.zeros(len(both), dtype=bool)
            for col in values:
                diff = (both[col].to_numpy() != both[f"{col}_old"].to_numpy())
                diff_any |= diff
                if diff.any():
                    part = both.loc[diff, keys].copy()
                    part.insert(0, "family", family.value)
                    part.insert(0, "file", parsed.name)
                    part["column"] = col
                    part["old"] = both.loc[diff, f"{col}_old"].astype("int64").to_numpy()
                    part["new"] = both.loc[diff, col].astype("int64").to_numpy()
                    changes.append(part)
            changed += int(diff_any.sum())
    columns = ["file", "family", "unit_code", "field_code", "month", "column", "old", "new"]
    frame = pd.concat(changes, ignore_index=True) if changes else pd.DataFrame(columns=columns)
    frame = frame.reindex(columns=columns)
    if not frame.empty:
        frame["month"] = pd.to_datetime(frame["month"]).dt.strftime("%Y-%m")
    return Preview(new, replaced, changed, dropped, frame)


def _overlay(base: pd.DataFrame, newer: pd.DataFrame, cover: pd.DataFrame) -> pd.DataFrame:
    """`base` with the unit-months of `newer` replaced by `newer`'s rows, limited to `cover`'s unit-months."""
    um = ["unit_code", "month"]
    newer_um = newer[um].drop_duplicates()
    kept = base.merge(newer_um, on=um, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
    added = newer.merge(cover[um].drop_duplicates(), on=um, how="inner")
    return pd.concat([kept, added], ignore_index=True) if len(added) else kept.reset_index(drop=True)


_REPLACE_SQL = (
    "UPDATE {table} SET is_current = FALSE WHERE is_current AND batch_id <> ?"
    " AND (unit_code, month) IN (SELECT unit_code, month FROM {table} WHERE batch_id = ?)"
)


def commit(store: Store, parsed_files: Sequence[ParsedFile], actor: str, confirm_warnings: bool = False,
           ) -> list[int]:
    """Write every file as one batch each, all in one transaction; returns the batch ids."""
    blocked = [p.name for p in parsed_files if p.errors]
    if blocked:
        raise IngestError(f"Không thể ghi: còn lỗi trong tệp {', '.join(blocked)}")
    unconfirmed = [p.name for p in parsed_files if p.warnings]
    if unconfirmed and not confirm_warnings:
        raise IngestError(f"Cần xác nhận các cảnh báo trong tệp {', '.join(unconfirmed)} trước khi ghi")
    empty = [p.name for p in parsed_files if p.row_count == 0]
    if empty:
        raise IngestError(f"Tệp {', '.join(empty)} không có dòng số liệu nào")
    batch_ids: list[int] = []
    with store.transaction() as cur:
        for parsed in parsed_files:
            if (dup := find_active_duplicate(cur, parsed.sha256)) is not None:
                raise IngestError(duplicate_message(parsed.name, dup))
            batch_id = cur.execute(
                "INSERT INTO upload_batches (source_file, sha256, uploaded_by, row_count)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                [parsed.name, parsed.sha256, actor, parsed.row_count],
            ).fetchone()[0]
            for family, frame in parsed.frames.items():
                table = FAMILY_TABLES[family]
                rows = _canonical(frame, family)
                cols = ", ".join(rows.columns)
                select = ", ".join("CAST(month AS DATE)" if c == "month" else c for c in rows.columns)
                cur.register("_incoming", rows)
                try:
                    cur.execute(
                        f"INSERT INTO {table} (batch_id, is_current, {cols}) SELECT ?, TRUE, {select} FROM _incoming",
                        [batch_id],
                    )
                finally:
                    cur.unregister("_incoming")
                cur.execute(_REPLACE_SQL.format(table=table), [batch_id, batch_id])
            record(cur, actor, "upload", target=f"batch:{batch_id}",
                   after={"file": parsed.name, "sha256": parsed.sha256, "rows": parsed.row_count,
                          "families": sorted(f.value for f in parsed.frames)},
                   detail=f"warnings confirmed: {len(parsed.warnings)}" if parsed.warnings else None)
            batch_ids.append(batch_id)
    return batch_ids


def duplicate_message(name: str, dup: tuple) -> str:
    batch_id, source, by, at = dup
    return (f"Tệp '{name}' giống hệt tệp '{source}' đã nạp (lô #{batch_id}, bởi {by}, lúc {at:%d/%m/%Y %H:%M}); "
            "không nạp lại")


_RESTORE_SQL = (
    "UPDATE {table} SET is_current = TRUE WHERE (batch_id, unit_code, month) IN ("
    " SELECT max(f.batch_id), f.unit_code, f.month FROM {table} f"
    " JOIN upload_batches b ON b.id = f.batch_id AND b.status = 'active'"
    " WHERE (f.unit_code, f.month) IN (SELECT unit_code, month FROM {table} WHERE batch_id = ?)"
    " GROUP BY f.unit_code, f.month)"
)


def rollback(store: Store, batch_id: int, actor: str) -> None:
    """Withdraw a batch and bring back, per unit-month, what it had replaced."""
    with store.transaction() as cur:
        row = cur.execute("SELECT status, source_file FROM upload_batches WHERE id = ?", [batch_id]).fetchone()
        if row is None:
            raise IngestError(f"Không có lô #{batch_id}")
        if row[0] != "active":
            raise IngestError(f"Lô #{batch_id} đã được hoàn tác trước đó")
        cur.execute(
            "UPDATE upload_batches SET status = 'rolled_back', rolled_back_by = ?, rolled_back_at = current_timestamp"
            " WHERE id = ?", [actor, batch_id],
        )
        for table in FAMILY_TABLES.values():
            cur.execute(f"UPDATE {table} SET is_current = FALSE WHERE batch_id = ? AND is_current", [batch_id])
            cur.execute(_RESTORE_SQL.format(table=table), [batch_id])
        record(cur, actor, "rollback", target=f"batch:{batch_id}", before={"status": "active"},
               after={"status": "rolled_back"}, detail=row[1])


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT id, source_file, sha256, uploaded_by, uploaded_at, row_count, status,"
        " rolled_back_by, rolled_back_at FROM upload_batches ORDER BY id DESC"
    ).df()
