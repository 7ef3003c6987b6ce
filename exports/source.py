"""The source line printed under every exported chart: "Nguồn: … · dữ liệu cập nhật …"."""

from __future__ import annotations

from datetime import datetime

import duckdb

from metrics.queries import is_demo_data, last_upload_at

SOURCE_VI = "Nguồn: báo cáo của các cơ quan, đơn vị (Biểu 06/VPCP/KSTT), UBND TP Đà Nẵng"
SOURCE_EN = "Source: reports of city agencies and communes (Form 06/VPCP/KSTT), Đà Nẵng People's Committee"
DEMO_VI = "Nguồn: dữ liệu minh họa (demo), không phải số liệu thật"
DEMO_EN = "Source: demo data, not real figures"


def format_source_line(updated: datetime | None, is_demo: bool, lang: str = "vi") -> str:
    en = lang == "en"
    head = (DEMO_EN if en else DEMO_VI) if is_demo else (SOURCE_EN if en else SOURCE_VI)
    if updated is None:
        return head
    when = updated.strftime("%Y-%m-%d %H:%M") if en else updated.strftime("%d/%m/%Y %H:%M")
    return f"{head} · {'data updated' if en else 'dữ liệu cập nhật'} {when}"


def source_line(con: duckdb.DuckDBPyConnection, lang: str = "vi") -> str:
    return format_source_line(last_upload_at(con), is_demo_data(con), lang)
