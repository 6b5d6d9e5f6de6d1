"""Documents on screen: headings and labelled facts built as Content (never parsed as markup)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from textual.content import Content


def heading(text: str) -> Content:
    """A section heading."""
    return Content.styled(text, "bold $text-primary")


def shown(value: Any) -> str:
    """A value as the trainee reads it: enums in words, nothing as "(none)"."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value) or "(none)"
    text = str(value)
    return text.replace("_", " ") if text.replace("_", "").isalpha() and "_" in text else text


def facts(pairs: Iterable[tuple[str, Any]]) -> Content:
    """``Label: value`` lines with the label in bold."""
    return Content("\n").join(
        Content.assemble((f"{label}: ", "bold"), shown(value)) for label, value in pairs
    )


def stack(*parts: Content | str) -> Content:
    """Blocks one under another with a blank line between them."""
    return Content("\n\n").join(Content(p) if isinstance(p, str) else p for p in parts if p)


def words(name: str) -> str:
    """An answer-model value in words: ``release_partial`` -> ``release partial``."""
    return name.replace("_", " ")


def reflow(text: str, width: int = 55) -> str:
    """Join lines a document wrapped at a fixed width, so the screen can wrap them to fit.

    A line of ``width`` characters or more followed by one that does not start a list
    item is taken to continue on the next; short lines (headings, lists) stay as they are.
    """
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= width and line.strip() and not _starts_item(line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _starts_item(line: str) -> bool:
    stripped = line.lstrip()
    head = stripped.split(" ", 1)[0]
    return (
        stripped[:1] in "-*•" or (head[:-1].isdigit() and head[-1:] in ".)") or head.endswith(":")
    )
