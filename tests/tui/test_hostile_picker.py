"""A picker folder holding a device, a named pipe, a sparse 1 GiB file and an alias bomb."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from recsim.tui.app import RecsimApp
from recsim.tui.screens.picker import PickerScreen
from tests.conftest import DATA, SCENARIOS
from tests.tui.drive import settle, wait_until

HOSTILE = {
    "bomb.yaml": "aliases (*name) are not allowed",
    "fifo.yaml": "not a regular file",
    "sparse.yaml": "is 1,073,741,824 bytes",
    "zero.yaml": "not a regular file",
}


def hostile_folder(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(DATA / "scenarios" / "bad" / "alias-bomb-title.yaml", folder / "bomb.yaml")
    os.mkfifo(folder / "fifo.yaml")
    with (folder / "sparse.yaml").open("wb") as out:
        out.truncate(2**30)
    (folder / "zero.yaml").symlink_to("/dev/zero")
    shutil.copy(SCENARIOS / "tutorial.yaml", folder / "good.yaml")
    return folder


async def test_the_picker_lists_hostile_files_as_broken_and_plays_the_good_one(
    make_app: Callable[..., RecsimApp], tmp_path: Path
) -> None:
    folder = hostile_folder(tmp_path / "class")
    app = make_app(None, trainee="Ana", folders=(folder,), bundled=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await wait_until(pilot, lambda: all(e.checked for e in picker.entries))
        entries = {e.path.name: e for e in picker.entries}
        assert sorted(entries) == sorted([*HOSTILE, "good.yaml"])
        for name, reason in HOSTILE.items():
            assert entries[name].title == name  # nothing was read to title it
            assert reason in (entries[name].error or ""), name
        assert entries["good.yaml"].playable
        names = [e.path.name for e in picker.entries]
        await pilot.press(*["down"] * names.index("zero.yaml"))
        await settle(pilot)
        detail = str(picker.query_one("#detail", Static).render())
        assert "can't be played" in detail and "not a regular file" in detail
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is picker  # still running: it says why the file cannot be played
