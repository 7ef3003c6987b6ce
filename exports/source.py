"""The source line printed under every exported chart: "Nguồn: … · dữ liệu cập nhật …"."""

from __future__ import annotations

from datetime import datetime

import duckdb

from i18n.catalogue import text
from i18n.numbers import fmt_timestamp
from metrics.queries import is_demo_data, last_upload_at


def format_source_line(updated: datetime | None, is_demo: bool, lang: str = "vi") -> str:
    head = text("ex_source_demo" if is_demo else "ex_source", lang)
    if updated is None:
        return head
    return text("ex_source_updated", lang, source=head, when=fmt_timestamp(updated, lang))


def source_line(con: duckdb.DuckDBPyConnection, lang: str = "vi") -> str:
    return format_source_line(last_upload_at(con), is_demo_data(con), lang)
