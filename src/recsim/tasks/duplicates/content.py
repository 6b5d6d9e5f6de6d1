"""The identity content (identity.yaml), typed: nicknames, common names, cases and rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel, Severity
from recsim.core.records import EncounterType


@dataclass(frozen=True, slots=True)
class CaseInfo:
    """What a case teaches and how a wrong decision on it is weighed."""

    name: str
    truth: str
    severity: int
    title: str
    explain: str
    """Explanation template; ``{names}`` come from the generated group."""


@dataclass(frozen=True, slots=True)
class IdentityContent:
    """Everything identity.yaml holds."""

    nicknames: dict[str, dict[str, tuple[str, ...]]]
    """Sex -> legal first name -> its nicknames."""
    common_names: dict[str, tuple[tuple[str, str], ...]]
    """Sex -> (first, last) names common enough to be shared by strangers."""
    photo_ids: tuple[str, ...]
    other_checks: tuple[str, ...]
    departments: tuple[tuple[str, str], ...]
    """(department, encounter type) where a visit is registered."""
    cases: dict[str, CaseInfo]
    rules: dict[str, str]
    survivorship: dict[str, str]

    def same_first_name(self, sex: str, a: str, b: str) -> bool:
        """Whether two first names can be one person's: equal, or a legal name and its nickname."""
        if a.casefold() == b.casefold():
            return True
        table = self.nicknames.get(sex, {})
        return b in table.get(a, ()) or a in table.get(b, ())


class CaseEntry(ContentModel):
    """One kind of candidate group (a case) of identity.yaml."""

    truth: Literal["duplicate", "look_alike", "overlay"]
    """What the group really is; it decides the right answer (merge, keep separate, review)."""
    severity: Severity
    """1 (low) to 4 (two people merged: patient safety)."""
    title: str = Field(min_length=1)
    """The case's name in feedback and item analysis."""
    explain: str = Field(min_length=1)
    """Feedback template; ``{names}`` come from the generated group."""


class Verification(ContentModel):
    """How identity was checked at a registration."""

    photo: list[str] = Field(min_length=1)
    """Photo IDs a verified registration saw."""
    other: list[str] = Field(min_length=1)
    """Weaker checks of an unverified one."""


class Rules(ContentModel):
    """The rules feedback cites, by topic."""

    identity: str = Field(min_length=1)
    merge: str = Field(min_length=1)
    survivorship: str = Field(min_length=1)
    overlay: str = Field(min_length=1)


class Survivorship(ContentModel):
    """Which value survives a merge, field by field: the sentences feedback uses."""

    record: str = Field(min_length=1)
    """Which record keeps its MRN."""
    identity: str = Field(min_length=1)
    """Name, date of birth and SSN."""
    contact: str = Field(min_length=1)
    """Address, phone and the like."""
    blank: str = Field(min_length=1)
    """A blank value never replaces a filled one."""


class IdentityFile(ContentModel):
    """identity.yaml: nicknames, common names, verification, cases and the rules they cite."""

    nicknames: dict[Literal["F", "M"], dict[str, list[str]]]
    """Sex -> legal first name -> the nicknames given at a front desk instead."""
    common_names: dict[Literal["F", "M"], list[tuple[str, str]]]
    """Sex -> [first, last] names common enough to be shared by strangers."""
    verification: Verification
    departments: list[tuple[str, EncounterType]] = Field(min_length=1)
    """[department, encounter type] where a visit is registered."""
    cases: dict[str, CaseEntry] = Field(min_length=1)
    """Case name (the names the generator uses) -> its entry."""
    rules: Rules
    survivorship: Survivorship


@cache
def identity() -> IdentityContent:
    """The bundled identity content, parsed once per process."""
    raw = load_content(__package__, "identity.yaml", IdentityFile)
    return IdentityContent(
        nicknames={
            sex: {legal: tuple(nicks) for legal, nicks in table.items()}
            for sex, table in raw.nicknames.items()
        },
        common_names={sex: tuple(names) for sex, names in raw.common_names.items()},
        photo_ids=tuple(raw.verification.photo),
        other_checks=tuple(raw.verification.other),
        departments=tuple(raw.departments),
        cases={
            name: CaseInfo(name, entry.truth, entry.severity, entry.title, entry.explain)
            for name, entry in raw.cases.items()
        },
        rules=raw.rules.model_dump(),
        survivorship=raw.survivorship.model_dump(),
    )
