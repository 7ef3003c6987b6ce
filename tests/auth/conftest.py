"""Fixtures for the sign-in, roles, administration and audit tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store import Store, open_store  # noqa: E402


@pytest.fixture
def store() -> Store:
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch):
    """Cheap argon2 parameters in tests; production keeps the library's recommended cost."""
    from argon2 import PasswordHasher

    import auth.passwords as passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", cheap)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", cheap.hash("not-a-real-password-only-for-timing"))
