"""Radio buttons and checkboxes whose state shows as a symbol, not only as a colour."""

from __future__ import annotations

from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Checkbox, RadioButton, SelectionList

TICKED = "✔"


class Choice(RadioButton):
    """A radio button drawn ● when chosen and empty when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "


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
