"""``recsim play FILE``: the briefing opens before the check ends; a failed one ends in one line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Button

from recsim.core.store import Store
from recsim.tui.app import RecsimApp, create_app
from recsim.tui.catalog import ScenarioEntry
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.trainee import TraineeScreen
from tests.conftest import SCENARIOS
from tests.tui.conftest import TUI_DATA, fixed_clock
from tests.tui.drive import settle, wait_until


async def test_enter_pressed_while_the_scenario_is_checked_starts_once_the_check_passes(
    store: Store,
    tmp_path: Path,
) -> None:
    app = create_app(
        store=store,
        scenario_path=SCENARIOS / "tutorial.yaml",
        trainee="Ana",
        clock=fixed_clock,
        results_folder=tmp_path,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen) and briefing.entry.title.startswith("Tutorial")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
        assert app.attempt is not None and len(app.work.items) == 3


async def test_a_name_typed_after_the_check_has_finished_opens_the_checked_briefing(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    done = asyncio.Event()
    check = RecsimApp._check

    async def check_and_tell(self: RecsimApp, path: Path) -> ScenarioEntry:
        entry = await check(self, path)
        done.set()
        return entry

    monkeypatch.setattr(RecsimApp, "_check", check_and_tell)
    app = create_app(
        store=store,
        scenario_path=SCENARIOS / "tutorial.yaml",
        clock=fixed_clock,
        results_folder=tmp_path,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TraineeScreen)
        await wait_until(pilot, done.is_set, timeout=30)  # the trainee is slower than the check
        await pilot.press(*"Ana", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen) and app.screen.ready)
        assert app.screen.query_one("#start", Button).label.plain == "Start (Enter)"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
        assert app.trainee == "Ana" and len(app.work.items) == 3


async def test_a_scenario_that_fails_its_check_closes_recsim_with_the_located_problem(
    store: Store,
    tmp_path: Path,
) -> None:
    app = create_app(
        store=store,
        scenario_path=TUI_DATA / "picker" / "broken.yaml",
        trainee="Ana",
        clock=fixed_clock,
        results_folder=tmp_path,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.start_error is not None)
    assert app.start_error is not None
    assert app.start_error.startswith(f"{TUI_DATA / 'picker' / 'broken.yaml'}:5:7: mode:")
    assert app.return_code == 1
