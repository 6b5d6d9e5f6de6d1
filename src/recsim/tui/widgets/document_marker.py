"""A document the trainee moves through word by word to select spans and mark them.

The text is wrapped here (so every screen line maps back to character offsets
of the original), drawn line by line, and never edited. The cursor is a word
in reverse video; Shift+arrows extend a selection (reverse and underlined);
marked spans are underlined and bold, so none of it rests on colour alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

_WORD = re.compile(r"\S+")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Screen lines as (start, end) offsets into ``text``, paragraphs kept.

    A word is split only when it is wider than the screen.
    """
    width = max(8, width)
    lines: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        here = start
        while end - here > width:
            cut = text.rfind(" ", here, here + width + 1)
            if cut <= here:
                cut = here + width  # one word wider than the screen: break it
                lines.append((here, cut))
                here = cut
            else:
                lines.append((here, cut))
                here = cut + 1
        lines.append((here, end))
        start = end + 1
    return lines


class DocumentMarker(ScrollView, can_focus=True):
    """Read-only document with a word cursor, a selection and marked spans."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Previous word", show=False),
        Binding("right", "move(1)", "Next word", show=False),
        Binding("shift+left", "extend(-1)", "Select left", show=False),
        Binding("shift+right", "extend(1)", "Select right", show=False),
        Binding("up", "line(-1)", "Line up", show=False),
        Binding("down", "line(1)", "Line down", show=False),
        Binding("shift+up", "extend_line(-1)", "Select up", show=False),
        Binding("shift+down", "extend_line(1)", "Select down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "Start", show=False),
        Binding("end", "edge(1)", "End", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-marker--cursor",
        "document-marker--selection",
        "document-marker--mark",
    }
    DEFAULT_CSS = """
    DocumentMarker {
        height: 1fr;
        scrollbar-gutter: stable;
        background: $surface;
        padding: 0 1;
        & > .document-marker--cursor { text-style: reverse; }
        & > .document-marker--selection { text-style: reverse underline; }
        & > .document-marker--mark { text-style: bold underline; color: $text-accent; }
    }
    """

    class Moved(Message):
        """The cursor or the selection changed."""

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.marks: list[tuple[int, int]] = []
        self.cursor = 0
        self.selecting_from: int | None = None
        """The word a Shift-selection started at (None: just the word under the cursor)."""
        self._lines: list[tuple[int, int]] = wrap(text, 80)
        self._starts = [start for start, _ in self._lines]

    # what is selected --------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """Character range of the selection (the word under the cursor when nothing is extended)."""
        if not self.tokens:
            return None
        first, last = sorted(
            (self.cursor, self.cursor if self.selecting_from is None else self.selecting_from)
        )
        return self.tokens[first][0], self.tokens[last][1]

    def set_marks(self, marks: Sequence[tuple[int, int]]) -> None:
        self.marks = sorted(marks)
        self.refresh()

    def clear_selection(self) -> None:
        self.selecting_from = None
        self.refresh()
        self.post_message(self.Moved())

    # moving ------------------------------------------------------------------------------

    def _go(self, token: int, *, extend: bool) -> None:
        if not self.tokens:
            return
        if extend and self.selecting_from is None:
            self.selecting_from = self.cursor
        elif not extend:
            self.selecting_from = None
        self.cursor = max(0, min(len(self.tokens) - 1, token))
        line = self._line_of(self.tokens[self.cursor][0])
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, force=True, immediate=True)
        self.refresh()
        self.post_message(self.Moved())

    def _line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def _token_near(self, line: int, column: int) -> int:
        """The word on screen line ``line`` closest to ``column``."""
        line = max(0, min(len(self._lines) - 1, line))
        start, end = self._lines[line]
        best, distance = None, None
        for number, (first, _last) in enumerate(self.tokens):
            if start <= first <= end:
                gap = abs((first - start) - column)
                if distance is None or gap < distance:
                    best, distance = number, gap
            elif first > end:
                break
        if best is not None:
            return best
        # an empty line: the next word after it
        return next(
            (n for n, (first, _) in enumerate(self.tokens) if first >= start), len(self.tokens) - 1
        )

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step, extend=False)

    def action_extend(self, step: int) -> None:
        self._go(self.cursor + step, extend=True)

    def _vertical(self, lines: int, *, extend: bool) -> None:
        if not self.tokens:
            return
        offset = self.tokens[self.cursor][0]
        line = self._line_of(offset)
        column = offset - self._lines[line][0]
        target = line + lines
        if 0 <= target < len(self._lines):
            self._go(self._token_near(target, column), extend=extend)

    def action_line(self, step: int) -> None:
        self._vertical(step, extend=False)

    def action_extend_line(self, step: int) -> None:
        self._vertical(step, extend=True)

    def action_page(self, step: int) -> None:
        self._vertical(step * max(1, self.scrollable_content_region.height - 1), extend=False)

    def action_edge(self, step: int) -> None:
        self._go(0 if step < 0 else len(self.tokens) - 1, extend=False)

    def on_click(self, event: events.Click) -> None:
        offset = event.style.meta.get("offset")
        if offset is None:
            return
        for number, (first, last) in enumerate(self.tokens):
            if first <= offset < last or first > offset:
                self._go(number, extend=event.shift)
                return

    # drawing -----------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._lines = wrap(self.text, self.scrollable_content_region.width)
        self._starts = [start for start, _ in self._lines]
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))
        if self.tokens:
            line = self._line_of(self.tokens[self.cursor][0])
            self.scroll_to_region(Region(0, line, 1, 1), animate=False, force=True, immediate=True)

    def _styles_at(self) -> tuple[Style, Style, Style, Style]:
        get = self.get_component_rich_style
        return (
            self.rich_style,
            get("document-marker--cursor"),
            get("document-marker--selection"),
            get("document-marker--mark"),
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base, cursor_style, selection_style, mark_style = self._styles_at()
        row = int(self.scroll_offset.y) + y
        if row >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[row]
        selected = self.selection()
        cursor = self.tokens[self.cursor] if self.tokens else None
        extended = self.selecting_from is not None and self.selecting_from != self.cursor
        bounds = {start, end}
        for first, last in [*self.marks, *([selected] if selected else [])]:
            bounds.update(b for b in (first, last) if start < b < end)
        edges = sorted(bounds)
        segments = []
        for first, last in pairwise(edges):
            style = base
            if any(a <= first and last <= b for a, b in self.marks):
                style += mark_style
            if selected and selected[0] <= first and last <= selected[1]:
                style += selection_style if extended else cursor_style if cursor else Style()
            segments.append(Segment(self.text[first:last], style + Style(meta={"offset": first})))
        return Strip(segments).crop_extend(0, width, base)
