"""The coding kind's scenario block, with the cases an instructor writes."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, field_validator

from recsim.core.model import Model
from recsim.core.scenario.blocks import MAX_ITEMS, BankBlock

EncounterSetting = Literal["inpatient", "outpatient", "emergency"]


class CodingExpectation(Model):
    """The codes an authored case expects."""

    diagnoses: list[str] = Field(min_length=1, max_length=25)
    """ICD-10-CM codes, principal or first-listed first."""
    procedures: list[str] = Field(default_factory=list, max_length=25)
    """Procedure codes (ICD-10-PCS, or codes from the scenario's procedure code set)."""
    optional: list[str] = Field(default_factory=list, max_length=25)
    """Complete codes a trainee may add without losing points (e.g. Z3A.39 after O80)."""
    also_accepted: dict[str, list[str]] = Field(default_factory=dict, max_length=25)
    """Expected code -> other codes that earn its full credit in its place."""
    first_listed: list[str] = Field(default_factory=list, max_length=25)
    """Expected codes, besides the first, that may be listed first (Guidelines II.C)."""


class CasePatient(Model):
    """The patient facts an authored case needs."""

    sex: Literal["F", "M"]
    """Sex."""
    age: int = Field(ge=0, le=124)
    """Age in years."""


class AuthoredCase(Model):
    """A coding case written by the instructor."""

    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,40}$")
    """Id for feedback and reports; defaults to the position in the list."""
    encounter: EncounterSetting
    """Inpatient, outpatient or emergency: uncertain diagnoses are coded differently."""
    patient: CasePatient
    """Patient facts the code edits check."""
    note: str = Field(min_length=1, max_length=20_000)
    """The documentation the trainee codes from."""
    expect: CodingExpectation
    """The right codes."""
    explain: str = ""
    """Why these codes, shown as feedback."""
    cite: list[str] = Field(default_factory=list, max_length=10)
    """Sources for the key: Official Guidelines sections (I.C.15.b.4) or other public text."""

    @field_validator("cite", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        # One citation may be written without a list.
        return [value] if isinstance(value, str) else value


class CodingBlock(BankBlock):
    """Encounters to code (task kind ``coding``)."""

    entry_description: ClassVar[str] = "Encounters to code."

    cases: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """How many cases to draw from the built-in case library for the setting."""
    tags: list[str] = Field(default_factory=list)
    """Draw only library cases with one of these tags (e.g. diabetes, injury)."""
    items: list[AuthoredCase] = Field(default_factory=list, max_length=500)
    """Cases written in the scenario."""
    procedure_codes: str | None = None
    """A CSV file (code, description) of a procedure code set, relative to the scenario file."""

    def item_count(self) -> int:
        return self.cases + self.authored_count()
