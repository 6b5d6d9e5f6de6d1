"""Which given code answers which expected code, and how far a near miss is from the key.

Partial credit is for a code that says the same thing less precisely: the wrong
side of the body (Guidelines I.B.13), the wrong encounter in the 7th character
(I.A.5), or an "unspecified" code where the documentation supports a specific
one (I.B.2). A code of the same category that says something else (E11.9
"without complications" for E11.22, Z37.1 stillbirth for Z37.0 live birth)
contradicts the key and earns nothing. docs/coding.md, "Partial credit", is
the rule book; this module is its implementation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from recsim.coding import CodeSet
from recsim.tasks.coding.models import CodingKey

Relation = Literal[
    "exact", "also_accepted", "laterality", "seventh_character", "specificity", "contradicts"
]
"""How a given code relates to the expected code it was matched with."""
PARTIAL: frozenset[Relation] = frozenset({"laterality", "seventh_character", "specificity"})
"""Relations that earn half credit."""
_RANK: dict[Relation, int] = {
    "laterality": 0,
    "seventh_character": 1,
    "specificity": 2,
    "contradicts": 3,
}
_SIDES = frozenset({"right", "left", "bilateral"})
_SIDE_WORDS = _SIDES | {"unspecified"}
_WORD = re.compile(r"[a-z0-9']+")
_ENCOUNTER = re.compile(r"\b(initial|subsequent) encounter\b|\bsequela\b|\bwith routine healing\b")


@dataclass(frozen=True)
class Credit:
    """The given code matched with one expected code."""

    given: str
    relation: Relation
    detail: str = ""
    """For a partial or a contradiction: which characters differ, said for a trainee."""


@dataclass
class Matching:
    """Every usable given code, placed: credited to an expected code, accepted, or extra."""

    credits: dict[str, Credit] = field(default_factory=dict)
    """Expected code -> the given code that answers it."""
    optional: list[str] = field(default_factory=list)
    """Given codes the key accepts without requiring them."""
    extras: list[str] = field(default_factory=list)
    """Given codes nothing in the key supports."""

    def owner(self, given: str) -> str | None:
        """The expected code a given code was credited to, if any."""
        return next((k for k, c in self.credits.items() if c.given == given), None)


def match(key: CodingKey, given: list[str], codes: CodeSet) -> Matching:
    """Place each given code: exact or also accepted, then optional, then nearest in category."""
    result = Matching()
    left = list(given)
    for code in key.diagnoses:
        accepted = [code, *key.also_accepted.get(code, [])]
        found = next((c for c in left if c in accepted), None)
        if found is not None:
            result.credits[code] = Credit(found, "exact" if found == code else "also_accepted")
            left.remove(found)
    result.optional = [c for c in left if c in key.optional]
    left = [c for c in left if c not in result.optional]
    for code in key.diagnoses:
        if code in result.credits:
            continue
        near = [
            (relate(code, c, codes), -_common_prefix(c, code), left.index(c), c)
            for c in left
            if c[:3] == code[:3]
        ]
        if near:
            (relation, detail), _, _, best = min(near, key=lambda n: (_RANK[n[0][0]], n[1], n[2]))
            result.credits[code] = Credit(best, relation, detail)
            left.remove(best)
    result.extras = left
    return result


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


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size
