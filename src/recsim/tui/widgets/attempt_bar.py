"""The line over every working screen: scenario, trainee, mode, progress and time left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from recsim.tui.words import clock_text, count

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt

LOW_TIME = 300
"""Seconds left below which the clock says so in words as well as colour."""


class AttemptBar(Widget):
    """Scenario, trainee and mode on the left; answered count and the clock on the right."""

    DEFAULT_CSS = """
    AttemptBar {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        attempt: Attempt,
        *,
        total: int,
        hidden: frozenset[str] = frozenset(),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.attempt = attempt
        self.total = total
        self.hidden = hidden
        """Items answered but not counted (interruptions are not queue items)."""

    def on_mount(self) -> None:
        if self.attempt.remaining() is not None:
            self.set_interval(1.0, self.refresh)

    def clock(self) -> Content:
        """Time left, in words and colour when it runs low."""
        remaining = self.attempt.remaining()
        if remaining is None:
            return Content("")
        if remaining <= 0:
            word = (
                "time is up" if not self.attempt.practice else "time is up (practice: keep going)"
            )
            return Content.from_markup("[$text-error bold]⏱ $word[/]", word=word)
        text = f"⏱ {clock_text(remaining)} left"
        if remaining < LOW_TIME:
            return Content.from_markup("[$text-warning bold]$text (hurry)[/]", text=text)
        return Content(text)

    def render(self) -> Content:
        row = self.attempt.row
        left = Content(f"{row.scenario_title} · {row.trainee} · {self.attempt.mode}")
        answered = len(self.attempt.answers) - len(self.hidden.intersection(self.attempt.answers))
        right = Content(f"{answered:,} of {count(self.total, 'item')} answered")
        clock = self.clock()
        if clock:
            right = right + "  " + clock
        width = self.content_region.width or self.size.width
        room = max(0, width - right.cell_length - 2)
        left = left.truncate(room, ellipsis=True) if left.cell_length > room else left
        gap = max(1, width - left.cell_length - right.cell_length)
        return left + " " * gap + right
