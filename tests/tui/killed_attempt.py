"""Run by test_resume: play part of an attempt, say READY, then wait to be killed (SIGKILL).

    python -m tests.tui.killed_attempt STORE SCENARIO TRAINEE

It answers the first item of the queue with its key answer and flags one field of
the second (a draft, not yet an answer), all by key presses, like a trainee.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from recsim.core.store import Store
from recsim.session.checks import load_checked
from recsim.tui.app import create_app
from tests.tui.drive import flag, settle


async def play(store_path: Path, scenario_path: Path, trainee: str) -> None:
    store = Store(store_path)
    app = create_app(store=store, scenario=load_checked(scenario_path), trainee=trainee)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # briefing -> queue
        await settle(pilot)
        attempt = app.attempt
        assert attempt is not None
        await pilot.press("enter")  # open the first item
        await settle(pilot)
        item = app.screen.item  # type: ignore[attr-defined]
        for error in item.key.errors:
            await flag(pilot, error.location, error.kind, error.correct)
        await pilot.press("ctrl+s")
        await settle(pilot)
        if not item.key.errors:
            await pilot.press("y")
            await settle(pilot)
        await pilot.press("enter")  # close the feedback; the cursor moves to the next item
        await settle(pilot)
        await pilot.press("enter")  # open the second item and flag its date of birth
        await settle(pilot)
        await flag(pilot, "patient.date_of_birth", "dob_transposed", "1990-01-02")
        print("READY", attempt.id, flush=True)
        while True:  # the test kills this process here, mid-item
            await asyncio.sleep(1)


if __name__ == "__main__":
    asyncio.run(play(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
