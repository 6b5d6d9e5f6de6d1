"""One entry of the ICD-10-CM index as a :class:`CodeInfo`: what a coder sees of a code.

The index stores each chapter, block and code once, with its own notes; a code
inherits the notes, the 7th characters and the manifestation convention of
every level above it. :func:`entry_info` gathers them, nearest level first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from recsim.coding import index_file, restrictions
from recsim.coding.index_file import Index
from recsim.coding.model import CodeInfo, CodeRange, Kind, Note

if TYPE_CHECKING:
    from recsim.coding.codeset import CodeSet

_NOTE_KEYS = (
    "includes",
    "excludes1",
    "excludes2",
    "code_first",
    "use_additional",
    "code_also",
    "notes",
)
# "... in diseases classified elsewhere", "... in other infectious and parasitic diseases
# classified elsewhere", "... in conditions classified elsewhere" (but not B95-B97's
# "as the cause of diseases classified elsewhere", which are supplementary, not
# manifestations).
_MANIFESTATION = re.compile(r"\bin (?:[a-z-]+ ){0,4}(?:diseases|conditions) classified elsewhere")


def entry_info(cs: CodeSet, entry: int, seventh: str | None) -> CodeInfo:
    """Index ``entry`` as a :class:`CodeInfo`, with 7th character ``seventh`` if given."""
    index = cs.index
    chain = _chain(index, entry)
    tag = cs.tag(entry)
    flags = index.flags[entry]
    # A heading shows the 7th characters its codes take; a complete code without one shows none.
    takes_seventh = (
        seventh or index.sevenths[entry] or (tag == "diag" and not flags & index_file.LEAF)
    )
    meanings = cs.seventh_meanings(entry) if takes_seventh else {}
    code, description = index.codes[entry], index.descriptions[entry]
    if seventh is not None:
        code = (code if len(code) > 3 else code + ".").ljust(7, "X") + seventh
        description = f"{description}, {meanings.get(seventh, '').split('; ')[0]}"
    billable = seventh is not None or bool(flags & index_file.LEAF)
    chapter = chain[-1]
    blocks = [i for i in chain if cs.tag(i) == "section"]
    notes = {key: tuple(_notes(cs, chain, key)) for key in _NOTE_KEYS}
    sex, age = restrictions.rules_for(code) if tag == "diag" else (None, None)
    return CodeInfo(
        code=code,
        description=description,
        kind=_kind(tag, code, billable),
        billable=billable,
        chapter=_chapter_number(index.codes[chapter]),
        chapter_title=index.descriptions[chapter],
        parent=_parent(index, entry, seventh),
        block=index.codes[blocks[0]] if blocks else "",
        inclusion_terms=tuple(
            str(t) for t in cs.details_of(entry).get("inclusion_terms", ()) if isinstance(t, str)
        ),
        includes=notes["includes"],
        excludes1=notes["excludes1"],
        excludes2=notes["excludes2"],
        code_first=notes["code_first"],
        use_additional=notes["use_additional"],
        code_also=notes["code_also"],
        notes=notes["notes"],
        seventh_characters=meanings,
        seventh_note=_nearest(cs, chain, "seventh_note") if meanings else "",
        needs_seventh_character=seventh is None and bool(flags & index_file.NEEDS_SEVENTH),
        seventh_character=seventh,
        manifestation=_manifestation(cs, chain),
        sex=sex,
        age=age,
    )


def _chain(index: Index, entry: int) -> list[int]:
    """The entry and every level above it, up to its chapter."""
    chain = [entry]
    while index.parent[chain[-1]] >= 0 and len(chain) < 12:
        chain.append(index.parent[chain[-1]])
    return chain


def _kind(tag: str, code: str, billable: bool) -> Kind:
    if tag == "chapter":
        return "chapter"
    if tag == "section":
        return "block"
    if len(code) == 3:
        return "category"
    return "code" if billable else "subcategory"


def _chapter_number(code: str) -> int:
    try:
        return int(code)
    except ValueError:
        return 0


def _parent(index: Index, entry: int, seventh: str | None) -> str | None:
    """The code one level up; for a code with its 7th character, the code without it."""
    if seventh is not None:
        return index.codes[entry]
    if index.parent[entry] >= 0:
        return index.codes[index.parent[entry]]
    return None


def _manifestation(cs: CodeSet, chain: list[int]) -> bool:
    """A manifestation code: it or a heading above it is "... classified elsewhere"."""
    codes_above = [i for i in chain if cs.tag(i) == "diag"]
    return any(_MANIFESTATION.search(cs.index.descriptions[i].lower()) for i in codes_above)


def _notes(cs: CodeSet, chain: list[int], key: str) -> Iterator[Note]:
    """Notes of ``key`` on the entry and every level above it, nearest first."""
    for i in chain:
        for raw in cs.details_of(i).get(key, ()):
            note = _note(raw, cs.index.codes[i])
            if note is not None:
                yield note


def _nearest(cs: CodeSet, chain: list[int], key: str) -> str:
    for i in chain:
        value = cs.details_of(i).get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _note(raw: object, at: str) -> Note | None:
    """A stored [text, [[first, last], ...]] as a Note; anything else is ignored."""
    if not (
        isinstance(raw, list)
        and len(raw) == 2
        and isinstance(raw[0], str)
        and isinstance(raw[1], list)
    ):
        return None
    ranges = tuple(
        CodeRange(str(r[0]), str(r[1]))
        for r in raw[1]
        if isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r)
    )
    return Note(raw[0], ranges, at)
