"""Fixtures shared by every test folder, and the test environment.

`browser`: one headless Chromium for the whole session. Playwright's sync API runs an
event loop; a second `sync_playwright()` while the first is open fails ("Sync API inside
the asyncio loop"), so every browser test, in any folder and any order, uses this one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS

# No background computing of figures ahead of visitors (ui/warm.py) in the app runs and servers tests
# start: it would compete with the test for the 2 cores and make timings vary. tests/ui/test_warm.py
# runs it on purpose.
os.environ.setdefault("DASHBOARD_WARM_MONTHS", "0")


@pytest.fixture(scope="session")
def browser():
    # Never skip: scripts/setup.sh installs Chromium, so its absence is a setup bug worth a red CI.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup.sh"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Prints the shuffle seed even under -q, so a failure that depends on order can be replayed."""
    seed = getattr(config.option, "randomly_seed", None)
    if seed is not None:
        terminalreporter.write_line(f"test order shuffled by pytest-randomly: replay with --randomly-seed={seed}")
