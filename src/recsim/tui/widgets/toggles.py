"""Radio buttons and checkboxes whose state shows as a symbol, not only as a colour."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Checkbox, RadioButton, SelectionList

TICKED = "✔"
MIN_ROOM = 8
"""Narrower than this, a label is cut rather than wrapped a word or two a line."""


class Choice(RadioButton):
    """A radio button drawn ● when chosen and empty when not.

    A label longer than its column wraps onto lines of its own, indented under the
    label's start, instead of ending in "…": a trainee must read every option whole.
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "

    def _label_lines(self, width: int) -> list[Content]:
        """The label in lines that fit ``width`` cells beside the button."""
        room = width - self._button.cell_length - 2  # the label's padding, one cell each side
        if room < MIN_ROOM or self._label.cell_length <= room:
            return [self._label]
        return [line.rstrip() for line in self._label.wrap(room)]

    def render(self) -> Content:
        lines = self._label_lines(self.size.width)
        if len(lines) == 1:
            return super().render()
        button = self._button
        style = self.get_visual_style("toggle--label")
        indent = Content(" " * button.cell_length)
        rows = [
            Content.assemble(button if n == 0 else indent, line.pad(1, 1).stylize_before(style))
            for n, line in enumerate(lines)
        ]
        return Content("\n").join(rows)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._label_lines(width))


class Tick(Checkbox):
    """A checkbox drawn ✔ when ticked and empty when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return TICKED if self.value else " "


class TickList(SelectionList[str]):
    """A list of checkboxes that is one stop for Tab.

    ↑ ↓ Home End move; Space, Enter or a click ticks. A ticked row is drawn ✔
    (SelectionList draws the same mark on every row and tells them apart by colour
    alone).
    """

    def on_focus(self, event: events.Focus) -> None:
        # Arriving by Tab shows where Space will act, as a radio set does.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = round(self.scroll_offset.y) + y
        if not 0 <= index < self.option_count:
            return line
        segments = list(line)
        if len(segments) < 2:
            return line
        inner = segments[1]
        ticked = self.get_option_at_index(index).value in self.selected
        segments[1] = inner._replace(text=TICKED if ticked else " ")
        return Strip(segments, line.cell_length)

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        # The list grows to show every row, so the pane around it may hide the highlighted one.
        container = self.parent
        if self.highlighted is None or not isinstance(container, Widget) or not self.virtual_region:
            return
        row = (
            self.virtual_region.y + self.gutter.top + self.highlighted - round(self.scroll_offset.y)
        )
        container.scroll_to_region(Region(0, row, self.virtual_region.width, 1), animate=False)
