"""How the commands print: plain text laid out by rich, safe to show whatever a file held."""

from __future__ import annotations

import sys
from typing import Any


def plain_text(text: str) -> str:
    """Text from a trainee's file, safe to print (recsim.core.grading.gradebook.plain_text).

    Imported on use: every recsim command builds this parser, and the grading
    modules are not worth loading for the others.
    """
    from recsim.core.grading.gradebook import plain_text as shown

    return shown(text)


def show(*renderables: Any) -> None:
    """Print tables and text laid out by rich, as plain text that fits the terminal.

    Rendered to a string first so that lines carry no trailing padding and no
    colour codes: the output reads the same in a terminal, a pipe or a file.
    """
    import io
    import shutil

    from rich.console import Console
    from rich.table import Table

    width = max(60, shutil.get_terminal_size((80, 24)).columns)
    buffer = io.StringIO()
    layout = Console(
        file=buffer,
        width=width,
        color_system=None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    for renderable in renderables:
        unbounded = layout.options.update_width(10_000)
        if (
            isinstance(renderable, Table)
            and layout.measure(renderable, options=unbounded).maximum > width
        ):
            renderable.padding = (0, 0)  # one space between columns rather than cut a column short
        layout.print(renderable)
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())
    print(text.rstrip("\n"))


def bar_blocks() -> str:
    """Characters for a text bar chart: blocks where stdout can show them, else ASCII."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "█░".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "#."
    return "█░"


def table(title: str | None = None) -> Any:
    """A rich table in recsim's plain style: a rule under the header, two spaces between columns."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    return Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
        pad_edge=False,
        title=Text(title) if title else None,
        title_justify="left",
    )
