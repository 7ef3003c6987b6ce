"""Drill-down: a click on a unit (chart point, table row, heatmap cell) opens its page with the same view.

The unit page reads `unit=<code>` from the URL (a link wins over the session's last
choice); the period, group, field, language and indicator carry over, so the leader sees
the same period and filters for that unit. The pure parts (which unit a selection names,
which parameters carry over) are separate from the Streamlit calls so they can be tested.

`clickable_chart` draws a figure with Streamlit's selection events, through the one chart
drawer `ui.chart_downloads.chart_with_downloads` (same toolbar, downloads, text alternative, theme).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from ui.chart_downloads import chart_with_downloads

UNIT_PAGE = "pages/unit_profile.py"
UNIT_PATH = "unit_profile"           # the page's url_path (ui.registry id)
CARRIED = ("period", "group", "field", "lang", "ind")  # what the unit page reads from the URL


def unit_params(code: str, current: Mapping[str, str]) -> dict[str, str]:
    """The unit page's URL parameters: the carried filters of `current`, and `unit=code`."""
    params = {k: str(current[k]) for k in CARRIED if current.get(k)}
    params["unit"] = code
    return params


def unit_url(code: str, current: Mapping[str, str]) -> str:
    """A relative link to the unit page for `code` with the carried filters ("unit_profile?period=…&unit=…")."""
    return f"{UNIT_PATH}?{urlencode(unit_params(code, current))}"


def _first(value: object) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None


def unit_from_points(selection: Mapping | None) -> str | None:
    """The unit code of the first selected chart point (its `customdata`), None when nothing names a unit."""
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in points:
        code = _first(point.get("customdata"))
        if code:
            return code
    return None


def unit_from_rows(selection: Mapping | None, codes: Sequence[str]) -> str | None:
    """The unit code of the selected table row (rows are positions in the table as built), else None."""
    rows = ((selection or {}).get("selection") or {}).get("rows") or []
    if not rows:
        return None
    row = rows[0]
    return codes[row] if 0 <= row < len(codes) else None


def open_unit(code: str | None) -> None:
    """Switches to the unit's page with the carried filters; does nothing without a code."""
    if not code:
        return
    st.switch_page(UNIT_PAGE, query_params=unit_params(code, st.query_params.to_dict()))


def chart_name(fig: go.Figure, fallback: str) -> str:
    """The file name stem of a figure: its title as read (as `ui.layout.figure` names downloads)."""
    title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    return html.unescape(re.sub(r"<[^>]+>", " ", title)).strip() or fallback


def clickable_chart(fig: go.Figure, key: str) -> Mapping | None:
    """Draws `fig` as built (our theme) with point selection on, and its PNG/SVG/PDF downloads.

    Returns the selection event; a point opens its unit when its trace carries the unit code
    in `customdata`.
    """
    return chart_with_downloads(fig, chart_name(fig, key), key, selectable=True)


def heatmap_click_layer(fig: go.Figure, row_codes: Sequence[str | None]) -> None:
    """Puts an invisible point on each heatmap cell carrying its row's unit code, so a cell click opens the unit.

    A heatmap trace has no selectable points in plotly; a scatter of transparent squares on the
    cell centres does. The cells' hover texts move onto the points (a closest-point hover would
    otherwise show neither). `row_codes[i]` is the unit code of the heatmap's row i (None: no link).
    """
    heat = next((trace for trace in fig.data if trace.type == "heatmap"), None)
    if heat is None or heat.x is None or heat.y is None:
        return
    hover = heat.customdata if heat.customdata is not None else None
    xs, ys, data, texts = [], [], [], []
    for i, unit in enumerate(heat.y):
        code = row_codes[i] if i < len(row_codes) else None
        if not code:
            continue
        for j, month in enumerate(heat.x):
            xs.append(month)
            ys.append(unit)
            data.append(code)
            texts.append(str(hover[i][j]) if hover is not None else "")
    if not xs:
        return
    invisible = dict(marker=dict(opacity=0))
    fig.update_traces(hoverinfo="skip", hovertemplate=None, selector=dict(type="heatmap"))
    fig.add_scatter(x=xs, y=ys, customdata=data, text=texts, mode="markers", showlegend=False, name="",
                    hovertemplate="%{text}<extra></extra>", marker=dict(symbol="square", size=22, opacity=0),
                    selected=invisible, unselected=invisible)
