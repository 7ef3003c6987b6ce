"""Vectorised validation: raw text cells in, canonical int frames and every problem out.

Readers hand over a `RawTable` (cells as found, one column per canonical name);
nothing here loops over rows except to word the problems that were found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ingest.matching import (
    Matcher,
    MatchResult,
    Reference,
    alias_rollup_rows,
    field_sources,
    hidden_character_notes,
    note_problem,
    resolve_lineage,
    sum_alias_rollups,
)
from ingest.model import (
    FAMILY_KEYS,
    FAMILY_VALUE_COLUMNS,
    OPTIONAL_COLUMNS,
    Problem,
    Severity,
)
from ingest.wording import Column, Columns, Count, Phrase, phrase
from metrics.indicators import Family


@dataclass(frozen=True)
class RawTable:
    """One family's rows from one sheet, before validation.

    `data` has a column per canonical name found (cells as str/number/None) and
    `_row`, the 1-based spreadsheet row. `columns` names each canonical column as
    the user sees it (an Excel letter or a CSV header). `key_rows` moves problems
    about a key column to one row (e.g. the unit read from an official form's title).
    """

    file: str
    sheet: str
    family: Family
    data: pd.DataFrame
    columns: dict[str, str]
    header_row: int
    key_rows: dict[str, int] = field(default_factory=dict)


SUM_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("received_total", ("received_online", "received_direct", "received_carried_over"), "(3) = (4) + (5) + (6)"),
    ("resolved_total", ("resolved_early", "resolved_on_time", "resolved_late"), "(7) = (8) + (9) + (10)"),
    ("pending_total", ("pending_on_time", "pending_overdue"), "(11) = (12) + (13)"),
)
# Numerator columns (summed) may never exceed denominator columns (summed).
AT_MOST_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("fee_paid_online",), ("fee_dossiers",)),
    (("received_full_process",), ("received_online",)),
    (("digitised",), ("received_online", "received_direct")),
    (("electronic_results",), ("resolved_total",)),
    (("resolved_late_unexcused",), ("resolved_late",)),
    (("pending_overdue_unexcused",), ("pending_overdue",)),
    (("docs_outgoing_signed_electronic",), ("docs_outgoing_total",)),
    (("tasks_done_on_time", "tasks_done_late"), ("tasks_due",)),
    (("tasks_done_late_unexcused",), ("tasks_done_late",)),
    (("tasks_overdue_unexcused",), ("tasks_overdue_open",)),
)

_GROUPED_RE = r"\d{1,3}(?:[.,\u00a0 ]\d{3})+"
_DECIMAL_RE = r"[+-]?\d+[.,]\d+"


def parse_counts(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(values as int64 with 0 for blanks/bad, not_a_number, negative, not_integer) masks.

    For readers that need plain numbers (e.g. checking an official form's total row);
    validation uses `parse_cells`, which keeps blanks apart.
    """
    values, _blank, not_number, negative, not_integer = parse_cells(cells)
    ints = np.where(np.isnan(values) | not_number | negative | not_integer, 0, np.nan_to_num(values)).astype("int64")
    return ints, not_number, negative, not_integer


def parse_cells(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(values as float64, blank, not_a_number, negative, not_integer).

    Accepts 12, "12", "1.234" / "1,234" / "1 234" (thousands), "12,0" / "12.0"
    (decimal comma or point). A blank cell is NaN and flagged `blank`: it means "not
    reported", never 0. Unreadable, negative and fractional cells are NaN too, with
    their own mask.
    """
    if pd.api.types.is_numeric_dtype(cells):
        arr = cells.to_numpy(dtype="float64", na_value=np.nan)
        blank = np.isnan(arr)
        finite = np.nan_to_num(arr, nan=0.0)
        negative = finite < 0
        not_integer = (finite % 1) != 0
        return (np.where(negative | not_integer, np.nan, arr), blank, np.zeros(len(arr), dtype=bool),
                negative, not_integer)
    s = cells.astype("string").str.strip()
    empty = s.isna() | (s == "")
    # Literal searches stay in Arrow's fast kernels (a regex class would fall back to Python).
    has_sep = pd.Series(False, index=s.index)
    for ch in (".", ",", " ", "\u00a0"):
        has_sep |= s.str.contains(ch, regex=False).fillna(False).astype(bool)
    plain = ~has_sep & ~empty
    try:  # the usual case, every cell a plain integer: one Arrow cast instead of to_numeric
        values = s.where(plain).astype("Int64").astype("float64")
    except Exception:  # Arrow raises its own error types; fall back to the general parser
        values = pd.to_numeric(s.where(plain), errors="coerce").astype("float64")
    if has_sep.any():
        sep = s[has_sep]
        grouped = sep.str.fullmatch(_GROUPED_RE).fillna(False)
        decimal = sep.str.fullmatch(_DECIMAL_RE).fillna(False) & ~grouped
        fixed = pd.Series(np.nan, index=sep.index, dtype="float64")
        fixed[grouped] = pd.to_numeric(sep[grouped].str.replace(r"[.,\u00a0 ]", "", regex=True))
        fixed[decimal] = pd.to_numeric(sep[decimal].str.replace(",", ".", regex=False))
        values[has_sep] = fixed
    arr = values.to_numpy(dtype="float64", na_value=np.nan)
    blank = empty.to_numpy(dtype=bool, na_value=True)
    not_number = np.isnan(arr) & ~blank
    finite = np.nan_to_num(arr, nan=0.0)
    negative = finite < 0
    not_integer = (finite % 1) != 0
    return np.where(not_number | negative | not_integer, np.nan, arr), blank, not_number, negative, not_integer


_MONTH_PATTERNS = (
    (r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ T].*)?$", 1, 2),       # 2026-10, 2026-10-01 00:00:00
    (r"^(?:tháng\s*)?(\d{1,2})\s*[-/.]\s*(\d{4})$", 2, 1),                # 10/2026, Tháng 10/2026
    (r"^\d{1,2}[-/.](\d{1,2})[-/.](\d{4})$", 2, 1),                        # 01/10/2026
)


def parse_month_text(text: str) -> date | None:
    t = str(text).strip().lower()
    for pattern, year_group, month_group in _MONTH_PATTERNS:
        if m := re.match(pattern, t):
            year, month = int(m.group(year_group)), int(m.group(month_group))
            if 1 <= month <= 12 and 1900 <= year <= 2200:
                return date(year, month, 1)
    return None


# A whole number of days that Excel shows as a date in 2000–2099: what a date cell becomes when a
# CSV is saved from a General-formatted column (46296 = 01/10/2026). Five digits cannot be any
# month form we accept (YYYY-MM, MM/YYYY; YYYYMM has six), so reading it as a date is unambiguous.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIALS = (36526, 73050)  # 01/01/2000 .. 31/12/2099


def excel_serial_date(text: str) -> date | None:
    """The date an Excel day serial ("46296" or "46296.0") stands for, or None."""
    if m := re.fullmatch(r"(\d{5})(?:\.0+)?", str(text).strip()):
        serial = int(m.group(1))
        if EXCEL_SERIALS[0] <= serial <= EXCEL_SERIALS[1]:
            return EXCEL_EPOCH + timedelta(days=serial)
    return None


# A negative count written another way: the typographic minus our own reports print (−5),
# an en dash, or accounting parentheses "(5)". Saying "not a number" there would mislead.
_NEGATIVE_LOOKALIKE = r"\s*(?:[\u2212\u2013\u2012]\s*\d[\d.,\u00a0 ]*|\(\s*\d[\d.,\u00a0 ]*\))\s*"


def _bad_number_key(cell: object) -> str:
    """'not a number', unless the cell is a negative count written another way (−5, (5))."""
    return "ingest.problem.negative" if re.fullmatch(_NEGATIVE_LOOKALIKE, str(cell)) else "ingest.problem.not_a_number"


class _Collector:
    """Words problems for one table; rows/columns resolved the same way everywhere."""

    def __init__(self, table: RawTable):
        self.table = table
        self.rows = table.data["_row"].to_numpy()
        self.problems: list[Problem] = []

    def col(self, column: str) -> str:
        return self.table.columns.get(column, column)

    def key_row(self, column: str, i: int) -> int:
        """The row to show for a key column's problem on data row `i` (the title row when the key
        was read from an official form's title)."""
        return self.table.key_rows.get(column, int(self.rows[i]))

    def add(self, row: int | None, column: str, key: str, severity: Severity = Severity.ERROR, /,
            **params: object) -> None:
        self.problems.append(Problem.of(self.table.file, self.table.sheet, row, self.col(column), key, severity,
                                        **params))

    def add_mask(self, mask: np.ndarray, column: str, key: str, params: Callable[[int], dict[str, object]],
                 severity: Severity = Severity.ERROR) -> None:
        for i in np.flatnonzero(mask):
            self.add(int(self.rows[i]), column, key, severity, **params(i))

    def note(self, row: int, column: str, message: str | Phrase) -> None:
        self.problems.append(note_problem(self.table.file, self.table.sheet, row, self.col(column), message))


def _more_rows(count: int, fixed_row: int | None) -> Phrase | str:
    """" — gặp ở N dòng" after a problem shown once for N rows with the same value."""
    return phrase("ingest.problem.more_rows", n=count) if fixed_row is None and count > 1 else ""


def _match_keys(c: _Collector, column: str, matcher: Matcher, what: str) -> np.ndarray:
    """Codes for a key column (object array, None where unmatched); one problem per bad value.
    `what` is 'unit' or 'field'."""
    cells = c.table.data[column].astype("string").str.strip().fillna("")
    codes, uniques = pd.factorize(cells, sort=False)
    results: list[MatchResult] = [matcher.match(u) for u in uniques]
    mapped = np.array([r.code for r in results], dtype=object)
    fixed_row = c.table.key_rows.get(column)
    for k, r in enumerate(results):
        if r.code is not None:
            continue
        where = np.flatnonzero(codes == k)
        first = fixed_row if fixed_row is not None else int(c.rows[where[0]])
        more = _more_rows(len(where), fixed_row)
        if not r.text:
            c.add(first, column, "ingest.problem.missing_key", what=phrase(f"ingest.what.{what}"), more=more)
        else:
            why = r.phrase(what)
            c.add(first, column, "ingest.problem.with_more", sentence=why, more=more)
    return mapped[codes] if len(codes) else np.array([], dtype=object)


def validate_table(table: RawTable, ref: Reference, today: date | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Canonical frame (keys, int counts, `_sheet`, `_row`) and every problem of the table."""
    c = _Collector(table)
    keys = FAMILY_KEYS[table.family]
    if _missing_columns(c):
        return pd.DataFrame(), c.problems
    out = pd.DataFrame(index=table.data.index)
    out["unit_code"] = _match_keys(c, "unit_code", ref.units, "unit")
    if "field_code" in keys:
        out["field_code"] = _match_keys(c, "field_code", ref.fields, "field")
    out["month"] = _months(c, today or date.today())
    nums, unreadable = _counts(c, out)
    _check_arithmetic(c, nums, unreadable)
    _names_and_lineage(c, out, ref)
    _check_unit_validity(c, out, ref)
    rolled = _check_duplicate_keys(c, out, ref)
    out["_sheet"] = table.sheet
    out["_row"] = c.rows
    if rolled.any():
        out, notes = sum_alias_rollups(out, rolled, keys, table.data["field_code"].astype("string").str.strip(), ref)
        for row, message in notes:
            c.note(row, "field_code", message)
    return out.reset_index(drop=True), c.problems


def _missing_columns(c: _Collector) -> bool:
    """One problem per required column the table lacks (on its header row); whether any is missing."""
    table = c.table
    family = table.family
    missing = [col for col in (*FAMILY_KEYS[family], *FAMILY_VALUE_COLUMNS[family])
               if col not in table.data.columns and col not in OPTIONAL_COLUMNS]
    for col in missing:
        c.problems.append(Problem.of(table.file, table.sheet, table.header_row, col, "ingest.problem.missing_column",
                                     column=Column(col)))
    return bool(missing)


def _months(c: _Collector, today: date) -> np.ndarray:
    """The month column as datetime64 (NaT where unusable), parsed per distinct value (a file has few months)."""
    month_cells = c.table.data["month"].astype("string").str.strip().fillna("")
    m_codes, m_uniques = pd.factorize(month_cells)
    parsed = [parse_month_text(u) for u in m_uniques]
    fixed_month_row = c.table.key_rows.get("month")
    current_month = today.replace(day=1)
    for k, (text, month) in enumerate(zip(m_uniques, parsed, strict=True)):
        where = np.flatnonzero(m_codes == k)
        row = fixed_month_row if fixed_month_row is not None else int(c.rows[where[0]])
        more = _more_rows(len(where), fixed_month_row)
        if month is None and (serial := excel_serial_date(text)) is not None:
            # Accepted, but only once the user confirms (a warning): the file should say 2026-10.
            month = parsed[k] = serial.replace(day=1)
            c.add(row, "month", "ingest.problem.month_excel_serial", Severity.WARNING, text=text, day=serial,
                  month=month, more=more)
        if month is None:
            if not text:
                c.add(row, "month", "ingest.problem.missing_month", more=more)
            else:
                c.add(row, "month", "ingest.problem.bad_month", text=text, more=more)
        elif month > current_month:
            c.add(row, "month", "ingest.problem.future_month", month=month, more=more)
            parsed[k] = None
    month_values = np.array([np.datetime64(m, "s") if m else np.datetime64("NaT", "s") for m in parsed],
                            dtype="datetime64[s]")
    return month_values[m_codes] if len(m_codes) else np.array([], dtype="datetime64[s]")


def _counts(c: _Collector, out: pd.DataFrame) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Fill `out` with the count columns (Int64, NULL where blank or unusable); returns the values as
    float64 per column and the rows with an unreadable cell, which skip the arithmetic checks
    (one cause, one message)."""
    data = c.table.data
    unreadable = np.zeros(len(data), dtype=bool)
    # A column the file does not carry, or a blank cell, is NULL ("không báo cáo"), never 0.
    nums: dict[str, np.ndarray] = {}
    for col in FAMILY_VALUE_COLUMNS[c.table.family]:
        if col not in data.columns:
            nums[col] = np.full(len(data), np.nan)
            out[col] = pd.array([pd.NA] * len(data), dtype="Int64")
            continue
        values, _blank, not_number, negative, not_integer = parse_cells(data[col])
        nums[col] = values
        out[col] = pd.array(np.where(np.isnan(values), 0, values).astype("int64"), dtype="Int64")
        out.loc[np.isnan(values), col] = pd.NA
        unreadable |= not_number | negative | not_integer
        cells = data[col].to_numpy()
        for i in np.flatnonzero(not_number):
            c.add(int(c.rows[i]), col, _bad_number_key(cells[i]), column=Column(col), cell=cells[i])
        c.add_mask(negative, col, "ingest.problem.negative", lambda i, col=col, cells=cells: {
            "column": Column(col), "cell": cells[i]})
        c.add_mask(not_integer & ~negative, col, "ingest.problem.not_integer", lambda i, col=col, cells=cells: {
            "column": Column(col), "cell": cells[i]})
    return nums, unreadable


def _check_arithmetic(c: _Collector, nums: dict[str, np.ndarray], unreadable: np.ndarray) -> None:
    """The form's sums, the at-most rules, and the received = resolved + in progress balance (a warning)."""
    value_columns = FAMILY_VALUE_COLUMNS[c.table.family]

    def reported(*columns: str) -> np.ndarray:
        """Rows where every one of `columns` was reported (a rule cannot check a blank)."""
        ok = ~unreadable
        for column in columns:
            ok = ok & ~np.isnan(nums[column])
        return ok

    for total, parts, form in SUM_RULES:
        if total not in value_columns:
            continue
        total_v = nums[total]
        parts_v = np.sum([nums[p] for p in parts], axis=0)
        parts_txt = " + ".join(f"'{p}'" for p in parts)
        c.add_mask((total_v != parts_v) & reported(total, *parts), total, "ingest.problem.sum_rule",
                   lambda i, total=total, parts_txt=parts_txt, form=form, t=total_v, p=parts_v: {
                       "total": Column(total), "total_value": Count(t[i]), "parts": parts_txt,
                       "parts_value": Count(p[i]), "rule": form})

    for numerators, denominators in AT_MOST_RULES:
        if numerators[0] not in value_columns:
            continue
        num = np.sum([nums[n] for n in numerators], axis=0)
        den = np.sum([nums[d] for d in denominators], axis=0)
        c.add_mask((num > den) & reported(*numerators, *denominators), numerators[0], "ingest.problem.at_most",
                   lambda i, a=num, b=den, ns=numerators, ds=denominators: {
                       "numerators": Columns(ns), "numerator": Count(a[i]),
                       "denominators": Columns(ds), "denominator": Count(b[i])})

    if c.table.family is Family.DOSSIERS:
        rec, res, pend = (nums[k] for k in ("received_total", "resolved_total", "pending_total"))
        c.add_mask((rec != res + pend) & reported("received_total", "resolved_total", "pending_total"),
                   "received_total", "ingest.problem.received_balance",
                   lambda i: {"received": Count(rec[i]), "settled": Count(res[i] + pend[i])}, Severity.WARNING)


def _names_and_lineage(c: _Collector, out: pd.DataFrame, ref: Reference) -> None:
    """Names (ingest.matching): say which hidden characters were removed, and move a merged
    unit's later months to its successor before the validity check."""
    for i, column, message in hidden_character_notes(c.table.data, ref):
        c.note(c.key_row(column, i), column, message)
    out["unit_code"], moved = resolve_lineage(ref, out["unit_code"].to_numpy(), out["month"].to_numpy())
    for i, message in moved:
        c.note(c.key_row("unit_code", i), "unit_code", message)


def _check_unit_validity(c: _Collector, out: pd.DataFrame, ref: Reference) -> None:
    """A month outside the unit's active period: vectorised over rows, one problem per distinct (unit, month)."""
    known = out["unit_code"].notna().to_numpy() & ~pd.isna(out["month"]).to_numpy()
    if not known.any():
        return
    validity = pd.DataFrame(
        [(u.code, u.valid_from, u.valid_to) for u in ref.unit_by_code.values()],
        columns=["unit_code", "valid_from", "valid_to"],
    )
    validity["valid_from"] = pd.to_datetime(validity["valid_from"]).dt.to_period("M").dt.to_timestamp()
    validity["valid_to"] = pd.to_datetime(validity["valid_to"])
    rows = out.loc[known, ["unit_code", "month"]].assign(_row=c.rows[known])
    rows = rows.merge(validity, on="unit_code", how="left")
    month = pd.to_datetime(rows["month"])
    too_early = (month < rows["valid_from"]).to_numpy()
    too_late = (rows["valid_to"].notna() & (month > rows["valid_to"])).to_numpy()
    bad = rows[too_early | too_late].drop_duplicates(["unit_code", "month"])
    for unit_code, month_value, row in bad[["unit_code", "month", "_row"]].itertuples(index=False):
        unit = ref.unit_by_code[unit_code]
        d = pd.Timestamp(month_value).date()
        row = c.table.key_rows.get("unit_code", int(row))
        if unit.valid_from and d < unit.valid_from.replace(day=1):
            c.add(row, "month", "ingest.problem.unit_not_yet", month=d, unit=unit.name, since=unit.valid_from)
        else:
            c.add(row, "month", "ingest.problem.unit_ended", month=d, unit=unit.name, until=unit.valid_to)


def _check_duplicate_keys(c: _Collector, out: pd.DataFrame, ref: Reference) -> np.ndarray:
    """One problem per row repeating an earlier row's key; returns the rows to sum instead:
    distinct names reaching one field through aliases ("Người có công", "Bảo trợ xã hội" …)
    are summed, the same name twice stays a duplicate."""
    keys = FAMILY_KEYS[c.table.family]
    key_frame = out[list(keys)]
    complete = key_frame.notna().all(axis=1).to_numpy()
    rolled = (alias_rollup_rows(key_frame, complete, field_sources(c.table.data["field_code"], ref.fields))
              if "field_code" in keys else np.zeros(len(key_frame), dtype=bool))
    considered = complete & ~rolled
    dup = key_frame.duplicated(keep="first").to_numpy() & considered
    if dup.any():
        first_rows = key_frame[considered].drop_duplicates(keep="first").assign(_first=c.rows[considered][
            ~key_frame[considered].duplicated(keep="first").to_numpy()])
        merged = key_frame[dup].merge(first_rows, on=list(keys), how="left")["_first"].to_numpy()
        what = phrase("ingest.what.unit_field_month" if "field_code" in keys else "ingest.what.unit_month")
        for j, i in enumerate(np.flatnonzero(dup)):
            c.add(int(c.rows[i]), keys[-2] if "field_code" in keys else "unit_code", "ingest.problem.duplicate_key",
                  what=what, row=int(merged[j]))
    return rolled
