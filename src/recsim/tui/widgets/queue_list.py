"""The work queue list: drawn line by line, so 100,000 items cost no more than 40.

Only the rows on screen are ever drawn, and an item's title (which means
building the item) is made only when its row is on screen. Titles that do not
fit in a short time budget are filled in a moment later, between key presses,
so moving the cursor never waits for item generation.
"""

from __future__ import annotations

import asyncio
import time
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from recsim.tui.words import STATUS

TITLE_BUDGET = 0.008
"""Seconds of title building allowed before a frame is drawn; the rest is filled in afterwards."""
TITLE_CACHE = 5000
"""Titles kept; rows scrolled far away are rebuilt if the trainee comes back."""
STATUS_WIDTH = max(len(word) for _, word in STATUS.values()) + 2


class QueueList(ScrollView, can_focus=True):
    """The items of the queue (or of a filtered view of it) with number, status, id and title."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Open", tooltip="Open the item under the cursor"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "queue-list--cursor",
        "queue-list--number",
        "queue-list--pending",
        "queue-list--new",
        "queue-list--in_progress",
        "queue-list--done",
        "queue-list--flagged",
    }
    DEFAULT_CSS = """
    QueueList {
        height: 1fr;
        background: $surface;
        & > .queue-list--cursor { background: $block-cursor-blurred-background; text-style: bold; }
        &:focus > .queue-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
        }
        & > .queue-list--number { color: $text-muted; }
        & > .queue-list--pending { color: $text-muted; }
        & > .queue-list--new { color: $text; }
        & > .queue-list--in_progress { color: $text-warning; }
        & > .queue-list--done { color: $text-success; }
        & > .queue-list--flagged { color: $text-accent; text-style: bold; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)
    """Position of the cursor within the rows shown."""

    class Chosen(Message):
        """The trainee opened the item under the cursor (Enter or a second click)."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class Highlighted(Message):
        """The cursor moved to another item."""

        def __init__(self, item_id: str | None) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(
        self,
        ids: Sequence[str],
        *,
        position: Callable[[str], int],
        status: Callable[[str], str],
        title: Callable[[str], str],
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._ids = ids
        self._position = position
        self._rows: Sequence[int] = range(len(ids))
        self._status = status
        self._make_title = title
        self._titles: OrderedDict[str, str] = OrderedDict()
        self._number_width = len(f"{len(ids):,}")
        self._id_width = max((len(i) for i in ids), default=4)
        self._filling = False

    # what is shown ---------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def current_id(self) -> str | None:
        """Id of the item under the cursor (None for an empty view)."""
        if not self._rows:
            return None
        return self._ids[self._rows[self.cursor]]

    def show_rows(self, rows: Sequence[int], *, keep: str | None = None) -> None:
        """Show these positions of the queue; keep the cursor on item ``keep`` if it is shown."""
        self._rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        target = 0
        if keep is not None:
            target = self._row_of(keep) or 0
        self.cursor = min(target, max(0, len(rows) - 1))
        self._cursor_moved()
        self.refresh()

    def move_to(self, item_id: str) -> bool:
        """Put the cursor on an item; False if it is not in the rows shown."""
        row = self._row_of(item_id)
        if row is None:
            return False
        self.cursor = row
        return True

    def _row_of(self, item_id: str) -> int | None:
        try:
            position = self._position(item_id)
        except KeyError:
            return None
        row = bisect_left(self._rows, position)  # rows are always in queue order
        return row if row < len(self._rows) and self._rows[row] == position else None

    # keys and mouse --------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, direction: int) -> None:
        if self._rows:
            self.cursor = 0 if direction < 0 else len(self._rows) - 1

    def action_choose(self) -> None:
        item_id = self.current_id
        if item_id is not None:
            self.post_message(self.Chosen(item_id))

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is None:
            return
        if row == self.cursor:
            self.action_choose()
        else:
            self.cursor = row

    def watch_cursor(self) -> None:
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        if self.is_mounted:
            self.scroll_to_region(
                Region(0, self.cursor, 1, 1),
                animate=False,
                force=True,
                immediate=True,
                x_axis=False,
            )
        self.refresh()
        self.post_message(self.Highlighted(self.current_id))

    def refresh_item(self, item_id: str) -> None:
        """Redraw after an item's status changed."""
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows))
        self._cursor_moved()

    # drawing ---------------------------------------------------------------------

    def _visible(self) -> range:
        top = int(self.scroll_offset.y)
        return range(top, min(len(self._rows), top + self.scrollable_content_region.height + 1))

    def title_of(self, item_id: str) -> str | None:
        """The item's title if it has been made."""
        return self._titles.get(item_id)

    def _remember(self, item_id: str) -> None:
        self._titles[item_id] = self._make_title(item_id)
        if len(self._titles) > TITLE_CACHE:
            self._titles.popitem(last=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        started = time.perf_counter()
        missing = False
        for row in self._visible():
            item_id = self._ids[self._rows[row]]
            if item_id in self._titles:
                self._titles.move_to_end(item_id)
            elif time.perf_counter() - started < TITLE_BUDGET:
                self._remember(item_id)
            else:
                missing = True
        if missing and not self._filling:
            self._filling = True
            self.run_worker(self._fill(), group="titles", exclusive=True)
        return super().render_lines(crop)

    async def _fill(self) -> None:
        """Make the titles still missing on screen, yielding to key presses between items."""
        try:
            while True:
                todo = [self._ids[self._rows[r]] for r in self._visible()]
                todo = [i for i in todo if i not in self._titles]
                if not todo:
                    break
                self._remember(todo[0])
                await asyncio.sleep(0)
                self.refresh()
        finally:
            self._filling = False
        self.refresh()

    @property
    def titles_made(self) -> int:
        """How many titles are held (the benchmark and tests check it stays near a screenful)."""
        return len(self._titles)

    @property
    def settled(self) -> bool:
        """Whether every row on screen shows its title (tests wait for this)."""
        return all(self._ids[self._rows[r]] in self._titles for r in self._visible())

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        base = self.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, base)
        position = self._rows[row]
        item_id = self._ids[position]
        status = self._status(item_id)
        symbol, word = STATUS.get(status, ("?", status))
        title = self._titles.get(item_id)
        cursor = row == self.cursor
        style: Callable[[str], Style] = self.get_component_rich_style
        highlight = style("queue-list--cursor") if cursor else Style()
        segments = [
            Segment(
                f" {position + 1:>{self._number_width},} ",
                base + style("queue-list--number") + highlight,
            ),
            Segment(
                f" {symbol} {word:<{STATUS_WIDTH - 2}}",
                base + style(f"queue-list--{status}") + highlight,
            ),
            Segment(f" {item_id:<{self._id_width}}  ", base + highlight),
        ]
        room = width - sum(segment.cell_length for segment in segments)
        segments += [
            Segment(
                shorten(title, room) if title is not None else "…",
                base + (style("queue-list--pending") if title is None else Style()) + highlight,
            ),
        ]
        strip = Strip(segments).crop_extend(0, width, base + highlight)
        return strip.apply_meta({"row": row})


def shorten(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` columns, ending in "…" when it had to be cut (so a cut title
    never reads as a whole one)."""
    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    return set_cell_size(text, cells - 1).rstrip() + "…"
