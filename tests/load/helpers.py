"""Shared by the tests that speak Streamlit's websocket protocol to a real server."""

from __future__ import annotations

import asyncio
import concurrent.futures


def run_apart(coro):
    """asyncio.run in a thread of its own: an earlier test (Playwright's sync API) may leave an event
    loop running in this thread, where asyncio.run refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
