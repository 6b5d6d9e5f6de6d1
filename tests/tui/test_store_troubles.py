"""The attempt store in trouble under the terminal UI: an attempt open in another window, a
results folder that can't be written (issue 19, items 1 and 3)."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path

from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.tui.app import RecsimApp
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.queue import QueueScreen
from tests.core.forked import fork, wait_all
from tests.tui.conftest import fixed_clock, scenario
from tests.tui.drive import settle


async def test_an_attempt_open_in_another_window_is_offered_to_take_over(
    make_app: Callable[..., RecsimApp], store: Store, tmp_path: Path
) -> None:
    started, begun = os.pipe()

    def other_window() -> None:  # holds the attempt until the test is done
        attempt = session.begin(Store(store.path), scenario("tutorial"), "Ana", clock=fixed_clock)
        os.write(begun, attempt.id.encode())
        while not (tmp_path / "done").exists():
            time.sleep(0.02)

    child = fork(other_window, tmp_path / "error.txt")
    child.start()
    attempt_id = os.read(started, 64).decode()
    try:
        app = make_app("tutorial")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, BriefingScreen) and app.screen.resume is not None
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "open in another recsim window" in app.screen.body
            await pilot.press("y")  # take it over
            await settle(pilot)
            assert isinstance(app.screen, QueueScreen)
            assert app.attempt is not None and app.attempt.id == attempt_id
    finally:
        (tmp_path / "done").touch()
        wait_all([child])


async def test_leaving_an_attempt_to_the_other_window_closes_with_one_line(
    make_app: Callable[..., RecsimApp], store: Store, tmp_path: Path
) -> None:
    started, begun = os.pipe()

    def other_window() -> None:
        attempt = session.begin(Store(store.path), scenario("tutorial"), "Ana", clock=fixed_clock)
        os.write(begun, attempt.id.encode())
        while not (tmp_path / "done").exists():
            time.sleep(0.02)

    child = fork(other_window, tmp_path / "error.txt")
    child.start()
    os.read(started, 64)
    try:
        app = make_app("tutorial")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
    finally:
        (tmp_path / "done").touch()
        wait_all([child])
    assert app.return_code == 1
    assert app.start_error is not None and "\n" not in app.start_error
    assert "open in another recsim window" in app.start_error


async def test_a_submit_that_cannot_write_its_results_keeps_the_attempt_open(
    make_app: Callable[..., RecsimApp], tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    app = make_app("tutorial", results=blocked / "results")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)  # still working, nothing lost
        assert app.attempt is not None and not app.attempt.submitted
        assert app.submit_error is not None
        assert app.submit_error.startswith(f"{blocked / 'results'}: cannot create")


async def test_a_window_whose_attempt_was_taken_over_closes_with_one_line(
    make_app: Callable[..., RecsimApp], store: Store
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen) and app.attempt is not None
        other = Store(store.path)  # another window takes the attempt over
        session.resume(other, scenario("tutorial"), app.attempt.id, take_over=True)
        # Opening an item writes to the store, and is refused (as from a key press, but
        # without the key press waiting on a screen that is closing).
        app.call_later(app.open_item, app.attempt.grader.form.slots[0].id)
        for _ in range(100):
            await asyncio.sleep(0.05)
            if app.return_code is not None:
                break
    assert app.return_code == 1
    assert app.start_error is not None and "\n" not in app.start_error
    assert "opened in another window" in app.start_error
