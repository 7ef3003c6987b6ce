"""Memoises plotly's parsing of property paths ("title.font.size", "marker_line_color").

Every property read or write through plotly's object API (`fig.layout.margin.t`,
`update_layout(title=dict(...))`, `add_scatter(marker_color=...)`) parses its path with
`plotly.basedatatypes._str_to_dict_path_full`, which splits the string with several list passes
and defines a helper class on each call. It is a pure function of the string, and a figure
uses a few dozen distinct paths, so caching it halves `charts.theme.fit_layout` and cuts every
figure build (measured with cProfile: 0.43 of 0.91 s over 20 `fit_layout` calls was this parse).

This replaces one private plotly function, so `install` checks that it is still there and
leaves plotly alone otherwise; tests/charts/test_plotly_paths.py compares both on many paths.
"""

from __future__ import annotations

import functools
import logging

import plotly.basedatatypes as _plotly

log = logging.getLogger("dashboard.charts")

_original = getattr(_plotly, "_str_to_dict_path_full", None)


@functools.lru_cache(maxsize=4096)
def _cached(key_path_str: str) -> tuple[tuple, tuple]:
    path, starts = _original(key_path_str)
    return tuple(path), tuple(starts)   # immutable: one result is shared by every caller


def parse(key_path_str):
    """The same result as plotly's own parse (cached for strings)."""
    if isinstance(key_path_str, str):
        return _cached(key_path_str)
    return _original(key_path_str)


def install() -> bool:
    """Puts the cached parse in place of plotly's (once); False when this plotly has no such function."""
    if _original is None or not callable(_original):
        log.info("plotly has no _str_to_dict_path_full: property paths are parsed uncached")
        return False
    _plotly._str_to_dict_path_full = parse
    return True


install()
