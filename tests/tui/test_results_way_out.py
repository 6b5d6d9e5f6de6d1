"""The results screen is not a dead end: Esc leads back to the picker, or asks to quit.

Which one depends on how recsim was started, and the footer says which.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from recsim.tui.app import RecsimApp
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.picker import PickerScreen
from recsim.tui.screens.results import ResultsScreen
from recsim.tui.widgets.attempt_bar import AttemptBar
from tests.conftest import SCENARIOS
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import footer, settle, wait_until


async def test_esc_on_the_results_goes_back_to_the_picker_it_started_from(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(None, bundled=[SCENARIOS / "tutorial.yaml"])
    async with app.run_test(size=(80, 24)) as pilot:
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await wait_until(pilot, lambda: all(e.checked for e in picker.entries))
        await pilot.press("enter")  # the tutorial; its briefing
        await settle(pilot)
        await pilot.press("enter", "s", "y")  # start, submit at once
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert footer(app)["escape"] == "Scenarios"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen) and app.attempt is None
        await wait_until(pilot, lambda: all(e.checked for e in app.screen.entries))  # type: ignore[attr-defined]
        await pilot.press("enter", "enter")  # the same scenario again: a new attempt
        await settle(pilot)
        assert app.attempt is not None and not app.attempt.submitted


async def test_esc_on_the_results_asks_to_quit_when_started_on_one_scenario(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert footer(app)["escape"] == "Quit"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.screen.title_text == "Quit recsim?"


async def test_the_results_count_items_as_the_queue_does_and_interruptions_apart(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "traps.yaml")  # two charts, two interruptions
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "ctrl+s", "y")  # the first chart, as clean
        await settle(pilot)
        await pilot.press("enter", "enter", "enter")  # its feedback, the trap, its feedback
        await settle(pilot)
        bar = str(app.screen.query_one(AttemptBar).render())
        assert "1 of 2 items answered" in bar
        await pilot.press("s")  # the second interruption comes first, then the question
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "Answered 1 of 2 items; 2 of 2 interruptions met." in summary
