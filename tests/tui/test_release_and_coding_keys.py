"""The coding search and claim worked by keys alone, as a new trainee would.

Pins "type, ↓, Enter" adding one code, and the claim naming its first code as the
encounter's setting does: principal for a stay, first-listed for a visit.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import OptionList

from recsim.tui.app import RecsimApp
from recsim.tui.screens.coding import CodingScreen, first_code_role
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


async def test_an_inpatient_stay_names_its_first_code_principal(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press(*"salmonella", "down", "enter")
        await settle(pilot)
        assert screen.view.encounter == "inpatient"
        line = str(screen.query_one("#claim", OptionList).get_option_at_index(0).prompt)
        assert "[principal]" in line and "first-listed" not in line
        assert "the first is the principal diagnosis" in str(screen.query_one("#claim-heading").render())


async def test_an_office_visit_names_its_first_code_first_listed(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app("clinic-coding-basics")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # start
        await settle(pilot)
        await pilot.press("enter")  # the first visit in the queue
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CodingScreen) and screen.view.encounter != "inpatient"
        await wait_until(pilot, lambda: screen.codes is not None)
        await pilot.press(*"salmonella", "down", "enter")
        await settle(pilot)
        line = str(screen.query_one("#claim", OptionList).get_option_at_index(0).prompt)
        assert "[first-listed]" in line and "principal" not in line
        assert "the first is the first-listed diagnosis" in str(screen.query_one("#claim-heading").render())


def test_principal_for_a_stay_first_listed_for_a_visit() -> None:
    assert first_code_role("inpatient") == "principal"
    assert first_code_role("outpatient") == "first-listed"
    assert first_code_role("emergency") == "first-listed"
