"""How close a typed ICD-10-CM code is to the expected code of its category.

A near miss says the same thing less precisely: the wrong side of the body
(Guidelines I.B.13), the wrong encounter in the 7th character (I.A.5), or an
"unspecified" code where the documentation supports a specific one (I.B.2).
A code of the same category that says something else contradicts the key.
The coding and inpatient kinds both give half credit for a near miss
(docs/coding.md, "Partial credit").
"""

from __future__ import annotations

import re
from typing import Literal

from recsim.coding.codeset import CodeSet

Relation = Literal[
    "exact", "also_accepted", "laterality", "seventh_character", "specificity", "contradicts"
]
"""How a given code relates to the expected code it was matched with."""
PARTIAL: frozenset[Relation] = frozenset({"laterality", "seventh_character", "specificity"})
"""Relations that earn half credit."""
_SIDES = frozenset({"right", "left", "bilateral"})
_SIDE_WORDS = _SIDES | {"unspecified"}
_WORD = re.compile(r"[a-z0-9']+")
_ENCOUNTER = re.compile(r"\b(initial|subsequent) encounter\b|\bsequela\b|\bwith routine healing\b")


def relate(expected: str, given: str, codes: CodeSet) -> tuple[Relation, str]:
    """How a same-category code differs from the expected one, and which characters differ."""
    detail = differing_characters(expected, given)
    want, have = codes.get(expected), codes.get(given)
    if want is None or have is None:
        return "contradicts", detail
    same_encounter = True
    mine, yours = want.seventh_character, have.seventh_character
    if mine is not None and yours is not None and mine != yours:
        before = want.seventh_characters.get(mine, "")
        after = want.seventh_characters.get(yours, "")
        if not _encounter_only(before, after):
            return "contradicts", f"{detail} (the 7th character {yours} means {after})"
        same_encounter = False
        detail += f" (the 7th character {mine} means {before}; {yours} means {after})"
    base_want, base_have = _base(want.code, codes), _base(have.code, codes)
    if base_want == base_have:
        # Same heading: only the encounter differs (two codes that read alike otherwise are not
        # told apart here, so they earn nothing rather than a guess).
        return ("contradicts", detail) if same_encounter else ("seventh_character", detail)
    if _without_sides(base_want) == _without_sides(base_have) and (
        _SIDES & set(_WORD.findall(base_want)) or _SIDES & set(_WORD.findall(base_have))
    ):
        return "laterality", detail + " (the side of the body is part of the code)"
    if _unspecified(base_have) > _unspecified(base_want):
        return "specificity", detail
    return "contradicts", detail


def differing_characters(expected: str, given: str) -> str:
    """``character 6 should be 1, not 2``: the first few differences, said for a trainee."""
    want, have = expected.replace(".", ""), given.replace(".", "")
    places = [i for i in range(min(len(want), len(have))) if want[i] != have[i]]
    parts = [f"character {i + 1} should be {want[i]}, not {have[i]}" for i in places[:3]]
    if len(want) != len(have):
        parts.append(f"the right code has {len(want)} characters, yours {len(have)}")
    return "; ".join(parts)


def _base(code: str, codes: CodeSet) -> str:
    """The description without the 7th character's meaning (the heading it completes)."""
    info = codes.get(code)
    if info is None:
        return ""
    if info.seventh_character and info.parent is not None:
        parent = codes.get(info.parent)
        if parent is not None:
            return parent.description.lower()
    return info.description.lower()


def _encounter_only(before: str, after: str) -> bool:
    """Two 7th-character meanings that differ only in the encounter (initial, subsequent...)."""
    first, second = (_ENCOUNTER.sub("", m.split(";")[0].lower()).strip() for m in (before, after))
    return first == second or not first or not second


def _without_sides(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w not in _SIDE_WORDS]


def _unspecified(text: str) -> int:
    return _WORD.findall(text).count("unspecified")
