"""Administrative changes: targets, units, fields, sign-in and evaluation settings.

Each function validates its input (raising `AdminError` with a Vietnamese
message), then writes the change and its audit record in one transaction.
Callers in the UI clear cached queries afterwards so rankings change at once.
"""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import date
from enum import Enum
from typing import Any

import duckdb
import pandas as pd

from auth import audit
from auth.settings import (
    ENV_VARS,
    SETTINGS_KEY,
    AuthSettings,
    resolve_auth_settings,
    setting_sources,
    stored_auth_settings,
)
from metrics.indicators import INDICATOR_IDS, get_indicator
from store import Store
from store.settings import write_json
from vocab.errors import UserFacingError
from vocab.names import check_name
from vocab.units import UnitType

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
ANY_UNIT_TYPE = "*"
MIN_YEAR, MAX_YEAR = 2000, 2100


class AdminError(UserFacingError):
    """A refused administrative change, explained in one Vietnamese sentence."""


# --- targets -----------------------------------------------------------------

def _check_target(indicator: str, year: int, value: float, unit_type: str) -> None:
    if indicator not in INDICATOR_IDS:
        raise AdminError(f"Không có chỉ số '{indicator}'.")
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise AdminError(f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.")
    if unit_type != ANY_UNIT_TYPE and unit_type not in {t.value for t in UnitType}:
        raise AdminError(f"Loại đơn vị '{unit_type}' không hợp lệ.")
    if value is None or not math.isfinite(value) or value < 0:
        raise AdminError("Chỉ tiêu phải là một số không âm.")
    if get_indicator(indicator).is_rate and value > 1:
        raise AdminError("Chỉ tiêu của một tỷ lệ phải từ 0 % đến 100 %.")


def set_target(store: Store, actor: str, indicator: str, year: int, value: float,
               unit_type: str = ANY_UNIT_TYPE) -> None:
    """Sets a target; rates are ratios (0.95 = 95 %), counts are plain numbers."""
    _check_target(indicator, year, value, unit_type)
    with store.transaction() as cur:
        row = cur.execute("SELECT value FROM targets WHERE indicator = ? AND year = ? AND unit_type = ?",
                          [indicator, int(year), unit_type]).fetchone()
        cur.execute("INSERT OR REPLACE INTO targets (indicator, year, unit_type, value) VALUES (?, ?, ?, ?)",
                    [indicator, int(year), unit_type, float(value)])
        audit.record(cur, actor, "target_set", f"{indicator}/{int(year)}/{unit_type}",
                     {"value": row[0]} if row else None, {"value": float(value)})


def delete_target(store: Store, actor: str, indicator: str, year: int, unit_type: str = ANY_UNIT_TYPE) -> None:
    with store.transaction() as cur:
        row = cur.execute("SELECT value FROM targets WHERE indicator = ? AND year = ? AND unit_type = ?",
                          [indicator, int(year), unit_type]).fetchone()
        if row is None:
            raise AdminError("Không có chỉ tiêu này để xóa.")
        cur.execute("DELETE FROM targets WHERE indicator = ? AND year = ? AND unit_type = ?",
                    [indicator, int(year), unit_type])
        audit.record(cur, actor, "target_deleted", f"{indicator}/{int(year)}/{unit_type}", {"value": row[0]}, None)


# --- units -------------------------------------------------------------------

_UNIT_COLUMNS = "code, name, unit_type, valid_from, valid_to"


def _unit(cur: duckdb.DuckDBPyConnection, code: str) -> dict[str, Any]:
    row = cur.execute(f"SELECT {_UNIT_COLUMNS} FROM units WHERE code = ?", [code]).fetchone()
    if row is None:
        raise AdminError(f"Không có đơn vị mã '{code}'.")
    return dict(zip(_UNIT_COLUMNS.split(", "), row, strict=True))


def _check_name(name: str, what: str) -> str:
    """Unit, field and other names of fields follow the one name rule (`vocab.names`)."""
    return check_name(name, what, error=AdminError)


def _check_code(code: str, what: str) -> str:
    text = (code or "").strip()
    if not CODE_RE.match(text):
        raise AdminError(f"Mã {what} chỉ gồm chữ không dấu, số, '.', '_' hoặc '-' (tối đa 32 ký tự).")
    return text


def add_unit(store: Store, actor: str, code: str, name: str, unit_type: str,
             valid_from: date = date(2000, 1, 1)) -> None:
    code, name = _check_code(code, "đơn vị"), _check_name(name, "đơn vị")
    if unit_type not in {t.value for t in UnitType}:
        raise AdminError(f"Loại đơn vị '{unit_type}' không hợp lệ.")
    with store.transaction() as cur:
        if cur.execute("SELECT 1 FROM units WHERE code = ?", [code]).fetchone():
            raise AdminError(f"Mã đơn vị '{code}' đã tồn tại.")
        cur.execute("INSERT INTO units (code, name, unit_type, valid_from) VALUES (?, ?, ?, ?)",
                    [code, name, unit_type, valid_from])
        audit.record(cur, actor, "unit_added", code, None, _unit(cur, code))


def rename_unit(store: Store, actor: str, code: str, new_name: str) -> None:
    _rename(store, actor, code, new_name, "đơn vị", _unit, "units", "unit_renamed", unique=True)


def _rename(store: Store, actor: str, code: str, new_name: str, what: str, read, table: str, action: str,
            unique: bool) -> None:
    """Renames one unit or field (audited); `unique` refuses a name another row already has."""
    name = _check_name(new_name, what)
    with store.transaction() as cur:
        before = read(cur, code)
        if before["name"] == name:
            return
        if unique and cur.execute(f"SELECT 1 FROM {table} WHERE name = ? AND code <> ?", [name, code]).fetchone():
            raise AdminError(f"Đã có một {what} khác tên '{name}'.")
        cur.execute(f"UPDATE {table} SET name = ? WHERE code = ?", [name, code])
        audit.record(cur, actor, action, code, before, read(cur, code))


def close_unit(store: Store, actor: str, code: str, end_date: date) -> None:
    """The unit stops existing after `end_date` (e.g. merged in a reorganisation)."""
    with store.transaction() as cur:
        before = _unit(cur, code)
        if before["valid_to"] is not None:
            raise AdminError(f"Đơn vị '{code}' đã kết thúc hoạt động từ {before['valid_to']:%d/%m/%Y}.")
        if end_date < before["valid_from"]:
            raise AdminError("Ngày kết thúc không được trước ngày bắt đầu hoạt động của đơn vị.")
        cur.execute("UPDATE units SET valid_to = ? WHERE code = ?", [end_date, code])
        audit.record(cur, actor, "unit_closed", code, before, _unit(cur, code))


# --- fields ------------------------------------------------------------------

def _field(cur: duckdb.DuckDBPyConnection, code: str) -> dict[str, Any]:
    row = cur.execute("SELECT code, name, active FROM fields WHERE code = ?", [code]).fetchone()
    if row is None:
        raise AdminError(f"Không có lĩnh vực mã '{code}'.")
    return {"code": row[0], "name": row[1], "active": row[2]}


def add_field(store: Store, actor: str, code: str, name: str) -> None:
    code, name = _check_code(code, "lĩnh vực"), _check_name(name, "lĩnh vực")
    with store.transaction() as cur:
        if cur.execute("SELECT 1 FROM fields WHERE code = ?", [code]).fetchone():
            raise AdminError(f"Mã lĩnh vực '{code}' đã tồn tại.")
        cur.execute("INSERT INTO fields (code, name) VALUES (?, ?)", [code, name])
        audit.record(cur, actor, "field_added", code, None, _field(cur, code))


def rename_field(store: Store, actor: str, code: str, new_name: str) -> None:
    _rename(store, actor, code, new_name, "lĩnh vực", _field, "fields", "field_renamed", unique=False)


def set_field_active(store: Store, actor: str, code: str, active: bool) -> None:
    with store.transaction() as cur:
        before = _field(cur, code)
        if before["active"] == active:
            return
        cur.execute("UPDATE fields SET active = ? WHERE code = ?", [active, code])
        audit.record(cur, actor, "field_activated" if active else "field_deactivated",
                     code, before, _field(cur, code))


# --- settings ----------------------------------------------------------------

def save_auth_settings(store: Store, actor: str, settings: AuthSettings) -> None:
    """Stores only the sign-in settings that differ from those in force, so the others keep following
    the environment or the default. A setting fixed by its environment variable cannot be changed here."""
    problems = settings.problems()
    if problems:
        raise AdminError(" ".join(problems))
    with store.transaction() as cur:
        before = stored_auth_settings(cur)
        current = resolve_auth_settings(before).as_stored()
        changes = {name: value for name, value in settings.as_stored().items() if value != current[name]}
        if not changes:
            return
        sources = setting_sources(before)
        fixed = [ENV_VARS[name] for name in changes if sources[name] == "env"]
        if fixed:
            raise AdminError(f"Cài đặt này đang được đặt bằng biến môi trường {', '.join(fixed)} nên không đổi "
                             f"được ở đây; sửa biến đó rồi khởi động lại.",
                             key="admin_setting_fixed_by_env", env=", ".join(fixed))
        after = {**before, **changes}
        write_json(cur, SETTINGS_KEY, after)
        audit.record(cur, actor, "auth_settings_set", SETTINGS_KEY, before or None, after)


def clear_auth_setting(store: Store, actor: str, name: str) -> None:
    """Forgets the saved value of one sign-in setting: it follows the environment or the default again."""
    with store.transaction() as cur:
        before = stored_auth_settings(cur)
        if name not in before:
            return
        after = {k: v for k, v in before.items() if k != name}
        write_json(cur, SETTINGS_KEY, after)
        audit.record(cur, actor, "auth_settings_set", SETTINGS_KEY, before, after)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def save_evaluation(store: Store, actor: str, config: Any, applies_from: date | None = None) -> int:
    """Stores a new version of the evaluation scheme, applying from `applies_from` (default: this month).

    Earlier periods keep the scheme they were rated with; a finalised period keeps its
    stored ratings whatever the scheme.
    """
    from metrics.schemes import insert_scheme, latest_scheme

    problems = config.validate()
    if problems:
        raise AdminError(" ".join(problems))
    start = (applies_from or date.today()).replace(day=1)
    with store.transaction() as cur:
        before = latest_scheme(cur)
        scheme_id = insert_scheme(cur, config, start, actor)
        audit.record(cur, actor, "evaluation_set", f"scheme:{scheme_id}", _plain(before.config),
                     {**_plain(config), "applies_from": start.isoformat()})
    return scheme_id


def adopt_evaluation_scheme(store: Store, actor: str, scheme_id: int, decision: str) -> None:
    """Records the decision that adopted a scheme: it is no longer shown as a proposal."""
    from metrics.schemes import mark_adopted, scheme_by_id

    decision = (decision or "").strip()
    if not decision:
        raise AdminError("Hãy ghi số, ngày của văn bản ban hành phương án chấm điểm.")
    with store.transaction() as cur:
        if scheme_by_id(cur, scheme_id) is None:
            raise AdminError(f"Không có phương án chấm điểm số {scheme_id}.")
        mark_adopted(cur, scheme_id, decision)
        audit.record(cur, actor, "evaluation_adopted", f"scheme:{scheme_id}", None, {"decision": decision})


def finalise_evaluation(store: Store, actor: str, period: Any, group: Any) -> int:
    """Freezes ("chốt") the evaluation of `group` for `period`; returns how many units were stored."""
    from metrics.finals import freeze

    with store.transaction() as cur:
        rows = freeze(cur, period, group, actor)  # AlreadyFinal is a UserFacingError: the page shows it
        audit.record(cur, actor, "evaluation_finalised", f"period:{period}", None,
                     {"group": getattr(group, "value", str(group)), "units": len(rows)})
    return len(rows)


# --- listings for the administration page ---------------------------------------------------------

def targets_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT indicator, year, unit_type, value FROM targets ORDER BY year DESC, indicator, unit_type").df()


def units_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT code, name, unit_type, valid_from, valid_to FROM units ORDER BY unit_type, name").df()


def fields_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT code, name, active FROM fields ORDER BY name").df()


# --- field aliases and unit lineage (issue 10) ------------------------------------------------
# Matching reads both tables at every upload, so a change here applies to the next file.

def _alias_row(cur: duckdb.DuckDBPyConnection, alias: str) -> dict[str, Any] | None:
    row = cur.execute("SELECT alias, field_code, note FROM field_aliases WHERE alias = ?", [alias]).fetchone()
    return None if row is None else {"alias": row[0], "field_code": row[1], "note": row[2]}


def add_field_alias(store: Store, actor: str, alias: str, field_code: str, note: str = "") -> None:
    """Another name for a field (a catalogue field, an old ministry name). Refused when the
    name already means something: a field's own name, or another alias however written."""
    from ingest.matching import field_key

    alias = _check_name(alias, "khác của lĩnh vực")
    key = field_key(alias)
    if not key:
        raise AdminError("Tên khác phải có ít nhất một chữ.")
    with store.transaction() as cur:
        target = _field(cur, field_code)
        for code, name in cur.execute("SELECT code, name FROM fields").fetchall():
            if field_key(name) == key:
                raise AdminError(f"'{alias}' đã là tên của lĩnh vực {name} (mã {code}).")
        for other, other_field in cur.execute("SELECT alias, field_code FROM field_aliases").fetchall():
            if field_key(other) == key:
                raise AdminError(f"Đã có tên khác '{other}' (lĩnh vực mã {other_field}) trùng với '{alias}'.")
        cur.execute("INSERT INTO field_aliases (alias, field_code, note) VALUES (?, ?, ?)",
                    [alias, target["code"], (note or "").strip() or None])
        audit.record(cur, actor, "field_alias_added", alias, None, _alias_row(cur, alias))


def delete_field_alias(store: Store, actor: str, alias: str) -> None:
    with store.transaction() as cur:
        before = _alias_row(cur, alias)
        if before is None:
            raise AdminError(f"Không có tên khác '{alias}'.")
        cur.execute("DELETE FROM field_aliases WHERE alias = ?", [alias])
        audit.record(cur, actor, "field_alias_deleted", alias, before, None)


def _lineage_row(cur: duckdb.DuckDBPyConnection, predecessor: str, successor: str) -> dict[str, Any] | None:
    row = cur.execute("SELECT predecessor_code, successor_code, effective_date, note FROM unit_lineage "
                      "WHERE predecessor_code = ? AND successor_code = ?", [predecessor, successor]).fetchone()
    if row is None:
        return None
    return {"predecessor_code": row[0], "successor_code": row[1], "effective_date": row[2].isoformat(),
            "note": row[3]}


def add_unit_lineage(store: Store, actor: str, predecessor: str, successor: str, effective_date: date,
                     note: str = "") -> None:
    """Record that `successor` carries `predecessor`'s work from `effective_date` (a merger)."""
    from metrics.lineage import descendants_in, lineage_links

    if predecessor == successor:
        raise AdminError("Đơn vị trước và đơn vị kế thừa phải khác nhau.")
    with store.transaction() as cur:
        old, new = _unit(cur, predecessor), _unit(cur, successor)
        if effective_date <= old["valid_from"]:
            raise AdminError(f"Ngày hiệu lực phải sau ngày bắt đầu hoạt động của '{old['name']}' "
                             f"({old['valid_from']:%d/%m/%Y}).")
        if effective_date < new["valid_from"] or (new["valid_to"] is not None and effective_date > new["valid_to"]):
            raise AdminError(f"'{new['name']}' không hoạt động vào ngày {effective_date:%d/%m/%Y}.")
        if _lineage_row(cur, predecessor, successor) is not None:
            raise AdminError(f"Đã có quan hệ {old['name']} → {new['name']}.")
        if predecessor in descendants_in(lineage_links(cur), successor):
            raise AdminError(f"'{new['name']}' đã là đơn vị trước của '{old['name']}': không thể tạo vòng.")
        cur.execute("INSERT INTO unit_lineage (predecessor_code, successor_code, effective_date, note) "
                    "VALUES (?, ?, ?, ?)", [predecessor, successor, effective_date, (note or "").strip() or None])
        audit.record(cur, actor, "unit_lineage_added", f"{predecessor}->{successor}", None,
                     _lineage_row(cur, predecessor, successor))


def delete_unit_lineage(store: Store, actor: str, predecessor: str, successor: str) -> None:
    with store.transaction() as cur:
        before = _lineage_row(cur, predecessor, successor)
        if before is None:
            raise AdminError("Không có quan hệ kế thừa này để xóa.")
        cur.execute("DELETE FROM unit_lineage WHERE predecessor_code = ? AND successor_code = ?",
                    [predecessor, successor])
        audit.record(cur, actor, "unit_lineage_deleted", f"{predecessor}->{successor}", before, None)


def field_aliases_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT a.alias, a.field_code, f.name AS field_name, a.note FROM field_aliases a "
        "LEFT JOIN fields f ON f.code = a.field_code ORDER BY f.name, a.alias").df()


def unit_lineage_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT l.predecessor_code, p.name AS predecessor_name, l.successor_code, s.name AS successor_name, "
        "l.effective_date, l.note FROM unit_lineage l "
        "LEFT JOIN units p ON p.code = l.predecessor_code LEFT JOIN units s ON s.code = l.successor_code "
        "ORDER BY l.effective_date, p.name, s.name").df()
