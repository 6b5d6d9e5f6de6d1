"""Starting the terminal UI with bad options: one clear line, a non-zero exit, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.cli import main


def test_a_missing_dir_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--dir", str(tmp_path / "nowhere")])
    error = capsys.readouterr().err.strip()
    assert status == 2
    assert error == f"recsim: --dir {tmp_path / 'nowhere'}: no such folder"


def test_a_damaged_attempt_store_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "attempts.sqlite3"
    store.write_bytes(b"this is not a database, just some bytes" * 100)
    status = main(["--store", str(store), "play", "tutorial", "--trainee", "Ana"])
    error = capsys.readouterr().err.strip()
    assert status == 1
    assert error.startswith(f"recsim: {store}: not a recsim attempt store")
    assert "\n" not in error and "Traceback" not in error
