"""A trap's follow-up in the terminal: listed in the queue, opened in the breach workspace."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.tasks.breach.models import BreachView
from recsim.tui.app import RecsimApp
from recsim.tui.screens.breach import BreachScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.queue import QueueScreen
from tests.conftest import DATA
from tests.tui.drive import settle

SCENARIO = DATA / "trap_leads" / "colleague-to-breach.yaml"


async def test_the_follow_up_opens_in_the_breach_workspace_and_a_refused_request_is_no_breach(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(SCENARIO, trainee="Ana")  # Ana's follow-up: the request refused, no chart
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the briefing: start
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("down", "enter")  # the second listed item: the trap's follow-up
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BreachScreen)
        shown = " ".join(str(s.render()) for s in screen.query(Static))
        follow_up = make_variant(load_checked(SCENARIO), "Ana").form.item("breach-3")
        assert isinstance(follow_up.view, BreachView)
        assert follow_up.view.report[:40] in shown
        await pilot.press("down", "enter")  # step 1: no
        await pilot.press("ctrl+s")
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen), type(feedback)
        assert app.attempt.answers["breach-3"]["unsecured_breach"] is False  # type: ignore[union-attr]
        assert all(f.outcome == "correct" for f in feedback.findings), feedback.findings
