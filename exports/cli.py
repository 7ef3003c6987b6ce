"""`python cli.py export --period P --out DIR [--group G] [--lang vi|en] [--slides 1,3,2]`: the briefing pack
for scheduled runs.

`--slides` picks and orders the chart slides by number (their place in the full deck, from 1, as listed
on the Báo cáo page) or by code (`overview`, `on_time_rate.department`, `evaluation.commune_level`);
the title slide always comes first. An unknown number or code is refused before anything is drawn.
"""

from __future__ import annotations

import sys
import time

from exports.pack import UnknownSlide, build_pack
from exports.render import ChromiumMissing
from i18n.catalogue import text
from i18n.numbers import fmt_int, fmt_number
from store import Store
from vocab.periods import Period

EXIT_CHROMIUM_MISSING = 3
EXIT_UNKNOWN_SLIDE = 2


def export_command(store: Store, period: str, out_dir: str, group: str | None = None, lang: str = "vi",
                   slides: str | None = None) -> int:
    """Writes the pack files into `out_dir`; 0 on success, 2 for an unknown slide, 3 if Chromium is missing.

    Other errors (bad period, unknown group) propagate for the CLI's one-line error handler.
    """
    started = time.perf_counter()
    parsed = Period.parse(period)
    try:
        pack = build_pack(store.cursor(), parsed, group, lang, slides=slides)
    except ChromiumMissing as exc:
        print(text("ex_cli_error", lang, message=exc), file=sys.stderr)
        return EXIT_CHROMIUM_MISSING
    except UnknownSlide as exc:
        print(text("ex_cli_error", lang, message=exc), file=sys.stderr)
        return EXIT_UNKNOWN_SLIDE
    paths = pack.write(out_dir)
    for path in paths:
        print(text("ex_cli_file", lang, path=path, size=fmt_int(path.stat().st_size / 1024, lang)))
    print(text("ex_cli_done", lang, charts=fmt_int(pack.chart_count, lang), files=fmt_int(len(paths), lang),
               seconds=fmt_number(time.perf_counter() - started, 1, lang)))
    return 0
