"""Who has finished the guided tour, so it is not offered again (a small file in the data folder).

The file (``tours.json`` in :func:`recsim.core.paths.data_dir`) lists trainees by their
normalised name. It is a convenience, not a record: a file that cannot be read counts
as nobody having finished, and one that cannot be written only means the tour is offered
again next time.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from recsim.core.paths import data_dir
from recsim.core.seeds import normalize_trainee

FILE = "tours.json"


def _path() -> Path:
    return data_dir() / FILE


def _finished() -> set[str]:
    try:
        data = json.loads(_path().read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    names = data.get("finished") if isinstance(data, dict) else None
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def tour_finished(trainee: str) -> bool:
    """Whether this trainee has finished (or skipped) the guided tour."""
    return normalize_trainee(trainee) in _finished()


def remember_tour_finished(trainee: str) -> bool:
    """Remember that this trainee has finished or skipped the tour; False if it could not be."""
    names = _finished() | {normalize_trainee(trainee)}
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tours-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"finished": sorted(names)}, out, indent=1)
        os.replace(temporary, path)
    except OSError:
        return False
    return True
