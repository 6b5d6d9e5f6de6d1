"""The coding tests share the session's one built index (RECSIM_CACHE_DIR, tests/conftest.py)."""

from __future__ import annotations

import pytest

from recsim.coding import CodeSet, codeset


@pytest.fixture(scope="session", autouse=True)
def codes() -> CodeSet:
    # Built before any coding test runs: the command-line tests pin what a ready code set
    # prints, and with parallel workers no test can count on another having built it.
    return codeset()
