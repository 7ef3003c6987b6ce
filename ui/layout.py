"""Reusable pieces of screen: header, banners, indicator cards, figures, tables."""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.theme import band_badge_html
from i18n.numbers import fmt_change, fmt_fraction, fmt_int, fmt_value
from metrics.indicators import Indicator
from metrics.overview import Card
from metrics.values import IndicatorValue
from ui import cached, cached_periods
from ui.chart_downloads import chart_with_downloads
from ui.filters import Filters
from ui.state import lang
from ui.strings import month_label, months_label, t
from ui.text import plain

# A page title with its period is two or three lines; at Streamlit's 2.75 rem it took a third of a
# phone's first screen (390 × 844) before any figure. Constant CSS, sent by the shell on every page.
SHELL_CSS = ("<style>@media (max-width: 640px) {"
             ' [data-testid="stMain"] h1 { font-size: 1.75rem !important; line-height: 1.25 !important; }'
             "}</style>")


def page_header(title_key: str, filters: Filters, with_field: bool = True) -> None:
    """The page's title with its period ("Tổng quan · quý 3/2026"), then group, period and field."""
    st.title(f"{t(title_key)} · {filters.period_label}")  # period words from our catalogue: no user text
    st.caption(plain(filters.describe(with_field)))  # group, period and field names: text, not Markdown
    field_notice(filters, with_field)


def comparison_note(filters: Filters) -> None:
    """Says what "kỳ trước" (and "cùng kỳ năm trước") mean for the chosen kind of period."""
    kind = filters.period.kind.value
    key = f"periods_compare_{kind}"
    if filters.partial and kind in ("quarter", "year"):
        key += "_partial"
    base = filters.comparison
    st.caption(t(key, previous=months_label(base.previous, filters.lang),
                 last_year=months_label(base.last_year, filters.lang)))


def field_notice(filters: Filters, applied: bool) -> None:
    """Says that the chosen field does not apply here, in the sentence Xếp hạng uses."""
    if filters.field and not applied:
        st.caption(t("field_not_applicable"))


def source_line() -> str:
    """The subtitle of every chart: where the figures come from and when they were last updated."""
    return cached.source_line(lang())


def demo_banner() -> None:
    if cached.is_demo():  # what the database holds, not a flag that a later real import leaves behind
        st.info(t("demo_banner"), icon="ℹ️")


def missing_reports_banner(filters: Filters) -> None:
    """Warns when some active units of the group have not reported for the period, with the list."""
    # Only months that are over and not later than the newest reported month can be missing
    # (`metrics.completeness.counted_period`): November read in November is never "missing".
    if filters.today is not None:
        active, missing = cached_periods.completeness_summary(filters.period, filters.group, filters.today)
    else:
        active, missing = cached.completeness_summary(filters.period, filters.group)
    if missing.empty:
        return
    st.warning(t("missing_banner", n=fmt_int(len(missing), filters.lang), total=fmt_int(active, filters.lang),
                 period=filters.period_label), icon="📋")
    with st.expander(t("missing_list")):
        table = pd.DataFrame({
            t("col_unit"): missing["unit_name"],
            t("missing_months"): [", ".join(month_label(m, filters.lang) for m in months)
                                  for months in missing["month"]],
        })
        st.dataframe(table, hide_index=True, width="stretch")


def no_data(filters: Filters) -> None:
    st.info(t("no_data_period", period=filters.period_label), icon="📭")


def figure(fig: go.Figure, key: str) -> None:
    """A plotly figure exactly as built (our theme, not Streamlit's), with PNG/SVG/PDF downloads.

    The files are named after the figure's own title (indicator, group, period).
    """
    # Our <br> out, then the entities `charts.theme.chart_text` put into names back to their characters.
    title = html.unescape(re.sub(r"<[^>]+>", " ", fig.layout.title.text or "")) if fig.layout.title else ""
    chart_with_downloads(fig, title or key, key)


def _delta(a: IndicatorValue, b: IndicatorValue) -> float | None:
    return a.value - b.value if a.has_data and b.has_data else None


def formula_help(indicator: Indicator, lang: str) -> str:
    """The card's help: the indicator's name and, when written in `lang`, how it is computed."""
    formula = getattr(indicator, f"formula_{lang}", None)  # an English formula is optional in the catalogue
    return f"{indicator.label(lang)}: {formula}" if formula else indicator.label(lang)


def indicator_card(indicator: Indicator, card: Card, lang: str) -> None:
    """One indicator: value, change on the previous period and on last year, target and whether it is met."""
    now = card.now
    with st.container(border=True):
        vs_prev = _delta(now, card.previous)
        st.metric(
            indicator.short(lang), fmt_value(now.value, indicator, lang),
            delta=f"{fmt_change(vs_prev, indicator, lang)} {t('vs_previous')}" if vs_prev is not None else None,
            # Our formatter writes "−" (U+2212), which Streamlit does not read as negative: set arrow and
            # colour ourselves (green = better, whichever way the indicator counts).
            delta_color=("gray" if not vs_prev
                         else "green" if (vs_prev > 0) == indicator.higher_is_better else "red"),
            delta_arrow="up" if vs_prev and vs_prev > 0 else "down" if vs_prev and vs_prev < 0 else "off",
            help=formula_help(indicator, lang),
        )
        detail = f"{t('vs_last_year')}: {fmt_change(_delta(now, card.last_year), indicator, lang)}"
        if indicator.is_rate and now.denominator:
            detail += f"  \n{fmt_fraction(now.numerator, now.denominator, lang, ' / ')}"
        st.caption(detail)
        sign = "≥" if indicator.higher_is_better else "≤"
        target_text = (f"{t('target')}: {sign} {html.escape(fmt_value(card.target, indicator, lang))}"
                       if card.target is not None else "")
        st.markdown(f"{band_badge_html(card.band, lang)} <span style='margin-left:6px'>{target_text}</span>",
                    unsafe_allow_html=True)
