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
    """A trainee's name as it keys a variant and an attempt.

    NFC, trimmed, single-spaced and case-folded: "Ana  Ruiz", " ana ruiz" and
    "ANA RUIZ" are one trainee, with one form and one attempt to resume.
    """
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


MAX_TRAINEE = 200
"""Most characters in a trainee's name: at entry and when a results file is graded."""

_JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: invisible, but part of how names in several scripts
(Persian, Hindi, Malayalam...) are spelt, so they are kept."""


class BadTraineeName(ValueError):
    """Why a trainee name cannot be used: a clause ("the name is 250 characters long; ...")."""


def trainee_name(text: str, *, mask: bool = False) -> str:
    """The one name policy: a name as typed, on the command line or in a file, made canonical.

    The result is NFC-normalized, trimmed and single-spaced (tabs and line breaks count
    as spaces). Refused with :class:`BadTraineeName`: bytes that were not UTF-8 (a
    command line decodes them to lone surrogates), control characters (C0, DEL and C1,
    which start terminal escape sequences), invisible format characters (such as
    right-to-left overrides, which disguise text), unassigned and private-use code
    points, and names longer than :data:`MAX_TRAINEE` characters. An empty name is
    allowed (headless scoring needs none); the name box asks for one itself.

    With ``mask`` (a results file being graded: its digest fixes its text, and an older
    recsim may have written the name) those characters become "?" instead of refusing
    the name, so the attempt is still graded and nothing in its name can act.
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    for position, char in enumerate(name, start=1):
        problem = _char_problem(char)
        if problem and not mask:
            raise BadTraineeName(f"character {position} of the name {problem}")
    if mask:
        name = "".join("?" if _char_problem(char) else char for char in name)
    if len(name) > MAX_TRAINEE:
        raise BadTraineeName(
            f"the name is {len(name):,} characters long; use at most {MAX_TRAINEE}"
        )
    return name


def _char_problem(char: str) -> str | None:
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cs":
        if 0xDC80 <= code <= 0xDCFF:  # how Python keeps a byte that was not UTF-8
            return f"is not UTF-8 text (byte 0x{code - 0xDC00:02X}); use a UTF-8 terminal or file"
        return f"is half of a character (U+{code:04X}), which is not valid text"
    if category == "Cc":
        return (
            f"is the control character U+{code:04X}, which can drive a terminal; "
            "use letters, digits, spaces and punctuation only"
        )
    if category in ("Cf", "Co", "Cn") and char not in _JOINERS:
        return (
            f"is the invisible or unassigned character U+{code:04X}; "
            "use letters, digits, spaces and punctuation only"
        )
    return None
