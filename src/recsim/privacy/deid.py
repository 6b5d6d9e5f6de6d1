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
from importlib import resources
from typing import Literal, Protocol

import yaml

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


@cache
def _data(name: str) -> dict[str, object]:
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    loaded: dict[str, object] = yaml.load(
        text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return loaded


@cache
def identifiers() -> dict[str, IdentifierInfo]:
    """Every identifier type, by name, in the regulation's order."""
    raw = _data("deid_identifiers.yaml")["identifiers"]
    assert isinstance(raw, dict)
    return {
        name: IdentifierInfo(
            name,
            str(entry["letter"]),
            str(entry["title"]),
            int(entry["severity"]),
            entry["generalize"],
            " ".join(str(entry["explain"]).split()),
        )
        for name, entry in raw.items()
    }


def identifier(kind: str) -> IdentifierInfo:
    """The catalog entry of one identifier type (``KeyError`` for an unknown one)."""
    return identifiers()[kind]


@cache
def restricted_zip3() -> dict[str, str]:
    """Three-digit ZIP prefixes reported as 000, each with its state (HHS, 2000 Census)."""
    raw = _data("deid_zip3.yaml")["restricted"]
    assert isinstance(raw, dict)
    return {str(prefix): str(state) for prefix, state in raw.items()}


def zip3_source() -> str:
    """Where the small-area ZIP list comes from, for feedback and documentation."""
    return " ".join(str(_data("deid_zip3.yaml")["source"]).split())


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
