"""Every test here starts from an environment that sets none of the registry's variables."""

from __future__ import annotations

import pytest

from config import SETTINGS
from store import Store, open_store


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for s in SETTINGS:
        monkeypatch.delenv(s.env, raising=False)


@pytest.fixture
def store() -> Store:
    s = open_store(":memory:")
    yield s
    s.close()
