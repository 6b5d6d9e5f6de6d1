"""What the coding trainee sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from recsim.coding import normalize
from recsim.core.model import Model
from recsim.core.scenario.models import Setting
from recsim.tasks.coding.block import EncounterSetting

MAX_CODES = 40
"""Most codes one answer may list (real claims carry at most a few dozen)."""

DiagnosisCode = Annotated[str, StringConstraints(max_length=16), AfterValidator(normalize)]
"""An ICD-10-CM code as typed; normalized (upper case, dot after the third character)."""
ProcedureCode = Annotated[
    str, StringConstraints(max_length=16), AfterValidator(lambda c: "".join(c.split()).upper())
]
"""A procedure code as typed; upper-cased with spaces removed."""


class CodingAnswer(Model):
    """The trainee's codes for one encounter: principal or first-listed diagnosis first."""

    diagnoses: list[DiagnosisCode] = Field(default_factory=list, max_length=MAX_CODES)
    """ICD-10-CM codes in the order they go on the claim, e.g. ["E11.22", "N18.31"]."""
    procedures: list[ProcedureCode] = Field(default_factory=list, max_length=MAX_CODES)
    """Procedure codes from the scenario's procedure code set, if it has one."""

    @field_validator("diagnoses", "procedures")
    @classmethod
    def _no_blanks(cls, value: list[str]) -> list[str]:
        # A form with an empty row left in it is not a coding error.
        return [code for code in value if code]


class CodingPatient(Model):
    """The patient facts a coder needs (and the claim edits check)."""

    name: str
    """Full name."""
    sex: Literal["F", "M"]
    """Sex."""
    age: int
    """Age in years on the date of service."""
    date_of_birth: date
    """Date of birth."""


class CodingView(Model):
    """An encounter to code."""

    setting: Setting
    """Where the coder works: hospital, clinic, insurer or public_health."""
    encounter: EncounterSetting
    """Inpatient, outpatient or emergency: uncertain diagnoses are coded differently."""
    patient: CodingPatient
    """Who the encounter is for."""
    service_date: date
    """Date of an outpatient or emergency visit; discharge date of an inpatient stay."""
    admit_date: date | None = None
    """Admission date of an inpatient stay."""
    note: str
    """The documentation to code from."""
    procedure_codes: str | None = None
    """Name of the scenario's procedure code set, when procedures are coded too."""


class CodingKey(Model):
    """The answer key of one encounter."""

    case: str
    """Library case id, or the authored case's id."""
    source: Literal["library", "scenario"]
    """Where the case came from."""
    diagnoses: list[str]
    """Expected ICD-10-CM codes, principal or first-listed first."""
    optional: list[str] = Field(default_factory=list)
    """Complete codes a trainee may add without being required to (no prefixes: I.C.20.b)."""
    also_accepted: dict[str, list[str]] = Field(default_factory=dict)
    """Expected code -> other codes that earn its full credit in its place."""
    first_listed: list[str] = Field(default_factory=list)
    """Expected codes, besides the first, that may be listed first (two conditions that equally
    meet the definition of principal diagnosis, Guidelines II.C)."""
    procedures: list[str] = Field(default_factory=list)
    """Expected procedure codes."""
    descriptions: dict[str, str] = Field(default_factory=dict)
    """Code -> description, for feedback."""
    guidelines: list[str] = Field(default_factory=list)
    """Official Guidelines sections the case teaches."""
    sources: list[str] = Field(default_factory=list)
    """Other public sources an authored case cites (a tabular note, a CMS manual)."""
    explanation: str = ""
    """Why these codes."""
    sex: Literal["F", "M"]
    """Patient sex, for the claim edits."""
    age: int
    """Patient age, for the claim edits."""
    encounter: EncounterSetting
    """Encounter setting, for the claim edits and the sequencing rule."""
    procedure_file: str | None = None
    """Path of the scenario's procedure code set, to tell unknown codes from wrong ones."""
