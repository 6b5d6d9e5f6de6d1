"""The coding engine run over an authored key: what ``recsim validate`` warns about.

An instructor's key can be valid code by code and still disagree with the
classification: a key code's "use additional code" note asks for a code the
key leaves out (O80 asks for Z37.0, and for a Z3A weeks-of-gestation code when
the weeks are known), or the key trips a claim edit. These are warnings, not
errors: the instructor may know better, and files that validated before must
still validate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from recsim.coding import CodeSet
from recsim.coding.model import Note

_CODE = re.compile(r"\b[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?\b")
_CONDITIONAL = ("applicable", "any ", "such as", "resistance")
"""Wording of a note that only applies in some cases ("if applicable", "any retained foreign
body", "conditions such as", drug resistance when there is any): the key cannot be checked
against it. A note worded "if known" is checked: the documentation gives the detail or not."""
USE_ADDITIONAL_RULE = "ICD-10-CM Official Guidelines FY2026 I.A.13, I.B.7 (use additional code)"


@dataclass(frozen=True)
class MissingAdditional:
    """A key code whose "use additional code" note names codes the key has none of."""

    code: str
    """The key code carrying the note."""
    note: str
    """The note's text."""
    wanted: tuple[str, ...]
    """The codes or ranges the note names."""


def missing_additional(
    diagnoses: Sequence[str], accepted: Sequence[str], codes: CodeSet
) -> Iterator[MissingAdditional]:
    """Each required "use additional code" note of a key code that no code of the key answers.

    ``accepted`` is every code the key lists (required, optional or also accepted). Lists
    of possibilities ("code to identify: ...") and conditional notes are skipped.
    """
    have = list(accepted)
    for code in diagnoses:
        info = codes.get(code)
        if info is None:
            continue
        for note in _requirements(info.use_additional):
            wanted = _named(note, codes)
            if wanted and not any(_answers(c, w) for c in have for w in wanted):
                yield MissingAdditional(code, note.text, tuple(wanted))


def _requirements(notes: Sequence[Note]) -> Iterator[Note]:
    """The notes that ask for one thing, unconditionally or "if known"."""
    header_at: str | None = None
    for note in notes:
        text = note.text.lower()
        if text.rstrip().endswith(":"):
            header_at = note.at  # a header: the notes printed with it are possibilities
            continue
        if note.at == header_at:
            continue
        header_at = None
        if "if known" in text or not any(word in text for word in _CONDITIONAL):
            yield note


def _named(note: Note, codes: CodeSet) -> list[str]:
    """The codes or ranges a note names: parsed ranges, else codes written in its text."""
    if note.codes:
        return [str(r) for r in note.codes]
    return [c for c in _CODE.findall(note.text) if codes.get(c) is not None]


def _answers(code: str, wanted: str) -> bool:
    """Whether ``code`` falls in a named code or range (``N18.1-N18.6``, ``Z37.0-``, ``Z3A``)."""
    bare = code.replace(".", "")
    if "-" not in wanted.rstrip("-"):
        return bare.startswith(wanted.rstrip("-").replace(".", ""))
    first, last = (end.replace(".", "") for end in wanted.split("-", 1))
    return first <= bare[: len(first)] and bare[: len(last)] <= last
