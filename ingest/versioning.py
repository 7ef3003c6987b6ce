"""Preview, commit and roll back upload batches (the versioning rule lives here).

Fact rows are never updated except `is_current`. The rule, per family:

* A batch replaces the rows it carries, key by key (unit × field × month for
  dossiers, unit × month for documents and tasks) and keeps every other row, so a
  one-line correction never deletes the unit-month's other fields.
* A batch committed with `replace_unit_month=True` also retires the other rows of
  the unit-months it covers that came from earlier uploads (an explicit choice,
  previewed row by row). Batches written before this rule existed count as such.
* Two files of one upload may not write the same key.

So the current rows are always what replaying the active batches in order gives;
a rollback replays the unit-months the withdrawn batch touched. Each operation is
one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from i18n.catalogue import has
from i18n.catalogue import text as words
from ingest.model import FAMILY_KEYS, FAMILY_VALUE_COLUMNS, IngestError, ParsedFile, Preview, family_label
from metrics.indicators import FAMILY_TABLES, Family
from store import Store

UNIT_MONTH = ("unit_code", "month")
CHANGE_COLUMNS = ["file", "family", "unit_code", "field_code", "month", "column", "old", "new"]
DROPPED_KEY_COLUMNS = ["file", "family", "unit_code", "field_code", "month"]

ACTIVE_BATCH_BY_SHA = (
    "SELECT id, source_file, uploaded_by, uploaded_at FROM upload_batches"
    " WHERE sha256 = ? AND status = 'active' ORDER BY id LIMIT 1"
)


def find_active_duplicate(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple | None:
    return con.execute(ACTIVE_BATCH_BY_SHA, [sha256]).fetchone()


def _canonical(df: pd.DataFrame, family: Family) -> pd.DataFrame:
    return df[[*FAMILY_KEYS[family], *FAMILY_VALUE_COLUMNS[family]]]


def _as_month(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).astype("datetime64[s]")


def _incoming(parsed_files: Sequence[ParsedFile], family: Family) -> pd.DataFrame:
    """Every file's rows of `family`, with the file name in front."""
    parts = []
    for parsed in parsed_files:
        if (frame := parsed.frames.get(family)) is not None and not frame.empty:
            part = _canonical(frame, family).copy()
            part.insert(0, "file", parsed.name)
            parts.append(part)
    if not parts:
        return pd.DataFrame()
    rows = pd.concat(parts, ignore_index=True)
    rows["month"] = _as_month(rows["month"])
    return rows


# --- two files of one upload writing the same key ------------------------------------------

def _key_label(names: tuple[dict[str, str], dict[str, str]], family: Family, key: dict) -> str:
    units, fields = names
    unit = units.get(key["unit_code"], key["unit_code"])
    middle = fields.get(key["field_code"], key["field_code"]) if "field_code" in key else family_label(family)
    return f"{unit} · {middle} · {pd.Timestamp(key['month']):%m/%Y}"


def check_same_key_twice(con: duckdb.DuckDBPyConnection, parsed_files: Sequence[ParsedFile]) -> None:
    """Refuse an upload in which two files write the same key: which one should win is the
    user's decision, not an accident of the order in which files were chosen."""
    for family in Family:
        rows = _incoming(parsed_files, family)
        if rows.empty or rows["file"].nunique() < 2:
            continue
        keys = list(FAMILY_KEYS[family])
        clashes = rows[rows.duplicated(keys, keep=False)]
        if clashes.empty:
            continue
        by_key = clashes.groupby(keys, sort=False)["file"].agg(lambda s: list(dict.fromkeys(s)))
        key_values, files = next(iter(by_key.items()))
        names = (dict(con.execute("SELECT code, name FROM units").fetchall()),
                 dict(con.execute("SELECT code, name FROM fields").fetchall()))
        label = _key_label(names, family, dict(zip(keys, key_values, strict=True)))
        if len(by_key) > 1:
            raise IngestError.of("ingest.refusal.same_keys_twice", first=files[0], second=files[1], what=label,
                                 n=len(by_key) - 1)
        raise IngestError.of("ingest.refusal.same_key_twice", first=files[0], second=files[1], what=label)


# --- preview -------------------------------------------------------------------------------

def _current_rows(con: duckdb.DuckDBPyConnection, family: Family, cover: pd.DataFrame) -> pd.DataFrame:
    """Current rows matching `cover` on its columns (the keys, or unit and month)."""
    table = FAMILY_TABLES[family]
    cols = ", ".join(f"f.{c}" for c in (*FAMILY_KEYS[family], *FAMILY_VALUE_COLUMNS[family]))
    on = " AND ".join(f"f.{c} = CAST(c.{c} AS DATE)" if c == "month" else f"f.{c} = c.{c}" for c in cover.columns)
    con.register("_cover", cover.drop_duplicates())
    try:
        rows = con.execute(f"SELECT {cols} FROM {table} f JOIN _cover c ON {on} WHERE f.is_current").df()
    finally:
        con.unregister("_cover")
    rows["month"] = _as_month(rows["month"])
    return rows


def _differs(new: pd.Series, old: pd.Series) -> pd.Series:
    """Element-wise "the value changes", where NULL (not reported) equals only NULL."""
    new, old = new.astype("Int64"), old.astype("Int64")
    both_missing = new.isna() & old.isna()
    return (new.ne(old).fillna(True) & ~both_missing).astype(bool)


def preview(store: Store, parsed_files: Sequence[ParsedFile], replace_unit_month: bool = False) -> Preview:
    """What committing these files would change, with every dropped row listed.

    Raises IngestError when two files write the same key (see `check_same_key_twice`).
    """
    con = store.cursor()
    check_same_key_twice(con, parsed_files)
    new = replaced = changed = 0
    changes: list[pd.DataFrame] = []
    dropped: list[pd.DataFrame] = []
    for family in Family:
        incoming = _incoming(parsed_files, family)
        if incoming.empty:
            continue
        keys = list(FAMILY_KEYS[family])
        cover = list(UNIT_MONTH) if replace_unit_month else keys
        current = _current_rows(con, family, incoming[cover])
        merged = incoming.merge(current, on=keys, how="outer", suffixes=("", "_old"), indicator=True)
        new += int((merged["_merge"] == "left_only").sum())
        both = merged[merged["_merge"] == "both"]
        replaced += len(both)
        diff_any = pd.Series(False, index=both.index)
        for col in FAMILY_VALUE_COLUMNS[family]:
            diff = _differs(both[col], both[f"{col}_old"])
            diff_any |= diff
            if diff.any():
                part = both.loc[diff, ["file", *keys]].copy()
                part.insert(1, "family", family.value)
                part["column"] = col
                part["old"] = both.loc[diff, f"{col}_old"].astype("Int64")
                part["new"] = both.loc[diff, col].astype("Int64")
                changes.append(part)
        changed += int(diff_any.sum())
        gone = merged[merged["_merge"] == "right_only"]
        if not gone.empty:  # only when replacing whole unit-months: say which file's unit-month drops it
            files = incoming.groupby(list(UNIT_MONTH))["file"].agg(lambda s: ", ".join(dict.fromkeys(s)))
            part = gone[keys].copy()
            part.insert(0, "file", files.reindex(pd.MultiIndex.from_frame(gone[list(UNIT_MONTH)])).to_numpy())
            part.insert(1, "family", family.value)
            for col in FAMILY_VALUE_COLUMNS[family]:
                part[col] = gone[f"{col}_old"].astype("Int64")
            dropped.append(part)
    return Preview(new, replaced, changed, sum(len(d) for d in dropped),
                   _tidy(changes, CHANGE_COLUMNS), _tidy(dropped, DROPPED_KEY_COLUMNS))


def _tidy(parts: list[pd.DataFrame], leading: list[str]) -> pd.DataFrame:
    """One frame, key columns first, month as 'YYYY-MM', in a stable order."""
    if not parts:
        return pd.DataFrame(columns=leading)
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.reindex(columns=[*leading, *[c for c in frame.columns if c not in leading]])
    frame["month"] = pd.to_datetime(frame["month"]).dt.strftime("%Y-%m")
    order = [c for c in ("family", "unit_code", "month", "field_code") if c in frame.columns]
    return frame.sort_values(order, kind="stable", na_position="first").reset_index(drop=True)


# --- the audit trail ----------------------------------------------------------------------

_AUDIT_INSERT = "INSERT INTO audit_log (actor, action, target, before, after, detail) VALUES (?, ?, ?, ?, ?, ?)"


def _record(cur: duckdb.DuckDBPyConnection, actor: str, action: str, target: str, before: Any = None,
            after: Any = None, detail: str | None = None) -> None:
    """One audit row in the caller's transaction, as auth.audit writes them (JSON with sorted keys).

    Ingest writes its own rows instead of calling auth: it sits below the sign-in layer (the
    caller passes the actor's name), and rollback reads its `after` back (see _MODES_SQL)."""
    def as_json(value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)

    cur.execute(_AUDIT_INSERT, [actor, action, target, as_json(before), as_json(after), detail])


# --- commit --------------------------------------------------------------------------------

def _supersede_keys_sql(family: Family) -> str:
    keys = ", ".join(FAMILY_KEYS[family])
    table = FAMILY_TABLES[family]
    return (f"UPDATE {table} SET is_current = FALSE WHERE is_current AND batch_id <> ?"
            f" AND ({keys}) IN (SELECT {keys} FROM {table} WHERE batch_id = ?)")


def _supersede_unit_months_sql(family: Family) -> str:
    # `batch_id < first batch of this upload`: files of one upload never drop each other's rows.
    table = FAMILY_TABLES[family]
    return (f"UPDATE {table} SET is_current = FALSE WHERE is_current AND batch_id < ?"
            f" AND (unit_code, month) IN (SELECT unit_code, month FROM {table} WHERE batch_id = ?)")


def commit(store: Store, parsed_files: Sequence[ParsedFile], actor: str, confirm_warnings: bool = False,
           replace_unit_month: bool = False) -> list[int]:
    """Write every file as one batch each, all in one transaction; returns the batch ids."""
    blocked = [p.name for p in parsed_files if p.errors]
    if blocked:
        raise IngestError.of("ingest.refusal.errors_left", files=", ".join(blocked))
    unconfirmed = [p.name for p in parsed_files if p.warnings]
    if unconfirmed and not confirm_warnings:
        raise IngestError.of("ingest.refusal.unconfirmed", files=", ".join(unconfirmed))
    empty = [p.name for p in parsed_files if p.row_count == 0]
    if empty:
        raise IngestError.of("ingest.refusal.no_rows", files=", ".join(empty))
    check_same_key_twice(store.cursor(), parsed_files)
    batch_ids: list[int] = []
    with store.transaction() as cur:
        for parsed in parsed_files:
            if (dup := find_active_duplicate(cur, parsed.sha256)) is not None:
                raise duplicate_upload(parsed.name, dup)
            batch_id = cur.execute(
                "INSERT INTO upload_batches (source_file, sha256, uploaded_by, row_count)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                [parsed.name, parsed.sha256, actor, parsed.row_count],
            ).fetchone()[0]
            first_batch = batch_ids[0] if batch_ids else batch_id
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
                cur.execute(_supersede_keys_sql(family), [batch_id, batch_id])
                if replace_unit_month:
                    cur.execute(_supersede_unit_months_sql(family), [first_batch, batch_id])
            # The mode is stored with the upload's audit record, written in this same
            # transaction; rollback reads it back to replay the rule (see _replay_sql).
            _record(cur, actor, "upload", target=f"batch:{batch_id}",
                   after={"file": parsed.name, "sha256": parsed.sha256, "rows": parsed.row_count,
                          "families": sorted(f.value for f in parsed.frames),
                          "replace_unit_month": replace_unit_month, "upload_first_batch": first_batch},
                   detail=f"warnings confirmed: {len(parsed.warnings)}" if parsed.warnings else None)
            batch_ids.append(batch_id)
    return batch_ids


def duplicate_upload(name: str, dup: tuple) -> IngestError:
    """The refusal of a file already uploaded (`dup` is `find_active_duplicate`'s row)."""
    batch_id, source, by, at = dup
    return IngestError.of("ingest.refusal.duplicate_upload", name=name, source=source, batch=batch_id, by=by, at=at)


# --- rollback ------------------------------------------------------------------------------

# Active batches with their mode. Batches without a recorded mode (written before
# per-key merging, or by the demo generator) replaced whole unit-months, one file at a time.
_MODES_SQL = """
SELECT b.id AS batch_id,
       coalesce(TRY_CAST(json_extract_string(a.after, '$.replace_unit_month') AS BOOLEAN), TRUE) AS replaces,
       coalesce(TRY_CAST(json_extract_string(a.after, '$.upload_first_batch') AS INTEGER), b.id) AS upload_first
FROM upload_batches b
LEFT JOIN audit_log a ON a.action = 'upload' AND a.target = 'batch:' || b.id
WHERE b.status = 'active'
"""


def _replay_sql(family: Family) -> str:
    """The rows that replaying the active batches in order leaves current, within the
    unit-months of one batch (parameter): a row survives unless a later active batch
    writes its key, or a later upload replaced its whole unit-month."""
    table = FAMILY_TABLES[family]
    keys = FAMILY_KEYS[family]
    extra = [k for k in keys if k not in UNIT_MONTH]
    same_key = " AND ".join(f"g.{k} = l.{k}" for k in extra) or "TRUE"
    return f"""
WITH modes AS ({_MODES_SQL}),
live AS (
    SELECT f.batch_id, {", ".join(f"f.{k}" for k in keys)}, m.replaces, m.upload_first
    FROM {table} f JOIN modes m ON m.batch_id = f.batch_id
    WHERE (f.unit_code, f.month) IN (SELECT unit_code, month FROM {table} WHERE batch_id = ?))
SELECT l.batch_id, {", ".join(f"l.{k}" for k in keys)} FROM live l
WHERE NOT EXISTS (
    SELECT 1 FROM live g
    WHERE g.unit_code = l.unit_code AND g.month = l.month AND g.batch_id > l.batch_id
      AND (({same_key}) OR (g.replaces AND g.upload_first > l.batch_id)))
"""


def _restore(cur: duckdb.DuckDBPyConnection, family: Family, batch_id: int) -> None:
    table = FAMILY_TABLES[family]
    keys = ", ".join(FAMILY_KEYS[family])
    cur.execute(f"UPDATE {table} SET is_current = FALSE WHERE is_current"
                f" AND (unit_code, month) IN (SELECT unit_code, month FROM {table} WHERE batch_id = ?)", [batch_id])
    cur.execute(f"UPDATE {table} SET is_current = TRUE WHERE (batch_id, {keys}) IN ({_replay_sql(family)})",
                [batch_id])


def rollback(store: Store, batch_id: int, actor: str) -> None:
    """Withdraw a batch and bring back, key by key, what it had replaced (or dropped)."""
    with store.transaction() as cur:
        row = cur.execute("SELECT status, source_file FROM upload_batches WHERE id = ?", [batch_id]).fetchone()
        if row is None:
            raise IngestError.of("ingest.refusal.no_batch", batch=batch_id)
        if row[0] != "active":
            raise IngestError.of("ingest.refusal.already_rolled_back", batch=batch_id)
        cur.execute(
            "UPDATE upload_batches SET status = 'rolled_back', rolled_back_by = ?, rolled_back_at = current_timestamp"
            " WHERE id = ?", [actor, batch_id],
        )
        for family in Family:
            _restore(cur, family, batch_id)
        _record(cur, actor, "rollback", target=f"batch:{batch_id}", before={"status": "active"},
               after={"status": "rolled_back"}, detail=row[1])


def batch_status_label(status: str, lang: str = "vi") -> str:
    """`active` → "đang dùng" / "in use"; an unknown status as it is."""
    key = f"ingest.batch_status.{status}"
    return words(key, lang) if has(key) else status


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT id, source_file, sha256, uploaded_by, uploaded_at, row_count, status,"
        " rolled_back_by, rolled_back_at FROM upload_batches ORDER BY id DESC"
    ).df()
