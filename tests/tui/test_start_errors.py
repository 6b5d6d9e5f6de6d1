"""Starting the terminal UI with bad options: one clear line, a non-zero exit, no traceback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.store import Store
from recsim.session.checks import load_checked
from tests.cli.test_damaged_store import _class_store, _damage
from tests.conftest import SCENARIOS


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


async def test_a_play_that_meets_a_damaged_store_closes_with_one_line(tmp_path: Path) -> None:
    from recsim.tui.app import create_app

    path = tmp_path / "attempts.sqlite3"
    _class_store(path, tmp_path / "results")
    _damage(path, "attempts_by_trainee")  # the index that finds an attempt to resume
    store = Store(path)
    app = create_app(
        store=store, scenario=load_checked(SCENARIOS / "tutorial.yaml"), trainee="Trainee 1"
    )
    await asyncio.wait_for(app.run_async(headless=True, size=(100, 30)), timeout=30)
    assert app.return_code == 1
    assert app.start_error is not None and "\n" not in app.start_error
    assert app.start_error.startswith(f"{path}: not a recsim attempt store, or damaged")
