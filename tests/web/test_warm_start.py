"""The warm start of browser sessions: scenarios checked once, and again when a file changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from recsim.tui import catalog
from tests.conftest import SCENARIOS


def test_a_warmed_check_is_reused_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "tutorial.yaml"
    shutil.copy(SCENARIOS / "tutorial.yaml", path)
    catalog.warm([path])
    try:
        first = catalog.check(path)
        assert first.checked and first.error is None
        assert catalog.check(path) is first  # answered from the warm start, not checked again
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("passing_score: 60", "passing_score: 600"), encoding="utf-8")
        stamp = path.stat()
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
        changed = catalog.check(path)
        assert (
            changed is not first and changed.error is not None and "passing_score" in changed.error
        )
    finally:
        catalog._WARM.clear()
