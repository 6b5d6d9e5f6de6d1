"""The compact ICD-10-CM index file: built once, then loaded in a few milliseconds.

Layout: a magic line, one JSON header line, then the payload. The header names
the format version, the source it was built from (package version and data
file sizes), the byte order, the payload's SHA-256 and where each section
lies. Sections are newline-joined text (codes, descriptions, index words) or
packed integer arrays (parents, ranks, postings), so loading is a file read, a
checksum and a few splits; nothing in the file is ever executed (no pickle,
no marshal). Per-entry notes are small JSON documents decoded only when an
entry is asked for.

The file is untrusted input: anything that does not match (truncated,
garbage, another format or source) raises :class:`IndexDamaged`, and the
caller rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recsim.core.files import FileRefused, read_bytes

MAGIC = b"RECSIM ICD-10-CM INDEX\n"
FORMAT = 2
"""Bump whenever the layout or the meaning of a section changes."""
MAX_HEADER = 4096
MAX_INDEX_BYTES = 256 * 2**20
"""Far above a real index (about 14 MB): anything larger is not one of ours."""

TEXT_SECTIONS = (
    "codes",
    "descriptions",
    "hay",
    "extra",
    "phrases",
    "sevenths",
    "seventh_words",
    "vocabulary",
)
ARRAY_SECTIONS = {
    "parent": "i",
    "rank": "i",
    "by_code": "i",
    "postings_at": "I",
    "postings": "I",
    "details_at": "I",
}
BYTE_SECTIONS = ("flags", "details")

LEAF, NEEDS_SEVENTH = 1, 2
TAG_SHIFT = 2
TAGS = ("chapter", "section", "diag")


class IndexDamaged(Exception):
    """The index file is missing, stale or damaged; the message says which."""


@dataclass
class Index:
    """The loaded sections, checked for consistency."""

    codes: list[str]
    descriptions: list[str]
    hay: list[str]
    extra: list[str]
    phrases: list[str]
    sevenths: list[str]
    seventh_words: list[str]
    vocabulary: list[str]
    flags: bytes
    parent: array[int]
    rank: array[int]
    by_code: array[int]
    postings_at: array[int]
    postings: array[int]
    details_at: array[int]
    details: bytes
    header: dict[str, Any]

    def details_of(self, index: int) -> dict[str, Any]:
        """The JSON notes of one entry; a malformed document raises :class:`IndexDamaged`."""
        start, end = self.details_at[index], self.details_at[index + 1]
        if not 0 <= start <= end <= len(self.details):
            raise IndexDamaged("an entry's notes point outside the index file")
        if start == end:
            return {}
        try:
            value = json.loads(self.details[start:end])
        except (ValueError, UnicodeDecodeError):
            raise IndexDamaged("an entry's notes in the index file are not readable") from None
        if not isinstance(value, dict):
            raise IndexDamaged("an entry's notes in the index file have the wrong shape")
        return value


def write(
    path: Path, header: dict[str, Any], sections: dict[str, bytes | str | array[int]]
) -> None:
    """Write the index atomically: a temporary file in the same folder, then ``os.replace``."""
    blobs: list[bytes] = []
    places: dict[str, list[int]] = {}
    offset = 0
    for name in (*TEXT_SECTIONS, *ARRAY_SECTIONS, *BYTE_SECTIONS):
        value = sections[name]
        blob = value.encode("utf-8") if isinstance(value, str) else bytes(value)
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
    handle, temporary = tempfile.mkstemp(prefix=".icd10cm-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + head)
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read(path: Path, expected: dict[str, Any]) -> Index:
    """Load and check an index; ``expected`` header values (e.g. the source stamp) must match."""
    try:
        raw = read_bytes(path, MAX_INDEX_BYTES, what="index file")
    except FileRefused as refused:
        if refused.reason == "no such file":
            raise IndexDamaged("there is no index yet") from None
        raise IndexDamaged(f"the index file {refused.reason}") from None
    if not raw.startswith(MAGIC):
        raise IndexDamaged("the index file is not a recsim index")
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise IndexDamaged("the index file's header is damaged")
    try:
        header = json.loads(raw[len(MAGIC) : end])
    except (ValueError, UnicodeDecodeError):
        raise IndexDamaged("the index file's header is damaged") from None
    if not isinstance(header, dict):
        raise IndexDamaged("the index file's header is damaged")
    if header.get("format") != FORMAT:
        raise IndexDamaged("the index was written by another version of recsim")
    for key, value in expected.items():
        if header.get(key) != value:
            raise IndexDamaged("the index was built from another release of the code set")
    payload = memoryview(raw)[end + 1 :]
    if header.get("size") != len(payload):
        raise IndexDamaged("the index file is truncated or has extra bytes")
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise IndexDamaged("the index file's checksum does not match (it is damaged)")
    try:
        index = _sections(payload, header)
    except (KeyError, TypeError, ValueError, UnicodeDecodeError, IndexError):
        raise IndexDamaged("the index file's sections are damaged") from None
    _check(index)
    return index


def _sections(payload: memoryview, header: dict[str, Any]) -> Index:
    places = header["sections"]
    values: dict[str, Any] = {}

    def blob(name: str) -> memoryview:
        start, length = places[name]
        if (
            not (isinstance(start, int) and isinstance(length, int))
            or start < 0
            or length < 0
            or start + length > len(payload)
        ):
            raise ValueError(name)
        return payload[start : start + length]

    for name in TEXT_SECTIONS:
        text = bytes(blob(name)).decode("utf-8")
        values[name] = text.split("\n") if text else []
    swap = header["byteorder"] != sys.byteorder
    for name, typecode in ARRAY_SECTIONS.items():
        numbers = array(typecode)
        numbers.frombytes(blob(name))
        if swap:
            numbers.byteswap()
        values[name] = numbers
    for name in BYTE_SECTIONS:
        values[name] = bytes(blob(name))
    return Index(header=header, **values)


def _check(index: Index) -> None:
    """Cheap structural checks: a crafted file fails cleanly, never indexes out of range."""
    count = len(index.codes)
    per_entry = (
        index.descriptions,
        index.hay,
        index.extra,
        index.phrases,
        index.sevenths,
        index.seventh_words,
        index.flags,
        index.parent,
        index.rank,
        index.by_code,
    )
    if count == 0 or any(len(values) != count for values in per_entry):
        raise IndexDamaged("the index file's sections disagree in length")
    if len(index.details_at) != count + 1 or len(index.postings_at) != len(index.vocabulary) + 1:
        raise IndexDamaged("the index file's offsets are damaged")
    if min(index.parent) < -1 or max(index.parent) >= count:
        raise IndexDamaged("the index file's hierarchy is damaged")
    for numbers in (index.rank, index.by_code):
        if min(numbers) < 0 or max(numbers) >= count:
            raise IndexDamaged("the index file's ordering is damaged")
    if index.postings and max(index.postings) >= count:
        raise IndexDamaged("the index file's word index is damaged")
    if max(index.postings_at) > len(index.postings) or max(index.details_at) > len(index.details):
        raise IndexDamaged("the index file's offsets are damaged")
    if max(index.flags) >> TAG_SHIFT >= len(TAGS):
        raise IndexDamaged("the index file's entry kinds are damaged")
