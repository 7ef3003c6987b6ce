"""Deterministic, believable demo data (clearly marked as demo in the database).

Demo data is built only on request (`cli.py demo`, which `scripts/start.sh` runs into its
own file `data/demo.duckdb`), never by the app, and never into a database that holds a
real batch (`check_demo_allowed`).

The generator simulates each unit × field series month by month: dossiers
carried over are last month's backlog, new dossiers arrive by a Poisson law
scaled to the unit's size, and the shares (on time, online, paid online,
digitised …) depend on the unit's profile and improve slowly over time. The
same simulation, given synthetic units, builds the national-scale benchmark
database (`bench/`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import DOCUMENT_COLUMNS, DOSSIER_COLUMNS, TASK_COLUMNS
from metrics.queries import DEMO_UPLOADERS, is_demo_data
from store import Store
from store.reference import load_reference
from vocab.errors import UserFacingError
from vocab.periods import add_months, last_full_month

DEMO_SEED = 20261126
DEMO_MONTHS = 24
# `uploaded_by` of every demo batch: how demo rows are told apart from real ones. A colon can
# appear neither in a user name (auth.users.USERNAME_RE) nor in a CLI actor's prefix ("cli:").
DEMO_UPLOADER, LEGACY_DEMO_UPLOADER = DEMO_UPLOADERS


class DemoRefused(UserFacingError):
    """The database holds real data: demo rows must never be written into it (one Vietnamese sentence)."""


def _meta_demo(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return row[0] if row else None


# Unit profiles: (mean new dossiers per field and month, on-time base, online base, e-doc base)
PROFILES = {
    "urban": (90.0, 0.975, 0.78, 0.93),
    "town": (45.0, 0.955, 0.62, 0.88),
    "rural": (22.0, 0.93, 0.50, 0.82),
    "mountain": (6.0, 0.86, 0.30, 0.70),
    "department": (60.0, 0.965, 0.80, 0.95),
    "small_department": (0.6, 0.97, 0.70, 0.96),
    "district": (160.0, 0.94, 0.55, 0.85),
    "empty": (0.0, 0.0, 0.0, 0.0),
}
URBAN = {"phuong-hai-chau", "phuong-hoa-cuong", "phuong-thanh-khe", "phuong-an-khe", "phuong-an-hai",
         "phuong-son-tra", "phuong-ngu-hanh-son", "phuong-hoa-khanh", "phuong-lien-chieu", "phuong-cam-le",
         "phuong-hoa-xuan", "phuong-hai-van", "phuong-tam-ky", "phuong-hoi-an"}
MOUNTAIN_HINTS = ("xa-tra-", "xa-phuoc-", "xa-nam-giang", "xa-tay-giang", "xa-dong-giang", "xa-avuong",
                  "xa-hung-son", "xa-la-", "xa-song-", "xa-ben-", "xa-dac-pring", "xa-kham-duc",
                  "xa-thanh-my", "xa-ba-na", "xa-hiep-duc", "xa-viet-an", "xa-nong-son")
SMALL_DEPARTMENTS = {"so-ngoai-vu", "thanh-tra-thanh-pho", "so-dan-toc-va-ton-giao", "van-phong-ubnd-thanh-pho"}
DEPARTMENT_FIELDS = {
    "so-noi-vu": ["noi-vu"], "so-tai-chinh": ["tai-chinh", "dang-ky-kinh-doanh", "dau-tu"],
    "so-tu-phap": ["tu-phap", "ho-tich"], "so-xay-dung": ["xay-dung", "giao-thong"],
    "so-nong-nghiep-va-moi-truong": ["dat-dai", "moi-truong", "nong-nghiep"],
    "so-khoa-hoc-va-cong-nghe": ["khoa-hoc-cong-nghe"], "so-cong-thuong": ["cong-thuong"],
    "so-y-te": ["y-te", "lao-dong-xa-hoi"], "so-giao-duc-va-dao-tao": ["giao-duc"],
    "so-van-hoa-the-thao-va-du-lich": ["van-hoa-du-lich"], "so-ngoai-vu": ["khac"],
    "so-dan-toc-va-ton-giao": ["khac"], "thanh-tra-thanh-pho": ["khieu-nai-to-cao"],
    "van-phong-ubnd-thanh-pho": ["khac"],
    "ban-quan-ly-khu-cong-nghe-cao-va-cac-khu-cong-nghiep": ["dau-tu", "xay-dung", "moi-truong"],
    "ban-quan-ly-khu-kinh-te-mo-chu-lai": ["dau-tu", "xay-dung"],
    "ban-quan-ly-an-toan-thuc-pham": ["y-te", "cong-thuong"],
}
LOCAL_FIELDS = ["ho-tich", "chung-thuc", "dat-dai", "xay-dung", "lao-dong-xa-hoi", "dang-ky-kinh-doanh",
                "khieu-nai-to-cao", "khac"]
# Fields the directive names as most delayed get a lower on-time share.
SLOW_FIELDS = {"dat-dai": 0.07, "xay-dung": 0.05, "dau-tu": 0.06, "lao-dong-xa-hoi": 0.03, "khieu-nai-to-cao": 0.08}
FIELD_WEIGHT = {"ho-tich": 1.6, "chung-thuc": 2.2, "dat-dai": 1.0, "xay-dung": 0.5, "lao-dong-xa-hoi": 0.6,
                "dang-ky-kinh-doanh": 0.5, "khieu-nai-to-cao": 0.05, "khac": 0.4}


def profile_of(code: str, unit_type: str) -> str:
    if unit_type == "special_zone":
        return "empty"
    if unit_type == "district":
        return "district"
    if unit_type in ("department", "public_service_unit"):
        return "small_department" if code in SMALL_DEPARTMENTS else "department"
    if code in URBAN:
        return "urban"
    if code.startswith(MOUNTAIN_HINTS):
        return "mountain"
    return "town" if unit_type == "ward" else "rural"


@dataclass(frozen=True)
class SimUnit:
    code: str
    profile: str
    fields: tuple[str, ...]
    first: date          # first month the unit reports
    last: date           # last month the unit reports
    skill: float         # unit-specific offset of its shares
    late_no_reason: float  # share of late dossiers without a legitimate reason


def demo_units(rows: list[tuple[str, str, str, date, date | None]], rng: np.random.Generator,
               first: date, last: date) -> list[SimUnit]:
    out = []
    for code, _name, unit_type, valid_from, valid_to in rows:
        if unit_type in ("ward", "commune") and valid_to is not None:
            # Before 07/2025 the demo reports at district level; the old wards and communes
            # (kept in the reference for lineage) would count the same dossiers twice.
            continue
        prof = profile_of(code, unit_type)
        if unit_type in ("department", "public_service_unit"):
            fields = DEPARTMENT_FIELDS.get(code, ["khac"])
        elif prof == "empty":
            fields = ["khac"]
        else:
            fields = LOCAL_FIELDS
        u_first = max(first, valid_from.replace(day=1))
        u_last = last if valid_to is None else min(last, valid_to.replace(day=1))
        if u_first > u_last:
            continue
        skill = float(rng.normal(0, 0.015))
        lnr = float(rng.choice([0.0, 0.0, 0.0, 0.05, 0.35], p=[0.5, 0.2, 0.1, 0.12, 0.08]))
        out.append(SimUnit(code, prof, tuple(fields), u_first, u_last, skill, lnr))
    return out


def _months(first: date, last: date) -> list[date]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = add_months(m, 1)
    return out


def _reports(codes: np.ndarray, month: date, missing: set[tuple[str, date]]) -> np.ndarray:
    """Which of `codes` sent their report for `month`."""
    return np.array([(c, month) not in missing for c in codes], dtype=bool)


@dataclass(frozen=True)
class _DossierSeries:
    """One unit × field series: its size and starting shares, fixed for the whole window."""

    unit_codes: np.ndarray
    field_codes: np.ndarray
    volume: np.ndarray       # mean new dossiers a month
    on_time0: np.ndarray     # on-time share at the start of the window
    online0: np.ndarray      # online share at the start of the window
    late_no_reason: np.ndarray
    starts: np.ndarray       # first and last reporting month
    ends: np.ndarray

    @staticmethod
    def of(units: list[SimUnit], rng: np.random.Generator) -> _DossierSeries:
        series = [(u, f) for u in units for f in u.fields]
        prof = [PROFILES[u.profile] for u, _ in series]
        volume = np.array([p[0] * FIELD_WEIGHT.get(f, 0.7) for p, (_, f) in zip(prof, series, strict=True)])
        volume *= rng.lognormal(0, 0.25, len(series))
        return _DossierSeries(
            unit_codes=np.array([u.code for u, _ in series]),
            field_codes=np.array([f for _, f in series]),
            volume=volume,
            on_time0=np.array([p[1] - SLOW_FIELDS.get(f, 0) + u.skill for p, (u, f) in zip(prof, series, strict=True)]),
            online0=np.array([p[2] + 2 * u.skill for p, (u, _) in zip(prof, series, strict=True)]),
            late_no_reason=np.array([u.late_no_reason for u, _ in series]),
            starts=np.array([np.datetime64(u.first, "M") for u, _ in series]),
            ends=np.array([np.datetime64(u.last, "M") for u, _ in series]),
        )


def _dossier_month(s: _DossierSeries, pending: np.ndarray, month: date, trend: float, rng: np.random.Generator,
                   missing: set[tuple[str, date]]) -> tuple[pd.DataFrame, np.ndarray]:
    """One month of dossier facts from last month's backlog; returns the facts and the new backlog.

    The draws happen in a fixed order: changing it changes every demo figure.
    """
    n = len(s.unit_codes)
    mm = np.datetime64(month, "M")
    active = (s.starts <= mm) & (s.ends >= mm)
    season = 1.0 + 0.15 * np.sin(2 * np.pi * (month.month - 2) / 12)
    # flow: backlog + arrivals → resolved (early, on time, late) + pending (on time, overdue)
    carried = np.where(active, pending, 0)
    new = rng.poisson(s.volume * season) * active
    total = carried + new
    resolved = rng.binomial(total, 0.86)
    pend = total - resolved
    p_on_time = np.clip(s.on_time0 + 0.02 * trend + rng.normal(0, 0.01, n), 0.5, 0.999)
    late = rng.binomial(resolved, 1 - p_on_time)
    early = rng.binomial(resolved - late, 0.45)
    on_time = resolved - late - early
    overdue = rng.binomial(pend, np.clip((1 - p_on_time) * 2.5, 0, 1))
    # digital shares, improving with the trend and with the unit's online share
    p_online = np.clip(s.online0 + 0.15 * trend + rng.normal(0, 0.02, n), 0.02, 0.99)
    online = rng.binomial(new, p_online)
    full = rng.binomial(online, np.clip(0.55 + 0.25 * trend, 0, 1))
    fee = rng.binomial(new, 0.35)
    paid = rng.binomial(fee, np.clip(0.45 + 0.3 * trend + (p_online - 0.6) * 0.5, 0.01, 0.99))
    e_res = rng.binomial(resolved, np.clip(0.5 + 0.35 * trend + (p_online - 0.6) * 0.3, 0.01, 0.99))
    digit = rng.binomial(new, np.clip(0.55 + 0.35 * trend + (p_online - 0.6) * 0.3, 0.01, 0.99))
    # lateness without a legitimate reason
    no_reason = rng.binomial(late, s.late_no_reason)
    overdue_no_reason = rng.binomial(overdue, s.late_no_reason)
    keep = active & _reports(s.unit_codes, month, missing) if missing else active.copy()
    frame = pd.DataFrame({
        "unit_code": s.unit_codes[keep], "field_code": s.field_codes[keep], "month": month,
        "received_total": total[keep], "received_online": online[keep], "received_direct": (new - online)[keep],
        "received_carried_over": carried[keep], "resolved_total": resolved[keep],
        "resolved_early": early[keep], "resolved_on_time": on_time[keep], "resolved_late": late[keep],
        "pending_total": pend[keep], "pending_on_time": (pend - overdue)[keep], "pending_overdue": overdue[keep],
        "received_full_process": full[keep], "fee_dossiers": fee[keep], "fee_paid_online": paid[keep],
        "electronic_results": e_res[keep], "digitised": digit[keep],
        "resolved_late_unexcused": no_reason[keep], "pending_overdue_unexcused": overdue_no_reason[keep],
    })
    return _not_reported(frame), pend


def _trend(t: int, months: list[date]) -> float:
    return t / max(1, len(months) - 1)   # 0 → 1 over the window


def _simulate_dossiers(units: list[SimUnit], months: list[date], rng: np.random.Generator,
                       missing: set[tuple[str, date]]) -> pd.DataFrame:
    series = _DossierSeries.of(units, rng)
    pending = np.zeros(len(series.unit_codes), dtype=np.int64)
    frames = []
    for t, month in enumerate(months):
        frame, pending = _dossier_month(series, pending, month, _trend(t, months), rng, missing)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _simulate_documents_and_tasks(units: list[SimUnit], months: list[date], rng: np.random.Generator,
                                  missing: set[tuple[str, date]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outgoing documents and assigned tasks: one series per unit (special zones have none)."""
    ucodes = np.array([u.code for u in units])
    u_edoc = np.array([PROFILES[u.profile][3] + u.skill for u in units])
    u_size = np.array([max(PROFILES[u.profile][0], 2.0) for u in units])
    u_start = np.array([np.datetime64(u.first, "M") for u in units])
    u_end = np.array([np.datetime64(u.last, "M") for u in units])
    u_skill = np.array([u.skill for u in units])
    p_no_reason = np.minimum(1.0, np.array([u.late_no_reason for u in units]) * 1.5)
    u_tasks = np.array([0.0 if u.profile == "empty" else (1.0 if u.profile == "department" else 0.5) for u in units])
    docs, tasks = [], []
    for t, month in enumerate(months):
        mm = np.datetime64(month, "M")
        active = (u_start <= mm) & (u_end >= mm) & (u_tasks > 0)
        if missing:
            active &= _reports(ucodes, month, missing)
        trend = _trend(t, months)
        total = rng.poisson(u_size * 2.5 + 20)
        signed = rng.binomial(total, np.clip(u_edoc + 0.06 * trend + rng.normal(0, 0.01, len(units)), 0.05, 0.995))
        docs.append(pd.DataFrame({"unit_code": ucodes[active], "month": month,
                                  "docs_outgoing_total": total[active],
                                  "docs_outgoing_signed_electronic": signed[active]}))
        due = rng.poisson(u_tasks * 14 + 1)
        on_t = rng.binomial(due, np.clip(0.86 + 0.08 * trend + 2 * u_skill, 0.3, 0.995))
        rest = due - on_t
        done_late = rng.binomial(rest, 0.6)
        overdue_open = rest - done_late
        tasks.append(pd.DataFrame({"unit_code": ucodes[active], "month": month, "tasks_due": due[active],
                                   "tasks_done_on_time": on_t[active], "tasks_done_late": done_late[active],
                                   "tasks_overdue_open": overdue_open[active],
                                   "tasks_done_late_unexcused": rng.binomial(done_late, p_no_reason)[active],
                                   "tasks_overdue_unexcused": rng.binomial(overdue_open, p_no_reason)[active]}))
    return pd.concat(docs, ignore_index=True), pd.concat(tasks, ignore_index=True)


def simulate(units: list[SimUnit], first: date, last: date, seed: int,
             missing: set[tuple[str, date]] = frozenset()) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Monthly dossier, document and task facts for `units` from `first` to `last`.

    One random generator feeds all three in turn, so the same seed gives the same database.
    """
    rng = np.random.default_rng(seed)
    months = _months(first, last)
    dossiers = _simulate_dossiers(units, months, rng, missing)
    documents, tasks = _simulate_documents_and_tasks(units, months, rng, missing)
    return dossiers, documents, tasks


# What real units send: some send only the official Biểu 06 (no full-process, fee,
# e-result or digitisation figures), some never report how many late dossiers had a
# legitimate reason. Both are "not reported" (NULL), never 0, in the demo as in real data.
FORM_ONLY_EVERY = 9      # about one unit in 9 sends only Biểu 06
NO_EXCUSE_EVERY = 5      # about one unit in 5 does not report excuse counts
_EXTRAS = ("received_full_process", "fee_dossiers", "fee_paid_online", "electronic_results", "digitised")
_EXCUSES = ("resolved_late_unexcused", "pending_overdue_unexcused")


def _not_reported(frame: pd.DataFrame) -> pd.DataFrame:
    # A stable number per unit code, so a unit behaves the same every month.
    index = np.array([zlib.crc32(c.encode()) for c in frame["unit_code"]], dtype=np.int64)
    form_only = (index % FORM_ONLY_EVERY) == 3
    no_excuse = form_only | ((index % NO_EXCUSE_EVERY) == 1)
    out = frame.astype({c: "Int64" for c in (*_EXTRAS, *_EXCUSES)})
    out.loc[form_only, list(_EXTRAS)] = pd.NA
    out.loc[no_excuse, list(_EXCUSES)] = pd.NA
    return out


def write_facts(store: Store, dossiers: pd.DataFrame, documents: pd.DataFrame, tasks: pd.DataFrame,
                uploaded_by: str, source_prefix: str) -> int:
    """One upload batch per month, as if each month had been uploaded in turn. Returns batch count."""
    months = sorted(set(dossiers["month"]) | set(documents["month"]) | set(tasks["month"]))
    with store.transaction() as cur:
        for month in months:
            d = dossiers[dossiers["month"] == month]
            doc = documents[documents["month"] == month]
            tk = tasks[tasks["month"] == month]
            batch_id = cur.execute(
                "INSERT INTO upload_batches (source_file, sha256, uploaded_by, uploaded_at, row_count)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                [f"{source_prefix}-{month:%Y-%m}.xlsx", f"{source_prefix}-{month:%Y-%m}", uploaded_by,
                 datetime.combine(add_months(month, 1), datetime.min.time()).replace(day=5, hour=9),
                 len(d) + len(doc) + len(tk)],
            ).fetchone()[0]
            for table, frame, cols in (("dossier_facts", d, ("unit_code", "field_code", "month", *DOSSIER_COLUMNS)),
                                       ("document_facts", doc, ("unit_code", "month", *DOCUMENT_COLUMNS)),
                                       ("task_facts", tk, ("unit_code", "month", *TASK_COLUMNS))):
                if frame.empty:
                    continue
                part = frame[list(cols)]  # noqa: F841  (read by DuckDB's replacement scan)
                cur.execute(f"INSERT INTO {table} (batch_id, {', '.join(cols)}) "
                            f"SELECT {batch_id}, {', '.join(cols)} FROM part")
    return len(months)


def build_demo(store: Store, today: date | None = None, months: int = DEMO_MONTHS, seed: int = DEMO_SEED) -> None:
    """Replace all facts with demo data ending with the last full month before `today`.

    Only ever on request (`cli.py demo`, tests, benchmarks), and never on a database holding
    real batches: raises `DemoRefused` there, before anything is deleted.
    """
    check_demo_allowed(store)
    last = last_full_month(today)
    first = add_months(last, -(months - 1))
    with store.transaction() as cur:
        for table in ("dossier_facts", "document_facts", "task_facts", "upload_batches"):
            cur.execute(f"DELETE FROM {table}")
    load_reference(store)
    rows = store.cursor().execute(
        "SELECT code, name, unit_type, valid_from, valid_to FROM units ORDER BY code"
    ).fetchall()
    rng = np.random.default_rng(seed)
    units = demo_units(rows, rng, first, last)
    # A few units miss months; one commune has not reported the latest month yet.
    missing = {("xa-tra-leng", add_months(last, -3)), ("xa-tra-leng", add_months(last, -4)),
               ("xa-la-ee", add_months(last, -7)), ("xa-hung-son", last), ("xa-song-kon", last)}
    dossiers, documents, tasks = simulate(units, first, last, seed, missing)
    write_facts(store, dossiers, documents, tasks, uploaded_by=DEMO_UPLOADER, source_prefix="demo")
    with store.transaction() as cur:
        store.set_meta("demo", "true", cur)
        store.set_meta("demo_built_at", datetime.now().isoformat(timespec="seconds"), cur)
        store.set_meta("demo_range", f"{first:%Y-%m}..{last:%Y-%m}", cur)


def real_batch_count(con: duckdb.DuckDBPyConnection) -> int:
    """Upload batches (active or rolled back) that the demo generator did not write."""
    markers = [DEMO_UPLOADER]
    # Demo databases built before the marker changed used plain "demo" — also a valid user name,
    # so it only counts as demo in a database that says it is one.
    if _meta_demo(con) == "true":
        markers.append(LEGACY_DEMO_UPLOADER)
    return con.execute("SELECT count(*) FROM upload_batches WHERE NOT list_contains(?, uploaded_by)",
                       [markers]).fetchone()[0]


def has_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """What the demo banner shows: the database says it is a demo AND active demo batches are in it."""
    return is_demo_data(con)


def check_demo_allowed(store: Store) -> None:
    """Raise `DemoRefused` unless the database holds nothing but demo data (or nothing at all).

    Building the demo deletes every fact: on a database with one real batch that would
    destroy real figures, and mixing demo rows into real ones would mislead readers.
    """
    con = store.cursor()
    real = real_batch_count(con)
    if real or _meta_demo(con) == "false":
        what = f"đã có {real} lô số liệu thật" if real else "được đánh dấu là cơ sở dữ liệu thật"
        raise DemoRefused(
            f"Không tạo dữ liệu mẫu (DEMO) trong {store.path}: cơ sở dữ liệu này {what}, tạo mẫu sẽ xóa "
            "hoặc trộn lẫn số liệu thật; hãy chọn một tệp riêng, ví dụ --db data/demo.duckdb"
        )
