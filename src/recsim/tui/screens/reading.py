"""The full-screen reader that workspaces and the chart viewer share: Ctrl+O reads a pane whole.

While it is open, Esc and Ctrl+O close it (and the footer says so), and the screen's own
Esc action waits; closing it puts the focus back where the trainee was.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

ResultType = TypeVar("ResultType")

CLOSE_READER: list[BindingType] = [
    Binding("escape", "close_reader", "Close reader", tooltip="Close the full-screen reader"),
    Binding("ctrl+o", "close_reader", "Close reader", priority=True, show=False),
]
"""Bindings of the open reader (each screen adds its own Ctrl+O ``read`` with its own words)."""


def fill_screen(previous: Widget | None, maximized: Widget | None) -> None:
    """Let the reader fill the screen even where the layout gives its pane a fixed height
    (a narrow terminal) or a share of the width (``3fr`` beside a form is three screens wide
    on its own, and its lines would run off the edge), and give the pane its own size back
    after.

    Inline styles, because they outrank the stylesheets' sizes.
    """
    if previous is not None:
        previous.styles.height = None
        previous.styles.width = None
    if maximized is not None:
        maximized.styles.height = "1fr"
        maximized.styles.width = "1fr"


class ReadingScreen(Screen[ResultType]):
    """A screen with a pane worth reading full screen (its first of :attr:`READING_PANES`)."""

    READING_PANES: ClassVar[tuple[str, ...]] = ()
    """Selectors of the panes the reader can show, in order of preference."""
    ESCAPE_ACTION: ClassVar[str] = ""
    """The screen's own Esc action, which waits while the reader is open."""

    _focus_before_reading: Widget | None = None

    def reading_pane(self) -> Widget | None:
        for selector in self.READING_PANES:
            found = self.query(selector)
            if found:
                return found.first()
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        reading = self.maximized is not None
        if action == "read":
            return not reading and self.reading_pane() is not None
        if action == "close_reader":
            return reading
        if action == self.ESCAPE_ACTION:
            return not reading
        return True

    def watch_maximized(self, previous: Widget | None, maximized: Widget | None) -> None:
        self.refresh_bindings()
        fill_screen(previous, maximized)
        if maximized is None:  # back from the reader: to where the trainee was working
            before, self._focus_before_reading = self._focus_before_reading, None
            if before is not None and before.is_attached:
                before.focus()

    def action_read(self) -> None:
        pane = self.reading_pane()
        if pane is not None:
            self._focus_before_reading = self.focused
            pane.focus()
            self.maximize(pane, container=False)

    def action_close_reader(self) -> None:
        self.minimize()
