"""Evaluation of units for a period: a 0–100 score, four levels, coverage and the directive's cap.

The scheme (weights, tolerance, thresholds, coverage rule, cap policy, improvement
weight) is *our proposal, not an official scheme* until an administrator records the
decision that adopted it (`metrics.schemes`). Defaults:

* Indicator points (90 of 100). Each weighted indicator earns its full weight at or
  above its target and loses points linearly with the shortfall:
  `weight × max(0, 1 − (target − value) / tolerance)`, tolerance 25 percentage points.
  (Tolerance None gives Decision 766's own rule `weight × min(1, value / target)`.)
  Weights: on-time 25, online 10, full-process 10, online payment 10, digitisation 10,
  e-results 5, e-documents 10, tasks on time 10.
* Applicability and coverage. An indicator is *expected* from a unit when its unit type
  must report it (`Indicator.applies_to`). An expected indicator that was **not
  reported earns 0 points** and is named ("không báo cáo"), so leaving out a bad figure
  never raises a score. A reported indicator whose denominator is 0 (e.g. no dossier with
  a fee) does not apply this period and is left out, its weight too. A unit that reported
  fewer expected indicators or months than the coverage rule asks (default: all of them)
  cannot be rated above "hoàn thành", with the reason.
* Improvement (10 of 100), because the directive makes the positive change of these
  indicators a basic criterion: for the e-document, full-process, digitisation and
  e-result rates, the change against the comparison period (same period last year when
  the unit has data for it, else the previous period) earns points linearly up to a rise
  of 5 percentage points; a rate already at its target keeps full points (there is
  nothing left to improve). A fall earns 0, never negative. An expected rate not reported
  earns 0; a rate with nothing to compare is left out; with none left the component is
  left out and the score rescales over the indicator weights.
* Levels (published points scheme, INDICATORS.md §7): > 90 xuất sắc, > 80 tốt,
  ≥ 50 hoàn thành, else không hoàn thành.
* The directive's cap: a unit with many dossiers or tasks late *without a legitimate
  reason* is rated at most "hoàn thành". Late items are counted once: resolved late in
  the period (a flow, summed) plus overdue in progress at the period's end (a stock).
  Units report how many of those had no legitimate reason; where they did not report
  it the burden is theirs: every late item counts as unexcused (configurable) and the
  reason says so ("chưa báo cáo lý do trễ hạn"). Dossiers and tasks are judged separately,
  each against its own share threshold (1 % of dossiers handled, 5 % of tasks; *both
  uncertain defaults for the city to set*), and optionally an absolute count.

Reasons are returned as records with their numbers (`cap_reasons`: `CoverageShortfall`,
`LateWithoutReason`, `NotWholePeriod`); `texts.evaluation` turns them into sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from metrics.indicators import Family, get_indicator
from metrics.queries import By, column_total, indicator_outputs, select_totals, units_frame
from metrics.schemes import EvaluationConfig, Scheme, scheme_for
from metrics.targets import meets_target
from vocab.levels import Level
from vocab.periods import Period
from vocab.units import UnitGroup

__all__ = [
    "CapReason", "CoverageShortfall", "EvaluationConfig", "LateWithoutReason", "NotWholePeriod", "StoredReason",
    "evaluate_units", "level_counts", "reason_from_dict", "reason_to_dict",
]


# --- why a level was capped (or a unit not rated): codes with their numbers ------------------

@dataclass(frozen=True)
class CoverageShortfall:
    """Fewer expected indicators or months reported than the coverage rule asks."""

    indicators_reported: int
    indicators_expected: int
    months_reported: int
    months_expected: int
    code: str = "coverage"


@dataclass(frozen=True)
class LateWithoutReason:
    """Too many dossiers or tasks late without a legitimate reason (`kind`: 'dossier' | 'task')."""

    kind: str
    unexcused: float
    assumed: float          # late items whose reason was not reported, counted as unexcused
    base: float
    share: float
    max_share: float | None
    max_count: int | None
    code: str = "late"


@dataclass(frozen=True)
class NotWholePeriod:
    """The unit did not exist for the whole period, so it is not rated."""

    code: str = "not_whole_period"


@dataclass(frozen=True)
class StoredReason:
    """The words of a rating finalised before reasons were stored as codes (kept as shown then)."""

    vi: str
    en: str
    code: str = "stored"


CapReason = CoverageShortfall | LateWithoutReason | NotWholePeriod | StoredReason
_REASONS = {cls.code: cls for cls in (CoverageShortfall, LateWithoutReason, NotWholePeriod, StoredReason)}


def reason_to_dict(reason: CapReason) -> dict:
    return asdict(reason)


def reason_from_dict(data: dict) -> CapReason:
    return _REASONS[data["code"]](**data)


def level_for(config: EvaluationConfig, score: float | None) -> Level:
    if score is None or np.isnan(score):
        return Level.NO_DATA
    if score > config.excellent_above:
        return Level.EXCELLENT
    if score > config.good_above:
        return Level.GOOD
    if score >= config.completed_from:
        return Level.COMPLETED
    return Level.NOT_COMPLETED


# --- the figures one evaluation needs, in one scan per family --------------------------------

_LATE_SQL = {
    # late items: resolved late (flow) + overdue in progress at the period end (stock)
    Family.DOSSIERS: (
        f"{column_total('resolved_late')} AS d_late_flow, {column_total('pending_overdue')} AS d_late_stock, "
        f"{column_total('resolved_late_unexcused')} AS d_unexc_flow, "
        f"{column_total('pending_overdue_unexcused')} AS d_unexc_stock, "
        "sum(CASE WHEN resolved_late_unexcused IS NULL THEN resolved_late END) AS d_assumed_flow, "
        "sum(CASE WHEN month = last_m AND pending_overdue_unexcused IS NULL THEN pending_overdue END)"
        " AS d_assumed_stock, "
        f"{column_total('resolved_total')} AS d_base_flow, {column_total('pending_total')} AS d_base_stock"
    ),
    Family.TASKS: (
        f"{column_total('tasks_done_late')} AS t_late_flow, {column_total('tasks_overdue_open')} AS t_late_stock, "
        f"{column_total('tasks_done_late_unexcused')} AS t_unexc_flow, "
        f"{column_total('tasks_overdue_unexcused')} AS t_unexc_stock, "
        "sum(CASE WHEN tasks_done_late_unexcused IS NULL THEN tasks_done_late END) AS t_assumed_flow, "
        "sum(CASE WHEN month = last_m AND tasks_overdue_unexcused IS NULL THEN tasks_overdue_open END)"
        " AS t_assumed_stock, "
        f"{column_total('tasks_done_on_time')} AS t_base_done_on_time, "
        f"{column_total('tasks_done_late')} AS t_base_done_late, "
        f"{column_total('tasks_overdue_open')} AS t_base_stock"
    ),
}


def _period_figures(con: duckdb.DuckDBPyConnection, periods: dict[str, Period], indicators: set[str],
                    full: bool = True) -> pd.DataFrame:
    """One row per (p, unit_code): value/reported per indicator, late counts, months reported.

    All the periods are computed in one query per family. `full=False` gives only the
    indicators' values (for comparison periods, which need nothing else).
    """
    frames = []
    for family in Family:
        outputs = [indicator_outputs(get_indicator(i), suffix=f"__{i}")
                   for i in sorted(indicators) if get_indicator(i).family is family]
        if full:
            if family in _LATE_SQL:
                outputs.append(_LATE_SQL[family])
            # Months reported, as a bit set over the period's months (text: it may exceed 64 bits).
            outputs.append(f"bit_or((1::HUGEINT) << datediff('month', first_m, month)::INTEGER)::VARCHAR"
                           f" AS months__{family.value}")
        if not outputs:
            continue
        # No unit filter in SQL: the caller keeps the units of the group active in the period
        # (the same rule), and the join would double the query's cost.
        frame = select_totals(con, family, periods, ", ".join(outputs), By.UNIT, None)
        frames.append(frame.set_index(["p", "unit_code"]))
    out = pd.concat(frames, axis=1, join="outer")
    return out.reset_index()


# --- scoring --------------------------------------------------------------------------------

def _num(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), np.nan)
    return frame[column].to_numpy(dtype="float64", na_value=np.nan)


def _ratio(value: np.ndarray, target: np.ndarray, tolerance: float | None) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        if tolerance is None:
            return np.where(target > 0, np.minimum(1.0, value / target), 1.0)
        return np.clip(1.0 - (target - value) / tolerance, 0.0, 1.0)


@dataclass(frozen=True)
class _Context:
    con: duckdb.DuckDBPyConnection
    period: Period
    config: EvaluationConfig
    year: int
    targets: dict[str, dict[str, float]]  # indicator → unit type ('*' = any) → target

    def target(self, indicator_id: str, unit_types: np.ndarray) -> np.ndarray:
        """Each unit's target: its type's own, else the general one, else NaN."""
        by_type = self.targets.get(indicator_id, {})
        default = by_type.get("*", np.nan)
        return np.array([by_type.get(ut, default) for ut in unit_types], dtype="float64")


def _targets(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for indicator, unit_type, value in con.execute(
            "SELECT indicator, unit_type, value FROM targets WHERE year = ?", [year]).fetchall():
        out.setdefault(indicator, {})[unit_type] = float(value)
    return out


def _expected(unit_types: np.ndarray, indicator_id: str) -> np.ndarray:
    applies = set(get_indicator(indicator_id).applies_to)
    return np.array([ut in applies for ut in unit_types], dtype=bool)


def _score(ctx: _Context, frame: pd.DataFrame) -> dict[str, np.ndarray | list]:
    """Per-indicator points (0 when expected and not reported, NaN when not applicable)."""
    config, n = ctx.config, len(frame)
    unit_types = frame["unit_type"].to_numpy()
    points_total, weight_total = np.zeros(n), np.zeros(n)
    expected_count, reported_count = np.zeros(n, dtype=int), np.zeros(n, dtype=int)
    not_reported: list[list[str]] = [[] for _ in range(n)]
    out: dict[str, np.ndarray | list] = {}
    for ind_id, weight in config.weights.items():
        if weight <= 0:
            continue
        value = _num(frame, f"value__{ind_id}")
        reported = np.nan_to_num(_num(frame, f"reported__{ind_id}")) > 0
        expected = _expected(unit_types, ind_id)
        target = ctx.target(ind_id, unit_types)
        target = np.where(np.isnan(target), 1.0, target)  # no target set: measured against 100 %
        earned = weight * _ratio(value, target, config.tolerance)
        points = np.where(~expected, np.nan,
                          np.where(~reported, 0.0, np.where(np.isnan(value), np.nan, earned)))
        counted = ~np.isnan(points)
        points_total += np.where(counted, points, 0.0)
        weight_total += np.where(counted, weight, 0.0)
        expected_count += expected
        reported_count += expected & reported
        for i in np.flatnonzero(expected & ~reported):
            not_reported[i].append(ind_id)
        out[f"value_{ind_id}"] = np.where(reported, value, np.nan)
        out[f"points_{ind_id}"] = points
    out["_points"], out["_weights"] = points_total, weight_total
    out["indicators_expected"], out["indicators_reported"] = expected_count, reported_count
    out["not_reported"] = [", ".join(m) for m in not_reported]
    return out


def _improvement(ctx: _Context, cur: pd.DataFrame, last_year: pd.DataFrame,
                 previous: pd.DataFrame, compare: dict[str, Period]) -> dict[str, np.ndarray | list]:
    """Improvement points per indicator and in total (NaN when nothing could be compared)."""
    config, n = ctx.config, len(cur)
    unit_types = cur["unit_type"].to_numpy()
    ids = [i for i in config.improvement_indicators if i in config.weights or get_indicator(i).is_rate]
    if config.improvement_compare_to == "previous":
        use_last_year = np.zeros(n, dtype=bool)
    else:
        has_ly = np.zeros(n, dtype=bool)
        for i in ids:
            has_ly |= ~np.isnan(_num(last_year, f"value__{i}"))
        use_last_year = has_ly
    fractions, counted_n = np.zeros(n), np.zeros(n)
    out: dict[str, np.ndarray | list] = {}
    for ind_id in ids:
        value = _num(cur, f"value__{ind_id}")
        reported = np.nan_to_num(_num(cur, f"reported__{ind_id}")) > 0
        base = np.where(use_last_year, _num(last_year, f"value__{ind_id}"), _num(previous, f"value__{ind_id}"))
        expected = _expected(unit_types, ind_id)
        target = ctx.target(ind_id, unit_types)
        with np.errstate(invalid="ignore"):
            rise = np.clip((value - base) / config.improvement_full_at, 0.0, 1.0)
            at_target = meets_target(value, target, get_indicator(ind_id))
        fraction = np.where(at_target, 1.0, rise)
        fraction = np.where(~expected, np.nan,
                            np.where(~reported, 0.0,
                                     np.where(np.isnan(value) | (np.isnan(base) & ~at_target), np.nan, fraction)))
        counted = ~np.isnan(fraction)
        fractions += np.where(counted, fraction, 0.0)
        counted_n += counted
        out[f"improvement_{ind_id}"] = fraction  # share of this indicator's part, scaled below
        out[f"change_{ind_id}"] = value - base
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(counted_n > 0, config.improvement_weight / counted_n, np.nan)
        total = np.where(counted_n > 0, fractions * share, np.nan)
    for ind_id in ids:
        out[f"improvement_{ind_id}"] = out[f"improvement_{ind_id}"] * share
    out["improvement_points"] = total if config.improvement_weight > 0 else np.full(n, np.nan)
    labels = {True: str(compare["ly"]), False: str(compare["prev"])}
    out["compare_period"] = [labels[bool(ly)] for ly in use_last_year]
    return out


# --- the directive's cap --------------------------------------------------------------------

def _late(frame: pd.DataFrame, config: EvaluationConfig) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for prefix, name in (("d", "dossier"), ("t", "task")):
        late = np.nansum([_num(frame, f"{prefix}_late_flow"), _num(frame, f"{prefix}_late_stock")], axis=0)
        reported = np.nansum([_num(frame, f"{prefix}_unexc_flow"), _num(frame, f"{prefix}_unexc_stock")], axis=0)
        assumed = np.nansum([_num(frame, f"{prefix}_assumed_flow"), _num(frame, f"{prefix}_assumed_stock")], axis=0)
        unexcused = reported + (assumed if config.unreported_excuse_is_unexcused else 0.0)
        if prefix == "d":
            base = np.nansum([_num(frame, "d_base_flow"), _num(frame, "d_base_stock")], axis=0)
        else:
            base = np.nansum([_num(frame, "t_base_done_on_time"), _num(frame, "t_base_done_late"),
                              _num(frame, "t_base_stock")], axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(base > 0, unexcused / base, np.nan)
        out[f"{name}_late"] = late
        out[f"{name}_late_unexcused"] = unexcused
        out[f"{name}_late_assumed"] = assumed if config.unreported_excuse_is_unexcused else np.zeros(len(frame))
        out[f"{name}_late_base"] = base
        out[f"{name}_late_share"] = share
    return out


def _over(unexcused: np.ndarray, share: np.ndarray, max_share: float | None, max_count: int | None) -> np.ndarray:
    over = np.zeros(len(unexcused), dtype=bool)
    if max_share is not None:
        over |= np.nan_to_num(share) > max_share + 1e-12
    if max_count is not None:
        over |= unexcused > max_count
    return over & (unexcused > 0)


def _months_reported(frame: pd.DataFrame) -> list[int]:
    """Bit set of the period's months (bit 0 = its first month) with any figure, per unit."""
    masks = [0] * len(frame)
    for family in Family:
        column = f"months__{family.value}"
        if column not in frame:
            continue
        for i, value in enumerate(frame[column].to_numpy()):
            if isinstance(value, str):
                masks[i] |= int(value)
    return masks


def _months_expected(period: Period, today: date) -> int:
    """Bit set of the period's months that are over: a month not yet over is never "missing"."""
    current = today.replace(day=1)
    return sum(1 << i for i, m in enumerate(period.month_list()) if m < current)


# --- the evaluation -------------------------------------------------------------------------

EVALUATION_COLUMNS = [
    "unit_code", "unit_name", "unit_type", "score", "level_uncapped", "level", "capped", "cap_reasons",
    "indicators_reported", "indicators_expected", "months_reported", "months_expected", "not_reported",
    "coverage_ok", "improvement_points", "compare_period",
    "dossier_late", "dossier_late_unexcused", "dossier_late_assumed", "dossier_late_base", "dossier_late_share",
    "task_late", "task_late_unexcused", "task_late_assumed", "task_late_base", "task_late_share",
    "whole_period", "scheme_id", "scheme_status",
]


def evaluate_units(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: UnitGroup = UnitGroup.ALL,
    config: EvaluationConfig | None = None,
    with_previous: bool = True,
    today: date | None = None,
) -> pd.DataFrame:
    """Every unit of `group` active in the period: score, level, coverage, cap and improvement.

    Columns: EVALUATION_COLUMNS, then (with_previous) prev_score, score_change,
    prev_level, then value_/points_<indicator> per weighted indicator and
    improvement_/change_<indicator> per improvement indicator. `config` defaults to the
    scheme in force for each period (`metrics.schemes.scheme_for`). `cap_reasons` holds a
    tuple of reason records per unit (`texts.evaluation` words them).
    """
    today = today or date.today()

    def scheme(p: Period) -> Scheme:
        return scheme_for(con, p) if config is None else Scheme(None, date(2000, 1, 1), config, "proposal", None)

    schemes = {period: scheme(period)}
    if with_previous:
        schemes[period.previous()] = scheme(period.previous())
    figures = _rated_figures(con, schemes)
    frame = _evaluate(con, period, group, schemes[period], figures, today)
    if not with_previous:
        return _in_order(frame, [])
    before = _evaluate(con, period.previous(), group, schemes[period.previous()], figures, today, reasons=False)
    return with_previous_scores(frame, before)


PREVIOUS_COLUMNS = ["prev_score", "score_change", "prev_level"]


def with_previous_scores(frame: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """`evaluate_units(..., with_previous=True)` from the period's evaluation and the previous period's.

    Both as `evaluate_units(..., with_previous=False)` (or `evaluate_periods`) gives them: the
    evaluation page can then read two months a unit page has already evaluated (issue 14).
    """
    frame = frame.merge(before[["unit_code", "score", "level"]].rename(
        columns={"score": "prev_score", "level": "prev_level"}), on="unit_code", how="left")
    frame["score_change"] = frame["score"] - frame["prev_score"]
    return _in_order(frame, PREVIOUS_COLUMNS)


def evaluate_periods(
    con: duckdb.DuckDBPyConnection,
    periods: Sequence[Period],
    group: UnitGroup = UnitGroup.ALL,
    today: date | None = None,
) -> list[pd.DataFrame]:
    """`evaluate_units(con, p, group, with_previous=False)` for each of `periods`, in their order.

    The same frames, with the figures of every period (and of their comparison periods) read in one
    query per family instead of one per period: a unit's score history evaluates its group for
    twelve months at once (issue 14: after a commit, each month's evaluation is made again).
    """
    today = today or date.today()
    schemes = {p: scheme_for(con, p) for p in dict.fromkeys(periods)}
    figures = _rated_figures(con, schemes)
    return [_in_order(_evaluate(con, p, group, schemes[p], figures, today), []) for p in periods]


@dataclass(frozen=True)
class _Figures:
    """The figures of several periods, each period's rows indexed by unit code (split once, not per lookup)."""

    by_period: dict[str, pd.DataFrame]
    empty: pd.DataFrame

    def of(self, period: Period) -> pd.DataFrame:
        return self.by_period.get(str(period), self.empty)


def _rated_figures(con: duckdb.DuckDBPyConnection, schemes: dict[Period, Scheme]) -> _Figures:
    """The figures `_evaluate` reads for each period of `schemes` and of their comparison periods."""
    # The rated periods need every figure; their comparison periods only the improvement rates.
    rated = {str(p): p for p in schemes}
    compared = {str(q): q for p in schemes for q in (p.previous(), p.same_period_last_year()) if str(q) not in rated}
    indicators = {i for s in schemes.values() for i in (*s.config.weights, *s.config.improvement_indicators)}
    improvement = {i for s in schemes.values() for i in s.config.improvement_indicators}
    figures = _period_figures(con, rated, indicators)
    if compared and improvement:
        figures = pd.concat([figures, _period_figures(con, compared, improvement, full=False)], ignore_index=True)
    by_period = {label: part.set_index("unit_code") for label, part in figures.groupby("p")} if len(figures) else {}
    return _Figures(by_period, figures.iloc[0:0].set_index("unit_code"))


def _in_order(frame: pd.DataFrame, tail: list[str]) -> pd.DataFrame:
    """Best score first (no score last), then by name; EVALUATION_COLUMNS, `tail`, then the per-indicator ones."""
    per_indicator = [c for c in frame.columns if c.startswith(("value_", "points_", "improvement_", "change_"))
                     and c != "improvement_points"]
    frame = frame.assign(_o=frame["score"].fillna(-1)).sort_values(["_o", "unit_name"], ascending=[False, True])
    return frame[EVALUATION_COLUMNS + tail + per_indicator].reset_index(drop=True)


def _evaluate(con: duckdb.DuckDBPyConnection, period: Period, group: UnitGroup, scheme: Scheme,
              figures: _Figures, today: date, reasons: bool = True) -> pd.DataFrame:
    config = scheme.config
    compare = {"prev": period.previous(), "ly": period.same_period_last_year()}
    units = units_frame(con, period, group).merge(
        con.execute("SELECT code AS unit_code, valid_from, valid_to FROM units").df(), on="unit_code")
    codes = pd.Index(units["unit_code"])

    def at(p: Period) -> pd.DataFrame:
        """The period's figures aligned on `units` (a unit without figures: a row of NaN)."""
        aligned = figures.of(p).reindex(codes).reset_index()
        aligned["unit_type"] = units["unit_type"].to_numpy()
        return aligned

    cur, prev, ly = at(period), at(compare["prev"]), at(compare["ly"])
    ctx = _Context(con, period, config, period.last.year, _targets(con, period.last.year))
    cols: dict[str, np.ndarray | list] = {}
    cols.update(_score(ctx, cur))
    cols.update(_improvement(ctx, cur, ly, prev, compare))
    cols.update(_late(cur, config))

    n = len(units)
    improvement = np.asarray(cols["improvement_points"], dtype="float64")
    improvement_counted = ~np.isnan(improvement)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = cols["_weights"] + np.where(improvement_counted, config.improvement_weight, 0.0)
        score = np.where(weights > 0, 100.0 * (cols["_points"] + np.nan_to_num(improvement)) / weights, np.nan)

    expected = _months_expected(period, today)
    reported = _months_reported(cur)
    months_exp = np.full(n, expected.bit_count())
    months_rep = np.array([(m & expected).bit_count() for m in reported], dtype=int)
    valid_from = pd.to_datetime(units["valid_from"]).to_numpy()
    valid_to = pd.to_datetime(units["valid_to"]).to_numpy()
    whole = (valid_from <= np.datetime64(period.first)) & (np.isnat(valid_to) | (valid_to >= np.datetime64(period.end_date)))
    # Not rated: nothing reported, or the unit did not exist for the whole period.
    score = np.where(np.array([m == 0 for m in reported]), np.nan, score)
    score = np.where(whole, score, np.nan)

    with np.errstate(divide="ignore", invalid="ignore"):
        ind_cov = np.where(cols["indicators_expected"] > 0,
                           cols["indicators_reported"] / np.maximum(cols["indicators_expected"], 1), 1.0)
        month_cov = np.where(months_exp > 0, months_rep / np.maximum(months_exp, 1), 1.0)
    coverage_ok = (ind_cov >= config.min_indicator_coverage - 1e-9) & (month_cov >= config.min_month_coverage - 1e-9)
    d_over = _over(cols["dossier_late_unexcused"], cols["dossier_late_share"], config.dossier_late_max_share,
                   config.late_max_count)
    t_over = _over(cols["task_late_unexcused"], cols["task_late_share"], config.task_late_max_share,
                   config.late_max_count)

    uncapped = [level_for(config, s) for s in score]
    capping = ~coverage_ok | d_over | t_over
    levels = [Level.COMPLETED if cap and lv in (Level.EXCELLENT, Level.GOOD) else lv
              for lv, cap in zip(uncapped, capping, strict=True)]
    why_capped: list[tuple[CapReason, ...]] = []
    for i, lv in enumerate(uncapped):
        why: list[CapReason] = []
        if not reasons:  # the previous period's row needs only its score and level
            pass
        elif lv is not Level.NO_DATA:
            if not coverage_ok[i]:
                why.append(CoverageShortfall(int(cols["indicators_reported"][i]), int(cols["indicators_expected"][i]),
                                             int(months_rep[i]), int(months_exp[i])))
            for kind, over, limit in (("dossier", d_over, config.dossier_late_max_share),
                                      ("task", t_over, config.task_late_max_share)):
                if over[i]:
                    why.append(LateWithoutReason(
                        kind, float(cols[f"{kind}_late_unexcused"][i]), float(cols[f"{kind}_late_assumed"][i]),
                        float(cols[f"{kind}_late_base"][i]), float(cols[f"{kind}_late_share"][i]), limit,
                        config.late_max_count))
        elif not whole[i]:
            why.append(NotWholePeriod())
        why_capped.append(tuple(why))

    frame = units[["unit_code", "unit_name", "unit_type"]].copy()
    data: dict[str, object] = {
        "score": score,
        "level_uncapped": [lv.value for lv in uncapped],
        "level": [lv.value for lv in levels],
        "capped": [a != b for a, b in zip(uncapped, levels, strict=True)],
        "cap_reasons": why_capped,
        "indicators_reported": cols["indicators_reported"],
        "indicators_expected": cols["indicators_expected"],
        "months_reported": months_rep,
        "months_expected": months_exp,
        "not_reported": cols["not_reported"],
        "coverage_ok": coverage_ok,
        "improvement_points": improvement,
        "compare_period": cols["compare_period"],
    }
    for name in ("dossier", "task"):
        for part in ("late", "late_unexcused", "late_assumed", "late_base", "late_share"):
            data[f"{name}_{part}"] = cols[f"{name}_{part}"]
    data["whole_period"] = whole
    data["scheme_id"] = pd.array([scheme.id] * n, dtype="Int64")
    data["scheme_status"] = scheme.status
    data.update({k: v for k, v in cols.items() if k.startswith(("value_", "points_", "improvement_", "change_"))
                 and k != "improvement_points"})
    return pd.concat([frame, pd.DataFrame(data, index=frame.index)], axis=1)


def level_counts(evaluation: pd.DataFrame) -> pd.DataFrame:
    """Number of units per level, best level first (levels with none included)."""
    counts = evaluation["level"].value_counts()
    return pd.DataFrame(
        [{"level": lv.value, "count": int(counts.get(lv.value, 0))}
         for lv in sorted(Level, key=lambda lv: -lv.order)]
    )

