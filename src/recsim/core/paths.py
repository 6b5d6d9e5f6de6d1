"""Where recsim keeps its files: cache, attempt store, results and crash reports.

Each location can be moved with an environment variable, so a class can share
a store and tests never touch a user's real folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "recsim"


def cache_dir() -> Path:
    """Rebuildable data (the ICD-10-CM index): $RECSIM_CACHE_DIR or the user cache folder."""
    return Path(os.environ.get("RECSIM_CACHE_DIR") or platformdirs.user_cache_dir(APP))


def data_dir() -> Path:
    """Data that must survive: $RECSIM_DATA_DIR or the user data folder."""
    return Path(os.environ.get("RECSIM_DATA_DIR") or platformdirs.user_data_dir(APP))


def store_path(override: str | None = None) -> Path:
    """The attempt store: ``--store``, $RECSIM_STORE, or ``attempts.sqlite3`` in the data folder."""
    chosen = override or os.environ.get("RECSIM_STORE")
    return Path(chosen) if chosen else data_dir() / "attempts.sqlite3"


def results_dir() -> Path:
    """Where results files go: $RECSIM_RESULTS_DIR or ``results`` in the data folder."""
    chosen = os.environ.get("RECSIM_RESULTS_DIR")
    return Path(chosen) if chosen else data_dir() / "results"


def log_dir() -> Path:
    """Crash reports: $RECSIM_LOG_DIR, else ``logs`` in $RECSIM_DATA_DIR when that is set
    (so a moved data folder takes its logs along), else the user log folder."""
    chosen = os.environ.get("RECSIM_LOG_DIR")
    if chosen:
        return Path(chosen)
    if os.environ.get("RECSIM_DATA_DIR"):
        return data_dir() / "logs"
    return Path(platformdirs.user_log_dir(APP))
