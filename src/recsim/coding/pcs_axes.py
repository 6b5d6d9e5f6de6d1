"""What each character of an ICD-10-PCS code means, and how two codes differ, axis by axis.

An ICD-10-PCS code of the Medical and Surgical section has seven characters, each an
axis: section, body system, root operation, body part, approach, device, qualifier
(ICD-10-PCS Official Guidelines A2-A4). The meanings come from ``data/pcs_axes.yaml``,
which holds only the values recsim's cases use: a character it does not list is named
by its position alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from recsim.coding.content import PcsAxesFile, PcsSection
from recsim.core.content import load_content

AXES = (
    ("section", "section", ""),
    ("body_system", "body system", "B2"),
    ("root_operation", "root operation", "B3.1a"),
    ("body_part", "body part", "B4"),
    ("approach", "approach", "B5"),
    ("device", "device", "B6"),
    ("qualifier", "qualifier", ""),
)
"""Per character: the axis's id, its name in words, and the Official Guidelines section on it.

These are the axes of the Medical and Surgical section (0) and of Obstetrics (1), whose
characters mean the same; other sections give some characters other meanings (imaging's
character 5 is contrast), so their differences are named by position only."""
NAMED_SECTIONS = frozenset("01")
GUIDELINES = "ICD-10-PCS Official Guidelines for Coding and Reporting FY2026"
_SIDES = {"right": "left", "left": "right"}


@dataclass(frozen=True)
class Difference:
    """One character in which a given code differs from the expected one."""

    position: int
    """1 to 7."""
    axis: str
    """The axis's id: body_system, root_operation, body_part, approach, device, qualifier."""
    given: str
    """The given code's value in words and its code up to this character:
    "Hip Joint, Femoral Surface, Right (0SRR)"; the character alone when recsim has no words."""
    expected: str
    """The expected code's value, the same way."""
    laterality: bool = False
    """Both are body parts, the same part on opposite sides (right for left)."""

    named: bool = True
    """Whether the character is an axis of AXES (sections 0 and 1), so has a name in words."""

    @property
    def heading(self) -> str:
        """What the difference is about, as feedback opens with it: "Laterality", "Approach"."""
        if self.laterality:
            return "Laterality"
        return AXES[self.position - 1][1].capitalize() if self.named else "Procedure code"

    def said(self) -> str:
        """The difference in words: "character 4, body part (laterality)"."""
        if not self.named:
            return f"character {self.position}"
        name = AXES[self.position - 1][1]
        return f"character {self.position}, {name}" + (" (laterality)" if self.laterality else "")

    def rule(self) -> str | None:
        """The Official Guidelines section on this axis, when there is one."""
        section = AXES[self.position - 1][2]
        return f"{GUIDELINES} {section}" if section and self.named else None


@cache
def _sections() -> dict[str, PcsSection]:
    return load_content("recsim.coding", "data/pcs_axes.yaml", PcsAxesFile)["sections"]


def meaning(code: str, position: int) -> str | None:
    """What character ``position`` (1-7) of a PCS code means, when recsim knows it."""
    section = _sections().get(code[0])
    if section is None:
        return None
    if position == 1:
        return section["name"]
    char, system = code[position - 1], code[1]
    tables: dict[int, dict[str, str]] = {
        2: section["body_systems"],
        3: section["root_operations"],
        4: section["body_parts"].get(system, {}),
        5: section["approaches"],
        6: {"Z": section["no_device"], **section["devices"].get(system, {})},
        7: {"Z": section["no_qualifier"], **section["qualifiers"].get(system, {})},
    }
    return tables[position].get(char)


def shown(code: str, position: int) -> str:
    """A character in words with the code up to it: "Hip Joint, Femoral Surface, Left (0SRS)"."""
    words = meaning(code, position)
    upto = code[:position]
    return f"{words} ({upto})" if words else f"{code[position - 1]} ({upto})"


def differences(given: str, expected: str) -> list[Difference]:
    """The characters in which two seven-character PCS codes differ, in position order."""
    return [
        Difference(
            n + 1,
            AXES[n][0],
            shown(given, n + 1),
            shown(expected, n + 1),
            n == 3 and _opposite_sides(meaning(given, 4), meaning(expected, 4)),
            expected[0] in NAMED_SECTIONS,
        )
        for n in range(7)
        if given[n] != expected[n]
    ]


def _opposite_sides(given: str | None, expected: str | None) -> bool:
    if given is None or expected is None:
        return False
    words, wanted = given.lower().split(", "), expected.lower().split(", ")
    return any(
        side in words and [other if w == side else w for w in words] == wanted
        for side, other in _SIDES.items()
    )


def describe(code: str) -> str | None:
    """A plain description built from the axes, when recsim knows every character.

    Not the CMS long title: "Resection of Appendix; approach Percutaneous Endoscopic;
    device No Device; qualifier No Qualifier".
    """
    words = [meaning(code, n) for n in range(1, 8)]
    if any(w is None for w in words):
        return None
    _, _, operation, part, approach, device, qualifier = words
    return f"{operation} of {part}; approach {approach}; device {device}; qualifier {qualifier}"
