"""The briefing at 80x24: its objectives in view, its keys reading the text, its footer true."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll
from textual.widgets import Button

from recsim.tui.app import RecsimApp
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.picker import PickerScreen
from tests.conftest import SCENARIOS
from tests.tui.drive import footer, settle, wait_until


async def test_the_objectives_show_without_scrolling_at_80x24(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("hospital-audit-exam")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = app.screen.query_one("#briefing-text", VerticalScroll)
        heading = app.screen.query_one("#objectives-heading")
        assert text.scroll_y == 0
        assert heading.region.bottom <= text.region.bottom  # in view, not below the fold


async def test_page_down_and_end_read_the_briefing_while_start_has_focus(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("hospital-audit-exam")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen.focused, Button) and screen.focused.id == "start"
        text = screen.query_one("#briefing-text", VerticalScroll)
        assert text.max_scroll_y > 0  # the text is longer than the screen
        await pilot.press("pagedown")
        await settle(pilot)
        assert text.scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert text.scroll_y == text.max_scroll_y
        await pilot.press("home")
        await settle(pilot)
        assert text.scroll_y == 0 and isinstance(app.screen, BriefingScreen)


async def test_started_on_one_scenario_the_footer_says_esc_quits(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert footer(app)["escape"] == "Quit" and "q" not in footer(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.screen.title_text == "Quit recsim?"


async def test_from_the_picker_the_footer_says_esc_goes_back(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(None, bundled=[SCENARIOS / "tutorial.yaml"])
    async with app.run_test(size=(80, 24)) as pilot:
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await wait_until(pilot, lambda: all(e.checked for e in picker.entries))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert footer(app)["escape"] == "Back" and footer(app)["q"] == "Quit"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is picker
