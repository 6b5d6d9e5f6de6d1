"""Submitting an attempt from the terminal: the question, the submit, the results screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tui.questions import submit_question
from recsim.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from recsim.tui.app import RecsimApp


def ask_to_submit(app: RecsimApp) -> None:
    """Ask, then submit the whole attempt (every interruption is met first)."""
    attempt, work = app.attempt, app.work
    if attempt is None or work is None or attempt.submitted:
        return
    pending = app.pending_traps(due_only=False)
    if pending:  # every interruption is met before the attempt closes
        app.spring_trap(pending[0], then=app.request_submit)
        return
    question = submit_question(
        total=len(work.items), answered=work.answered(attempt), unfinished=len(attempt.drafts)
    )
    app.push_screen(
        ConfirmScreen("Submit your attempt?", question, yes="Submit", no="Keep working"),
        lambda yes: app.submit() if yes else None,
    )


def submit_and_show(app: RecsimApp, reason: str) -> None:
    """Submit (unfinished work included, as it stands) and show the results."""
    from recsim.session.submit import SubmitFailed, read_scorecard, submit
    from recsim.tui.screens.queue import QueueScreen
    from recsim.tui.screens.results import ResultsScreen

    attempt = app.attempt
    if attempt is None or attempt.submitted:
        return
    try:
        path = submit(
            app.store,
            attempt,
            reason="time_up" if reason == "time_up" else "submitted",
            results_folder=app.results_folder,
        )
    except SubmitFailed as error:
        app.submit_error = str(error)
        app.notify(f"Not submitted: {error}", severity="error", markup=False, timeout=30)
        return
    app.submit_error = None
    app.stop_clock()
    while len(app.screen_stack) > 2 and not isinstance(app.screen, QueueScreen):
        app.pop_screen()
    card = None if attempt.grader.loaded.sealed is not None else read_scorecard(path)
    app.switch_screen(
        ResultsScreen(attempt, card, path, time_up=reason == "time_up", to_picker=app.from_picker)
    )
