"""`python cli.py export --period P --out DIR [--group G] [--lang vi|en]`: the briefing pack for scheduled runs."""

from __future__ import annotations

import sys
import time

from exports.pack import build_pack
from exports.render import ChromiumMissing
from store import Store
from vocab.periods import Period


def export_command(store: Store, period: str, out_dir: str, group: str | None = None, lang: str = "vi") -> int:
    """Writes the four pack files into `out_dir`; 0 on success, 3 if Chromium is missing.

    Other errors (bad period, unknown group) propagate for the CLI's one-line error handler.
    """
    started = time.perf_counter()
    parsed = Period.parse(period)
    try:
        pack = build_pack(store.cursor(), parsed, group, lang)
    except ChromiumMissing as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 3
    paths = pack.write(out_dir)
    for path in paths:
        print(f"{path}  ({path.stat().st_size / 1024:,.0f} KB)")
    print(f"Đã xuất {pack.chart_count} biểu đồ, {len(paths)} tệp trong {time.perf_counter() - started:.1f} s")
    return 0
