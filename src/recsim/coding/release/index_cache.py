"""The cache file of one built index part: a file read, a checksum and a few splits to load.

Layout, as in :mod:`recsim.coding.index_file`: a magic line, one JSON header
line (format version, part name, fiscal year, table columns, byte order, the
payload's SHA-256 and where each section lies), then the payload. Text
sections hold one line per entry; the arrays are packed integers. Nothing in
the file is ever executed (no pickle, no marshal).

The file is untrusted input: anything that does not match raises
:class:`CacheDamaged`, and the caller reports it and treats the part as not
added (``recsim codes add`` builds it again from the release file).
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recsim.core.files import FileRefused, read_bytes

MAGIC = b"RECSIM ICD-10-CM INDEX PART\n"
FORMAT = 1
"""Bump whenever the layout or the meaning of a section changes."""
MAX_HEADER = 8192
MAX_BYTES = 256 * 2**20

TEXT_SECTIONS = (
    "title",
    "nemod",
    "code",
    "manif",
    "see",
    "see_also",
    "code_also",
    "cells",
    "hay",
    "vocabulary",
)
"""One line per entry, except ``vocabulary``: the sorted words of the main terms."""
ARRAY_SECTIONS = {"parent": "i", "end": "i", "postings_at": "I", "postings": "I"}
PER_ENTRY = ("title", "nemod", "code", "manif", "see", "see_also", "code_also", "cells", "hay")


class CacheDamaged(Exception):
    """The cache file is missing, from another version, or damaged; the message says which."""


@dataclass
class Part:
    """One loaded index part: entries in document (pre-)order, with their subtrees."""

    name: str
    columns: list[str]
    """The table's column headings after the first (empty for the indexes)."""
    title: list[str]
    nemod: list[str]
    code: list[str]
    manif: list[str]
    see: list[str]
    see_also: list[str]
    code_also: list[str]
    cells: list[str]
    """Tab-separated column values, one per heading in ``columns`` ("" when empty)."""
    hay: list[str]
    """The folded search words of each entry's title and nonessential modifiers."""
    vocabulary: list[str]
    parent: array[int]
    """The entry one level up; -1 for a main term."""
    end: array[int]
    """One past the entry's last descendant (its subtree is ``range(i, end[i])``)."""
    postings_at: array[int]
    postings: array[int]
    """Main terms holding each vocabulary word: ``postings[postings_at[w]:postings_at[w+1]]``."""


def write(path: Path, header: dict[str, Any], sections: dict[str, str | array[int]]) -> None:
    """Write the cache file at ``path`` (the caller renames it into place)."""
    blobs: list[bytes] = []
    places: dict[str, list[int]] = {}
    offset = 0
    for name in (*TEXT_SECTIONS, *ARRAY_SECTIONS):
        value = sections[name]
        blob = value.encode("utf-8") if isinstance(value, str) else value.tobytes()
        places[name] = [offset, len(blob)]
        blobs.append(blob)
        offset += len(blob)
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
        part = _sections(payload, header, name)
    except (KeyError, TypeError, ValueError, UnicodeDecodeError, IndexError):
        raise CacheDamaged("the file's sections are damaged") from None
    _check(part)
    return part


def _sections(payload: memoryview, header: dict[str, Any], name: str) -> Part:
    places = header["sections"]
    values: dict[str, Any] = {}

    def blob(section: str) -> memoryview:
        start, length = places[section]
        if not (isinstance(start, int) and isinstance(length, int)) or min(start, length) < 0:
            raise ValueError(section)
        if start + length > len(payload):
            raise ValueError(section)
        return payload[start : start + length]

    for section in TEXT_SECTIONS:
        text = bytes(blob(section)).decode("utf-8")
        # An entry's line may be empty; only the vocabulary may have no lines at all.
        values[section] = text.split("\n") if text or section in PER_ENTRY else []
    swap = header["byteorder"] != sys.byteorder
    for section, typecode in ARRAY_SECTIONS.items():
        numbers = array(typecode)
        numbers.frombytes(blob(section))
        if swap:
            numbers.byteswap()
        values[section] = numbers
    columns = header["columns"]
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise ValueError("columns")
    return Part(name=name, columns=columns, **values)


def _check(part: Part) -> None:
    """Cheap structural checks: a crafted file fails cleanly, never indexes out of range."""
    count = len(part.title)
    if count == 0 or any(len(getattr(part, s)) != count for s in PER_ENTRY):
        raise CacheDamaged("the file's sections disagree in length")
    if len(part.parent) != count or len(part.end) != count:
        raise CacheDamaged("the file's hierarchy is damaged")
    if min(part.parent) < -1 or max(part.parent) >= count:
        raise CacheDamaged("the file's hierarchy is damaged")
    if min(part.end) < 1 or max(part.end) > count:
        raise CacheDamaged("the file's hierarchy is damaged")
    if len(part.postings_at) != len(part.vocabulary) + 1:
        raise CacheDamaged("the file's word index is damaged")
    if max(part.postings_at) > len(part.postings):
        raise CacheDamaged("the file's word index is damaged")
    if part.postings and max(part.postings) >= count:
        raise CacheDamaged("the file's word index is damaged")
