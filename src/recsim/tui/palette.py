"""The command palette (Ctrl+P): each action of the screen by name, help, glossary, quit, themes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

ALREADY_LISTED = frozenset({"help", "request_quit", "app.request_quit"})
"""Actions the palette offers in its own words, not again from the screen's keys."""


def palette_commands(
    app: App[int],
    screen: Screen[Any],
    inherited: Iterable[SystemCommand],
    *,
    ask_quit: Callable[[], object],
    show_help: Callable[[], object],
) -> Iterator[SystemCommand]:
    """Textual's commands (less Quit, Keys), recsim's Quit, Help, Glossary, Tour, the screen's.

    Quit asks first, as the key does; a screen's shown keys follow, each with its key,
    so a trainee who forgot a key finds it by name.
    """
    for command in inherited:
        if command.title not in ("Quit", "Keys"):
            yield command
    yield SystemCommand("Quit", "Quit recsim (asks first; your work is saved)", ask_quit)
    yield SystemCommand("Help", "Keys of this screen, statuses and how saving works", show_help)
    yield SystemCommand(
        "Glossary",
        "What a term or abbreviation on screen means (MPI, ROI, POA ...), with its source",
        partial(_push_glossary, app),
    )
    yield SystemCommand(
        "Guided tour",
        "Walk through the tutorial step by step, with the key for each step",
        partial(_guided_tour, app),
    )
    seen = set(ALREADY_LISTED)
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.show or not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        about = f"{binding.tooltip} " if binding.tooltip else ""
        yield SystemCommand(
            binding.description,
            f"{about}(key: {app.get_key_display(binding)})",
            partial(app.run_action, binding.action, active.node),
        )


def _push_glossary(app: App[int]) -> None:
    from recsim.tui.screens.glossary import GlossaryScreen

    if not isinstance(app.screen, GlossaryScreen):
        app.push_screen(GlossaryScreen())


def _guided_tour(app: App[int]) -> None:
    from recsim.tui.starting import StartingApp

    if isinstance(app, StartingApp):
        app.offer_tour(asked=True)
