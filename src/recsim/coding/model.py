"""What one ICD-10-CM entry looks like to recsim, and how a typed code is normalized.

The values are the FY2026 tabular list's own text (never rewritten); the only
things recsim adds are code ranges parsed out of the notes, so that edits can
compare a claim's codes with them, and the sex/age rules of
:mod:`recsim.coding.restrictions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["chapter", "block", "category", "subcategory", "code"]
"""Where an entry sits in the classification.

``category`` is a three-character code (I10 is a billable category, E11 a
heading); ``subcategory`` is a longer heading that needs more characters;
``code`` is a complete code of four or more characters.
"""


def normalize(text: str) -> str:
    """A typed code in the form the tabular list prints it: ``"e1122"`` -> ``"E11.22"``.

    Upper-cases, removes spaces and inserts the dot after the third character
    when it is missing. Never raises: anything that is not a code stays as it
    is, and is then simply not found.
    """
    code = "".join(str(text).split()).upper()
    if len(code) == 4 and code[3] == ".":
        return code[:3]  # "I10." is I10 with a stray dot
    if len(code) > 3 and "." not in code and "-" not in code:
        return f"{code[:3]}.{code[3:]}"
    return code


def dotless(code: str) -> str:
    """The code without its dot, the form code ranges compare."""
    return code.replace(".", "")


@dataclass(frozen=True, slots=True)
class CodeRange:
    """Codes named in a note: one code with its subdivisions (``H35.0-``) or a span (``O10-O11``).

    Both ends are inclusive and include every subdivision, so ``N18.1-N18.6``
    holds N18.30 but not N18 itself. Ends compare as text without the dot, the
    way the tabular list orders codes (O9A follows O99).
    """

    first: str
    last: str

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        bare = dotless(code)
        first, last = dotless(self.first), dotless(self.last)
        return first <= bare[: len(first)] and bare[: len(last)] <= last

    def __str__(self) -> str:
        return f"{self.first}-" if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True, slots=True)
class Note:
    """One instructional note as published, with the codes it names."""

    text: str
    codes: tuple[CodeRange, ...] = ()
    at: str = ""
    """The entry the note is printed under (a note on a category applies to all its codes)."""

    def names(self, code: str) -> bool:
        """Whether ``code`` falls in one of the ranges this note names."""
        return any(code in r for r in self.codes)


@dataclass(frozen=True, slots=True)
class AgeRule:
    """An age range a code is meant for (CMS Medicare Code Editor age categories)."""

    name: str
    """``newborn``, ``pediatric``, ``maternity`` or ``adult``."""
    low: int
    high: int
    source: str

    def allows(self, age: int) -> bool:
        return self.low <= age <= self.high


@dataclass(frozen=True, slots=True)
class SexRule:
    """The one sex a code applies to, and where that comes from."""

    sex: Literal["F", "M"]
    source: str


@dataclass(frozen=True, eq=True)
class CodeInfo:
    """Everything recsim knows about one ICD-10-CM entry (chapter, block or code)."""

    code: str
    description: str
    kind: Kind
    billable: bool
    """A complete code that can go on a claim (a leaf of the tabular list)."""
    chapter: int
    chapter_title: str
    parent: str | None
    """The entry one level up (a block's parent is its chapter); None for a chapter."""
    block: str
    """The block (range of categories) the entry belongs to, e.g. ``E08-E13``."""
    inclusion_terms: tuple[str, ...] = ()
    includes: tuple[Note, ...] = ()
    excludes1: tuple[Note, ...] = ()
    """Excludes1 notes of this entry and every level above it, nearest first."""
    excludes2: tuple[Note, ...] = ()
    code_first: tuple[Note, ...] = ()
    use_additional: tuple[Note, ...] = ()
    code_also: tuple[Note, ...] = ()
    notes: tuple[Note, ...] = ()
    seventh_characters: dict[str, str] = field(default_factory=dict)
    """The 7th characters that apply here (inherited from the category): character -> meaning."""
    seventh_note: str = ""
    needs_seventh_character: bool = False
    """A heading that is complete only with a 7th character (S52.501 needs A, D, S...)."""
    seventh_character: str | None = None
    """The 7th character this code carries, if it is one of the extended codes."""
    manifestation: bool = False
    """An "in diseases classified elsewhere" code: never principal (Guidelines I.A.13)."""
    sex: SexRule | None = None
    age: AgeRule | None = None

    def __hash__(self) -> int:
        return hash(self.code)

    @property
    def placeholder_code(self) -> str:
        """The code padded with placeholder X to six characters, ready for a 7th (T07.XXX)."""
        code = self.code if len(self.code) > 3 else self.code + "."
        return code.ljust(7, "X")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (notes as text, ranges as strings, where each note is printed)."""

        def notes(values: tuple[Note, ...]) -> list[dict[str, Any]]:
            return [
                {"text": n.text, "codes": [str(r) for r in n.codes], "at": n.at} for n in values
            ]

        return {
            "code": self.code,
            "description": self.description,
            "kind": self.kind,
            "billable": self.billable,
            "chapter": self.chapter,
            "chapter_title": self.chapter_title,
            "block": self.block,
            "parent": self.parent,
            "inclusion_terms": list(self.inclusion_terms),
            "includes": notes(self.includes),
            "excludes1": notes(self.excludes1),
            "excludes2": notes(self.excludes2),
            "code_first": notes(self.code_first),
            "use_additional": notes(self.use_additional),
            "code_also": notes(self.code_also),
            "notes": notes(self.notes),
            "seventh_characters": dict(self.seventh_characters),
            "seventh_note": self.seventh_note,
            "needs_seventh_character": self.needs_seventh_character,
            "seventh_character": self.seventh_character,
            "manifestation": self.manifestation,
            "sex": {"sex": self.sex.sex, "source": self.sex.source} if self.sex else None,
            "age": {
                "group": self.age.name,
                "low": self.age.low,
                "high": self.age.high,
                "source": self.age.source,
            }
            if self.age
            else None,
        }
