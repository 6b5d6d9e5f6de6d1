"""Resizing the terminal never crashes or loses what the trainee has typed or where they were."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, OptionList

from recsim.tui.app import RecsimApp
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.flag_field import FlagFieldScreen
from recsim.tui.screens.queue import QueueScreen
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle

SIZES = [(80, 24), (60, 20), (200, 60), (100, 30), (80, 24), (120, 40)]


async def test_a_half_typed_correction_survives_every_resize(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        workspace = app.screen
        assert isinstance(workspace, AuditScreen)
        await pilot.press("down", "down", "down", "f")
        await settle(pilot)
        assert isinstance(app.screen, FlagFieldScreen)
        await pilot.press("down", "enter", *"Miller")
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert app.screen.query_one("#correction", Input).value == "Miller"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is workspace
        assert workspace.flags["patient.last_name"].correction == "Miller"
        assert workspace.query_one("#chart", OptionList).highlighted == 3


async def test_crowded_workspaces_take_a_small_terminal_and_back(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "kinds.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for item_id in (
            "coding-1",
            "deidentify-1",
            "duplicates-1",
        ):  # the three most crowded layouts
            app.open_item(item_id)
            await settle(pilot)
            for width, height in ((60, 20),):
                await pilot.resize_terminal(width, height)
                await pilot.pause()
            await pilot.resize_terminal(120, 40)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, QueueScreen)
            assert app.screen.queue.current_id == item_id
