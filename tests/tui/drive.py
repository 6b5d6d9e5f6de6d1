"""Driving the app by key presses alone, as a trainee would (shared by the Pilot tests)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from recsim.tui.screens.audit import AuditScreen


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Let pushed screens mount and callbacks run."""
    for _ in range(3):
        await pilot.pause()


async def move_chart_to(pilot: Pilot, location: str) -> None:  # type: ignore[type-arg]
    """Arrow keys until the chart's cursor is on ``location``."""
    screen = pilot.app.screen
    assert isinstance(screen, AuditScreen)
    target = [row.path for row in screen.rows].index(location)
    chart = screen.query_one("#chart", OptionList)
    here = chart.highlighted or 0
    key = "down" if target > here else "up"
    await pilot.press(*[key] * abs(target - here))
    assert chart.highlighted == target


async def flag(pilot: Pilot, location: str, kind: str, correction: str | None = None) -> None:  # type: ignore[type-arg]
    """Flag a chart field: move there, f, choose the kind, type the correction, Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, AuditScreen)
    await move_chart_to(pilot, location)
    await pilot.press("f")
    await settle(pilot)
    names = [name for name, _ in screen.kinds]
    kinds = pilot.app.screen.query_one("#kinds", OptionList)
    if kinds.highlighted is None:
        await pilot.press("down")
    here = kinds.highlighted or 0
    target = names.index(kind)
    await pilot.press(*["down" if target > here else "up"] * abs(target - here), "enter")
    if correction:
        await pilot.press(*correction)
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.screen is screen
