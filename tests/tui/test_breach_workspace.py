"""The breach workspace: worked by keys alone, and how it looks at 80x24."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from recsim.tui.app import RecsimApp
from recsim.tui.screens.breach import BreachScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.queue import QueueScreen
from tests.tui.conftest import SNAPSHOT_RESULTS, TUI_DATA, WorkingClock
from tests.tui.drive import quiet, settle

BREACH = TUI_DATA / "breach.yaml"


async def _open_first(pilot: Pilot) -> BreachScreen:  # type: ignore[type-arg]
    await settle(pilot)
    await pilot.press("enter")  # the briefing: start
    await settle(pilot)
    assert isinstance(pilot.app.screen, QueueScreen)
    await pilot.press("enter")  # the first incident
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BreachScreen)
    return screen


async def test_a_breach_is_answered_step_by_step_by_keys(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(BREACH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first(pilot)
        await pilot.press("enter")  # step 1: yes (the first choice)
        await pilot.press("tab", "enter")  # step 2: no exception applies (the first choice)
        await pilot.press("tab", "down", "enter")  # step 3: presumed breach
        await pilot.press("tab", *"2026-05-23")  # individuals: 60 days after 2026-03-24
        await pilot.press("tab", "tab", "tab", *"2027-03-01")  # HHS in the annual log
        await pilot.press("tab", "tab", "tab")  # past the covered entity and the states
        await pilot.press("enter")  # substitute notice: none needed
        await pilot.press("tab", *["space", "down"] * 5)  # the letter's five required parts
        await pilot.press("ctrl+s")
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen), type(feedback)
        answer: dict[str, Any] = app.attempt.answers["breach-1"]  # type: ignore[union-attr]
        findings = feedback.findings
    assert answer == {
        "unsecured_breach": True,
        "exception": "none",
        "risk": "presumed_breach",
        "notices": {"individuals": "2026-05-23", "secretary_annual_log": "2027-03-01"},
        "media_states": [],
        "substitute": "none",
        "letter": ["what_happened", "phi_involved", "protect_yourself", "what_we_are_doing",
                   "contact"],
        "hold_until": None,
    }  # fmt: skip
    assert all(f.outcome == "correct" for f in findings), findings


async def test_a_date_that_is_not_a_date_is_refused_before_saving(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(BREACH)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_first(pilot)
        await pilot.press("enter", "tab", "enter", "tab", "down", "enter", "tab", *"May 23")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "breach-1" not in app.attempt.answers  # type: ignore[union-attr]
        assert screen.not_ready() == (
            "Write the date for Individuals (164.404) as YYYY-MM-DD, e.g. 2026-05-04."
        )


def test_the_workspace_at_80x24(
    snap_compare: Any, make_app: Callable[..., RecsimApp], frozen: WorkingClock
) -> None:
    async def drive(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await quiet(pilot)
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.open_item("breach-1")  # type: ignore[attr-defined]
        await quiet(pilot)

    app = make_app(BREACH, results=SNAPSHOT_RESULTS)
    assert snap_compare(app, terminal_size=(80, 24), run_before=drive)
