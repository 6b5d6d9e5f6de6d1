"""Interruptions are met and answered; the picker lists every file, broken ones with their error."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, OptionList

from recsim.tui.app import RecsimApp
from recsim.tui.screens.access_reason import AccessReasonScreen
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.picker import PickerScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.record import RecordScreen
from recsim.tui.screens.trainee import TraineeScreen
from recsim.tui.screens.trap import TrapScreen
from tests.conftest import SCENARIOS
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle, wait_until


async def test_a_trap_interrupts_after_its_item_and_opening_its_chart_is_logged_with_the_reason(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "traps.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.work.items == ("audit-1", "audit-2")  # interruptions are not queue items
        await pilot.press("enter", "ctrl+s", "y")  # the first chart, submitted as clean
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        await settle(pilot)
        trap = app.screen
        assert isinstance(trap, TrapScreen) and trap.item.id == "trap-1"
        await pilot.press("escape")  # there is no way round answering
        assert app.screen is trap
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, AccessReasonScreen)
        await pilot.press("enter")  # no reason given: refused, the chart stays closed
        assert isinstance(app.screen, AccessReasonScreen)
        await pilot.press(*"curious", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("escape")
        await settle(pilot)
        attempt = app.attempt
        assert attempt is not None
        opened = [o for o in attempt.opened if o.item is None]
        assert [(o.mrn, o.reason) for o in opened] == [(trap.view.hit.mrn, "curious")]
        responses = trap.query_one("#responses", OptionList)
        best = [o.id for o in trap.view.responses].index(trap.item.key.best)
        await pilot.press(*["down"] * (best - (responses.highlighted or 0)), "enter")
        await settle(pilot)
        assert attempt.answers["trap-1"] == {"response": trap.item.key.best}
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert any(
            f.outcome == "violation" and f.topic == "access_without_job_reason"
            for f in feedback.findings
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_submitting_early_meets_the_interruptions_still_to_come(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "traps.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "s")
        await settle(pilot)
        assert isinstance(app.screen, TrapScreen) and app.screen.item.id == "trap-1"


async def test_the_picker_lists_broken_files_with_their_error_and_asks_the_name(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(
        None, trainee="", folders=(TUI_DATA / "picker",), bundled=[SCENARIOS / "tutorial.yaml"]
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await wait_until(pilot, lambda: all(e.checked for e in picker.entries))
        broken = next(e for e in picker.entries if e.path.name == "broken.yaml")
        assert broken.error is not None and "mode" in broken.error and "practice" in broken.error
        names = [e.path.name for e in picker.entries]
        await pilot.press(*["down"] * names.index("broken.yaml"), "enter")
        await settle(pilot)
        assert app.screen is picker  # not playable: it says why and stays
        await pilot.press("home", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TraineeScreen)
        await pilot.press("enter")
        assert "Type your name" in str(app.screen.query_one("#problem").render())
        await pilot.press(*"  Ana   Ruiz ", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen) and app.screen.trainee == "Ana Ruiz"
        await pilot.press("escape")  # back to the picker
        await settle(pilot)
        assert app.screen is picker
        assert app.screen.query_one("#scenarios", OptionList).has_focus
        assert not isinstance(app.screen, TraineeScreen)
        assert app.trainee == "Ana Ruiz"
        assert not app.screen.query(Input)
