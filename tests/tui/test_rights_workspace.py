"""The privacy office's workspace: a request answered by keys alone, and how it looks at 80x24."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from recsim.tui.app import RecsimApp
from recsim.tui.screens.rights import RightsScreen
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle
from tests.tui.test_snapshots import START, app_for, shoot
from tests.tui.test_workspaces import _choose, _open, _submit

RIGHTS = TUI_DATA / "rights.yaml"
__all__ = ["app_for"]  # the snapshot tests' fixture, used here too


async def test_an_accounting_is_decided_dated_and_built_by_keys(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(RIGHTS)
    async with app.run_test(size=(120, 40)) as pilot:
        key = await _open(pilot, "rights-1")
        assert isinstance(app.screen, RightsScreen)
        await _choose(pilot, 0)  # grant
        # The ground is for refusals only: Tab passes it by, to the deadline.
        await pilot.press("tab", *key.deadline.isoformat())
        await pilot.press("tab", "space")  # the log's first entry
        await pilot.press("tab", "space")  # a fee may be charged
        answer = await _submit(pilot, "rights-1")
    assert answer == {
        "decision": "grant",
        "ground": None,
        "deadline": key.deadline.isoformat(),
        "lines": ["D1"],
        "fee": True,
        "note": None,
    }


async def test_a_partial_grant_is_not_answered_without_its_ground(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(RIGHTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "rights-2")
        await _choose(pilot, 1)  # grant in part
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RightsScreen)  # still there: no ground yet
        await pilot.press("tab", "enter")  # the first ground: psychotherapy notes
        answer = await _submit(pilot, "rights-2")
    assert (answer["decision"], answer["ground"]) == ("grant_in_part", "psychotherapy_notes")


async def test_a_deadline_that_is_not_a_date_holds_the_answer(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(RIGHTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "rights-1")
        await _choose(pilot, 0)  # grant
        await pilot.press("tab", *"2026-02-30", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RightsScreen)
        assert "rights-1" not in app.attempt.answers  # type: ignore[union-attr]
        await pilot.press(*["backspace"] * 2, *"28")
        answer = await _submit(pilot, "rights-1")
    assert answer["deadline"] == "2026-02-28"


async def test_reopening_an_answered_request_leaves_no_unfinished_draft(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(RIGHTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        attempt = app.attempt
        assert attempt is not None
        given = {"decision": "grant", "deadline": "2026-04-25", "lines": ["D2"], "fee": True}
        attempt.answer("rights-1", given)
        app.open_item("rights-1")
        await settle(pilot)
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, RightsScreen)
        assert "rights-1" not in attempt.drafts and attempt.status("rights-1") == "done"
        assert (screen.deadline, screen.lines, screen.fee) == ("2026-04-25", ["D2"], True)


@pytest.mark.parametrize("item", ["rights-1", "rights-2"])
def test_the_workspace_at_80x24(
    snap_compare: Any, app_for: Callable[..., RecsimApp], item: str
) -> None:
    assert shoot(snap_compare, app_for(RIGHTS), (*START, f"open:{item}"), (80, 24))
