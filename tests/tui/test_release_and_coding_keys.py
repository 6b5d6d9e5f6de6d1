"""The coding search and the release desk's records, worked by keys alone as a new trainee would.

Pins "type, ↓, Enter" adding one code; the claim naming its first code as the
encounter's setting does (principal for a stay, first-listed for a visit);
↑ ↓ Home End moving in the records that go out, Space or Enter ticking the highlighted
one; and "release what was asked for" ticking what was asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import OptionList

from recsim.tui.app import RecsimApp
from recsim.tui.screens.coding import CodingScreen, first_code_role
from recsim.tui.screens.release import RECORDS, ReleaseScreen
from recsim.tui.widgets.toggles import TickList
from tests.tui.drive import settle, wait_until
from tests.tui.test_workspaces import KINDS, _choose, _open, _submit


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


async def test_type_down_down_enter_adds_the_second_result(
    make_app: Callable[..., RecsimApp],
) -> None:
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
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press(*"salmonella", "down", "enter")  # faster than the pause before a search
        await settle(pilot)
        assert len(screen.diagnoses) == 1 and screen.diagnoses[0].startswith("A02")


async def test_down_with_nothing_typed_stays_in_the_search(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press("down")
        assert app.focused is screen.query_one("#code-search")


async def test_an_inpatient_stay_names_its_first_code_principal(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _coding(pilot)
        await pilot.press(*"salmonella", "down", "enter")
        await settle(pilot)
        assert screen.view.encounter == "inpatient"
        line = str(screen.query_one("#claim", OptionList).get_option_at_index(0).prompt)
        assert "[principal]" in line and "first-listed" not in line
        assert "the first is the principal diagnosis" in str(
            screen.query_one("#claim-heading").render()
        )


async def test_an_office_visit_names_its_first_code_first_listed(
    make_app: Callable[..., RecsimApp],
) -> None:
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
        assert "the first is the first-listed diagnosis" in str(
            screen.query_one("#claim-heading").render()
        )


def test_principal_for_a_stay_first_listed_for_a_visit() -> None:
    assert first_code_role("inpatient") == "principal"
    assert first_code_role("outpatient") == "first-listed"
    assert first_code_role("emergency") == "first-listed"


DECISIONS = ["release", "release_partial", "deny", "verify_identity", "refer_privacy_officer"]


async def _release_desk(pilot: Pilot) -> ReleaseScreen:  # type: ignore[type-arg]
    await _open(pilot, "release-1")
    screen = pilot.app.screen
    assert isinstance(screen, ReleaseScreen)
    return screen


def _records(screen: ReleaseScreen) -> TickList:
    return screen.query_one("#records", TickList)


async def test_arrow_keys_move_in_the_records_and_space_or_enter_ticks_the_highlighted(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _release_desk(pilot)
        await _choose(pilot, DECISIONS.index("release_partial"))
        await pilot.press("tab")
        records = _records(screen)
        assert app.focused is records and records.highlighted == 0  # Tab lands on the first record
        await pilot.press("down", "down", "space")
        assert records.highlighted == 2
        await pilot.press("end", "enter")
        assert records.highlighted == len(RECORDS) - 1
        await pilot.press("up", "space", "home", "space")
        await settle(pilot)
        ticked = [RECORDS[0], RECORDS[2], RECORDS[-2], RECORDS[-1]]
        assert screen.release == ticked
        assert app.attempt.drafts["release-1"]["release"] == ticked  # type: ignore[union-attr]
        await pilot.press("space")  # Space again unticks
        await settle(pilot)
        assert screen.release == ticked[1:]
        assert app.focused is records  # Enter ticked; it did not leave the list or the screen
        answer = await _submit(pilot, "release-1")
    assert answer["decision"] == "release_partial" and answer["release"] == ticked[1:]


async def test_a_long_records_list_scrolls_its_pane_to_the_highlighted_record(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _release_desk(pilot)
        await pilot.press("tab", "end")
        await settle(pilot)
        records = _records(screen)
        pane = screen.query_one("#decision-pane")
        last = records.region.y + len(RECORDS) - 1
        assert pane.region.y <= last < pane.region.bottom  # the highlighted last row is on screen


async def test_a_click_still_ticks_a_record(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _release_desk(pilot)
        await _choose(pilot, DECISIONS.index("release_partial"))
        assert await pilot.click("#records", offset=(8, 1))
        await settle(pilot)
        assert screen.release == [RECORDS[1]]


async def test_release_what_was_asked_for_ticks_the_records_asked_for(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _release_desk(pilot)
        asked = [record for record in RECORDS if record in screen.view.requested]
        assert asked
        await _choose(pilot, DECISIONS.index("release"))
        await settle(pilot)
        assert screen.release == asked
        assert _records(screen).selected == asked
        answer = await _submit(pilot, "release-1")  # accepted: no "must list the records" refusal
    assert answer["decision"] == "release" and answer["release"] == asked


async def test_records_ticked_for_release_can_be_unticked(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _release_desk(pilot)
        asked = [record for record in RECORDS if record in screen.view.requested]
        await _choose(pilot, DECISIONS.index("release"))
        await pilot.press("tab", *["down"] * RECORDS.index(asked[0]), "space")
        await settle(pilot)
        assert screen.release == asked[1:]


async def test_release_part_ticks_nothing(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _release_desk(pilot)
        await _choose(pilot, DECISIONS.index("release_partial"))
        await settle(pilot)
        assert screen.release == [] and _records(screen).selected == []


async def test_release_keeps_the_records_the_trainee_ticked_first(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _release_desk(pilot)
        await pilot.press("tab", "end", "space", "shift+tab")
        await _choose(pilot, DECISIONS.index("release"))
        await settle(pilot)
        assert screen.decision == "release" and screen.release == [RECORDS[-1]]


async def test_deny_after_release_takes_back_the_ticks_release_made(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _release_desk(pilot)
        await _choose(pilot, DECISIONS.index("release"))
        await _choose(pilot, DECISIONS.index("deny") - DECISIONS.index("release"))
        await settle(pilot)
        assert screen.decision == "deny" and screen.release == []
        answer = await _submit(
            pilot, "release-1"
        )  # accepted: "deny" with records ticked would be refused
    assert answer["decision"] == "deny" and answer["release"] == []
