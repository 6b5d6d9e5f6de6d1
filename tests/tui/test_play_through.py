"""Whole attempts driven by key presses alone, ending on the results screen with the right scorecard."""

from __future__ import annotations

from collections.abc import Callable

from recsim.tui.app import RecsimApp
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.results import ResultsScreen
from tests.tui.drive import flag, settle


async def _audit_perfectly(pilot, item) -> None:  # type: ignore[no-untyped-def]
    for error in item.key.errors:
        await flag(pilot, error.location, error.kind, error.correct)
    await pilot.press("ctrl+s")
    await settle(pilot)
    if not item.key.errors:
        assert isinstance(pilot.app.screen, ConfirmScreen)  # "submit this chart as clean?"
        await pilot.press("y")
        await settle(pilot)


async def test_a_whole_practice_attempt_by_keys_shows_feedback_and_scores_full_marks(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        attempt = app.attempt
        assert attempt is not None
        for slot in attempt.grader.form.slots:
            await pilot.press("enter")  # the cursor moves on to the next item by itself
            await settle(pilot)
            assert isinstance(app.screen, AuditScreen) and app.screen.item.id == slot.id
            await _audit_perfectly(pilot, app.screen.item)
            assert isinstance(app.screen, FeedbackScreen)  # practice: feedback after every item
            assert all(f.outcome == "correct" for f in app.screen.findings), app.screen.findings
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, QueueScreen)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        card, results_path = app.screen.card, app.screen.results_path
    assert card.passed and card.overall == 100.0
    assert card.items_answered == card.items_total == 3
    assert results_path.exists()
