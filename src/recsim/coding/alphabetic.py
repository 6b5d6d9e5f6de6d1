"""The ICD-10-CM Alphabetic Index, once a user has added the CMS release files.

recsim ships no copy of the index: ``recsim codes add`` builds the four index
parts of the CMS release (:mod:`recsim.coding.release.cm_index`) into the
cache, and :func:`alphabetic_index` loads whichever are there. A coder's
workflow (Guidelines Section I.A and I.B.1) is to look the main term up in the
index, follow its subterms to a code, then verify the code in the tabular list;
this module gives that walk (:meth:`AlphabeticIndex.walk`), the way back from a
code to the index path that leads to it (:meth:`AlphabeticIndex.path_to`), and
the data :mod:`recsim.coding.index_search` searches.
"""

from __future__ import annotations

import contextlib
import threading
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from recsim.coding.release.cm_names import CM_PARTS
from recsim.coding.release.index_cache import CacheDamaged, Part, read
from recsim.coding.release.parts import release_file
from recsim.coding.words import tokens

ADD_HINT = (
    "add the CMS FY2026 ICD-10-CM release with recsim codes add (docs/coding.md, "
    '"The Alphabetic Index")'
)


@dataclass(frozen=True)
class IndexEntry:
    """One entry of an index part, with the path of titles that leads to it."""

    part: str
    """The part's title, e.g. "ICD-10-CM Alphabetic Index"."""
    path: tuple[str, ...]
    """Titles from the main term down to this entry."""
    nemod: str
    code: str
    manif: str
    """A manifestation code, shown in brackets after the code (Guidelines I.A.13)."""
    see: str
    see_also: str
    code_also: str
    columns: tuple[tuple[str, str], ...]
    """(heading, code) of a table's filled columns."""
    subterms: int

    def trail(self) -> str:
        """The path as a coder writes it: "Diabetes, type 2, with hyperglycemia"."""
        return trail(self.path)

    def to_dict(self) -> dict[str, object]:
        return {
            "part": self.part,
            "path": list(self.path),
            "nonessential_modifiers": self.nemod,
            "code": self.code,
            "manifestation": self.manif,
            "see": self.see,
            "see_also": self.see_also,
            "code_also": self.code_also,
            "columns": dict(self.columns),
            "subterms": self.subterms,
        }


def trail(path: tuple[str, ...] | list[str]) -> str:
    """Titles joined as in a coding note; a "with"/"without" subterm runs into the next."""
    if not path:
        return ""
    out = [path[0].split(",")[0]]
    for title in path[1:]:
        if out[-1] in ("with", "without") and len(out) > 1:
            out[-1] = f"{out[-1]} {title}"
        else:
            out.append(title)
    return ", ".join(out)


class AlphabeticIndex:
    """The loaded index parts, in the order a coder consults them."""

    def __init__(self, parts: list[tuple[str, Part]]) -> None:
        self.parts = parts
        self._by_code: dict[str, list[tuple[int, int, str]]] | None = None
        self._named: dict[tuple[int, str], list[int]] = {}
        self._lock = threading.Lock()

    def entry(self, part: int, i: int) -> IndexEntry:
        title, data = self.parts[part]
        cells = data.cells[i].split("\t") if data.columns else []
        return IndexEntry(
            part=title,
            path=tuple(data.title[j] for j in self.lineage(part, i)),
            nemod=data.nemod[i],
            code=data.code[i],
            manif=data.manif[i],
            see=data.see[i],
            see_also=data.see_also[i],
            code_also=data.code_also[i],
            columns=tuple((h, c) for h, c in zip(data.columns, cells, strict=False) if c),
            subterms=len(self.children(part, i)),
        )

    def lineage(self, part: int, i: int) -> list[int]:
        """The entries from the main term down to ``i``."""
        parent = self.parts[part][1].parent
        chain = [i]
        while parent[chain[-1]] >= 0 and len(chain) < 32:
            chain.append(parent[chain[-1]])
        return chain[::-1]

    def children(self, part: int, i: int) -> list[int]:
        data = self.parts[part][1]
        found, j = [], i + 1
        while j < data.end[i]:
            found.append(j)
            j = max(data.end[j], j + 1)
        return found

    def mains_named(self, part: int, words: list[str]) -> list[int]:
        """Main terms whose title (or its first comma part) is ``words``, in index order."""
        data = self.parts[part][1]
        key = " ".join(words)
        known = self._named.get((part, key))
        if known is not None:
            return known
        low = bisect_left(data.main_keys, key)
        found = []
        while low < len(data.main_keys) and data.main_keys[low] == key:
            found.append(data.main_ids[low])
            low += 1
        if len(self._named) < 50_000:
            self._named[(part, key)] = sorted(found)
        return sorted(found)

    def walk(self, term: str) -> list[tuple[int, int]]:
        """Entries reached by a comma-separated path ("Diabetes, type 2, with"), in each part."""
        steps = [tokens(step) for step in term.split(",")]
        steps = [s for s in steps if s]
        if not steps:
            return []
        found = []
        for part in range(len(self.parts)):
            for main in self.mains_named(part, steps[0]):
                reached = self.descend(part, main, [w for s in steps[1:] for w in s])
                if reached is not None:
                    found.append((part, reached))
        return found

    def descend(self, part: int, start: int, words: list[str]) -> int | None:
        """Follow subterms whose titles spell ``words`` in order; None when one is missing."""
        data = self.parts[part][1]
        at, left = start, words
        while left:
            best = None
            for child in self.children(part, at):
                title = tokens(data.title[child])
                # The last words may start a title that has commas of its own ("from, off").
                size = len(title) if left[: len(title)] == title else len(left)
                if title and title[:size] == left[:size] and (best is None or size > best[1]):
                    best = (child, size)
            if best is None:
                return None
            at, left = best[0], left[best[1] :]
        return at

    def path_to(self, code: str) -> IndexEntry | None:
        """The shortest index path that ends at ``code`` (or its code without the 7th character)."""
        if self._by_code is None:
            with self._lock:
                self._by_code = _by_code(self.parts)
        for key in _lookup_forms(code):
            places = self._by_code.get(key)
            if places:
                part, i, heading = min(places, key=lambda p: (len(self.lineage(p[0], p[1])), p))
                found = self.entry(part, i)
                if heading:
                    return IndexEntry(**{**found.__dict__, "path": (*found.path, heading)})
                return found
        return None


def _by_code(parts: list[tuple[str, Part]]) -> dict[str, list[tuple[int, int, str]]]:
    found: dict[str, list[tuple[int, int, str]]] = {}
    for p, (_, data) in enumerate(parts):
        # Codes are ASCII: the section is decoded in one piece, not entry by entry.
        codes = data.code.ascii_block(0, len(data.code)) or list(data.code)
        for i, code in enumerate(codes):
            if code:
                found.setdefault(code.upper(), []).append((p, i, ""))
        if data.columns:
            for i, cells in data.cells.items():
                for heading, value in zip(data.columns, cells.split("\t"), strict=False):
                    if value:
                        found.setdefault(value.upper(), []).append((p, i, heading))
    return found


def _lookup_forms(code: str) -> list[str]:
    """The code, then the shorter codes ending in "-" (the index's "characters follow")."""
    code = code.strip().upper()
    forms = [code]
    if len(code) == 8 and code[3] == ".":
        forms.append(code[:7].rstrip("X").rstrip("."))
    forms += [f"{code[:size].rstrip('.')}-" for size in range(len(code) - 1, 2, -1)]
    return forms


def index_note(code: str) -> str:
    """ "Index: Diabetes, type 2, with hyperglycemia -> E11.65" for feedback ("" without the index).

    A table's path ends with its column ("Table of Neoplasms: lung, Malignant Primary"). When
    the index gives fewer characters than the code ("C34.9-"), the tabular list supplies the
    rest, which is why every code is verified there (Guidelines I.B.1).
    """
    index = alphabetic_index().index
    entry = guarded(lambda: index.path_to(code), None) if index is not None else None
    if entry is None:
        return ""
    where = "Index" if entry.part == CM_PARTS[0][1] else entry.part.removeprefix("ICD-10-CM ")
    shown = entry.code or dict(entry.columns).get(entry.path[-1], "")
    if shown.rstrip("-") == code or not shown:
        return f"{where}: {entry.trail()} -> {code}"
    return f"{where}: {entry.trail()} -> {shown}, completed in the Tabular List as {code}"


# -- the index of the process ------------------------------------------------------------------


@dataclass(frozen=True)
class IndexState:
    """What is there: the index (None when no part is added) and any problems to report."""

    index: AlphabeticIndex | None
    missing: tuple[str, ...]
    """Titles of the parts not added."""
    problems: tuple[str, ...]
    """One sentence per damaged cache file (removed, to be added again), given once."""


_state: tuple[tuple[object, ...], IndexState] | None = None
_state_lock = threading.Lock()
_failed: list[str] = []
"""Problems found while using a part that passed its load checks (reported at the next load)."""
T = TypeVar("T")


def guarded(call: Callable[[], T], fallback: T) -> T:
    """``call()``, or ``fallback`` when a cache file that passed its checks proves damaged.

    Loading checks only what is cheap; an entry that points outside its part raises
    ``IndexError`` when used. Such files are never trusted again: they are removed, and the
    next :func:`alphabetic_index` reports it.
    """
    global _state
    try:
        return call()
    except (IndexError, ValueError, KeyError):
        with _state_lock:
            for name, _ in CM_PARTS:
                with contextlib.suppress(OSError):
                    release_file(name).unlink()
            _state = None
            _failed.append(
                "The ICD-10-CM index in the cache was damaged (an entry pointed outside its "
                "file). It was removed; add the release again with recsim codes add."
            )
        return fallback


def alphabetic_index() -> IndexState:
    """The index parts in the cache, loaded once (again only when the cache files change)."""
    global _state
    paths = [release_file(name) for name, _ in CM_PARTS]
    stamp = tuple(_stamp(path) for path in paths)
    known = _state
    if known is not None and known[0] == stamp:
        return known[1]
    with _state_lock:
        state = _load(paths)
        if _failed:
            state = IndexState(state.index, state.missing, (*_failed, *state.problems))
            _failed.clear()
        # Problems are told once: the files at fault are gone, so the cached state has none.
        _state = (tuple(_stamp(path) for path in paths), IndexState(state.index, state.missing, ()))
        return state


def _stamp(path: Path) -> object:
    try:
        info = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), info.st_mtime_ns, info.st_size)


def _load(paths: list[Path]) -> IndexState:
    loaded: list[tuple[str, Part]] = []
    missing: list[str] = []
    problems: list[str] = []
    for (name, title), path in zip(CM_PARTS, paths, strict=True):
        if not path.exists():
            missing.append(title)
            continue
        try:
            loaded.append((title, read(path, name)))
        except CacheDamaged as damaged:
            missing.append(title)
            problems.append(
                f"The {title} in the cache ({path}) could not be used: {damaged}. "
                "It was removed; add the release again with recsim codes add."
            )
            with contextlib.suppress(OSError):
                path.unlink()
    return IndexState(AlphabeticIndex(loaded) if loaded else None, tuple(missing), tuple(problems))
