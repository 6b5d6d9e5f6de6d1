"""The statistics data saved as CSV: where the trainee says, and never over a file unasked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from recsim.tui.app import RecsimApp
from recsim.tui.screens.analysis import AnalysisScreen
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.save_data import SaveDataScreen, save_target
from tests.tui.drive import settle
from tests.tui.test_workspaces import KINDS, _open


def test_a_folder_takes_the_default_name(tmp_path: Path) -> None:
    assert save_target(str(tmp_path), "data.csv", ".csv") == tmp_path / "data.csv"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("nu/stick/", "has no folder named"),
        ("nu/data.csv", "has no folder named"),
        ("data.txt", "must end in .csv"),
    ],
)
def test_a_place_that_is_not_there_is_refused_in_words(
    tmp_path: Path, typed: str, said: str
) -> None:
    with pytest.raises(ValueError, match=said):
        save_target(f"{tmp_path}/{typed}", "data.csv", ".csv")


async def _ask_to_save(pilot: object, app: RecsimApp, where: Path) -> None:
    await pilot.press("ctrl+e")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, SaveDataScreen)
    box = app.screen.query_one("#target", Input)
    box.value = str(where)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_the_csv_goes_where_the_box_says_and_a_file_there_is_replaced_only_if_agreed(
    make_app: Callable[..., RecsimApp], tmp_path: Path
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "analysis-1")
        assert isinstance(app.screen, AnalysisScreen)
        told: list[str] = []
        app.screen.notify = lambda message, **_: told.append(str(message))  # type: ignore[method-assign]
        await pilot.press("ctrl+e")
        await settle(pilot)
        offered = Path(app.screen.query_one("#target", Input).value)
        assert offered.is_absolute() and offered.name.endswith("-analysis-1-data.csv")
        await pilot.press("escape")
        await settle(pilot)

        await _ask_to_save(pilot, app, tmp_path)
        written = tmp_path / offered.name
        assert written.read_text(encoding="utf-8").startswith("account,mrn,")
        assert told == [f"Saved the data as {written}"]

        written.write_text("the trainee's own work", encoding="utf-8")
        await _ask_to_save(pilot, app, written)
        assert (
            isinstance(app.screen, ConfirmScreen) and app.screen.title_text == "Replace the file?"
        )
        await pilot.press("n")
        await settle(pilot)
        assert written.read_text(encoding="utf-8") == "the trainee's own work"
        assert isinstance(app.screen, SaveDataScreen)  # another name can be typed
        await pilot.press("enter", "y")
        await settle(pilot)
        assert isinstance(app.screen, AnalysisScreen)
        assert written.read_text(encoding="utf-8").startswith("account,mrn,")
