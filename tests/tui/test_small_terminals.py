"""Snapshots at the sizes a trainee's terminal may have (issue 20, item 5): 80x24 and 60x15.

The coding screen with four claim edits, scrolled to the last; the results screen; the
briefing, scrolled by keys to its objectives. The Pilot tests in test_nothing_cut_off.py
and test_results_way_out.py check the behaviour; these pin what the trainee sees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from recsim.tui.app import RecsimApp
from recsim.tui.screens.coding import CodingScreen
from tests.tui.drive import quiet, settle, wait_until
from tests.tui.test_nothing_cut_off import CONFLICTING
from tests.tui.test_snapshots import BEGIN, KINDS, app_for, shoot

__all__ = ["app_for"]  # the fixture, shared with test_snapshots.py

SMALL = [pytest.param((80, 24), id="80x24"), pytest.param((60, 15), id="60x15")]


@pytest.mark.parametrize("size", SMALL)
def test_coding_with_four_claim_edits_scrolled_to_the_last(
    snap_compare: Any, app_for: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    app = app_for(KINDS)

    async def to_the_last_edit(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await quiet(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.work is not None)
        app.open_item("coding-1")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen))
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        screen.diagnoses = list(CONFLICTING)
        screen._show_claim()
        await settle(pilot)
        pane = screen.query_one("#edits-scroll", VerticalScroll)
        for _ in range(6):  # Tab from the search, past the results, detail and claim
            if app.focused is pane:
                break
            await pilot.press("tab")
        await pilot.press("end")
        await quiet(pilot)

    assert snap_compare(app, terminal_size=size, run_before=to_the_last_edit)


def test_results_after_an_empty_submit_at_60x15(
    snap_compare: Any, app_for: Callable[..., RecsimApp]
) -> None:
    # at 80x24, test_snapshots.py's test_screen[results-80x24]
    assert shoot(snap_compare, app_for("tutorial"), (BEGIN, "s", "y"), (60, 15))


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        pytest.param((80, 24), ("pagedown",), id="80x24"),
        pytest.param((60, 15), ("down",) * 3, id="60x15"),
    ],
)
def test_briefing_scrolled_to_its_objectives_by_keys(
    snap_compare: Any,
    app_for: Callable[..., RecsimApp],
    size: tuple[int, int],
    keys: tuple[str, ...],
) -> None:
    assert shoot(snap_compare, app_for("hospital-audit-exam"), keys, size)
