"""The coding search worked by keys alone, as a new trainee would: "type, ↓, Enter" adds one code.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import OptionList

from recsim.tui.app import RecsimApp
from recsim.tui.screens.coding import CodingScreen
from tests.tui.drive import settle, wait_until
from tests.tui.test_workspaces import KINDS, _open


async def _coding(pilot: Pilot) -> CodingScreen:  # type: ignore[type-arg]
    await _open(pilot, "coding-1")
    screen = pilot.app.screen
    assert isinstance(screen, CodingScreen)
    await wait_until(pilot, lambda: screen.codes is not None)
    return screen


async def test_type_down_enter_adds_the_first_result(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press(*"salmonella")
        await wait_until(pilot, lambda: bool(screen.results))
        first = screen.results[0].code
        await pilot.press("down")
        results = screen.query_one("#code-results", OptionList)
        assert app.focused is results and results.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert screen.diagnoses == [first]


async def test_type_down_down_enter_adds_the_second_result(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press(*"salmonella")
        await wait_until(pilot, lambda: bool(screen.results))
        second = screen.results[1].code
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert screen.diagnoses == [second]


async def test_down_before_the_search_has_run_still_lands_on_its_results(
        make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press(*"salmonella", "down", "enter")  # faster than the pause before a search
        await settle(pilot)
        assert len(screen.diagnoses) == 1 and screen.diagnoses[0].startswith("A02")


async def test_down_with_nothing_typed_stays_in_the_search(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press("down")
        assert app.focused is screen.query_one("#code-search")
