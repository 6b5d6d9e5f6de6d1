"""The form-style workspaces (release, claims, duplicates, deficiency) share one base screen.

Its two jobs worth pinning: work restored into the form is not taken for a change
(a merge's restored Select posts Changed as the screen mounts, and saving that as a
draft would leave "unfinished changes" on an answered item), and an answer the form
is not ready to give is refused with the screen's own reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from recsim.tasks.duplicates.models import MERGE_FIELDS
from recsim.tui.app import RecsimApp
from recsim.tui.screens.decision import DecisionWorkspace
from recsim.tui.screens.queue import QueueScreen
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle

KINDS = TUI_DATA / "kinds.yaml"


def _answer(item_id: str, view: Any) -> dict[str, Any]:
    """An answer that sets every kind of field the item's form has when it is restored."""
    if item_id == "duplicates-1":
        first, last = view.entries[0].mrn, view.entries[-1].mrn
        return {
            "decision": "merge",
            "survivor": first,
            "values": dict.fromkeys(MERGE_FIELDS, last),
        }
    return {
        "release-1": {"decision": "release", "release": ["lab_results"], "log_disclosure": True},
        "claims-1": {"decision": "deny", "reason": "units_not_supported"},
        "deficiency-1": {"deficiencies": [], "delinquent": True},
    }[item_id]


async def _queue(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QueueScreen)


@pytest.mark.parametrize("item_id", ["release-1", "claims-1", "duplicates-1", "deficiency-1"])
async def test_reopening_an_answered_item_leaves_no_unfinished_draft(
    make_app: Callable[..., RecsimApp], item_id: str
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _queue(pilot)
        attempt = app.attempt
        assert attempt is not None
        attempt.answer(item_id, _answer(item_id, attempt.grader.form.item(item_id).view))
        app.open_item(item_id)
        await settle(pilot)
        await pilot.pause(0.1)
        assert isinstance(app.screen, DecisionWorkspace)
        assert item_id not in attempt.drafts
        assert attempt.status(item_id) == "done"


@pytest.mark.parametrize(
    ("item_id", "said"),
    [
        ("release-1", "Choose a decision first (↑ ↓ in the decision list"),
        ("claims-1", "Choose a decision first."),
        ("duplicates-1", "Choose a decision first."),
    ],
)
async def test_answering_without_a_decision_is_refused_with_the_screens_reason(
    make_app: Callable[..., RecsimApp], item_id: str, said: str
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _queue(pilot)
        app.open_item(item_id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DecisionWorkspace)
        told: list[str] = []
        screen.notify = lambda message, **_: told.append(str(message))  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert app.attempt is not None and item_id not in app.attempt.answers
        assert told and told[0].startswith(said)
