"""De-identification by the Safe Harbor method (45 CFR 164.514(b)(2)).

A document is de-identified under Safe Harbor when the 18 identifier types of
164.514(b)(2)(i)(A)-(R) are gone for the individual and for relatives,
employers and household members, and the covered entity has no actual
knowledge that what remains could identify the person ((b)(2)(ii)). Three
identifiers may be generalized instead of removed: dates keep their year,
ages over 89 become "90 or older", and a ZIP code keeps its first three
digits unless that area is small, when it becomes 000.

The identifier catalog (deid_identifiers.yaml) and the small-area ZIP list
(deid_zip3.yaml) are data; this module interprets them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal, Protocol

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel, Severity

IdentifierType = Literal[
    "name",
    "geographic",
    "date",
    "age_over_89",
    "phone",
    "fax",
    "email",
    "ssn",
    "mrn",
    "health_plan_number",
    "account_number",
    "certificate_license",
    "vehicle",
    "device",
    "url",
    "ip_address",
    "biometric",
    "photograph",
    "other_unique",
]
IDENTIFIER_TYPES: tuple[str, ...] = IdentifierType.__args__  # type: ignore[attr-defined]
Action = Literal["remove", "generalize"]
Generalization = Literal["none", "year", "ninety", "zip3"]

SAFE_HARBOR = "45 CFR 164.514(b)(2)"
"""The Safe Harbor method, for findings about the method as a whole."""
NINETY_OR_OLDER = "90 or older"
"""The single category Safe Harbor allows for ages over 89."""

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ZIP = re.compile(r"(\d{3})\d{2}(?:-\d{4})?")


@dataclass(frozen=True, slots=True)
class IdentifierInfo:
    """One identifier type of the catalog."""

    type: str
    letter: str
    """Paragraph of 164.514(b)(2)(i): A ... R."""
    title: str
    severity: int
    generalize: Generalization
    explain: str

    @property
    def rule(self) -> str:
        """The citation of this identifier's paragraph, e.g. ``45 CFR 164.514(b)(2)(i)(A)``."""
        return f"{SAFE_HARBOR}(i)({self.letter})"


class IdentifierEntry(ContentModel):
    """One Safe Harbor identifier type of deid_identifiers.yaml."""

    letter: str = Field(pattern=r"^[A-R]$")
    """The paragraph of 164.514(b)(2)(i) that lists it: A ... R."""
    title: str = Field(min_length=1)
    """How feedback names it."""
    severity: Severity
    """Points one missed instance costs: 4 direct identifiers, 3 quasi-identifiers."""
    generalize: Generalization
    """What a de-identified copy may keep instead: none, year, ninety or zip3."""
    explain: str = Field(min_length=1)
    """The rule in a sentence a trainee understands."""


class IdentifiersFile(ContentModel):
    """deid_identifiers.yaml: the 18 identifier types of Safe Harbor, in the regulation's order."""

    source: str = Field(min_length=1)
    """The paragraph the list comes from."""
    identifiers: dict[IdentifierType, IdentifierEntry] = Field(min_length=1)
    """Identifier type -> its entry."""


class Zip3File(ContentModel):
    """deid_zip3.yaml: the three-digit ZIP areas Safe Harbor reports as 000."""

    source: str = Field(min_length=1)
    """Where the list comes from (HHS guidance)."""
    census: int = Field(ge=2000)
    """The Census year the populations come from."""
    note: str = Field(min_length=1)
    """What an instructor should know about the list's age."""
    restricted: dict[
        Annotated[str, Field(pattern=r"^[0-9]{3}$")], Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    ] = Field(min_length=1)
    """Three-digit prefix (quoted: "036") -> the state whose ZIP codes begin with it."""


@cache
def _identifiers_file() -> IdentifiersFile:
    return load_content(__package__, "deid_identifiers.yaml", IdentifiersFile)


@cache
def _zip3_file() -> Zip3File:
    return load_content(__package__, "deid_zip3.yaml", Zip3File)


@cache
def identifiers() -> dict[str, IdentifierInfo]:
    """Every identifier type, by name, in the regulation's order."""
    return {
        name: IdentifierInfo(
            name,
            entry.letter,
            entry.title,
            entry.severity,
            entry.generalize,
            " ".join(entry.explain.split()),
        )
        for name, entry in _identifiers_file().identifiers.items()
    }


def identifier(kind: str) -> IdentifierInfo:
    """The catalog entry of one identifier type (``KeyError`` for an unknown one)."""
    return identifiers()[kind]


@cache
def restricted_zip3() -> dict[str, str]:
    """Three-digit ZIP prefixes reported as 000, each with its state (HHS, 2000 Census)."""
    return dict(_zip3_file().restricted)


def zip3_source() -> str:
    """Where the small-area ZIP list comes from, for feedback and documentation."""
    return " ".join(_zip3_file().source.split())


def generalize_zip(zip_code: str) -> str:
    """A ZIP code as Safe Harbor may keep it: its first three digits, or 000 for a small area."""
    match = _ZIP.fullmatch(zip_code.strip())
    if match is None:
        raise ValueError(f"{zip_code!r} is not a ZIP code")
    prefix = match.group(1)
    return "000" if prefix in restricted_zip3() else prefix


def generalize_date(text: str) -> str:
    """A date as Safe Harbor may keep it: the year alone ("" when the date shows no year)."""
    match = _YEAR.search(text)
    return match.group(1) if match else ""


def generalized(kind: str, text: str) -> str | None:
    """What a de-identified copy may keep of ``text`` (an identifier of type ``kind``).

    None when Safe Harbor allows no generalization of this value: it must be removed.
    A geographic value generalizes only when it is a ZIP code; a street or a city never does.
    """
    rule = identifier(kind).generalize
    if rule == "year":
        return generalize_date(text)
    if rule == "ninety":
        return NINETY_OR_OLDER
    if rule == "zip3" and _ZIP.fullmatch(text.strip()):
        return generalize_zip(text)
    return None


def placeholder(kind: str) -> str:
    """What a removed identifier is replaced with in a de-identified copy, e.g. ``[name]``."""
    return f"[{kind.replace('_', ' ')}]"


class Redaction(Protocol):
    """A span of a text and what happens to it."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def action(self) -> str: ...


def deidentified_text(text: str, redactions: Iterable[Redaction]) -> str:
    """The text with each span removed (a placeholder) or generalized (what the rule keeps).

    Overlapping spans merge into the first; a generalization the rule does not allow
    removes the value instead, since keeping it would disclose an identifier.
    """
    parts: list[str] = []
    at = 0
    for span in sorted(redactions, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, at), min(span.end, len(text))
        if start >= end:
            continue
        parts.append(text[at:start])
        kept = generalized(span.type, text[start:end]) if span.action == "generalize" else None
        parts.append(kept if kept else placeholder(span.type))
        at = end
    parts.append(text[at:])
    return "".join(parts)
