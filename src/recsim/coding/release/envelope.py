"""The envelope of a release part's cache file: magic line, checked JSON header, JSON payload.

As the ICD-10-CM index file (:mod:`recsim.coding.index_file`): a magic line naming
the kind of file, one JSON header line (format, payload size and SHA-256, and what
the part adds), then the payload, one JSON document. Nothing in it is executed.
The file is untrusted input: anything that does not match raises
:class:`EnvelopeDamaged` with the reason in a few words.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from recsim.core.files import FileRefused, read_bytes

MAX_HEADER = 4096
MAX_BYTES = 64 * 2**20
"""Far above any release part's cache file (a few megabytes): anything larger is not ours."""


class EnvelopeDamaged(Exception):
    """The file is missing (``missing``) or not one of ours; the message is the reason."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.missing = missing


def write(path: Path, magic: bytes, header: dict[str, Any], document: object) -> None:
    """Write ``document`` under ``header`` to ``path`` (the caller's temporary name), synced."""
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    full = dict(header, size=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    head = json.dumps(full, sort_keys=True).encode("ascii") + b"\n"
    with path.open("wb") as out:
        out.write(magic + head + payload)
        out.flush()
        os.fsync(out.fileno())


def read(path: Path, magic: bytes, fmt: int, what: str) -> tuple[dict[str, Any], Any]:
    """The header and the payload of the file at ``path``, checked; or :class:`EnvelopeDamaged`."""
    try:
        raw = read_bytes(path, MAX_BYTES, what=what)
    except FileRefused as refused:
        missing = refused.reason == "no such file"
        raise EnvelopeDamaged(f"it {refused.reason}", missing=missing) from None
    if not raw.startswith(magic):
        raise EnvelopeDamaged(f"it is not a recsim {what}")
    end = raw.find(b"\n", len(magic), len(magic) + MAX_HEADER)
    try:
        header = json.loads(raw[len(magic) : end]) if end > 0 else None
    except (ValueError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict):
        raise EnvelopeDamaged("its header is damaged")
    if header.get("format") != fmt:
        raise EnvelopeDamaged("it was written by another version of recsim")
    payload = raw[end + 1 :]
    if header.get("size") != len(payload):
        raise EnvelopeDamaged("it is truncated or has extra bytes")
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise EnvelopeDamaged("its checksum does not match")
    try:
        return header, json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        raise EnvelopeDamaged("its payload is damaged") from None
