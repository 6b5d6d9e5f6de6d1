"""The patient lookup from anywhere in an attempt: its key (F3), its palette command, and
what happens once a patient is chosen (the screen is recsim.tui.screens.patient_lookup)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.screen import ModalScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from recsim.session.lookup import PatientIndex
    from recsim.tui.app import RecsimApp

_INDEX: list[PatientIndex] = []
"""The patient index of the latest attempt looked up in (one attempt is open at a time)."""


def can_look_up(app: RecsimApp, screen: Screen[Any]) -> bool:
    """Whether the lookup may open over ``screen``: during an attempt, over a screen of the
    work, with no dialog, interruption or lookup open beneath it (a chart opened from one)."""
    attempt = app.attempt
    if attempt is None or attempt.submitted:
        return False
    stack = [*app.screen_stack, screen]
    return not any(
        isinstance(shown, ModalScreen) and not isinstance(shown, CommandPalette) for shown in stack
    )


def lookup_command(app: RecsimApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The palette's "Patient lookup", when the lookup may open."""
    if can_look_up(app, screen):
        yield SystemCommand(
            "Patient lookup",
            "Search the master patient index by name, MRN or date of birth (key: F3)",
            lambda: look_up(app),
        )


def look_up(app: RecsimApp) -> None:
    """Open the lookup over the current screen (its index is made once per attempt)."""
    from recsim.session.forms import Variant
    from recsim.session.lookup import PatientIndex
    from recsim.tui.screens.patient_lookup import PatientLookupScreen

    attempt = app.attempt
    if attempt is None or not can_look_up(app, app.screen):
        return
    if not isinstance(attempt.grader, Variant):
        raise TypeError("an attempt of the session layer is graded by a Variant")
    index = _INDEX[0] if _INDEX and _INDEX[0].variant is attempt.grader else None
    if index is None:  # the index of the attempt's variant, made once (its search is kept warm)
        index = PatientIndex(attempt.grader)
        _INDEX[:] = [index]
    app.push_screen(PatientLookupScreen(attempt, index), lambda item: _chosen(app, item))


def _chosen(app: RecsimApp, item_id: str | None) -> None:
    """A patient in the work opens through their item (unless it is the one being worked)."""
    from recsim.tui.screens.workspace import Workspace

    if item_id is None:
        return
    if isinstance(app.screen, Workspace) and app.screen.item.id == item_id:
        app.notify(f"This patient's chart is the item you are working on, {item_id}.")
        return
    app.open_item(item_id)
