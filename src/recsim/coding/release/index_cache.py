"""The cache file of one built index part: loaded by a file read, a checksum and no parsing.

Layout, as in :mod:`recsim.coding.index_file`: a magic line, one JSON header
line (format version, part name, fiscal year, table columns, byte order, the
payload's SHA-256 and where each section lies), then the payload. A text
section is its entries' UTF-8 text run together plus a packed array of where
each entry starts, so an entry is read by slicing, and loading splits nothing:
the largest part (the Alphabetic Index, about 100,000 entries) is ready in the
time it takes to read and checksum it. Nothing in the file is ever executed
(no pickle, no marshal).

The file is untrusted input: anything that does not match raises
:class:`CacheDamaged`, and the caller reports it and treats the part as not
added (``recsim codes add`` builds it again from the release file). A crafted
file that passes the checksum can at worst show garbled text: every offset is
bounded and every decode replaces what is not UTF-8.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from recsim.core.files import FileRefused, read_bytes

MAGIC = b"RECSIM ICD-10-CM INDEX PART\n"
FORMAT = 2
"""Bump whenever the layout or the meaning of a section changes."""
MAX_HEADER = 16384
MAX_BYTES = 256 * 2**20

PER_ENTRY = ("title", "nemod", "code", "manif", "see", "see_also", "code_also", "cells")
"""Text sections with one value per entry."""
SPARSE = frozenset({"nemod", "manif", "see", "see_also", "code_also", "cells"})
"""Sections most entries leave empty: only the entries that have one are stored, with their
numbers (``<name>#``), so the file does not carry an offset per entry for them."""
TEXT_SECTIONS = (*PER_ENTRY, "vocabulary", "main_keys")
"""``vocabulary``: the sorted words of the main terms; ``main_keys``: main-term titles as
lower-case words, sorted (the first comma part too: "diabetes" for "Diabetes, diabetic")."""
ARRAY_SECTIONS = {"parent": "i", "end": "i", "postings_at": "I", "postings": "I", "main_ids": "I"}


class CacheDamaged(Exception):
    """The cache file is missing, from another version, or damaged; the message says which."""


class Column(Sequence[str]):
    """One text section: entry ``i`` is the UTF-8 text between two offsets, decoded on access."""

    def __init__(self, raw: bytes, base: int, starts: array[int]) -> None:
        self._raw = raw
        self._base = base
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def sparse(self, ids: array[int], count: int) -> Sparse:
        """This column's values as those of entries ``ids`` (sorted) among ``count`` entries."""
        return Sparse(self, ids, count)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        base, starts = self._base, self._starts
        return self._raw[base + starts[i] : base + starts[i + 1]].decode("utf-8", "replace")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def has(self, i: int) -> bool:
        """Whether entry ``i`` is not empty (read without decoding it)."""
        return self._starts[i + 1] > self._starts[i]

    def ascii_block(self, low: int, high: int) -> list[str] | None:
        """Entries ``low`` to ``high`` decoded in one piece when all are ASCII (else None)."""
        starts, first = self._starts, self._starts[low]
        raw = self._raw[self._base + first : self._base + starts[high]]
        if not raw.isascii():
            return None
        text = raw.decode("ascii")
        return [text[starts[i] - first : starts[i + 1] - first] for i in range(low, high)]


class Sparse(Sequence[str]):
    """A section most entries leave empty: the values of the entries ``ids``, "" elsewhere."""

    def __init__(self, values: Column, ids: array[int], count: int) -> None:
        self._values = values
        self._ids = ids
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError(i)
        at = self._find(i)
        return self._values[at] if at >= 0 else ""

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(self._count))

    def items(self) -> Iterator[tuple[int, str]]:
        """(entry, value) of the entries that have a value, in order."""
        return ((i, self._values[n]) for n, i in enumerate(self._ids))

    def ids_in(self, low: int, high: int) -> set[int]:
        """The entries from ``low`` up to ``high`` that have a value."""
        ids = self._ids
        return set(ids[bisect_left(ids, low) : bisect_left(ids, high)])

    def has(self, i: int) -> bool:
        """Whether entry ``i`` has a value."""
        at = self._find(i)
        return at >= 0 and self._values.has(at)

    def _find(self, i: int) -> int:
        at = bisect_left(self._ids, i)
        return at if at < len(self._ids) and self._ids[at] == i else -1


@dataclass
class Part:
    """One loaded index part: entries in document (pre-)order, with their subtrees."""

    name: str
    columns: list[str]
    """The table's column headings after the first (empty for the indexes)."""
    title: Column
    nemod: Sparse
    code: Column
    manif: Sparse
    see: Sparse
    see_also: Sparse
    code_also: Sparse
    cells: Sparse
    """Tab-separated column values, one per heading in ``columns`` ("" when empty)."""
    vocabulary: Column
    main_keys: Column
    parent: array[int]
    """The entry one level up; -1 for a main term."""
    end: array[int]
    """One past the entry's last descendant (its subtree is ``range(i, end[i])``)."""
    postings_at: array[int]
    postings: array[int]
    """Main terms holding each vocabulary word: ``postings[postings_at[w]:postings_at[w+1]]``."""
    main_ids: array[int]
    """The main term of each of ``main_keys``."""


def write(path: Path, header: dict[str, Any], sections: dict[str, list[str] | array[int]]) -> None:
    """Write the cache file at ``path`` (the caller renames it into place)."""
    blobs: list[bytes] = []
    places: dict[str, list[int]] = {}
    offset = 0

    def put(name: str, blob: bytes) -> None:
        nonlocal offset
        places[name] = [offset, len(blob)]
        blobs.append(blob)
        offset += len(blob)

    for name in TEXT_SECTIONS:
        values = sections[name]
        if name in SPARSE:
            ids = array("I", [i for i, v in enumerate(values) if v])
            put(f"{name}#", ids.tobytes())
            values = [str(values[i]) for i in ids]
        encoded = [str(v).encode("utf-8") for v in values]
        starts = array("I", [0])
        for item in encoded:
            starts.append(starts[-1] + len(item))
        put(name, b"".join(encoded))
        put(f"{name}@", starts.tobytes())
    for name in ARRAY_SECTIONS:
        numbers = sections[name]
        assert isinstance(numbers, array)
        put(name, numbers.tobytes())
    payload = b"".join(blobs)
    full = dict(
        header,
        format=FORMAT,
        byteorder=sys.byteorder,
        sections=places,
        sha256=hashlib.sha256(payload).hexdigest(),
        size=len(payload),
    )
    head = json.dumps(full, sort_keys=True).encode("ascii") + b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(MAGIC + head)
        out.write(payload)


def read(path: Path, name: str) -> Part:
    """Load and check the cache file of the part called ``name``."""
    try:
        raw = read_bytes(path, MAX_BYTES, what="index file")
    except FileRefused as refused:
        raise CacheDamaged(f"the file {refused.reason}") from None
    if not raw.startswith(MAGIC):
        raise CacheDamaged("the file is not a recsim index part")
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    try:
        header = json.loads(raw[len(MAGIC) : end]) if end > 0 else None
    except (ValueError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict):
        raise CacheDamaged("the file's header is damaged")
    if header.get("format") != FORMAT or header.get("part") != name:
        raise CacheDamaged("the file was written by another version of recsim")
    payload = memoryview(raw)[end + 1 :]
    if header.get("size") != len(payload):
        raise CacheDamaged("the file is truncated or has extra bytes")
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise CacheDamaged("the file's checksum does not match (it is damaged)")
    try:
        part = _sections(raw, end + 1, header, name)
    except (KeyError, TypeError, ValueError, IndexError):
        raise CacheDamaged("the file's sections are damaged") from None
    _check(part)
    return part


def _sections(raw: bytes, base: int, header: dict[str, Any], name: str) -> Part:
    places = header["sections"]
    size = int(header["size"])
    swap = header["byteorder"] != sys.byteorder

    def place(section: str) -> tuple[int, int]:
        start, length = places[section]
        if not (isinstance(start, int) and isinstance(length, int)) or min(start, length) < 0:
            raise ValueError(section)
        if start + length > size:
            raise ValueError(section)
        return start, length

    def numbers(section: str, typecode: str) -> array[int]:
        start, length = place(section)
        found = array(typecode)
        found.frombytes(raw[base + start : base + start + length])
        if swap:
            found.byteswap()
        return found

    values: dict[str, Any] = {}
    for section in TEXT_SECTIONS:
        start, length = place(section)
        starts = numbers(f"{section}@", "I")
        # Only the ends are checked here (a scan of every offset would cost more than the
        # load): an offset out of order reads other text, never outside the file.
        if not starts or starts[0] != 0 or starts[-1] != length:
            raise ValueError(section)
        column = Column(raw, base + start, starts)
        if section in SPARSE:
            ids = numbers(f"{section}#", "I")
            if len(ids) != len(column):
                raise ValueError(section)
            values[section] = column.sparse(ids, int(header["count"]))
        else:
            values[section] = column
    for section, typecode in ARRAY_SECTIONS.items():
        values[section] = numbers(section, typecode)
    columns = header["columns"]
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise ValueError("columns")
    return Part(name=name, columns=columns, **values)


def _check(part: Part) -> None:
    """Cheap structural checks, none that reads every entry (that would cost more than the
    load). A crafted file that passes them and the checksum fails later with an
    ``IndexError``, which :mod:`recsim.coding.alphabetic` reports as damage."""
    count = len(part.title)
    if count == 0 or any(len(getattr(part, s)) != count for s in PER_ENTRY):
        raise CacheDamaged("the file's sections disagree in length")
    if len(part.parent) != count or len(part.end) != count or part.end[0] > count:
        raise CacheDamaged("the file's hierarchy is damaged")
    if len(part.postings_at) != len(part.vocabulary) + 1 or len(part.main_ids) != len(
        part.main_keys
    ):
        raise CacheDamaged("the file's word index is damaged")
    if part.postings_at[-1] != len(part.postings):
        raise CacheDamaged("the file's word index is damaged")
