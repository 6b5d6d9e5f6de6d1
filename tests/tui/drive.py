"""Driving the app by key presses alone, as a trainee would (shared by the Pilot tests)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList

from recsim.tui.screens.audit import AuditScreen


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Let pushed screens mount and callbacks run."""
    await pilot.pause()
    await pilot.pause()


async def move_chart_to(pilot: Pilot, location: str) -> None:  # type: ignore[type-arg]
    """Arrow keys until the chart's cursor is on ``location``."""
    screen = pilot.app.screen
    assert isinstance(screen, AuditScreen)
    target = [row.path for row in screen.rows].index(location)
    chart = screen.query_one("#chart", OptionList)
    page = max(1, chart.scrollable_content_region.height - 1)
    while abs(target - (chart.highlighted or 0)) > page:
        await pilot.press("pagedown" if target > (chart.highlighted or 0) else "pageup")
    here = chart.highlighted or 0
    await pilot.press(*["down" if target > here else "up"] * abs(target - here))
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


async def wait_until(
    pilot: Pilot,  # type: ignore[type-arg]
    ready: Callable[[], bool],
    timeout: float = 20.0,
) -> None:
    """Pause until ``ready()`` (a background check, a code set load); fail after ``timeout`` s."""
    for _ in range(int(timeout / 0.02)):
        if ready():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get ready in time")


async def quiet(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Wait for whatever the current screen loads in the background, so a snapshot is complete."""
    from recsim.tui.screens.coding import CodingScreen
    from recsim.tui.screens.picker import PickerScreen
    from recsim.tui.widgets.queue_list import QueueList

    app = pilot.app
    await pilot.pause()
    for screen in app.screen_stack:
        if isinstance(screen, PickerScreen):
            await wait_until(pilot, lambda s=screen: all(e.checked for e in s.entries))
        if isinstance(screen, CodingScreen):
            await wait_until(pilot, lambda s=screen: s.codes is not None)
        for queue in screen.query(QueueList):
            await wait_until(pilot, lambda q=queue: q.settled)
    await pilot.pause()


def footer(app: App) -> dict[str, str]:  # type: ignore[type-arg]
    """Key -> label of what the footer of the current screen shows."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }
