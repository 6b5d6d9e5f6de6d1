"""The guided tour's words (tour.yaml) and the keys they name, read from the app's bindings.

A step's text writes a key as ``{place.action}``: the key bound to ``action`` on the
screen or widget ``place`` names (:data:`PLACES`). The key is looked up in that class's
``BINDINGS`` when the text is shown, so the tour cannot tell a trainee to press a key
that does something else.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field
from textual.binding import Binding

from recsim.core.content import load_content
from recsim.core.model import ContentModel

Until = Literal[
    "item_opened",
    "section_jumped",
    "flag_dialog",
    "kind_chosen",
    "field_flagged",
    "answer_given",
    "feedback_read",
    "submit_asked",
    "submitted",
]
"""What the trainee must do for a step to be done (recsim.tui.coach says how each is seen)."""

PLACES = {
    "app": "recsim.tui.app:RecsimApp",
    "queue": "recsim.tui.screens.queue:QueueScreen",
    "queue_list": "recsim.tui.widgets.queue_list:QueueList",
    "workspace": "recsim.tui.screens.workspace:Workspace",
    "audit": "recsim.tui.screens.audit:AuditScreen",
    "option_list": "textual.widgets:OptionList",
    "input": "textual.widgets:Input",
    "feedback": "recsim.tui.screens.feedback:FeedbackScreen",
    "confirm": "recsim.tui.screens.confirm:ConfirmScreen",
    "results": "recsim.tui.screens.results:ResultsScreen",
    "note": "recsim.tui.screens.coach:CoachNoteScreen",
}
"""A place a step's text may name -> the class whose bindings say its keys."""

KEY_WORDS = {
    "enter": "Enter",
    "escape": "Esc",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "space": "Space",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\.([^{}]+)\}")


class Step(ContentModel):
    """One step: what to do, how recsim sees it done, and what it says then."""

    text: str = Field(min_length=1)
    """What the trainee is looking at (no keys: a short terminal leaves it out)."""
    do: str = Field(min_length=1)
    """What to do, with its keys as {place.action}."""
    until: Until
    """What the trainee must do."""
    done: str = Field(min_length=1)
    """Said once it is done."""


class TourFile(ContentModel):
    """tour.yaml: the scenarios the tour runs in, the welcome, the steps and the key map."""

    scenarios: list[str] = Field(min_length=1)
    """Ids of the scenarios the tour runs in (offered once per trainee)."""
    welcome: str = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    keymap: str = Field(min_length=1)
    """What the last screen says above the map of keys."""
    keymap_places: dict[str, list[str]] = Field(min_length=1)
    """Heading -> the places whose keys the map lists under it."""


@cache
def tour() -> TourFile:
    """The tour as tour.yaml says it."""
    return load_content(__package__ or "recsim.tui", "tour.yaml", TourFile)


def key_words(key: str) -> str:
    """A key as the tour writes it: Enter, Esc, Ctrl+S, ], f."""
    key = key.split(",")[0].strip()
    *modifiers, name = key.split("+")
    shown = KEY_WORDS.get(name, name.upper() if len(name) > 1 and name[0] == "f" else name)
    if modifiers and len(shown) == 1:
        shown = shown.upper()
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def place_class(place: str) -> type:
    """The class a place names (imported when first asked, as the screens are)."""
    module, name = PLACES[place].split(":")
    found: type = getattr(importlib.import_module(module), name)
    return found


def own_bindings(cls: type) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits)."""
    declared = cls.__dict__.get("BINDINGS", [])
    return [b if isinstance(b, Binding) else Binding(*b) for b in declared]


def binding_for(place: str, action: str) -> Binding:
    """The binding of ``action`` on ``place``, the class's own first, then its bases'."""
    for cls in place_class(place).__mro__:
        for binding in own_bindings(cls):
            if binding.action == action:
                return binding
    raise LookupError(f"{place} has no key for {action}")


def say(text: str) -> str:
    """A step's text with each {place.action} replaced by its key, on one line."""
    filled = _PLACEHOLDER.sub(lambda m: key_words(binding_for(*m.groups()).key), text)
    return " ".join(filled.split())


@dataclass(frozen=True)
class KeyLine:
    """One line of the map of keys: a heading and its keys with what they do."""

    heading: str
    keys: list[tuple[str, str]]


def _described(place: str) -> list[Binding]:
    """The keys of a place worth a line: a screen's own, or all the app's but the tour's."""
    cls = place_class(place)
    if place != "app":
        return [b for b in own_bindings(cls) if b.description and (b.show or b.tooltip)]
    found = [b for c in cls.__mro__ for b in own_bindings(c) if b.description]
    palette = Binding(getattr(cls, "COMMAND_PALETTE_BINDING", "ctrl+p"), "palette", "Palette")
    return [b for b in found if b.action != "skip_tour"] + [palette]


def key_map() -> list[KeyLine]:
    """The map of keys the tour ends with, read from the bindings of its places.

    Each key once per heading (the first binding of a key is the one its screen offers
    first, as its footer shows).
    """
    lines = []
    for heading, places in tour().keymap_places.items():
        keys: dict[str, tuple[str, str]] = {}
        actions: set[str] = set()
        for place in places:
            for binding in _described(place):
                shown = key_words(binding.key)
                if shown not in keys and binding.action not in actions:
                    keys[shown] = (shown, binding.description)
                    actions.add(binding.action)
        lines.append(KeyLine(heading, list(keys.values())))
    return lines
