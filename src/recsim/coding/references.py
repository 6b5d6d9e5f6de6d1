"""Code references inside the tabular list's notes: "(O10-O11, O13-O16)", "(H35.0-)".

Only codes in parentheses count: that is where the tabular list puts the codes
a note points to, and the text outside holds words ("HIV", "type 2") that a
looser reading would take for codes. "(E08-E13 with .43)" means the .43 code
of each category from E08 to E13, so it becomes E08.43, E09.43, ... rather
than the whole of diabetes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?"
_REFERENCE = re.compile(rf"(?<![0-9A-Za-z])({_CODE})(?:\.?-(?:({_CODE})(?:\.-)?)?)?(?![0-9A-Za-z])")
_GROUP = re.compile(r"\(([^()]*)\)")
_SUFFIX = re.compile(r"\.([0-9A-Z]{1,4})")

Range = tuple[str, str]


def references(
    text: str, exists: Callable[[str], bool], categories: Callable[[str, str], list[str]]
) -> list[Range]:
    """The code ranges a note names, as (first, last), keeping only codes that exist.

    ``exists(code)`` says whether an entry exists; ``categories(first, last)``
    lists the three-character categories from ``first`` to ``last``.
    """
    found: list[Range] = []
    for group in _GROUP.finditer(text):
        inside = group.group(1)
        left, with_, right = inside.partition(" with ")
        if with_:
            found.extend(_with_suffixes(left, right, exists, categories))
            continue
        for first, last in _ranges(inside):
            if exists(first) and (last == first or exists(last) or exists(last[:3])):
                found.append((first, last))
    return list(dict.fromkeys(found))


def _ranges(text: str) -> Iterator[Range]:
    for match in _REFERENCE.finditer(text):
        first, last = match.group(1), match.group(2) or match.group(1)
        yield first, last


def _with_suffixes(
    left: str,
    right: str,
    exists: Callable[[str], bool],
    categories: Callable[[str, str], list[str]],
) -> Iterator[Range]:
    suffixes = _SUFFIX.findall(right)
    for first, last in _ranges(left):
        for category in categories(first[:3], last[:3]):
            for suffix in suffixes:
                code = f"{category}.{suffix}"
                if exists(code):
                    yield code, code
