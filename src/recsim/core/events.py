"""The event chain of an attempt: every action, in order, each hashed onto the last.

A results file carries the chain, so an edited, reordered or removed event
breaks it (docs/instructors.md says what this can and cannot prove).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """The one JSON text of a value that digests are computed over."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_pretty(value: Any) -> str:
    """The same JSON, indented for people (digests never depend on layout)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def chain_digest(
    previous: str, seq: int, at: str, kind: str, item: str | None, data: dict[str, Any]
) -> str:
    """Digest of one event, linked to the digest of the event before it."""
    body = canonical({"seq": seq, "at": at, "type": kind, "item": item, "data": data})
    return hashlib.sha256((previous + body).encode("utf-8")).hexdigest()


def content_digest(document: dict[str, Any]) -> str:
    """Digest of a results document without its own ``digest`` field."""
    body = {k: v for k, v in document.items() if k != "digest"}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()
