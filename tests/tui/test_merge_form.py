"""The merge form at 80x24: a choice for each value that differs, and none for those alike.

tests/data/tui/kinds.yaml's duplicates-1 is a pair whose last name, birth date, address
and phone are alike and whose first names and SSNs differ.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import RadioSet, Select, Static

from recsim.tasks.duplicates.models import MERGE_FIELDS
from recsim.tui.app import RecsimApp
from recsim.tui.screens.duplicates import DuplicatesScreen
from tests.tui.drive import settle
from tests.tui.test_workspaces import KINDS, _open

ALIKE = {"last_name", "date_of_birth", "address", "phone"}


async def _merge_form(pilot: object, app: RecsimApp) -> DuplicatesScreen:
    await _open(pilot, "duplicates-1")  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, DuplicatesScreen)
    await pilot.press("enter")  # type: ignore[attr-defined]  # merge, the first decision
    await settle(pilot)  # type: ignore[arg-type]
    assert screen.decision == "merge"
    return screen


async def test_values_alike_in_every_record_are_said_not_asked(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _merge_form(pilot, app)
        asked = {r.id.removeprefix("value-") for r in screen.query(RadioSet) if r.id}
        assert asked & set(MERGE_FIELDS) == set(MERGE_FIELDS) - ALIKE
        said = [str(s.render()) for s in screen.query(".same-value").results(Static)]
        assert len(said) == len(ALIKE) and all("the same in every record" in s for s in said)
        assert not screen.query(Select)  # no drop-down to draw over the footer


async def test_a_chosen_value_keeps_its_field_name_and_alike_values_are_answered(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _merge_form(pilot, app)
        second = screen.mrns[1]
        screen.query_one("#value-first_name", RadioSet).focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        labels = [str(s.render()) for s in screen.query(".value-label").results(Static)]
        assert labels == ["First name", "SSN"]
        assert screen.values == {"first_name": second}
        values = screen.answer_payload()["values"]
        assert values["first_name"] == second
        assert {field: values[field] for field in ALIKE} == dict.fromkeys(ALIKE, screen.mrns[0])
