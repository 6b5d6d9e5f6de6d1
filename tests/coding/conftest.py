"""The coding tests share the session's one built index (RECSIM_CACHE_DIR, tests/conftest.py)."""

from __future__ import annotations

import pytest

from recsim.coding import CodeSet, codeset


@pytest.fixture(scope="session")
def codes() -> CodeSet:
    return codeset()
