"""The shared sidebar filters, mirrored in the URL so a link opens exactly the same view.

URL parameters: ``period`` (2026-10, 2026-Q3, 2026, 2026-01..2026-10),
``group`` (all, department, ward, commune, commune_level), ``field`` (a field
code; absent = all) and ``lang`` (vi/en). Pages add their own (``ind``,
``unit`` …) through `url_default` and `keep_in_url`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from ui import cached
from ui.access import require_viewing
from ui.choices import keep_in_url, relabel_choices, remember, url_default
from ui.pages_mode import leave_pages_directory_mode
from ui.state import lang
from ui.strings import partial_period_label, t
from vocab import periods
from vocab.periods import Comparison, Period, PeriodError, PeriodKind, add_months, comparison, covered_through
from vocab.units import UnitGroup

FILTERS_KEY = "filters"
GROUPS = (UnitGroup.ALL, UnitGroup.DEPARTMENT, UnitGroup.WARD, UnitGroup.COMMUNE, UnitGroup.COMMUNE_LEVEL)
KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR, PeriodKind.RANGE)


@dataclass(frozen=True)
class Filters:
    """What the sidebar selected; pages read it with `current()`.

    `through` is the last month of `period` that counts (over and with data, see
    `vocab.periods.covered_through`): earlier than the period's last month, the period is partial
    and labelled so. `today` is the day the sidebar read the clock, passed on to the period logic.
    """

    period: Period
    group: UnitGroup
    field: str | None
    field_name: str | None
    lang: str
    through: date | None = None
    today: date | None = None

    @property
    def partial(self) -> bool:
        return self.through is not None and self.through < self.period.last

    @property
    def period_label(self) -> str:
        """"quý 3/2026"; a partial period says so: "quý 4/2026 — đến 31/10, tạm tính"."""
        return partial_period_label(self.period, self.through, self.lang)

    @property
    def comparison(self) -> Comparison:
        """What "kỳ trước" and "cùng kỳ năm trước" are for this period (`vocab.periods.comparison`)."""
        return comparison(self.period, self.through)

    @property
    def group_label(self) -> str:
        return t(f"group_{self.group.value}", self.lang)

    def describe(self, with_field: bool = True) -> str:
        """"Phường · tháng 10/2026 · Đất đai": the context line of titles and files.

        A page or export that does not apply the field filter passes `with_field=False`, so
        it never prints a filter it did not apply (and says so with `ui.layout.field_notice`).
        """
        parts = [self.group_label, self.period_label]
        if self.field_name and with_field:
            parts.append(self.field_name)
        return " · ".join(parts)


def period_options(months: Sequence[date], kind: PeriodKind) -> list[str]:
    """Periods of `kind` that have data, newest first, as URL text."""
    return [str(p) for p in periods.period_options(months, kind)]


def _url_period() -> Period | None:
    try:
        return Period.parse(st.query_params.get("period", ""))
    except PeriodError:
        return None


def language_switch() -> str:
    """The vi/en switch. The language itself lives in the plain session key "lang" (read by
    `ui.state.lang`), which, unlike a widget's state, survives page switches."""
    if st.session_state.get("lang") not in ("vi", "en"):
        st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "vi"

    def changed() -> None:
        st.session_state["lang"] = st.session_state["lang_switch"]
        relabel_choices()

    options = ["vi", "en"]
    st.radio(t("language"), options, index=options.index(st.session_state["lang"]), key="lang_switch",
             horizontal=True, format_func=lambda x: "Tiếng Việt" if x == "vi" else "English", on_change=changed)
    keep_in_url("lang", "en" if lang() == "en" else None)
    return lang()


def sidebar_filters(today: date | None = None) -> Filters | None:
    """Draws the shared filters in the sidebar; None when there is no data at all.

    Each kind of period opens on its newest complete period with data (`vocab.periods.default_period`);
    the group opens on the wards (one kind of unit: departments, wards and communes are not ranked together).
    """
    st.session_state.pop(_LINK_SLOT, None)  # a placeholder of an earlier run is never written to
    months = cached.available_months()
    if not months:
        return None
    today = today or date.today()  # the clock is read here, once, and passed to the period logic
    from_url = _url_period()
    lg = lang()  # bound into format functions: AppTest calls them outside the script run
    st.sidebar.subheader(t("filters"))
    url_default("flt_kind", "kind", [k.value for k in KINDS], from_url.kind.value if from_url else "month")
    kind = PeriodKind(st.sidebar.radio(
        t("period_kind"), [k.value for k in KINDS], key="flt_kind", horizontal=True,
        format_func=lambda k: t(f"kind_{k}", lg),
    ))
    options = period_options(months, kind)
    if from_url is not None and from_url.kind is kind and str(from_url) not in options:
        options.insert(0, str(from_url))  # a shared link may name a period without data: show its empty state
    period_key = f"flt_period_{kind.value}"
    default = periods.default_period(kind, months, today)
    url_default(period_key, "period", options, str(default) if default else options[0])

    def label(text: str) -> str:
        p = Period.parse(text)
        return partial_period_label(p, covered_through(p, months, today), lg)

    period_text = st.sidebar.selectbox(t("period"), options, key=period_key, format_func=label)
    url_default("flt_group", "group", [g.value for g in GROUPS], UnitGroup.WARD.value)
    group = UnitGroup(st.sidebar.selectbox(t("group"), [g.value for g in GROUPS], key="flt_group",
                                           format_func=lambda g: t(f"group_{g}", lg)))
    field_names = dict(cached.fields())
    url_default("flt_field", "field", list(field_names), "")
    field = st.sidebar.selectbox(t("field"), ["", *field_names], key="flt_field",
                                 format_func=lambda c: field_names.get(c, t("field_all", lg)))
    for key in ("flt_kind", period_key, "flt_group", "flt_field"):
        remember(key)
    for param, value in (("period", period_text), ("group", group.value), ("field", field or None)):
        keep_in_url(param, value)
    st.session_state[_LINK_SLOT] = st.sidebar.empty()
    share_link()
    period = Period.parse(period_text)
    filters = Filters(period, group, field or None, field_names.get(field), lang(),
                      covered_through(period, months, today), today)
    st.session_state[FILTERS_KEY] = filters
    return filters


_LINK_SLOT = "_share_link_slot"


def current_link() -> str:
    """The address of this view: the page's URL (when the browser told it) and every parameter.

    `st.context.url` leaves the query out, so the parameters are added from `st.query_params`.
    Without a browser (AppTest), only the parameters: "?period=2026-10&group=ward".
    """
    base = st.context.url or ""
    query = urlencode(st.query_params.to_dict())
    return f"{base}?{query}" if query else base


def share_link() -> None:
    """(Re)draws the copy-link box of the sidebar with the current URL.

    `st.code` has a copy button, and its text can be selected and copied by hand where the browser
    refuses clipboard access (plain http). A page that adds parameters after the sidebar was drawn
    calls this again at its end so the box shows them.

    The box sits in a popover: a popover's content is drawn only when opened, and `st.code` makes
    every browser fetch and parse Streamlit's 1.5-MB syntax highlighter before the page's first
    chart (a fresh browser's first chart: the `pages` benchmark).
    """
    slot = st.session_state.get(_LINK_SLOT)
    if slot is None:
        return
    link = current_link()
    with slot.container(), st.popover(t("periods_share"), icon=":material/link:", width="stretch"):
        st.caption(t("periods_copy_link") if link.startswith("http") else t("periods_copy_link_relative"))
        st.code(link, language=None, wrap_lines=True)


def current() -> Filters | None:
    """The filters drawn by dashboard.py in this run (None when there is no data, or when the
    page runs outside the shell, e.g. a page file opened on its own in a test)."""
    leave_pages_directory_mode()
    require_viewing()
    return st.session_state.get(FILTERS_KEY)


def trailing(period: Period, months: int) -> Period:
    """The `months` months ending with the last month of `period` (trend and heatmap windows)."""
    return Period.range(add_months(period.last, -(months - 1)), period.last)


HISTORY_MONTHS = 12


def history_months(period: Period) -> tuple[Period, ...]:
    """A unit's rank and score history: each month of the year ending with `period`, as a one-month period."""
    return tuple(Period.month(m.year, m.month) for m in trailing(period, HISTORY_MONTHS).month_list())
