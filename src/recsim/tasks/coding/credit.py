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

from dataclasses import dataclass, field

from recsim.coding import CodeSet
from recsim.coding.near_miss import PARTIAL as PARTIAL
from recsim.coding.near_miss import Relation as Relation
from recsim.coding.near_miss import differing_characters as differing_characters
from recsim.coding.near_miss import relate
from recsim.tasks.coding.models import CodingKey

_RANK: dict[Relation, int] = {
    "laterality": 0,
    "seventh_character": 1,
    "specificity": 2,
    "contradicts": 3,
}


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


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size
