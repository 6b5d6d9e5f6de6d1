"""Stable seeds: the same inputs give the same number on every machine and run.

Python's ``hash()`` is salted per process, so seeds are derived with BLAKE2b
over a canonical text of their parts instead.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata


def derive_seed(*parts: object) -> int:
    """A 63-bit seed from any number of str/int parts, stable across processes."""
    text = "\x1f".join(f"{type(part).__name__}:{part}" for part in parts)
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def rng_for(*parts: object) -> random.Random:
    """A private random generator for one purpose (never the global state)."""
    return random.Random(derive_seed(*parts))


def normalize_trainee(name: str) -> str:
    """A trainee's name as it keys a variant and an attempt: NFC, trimmed, single-spaced, case-folded.

    "Ana  Ruiz", " ana ruiz" and "ANA RUIZ" are one trainee, with one form and one attempt to resume.
    """
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()
