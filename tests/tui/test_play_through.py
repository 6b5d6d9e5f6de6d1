"""Whole attempts driven by key presses alone, ending on the results screen, scored right."""

from __future__ import annotations

from collections.abc import Callable

from recsim.core.answers import AnswersFile
from recsim.session.grading import score_answers
from recsim.tui.app import RecsimApp
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.results import ResultsScreen
from tests.tui.conftest import WorkingClock
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


async def test_a_whole_exam_by_keys_gives_no_feedback_until_the_end_and_scores_like_headless_play(
    make_app: Callable[..., RecsimApp],
    frozen: WorkingClock,
) -> None:
    app = make_app("hospital-audit-exam")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        attempt = app.attempt
        assert attempt is not None and not attempt.practice
        worked = [slot.id for slot in attempt.grader.form.slots[:3]]
        for number, item_id in enumerate(worked):
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, AuditScreen) and app.screen.item.id == item_id
            if number == 0:
                await _audit_perfectly(pilot, app.screen.item)
            else:  # the others are submitted as clean, right or wrong
                await pilot.press("ctrl+s", "y")
                await settle(pilot)
            assert isinstance(app.screen, QueueScreen)  # an exam shows no feedback
        frozen.advance(125)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "3 of 8" in app.screen.body and "5 unanswered" in app.screen.body
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        card = app.screen.card
        answers = dict(attempt.answers)
        opened = [{"mrn": o.mrn, "reason": o.reason, "item": o.item} for o in attempt.opened]
        loaded = attempt.grader.loaded
    assert card.items_answered == 3 and card.items_total == 8
    file = AnswersFile.model_validate(
        {"scenario": loaded.scenario.id, "trainee": "Ana", "answers": answers, "opened": opened}
    )
    headless = score_answers(loaded, file, trainee="Ana")
    assert card == headless
    assert not card.passed  # five charts left unreviewed


async def test_an_exam_is_submitted_when_the_clock_reaches_zero(
    make_app: Callable[..., RecsimApp],
    frozen: WorkingClock,
) -> None:
    app = make_app("hospital-audit-exam")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("f")  # a dialog is open when time runs out
        await settle(pilot)
        frozen.advance(20 * 60)
        await pilot.pause(1.3)  # the once-a-second check notices
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen) and app.screen.time_up
        attempt = app.attempt
        assert attempt is not None and attempt.submitted
        assert [
            e.data.get("reason") for e in app.store.events(attempt.id) if e.type == "submit"
        ] == ["time_up"]
