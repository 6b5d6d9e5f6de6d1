"""What a screen asks of the app: small messages that bubble up to it.

A screen never calls the app's methods: it posts one of these, and the app (which
holds the attempt and decides which screen comes next) handles it in
``on_<message name>``. A screen's parent is the app, so every message posted on a
screen reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenItem(Message):
    """The trainee chose a queue item: open it in its kind's workspace."""

    item_id: str
    """The item chosen."""


@dataclass
class ShowBriefing(Message):
    """The trainee wants to read the scenario's briefing again."""


@dataclass
class SubmitAttempt(Message):
    """The trainee wants to submit the whole attempt (the app asks first)."""


@dataclass
class QuitAsked(Message):
    """The trainee wants to leave recsim (the app asks first; the work is saved either way)."""


@dataclass
class BackToPicker(Message):
    """The trainee has read the results and wants another scenario from the picker."""


@dataclass
class PractiseMissed(Message):
    """The trainee wants a short practice set of the topics missed in the attempt just submitted."""


@dataclass
class ShowProgress(Message):
    """The trainee wants to see their progress by topic and by exam domain."""


@dataclass
class PractiseToday(Message):
    """The trainee wants today's practice set (the topics due across all their attempts)."""
