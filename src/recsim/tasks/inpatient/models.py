"""What the inpatient coder sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, field_validator

from recsim.coding import normalize
from recsim.core.model import Model
from recsim.tasks.stays.models import DISPOSITIONS, StayKey

MAX_SECONDARY = 24
"""A claim holds the principal diagnosis and up to 24 others (UB-04 FL67A-Q, 837I)."""
MAX_PROCEDURES = 25
"""A claim holds up to 25 ICD-10-PCS codes (837I)."""

DiagnosisCode = Annotated[str, StringConstraints(max_length=16), AfterValidator(normalize)]
"""An ICD-10-CM code as typed; normalized (upper case, dot after the third character)."""
ProcedureCode = Annotated[
    str, StringConstraints(max_length=16), AfterValidator(lambda c: "".join(c.split()).upper())
]
"""An ICD-10-PCS code as typed; upper-cased with spaces removed."""
PoaAnswer = Annotated[
    Literal["Y", "N", "U", "W", "1", ""],
    BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v),
]
"""A present-on-admission indicator as reported (Guidelines Appendix I): Y, N, U, W, or blank
(or 1) for a code on the POA exempt list."""


class SecondaryAnswer(Model):
    """One secondary diagnosis of the answer and its POA indicator."""

    code: DiagnosisCode
    """ICD-10-CM code, e.g. J96.01."""
    poa: PoaAnswer = ""
    """Y, N, U, W; blank (or 1) for a code on the POA exempt list."""


class InpatientAnswer(Model):
    """The trainee's coding of one stay."""

    principal: DiagnosisCode = ""
    """The principal diagnosis (UHDDS; Guidelines Section II)."""
    secondary: list[SecondaryAnswer] = Field(default_factory=list, max_length=MAX_SECONDARY)
    """Other diagnoses (Section III), each with its POA indicator."""
    procedures: list[ProcedureCode] = Field(default_factory=list, max_length=MAX_PROCEDURES)
    """ICD-10-PCS codes, the principal procedure first."""
    disposition: int | None = None
    """UB-04 form locator 17 patient discharge status (1 home, 3 SNF, 6 home health...)."""

    @field_validator("secondary")
    @classmethod
    def _no_blank_rows(cls, value: list[SecondaryAnswer]) -> list[SecondaryAnswer]:
        # A form with an empty row left in it is not a coding error.
        return [row for row in value if row.code]

    @field_validator("procedures")
    @classmethod
    def _no_blanks(cls, value: list[str]) -> list[str]:
        return [code for code in value if code]

    @field_validator("disposition")
    @classmethod
    def _disposition(cls, value: int | None) -> int | None:
        if value is not None and value not in DISPOSITIONS:
            raise ValueError(
                f"{value} is not a UB-04 patient discharge status code "
                "(1 home, 2 short-term hospital, 3 SNF, 6 home health, 7 left against medical "
                "advice, 20 expired, 62 rehabilitation facility, 63 long-term care hospital...)"
            )
        return value


class StayPatient(Model):
    """The patient facts the grouper and the code edits need."""

    name: str
    """Full name."""
    sex: Literal["F", "M"]
    """Sex."""
    age: int
    """Age in years on the discharge date."""
    date_of_birth: date
    """Date of birth."""


class StayDocumentView(Model):
    """One document of the stay."""

    heading: str
    """Discharge summary, Operative report..."""
    text: str
    """The document."""


class InpatientView(Model):
    """A discharged inpatient stay to code."""

    patient: StayPatient
    """Who the stay is for."""
    admit_date: date
    """Admission date."""
    discharge_date: date
    """Discharge date: the grouper version and code validity follow it."""
    documents: list[StayDocumentView]
    """What the coder reads, in order."""


class InpatientKey(Model):
    """The answer key of one stay."""

    case: str
    """Case id in the stay library."""
    title: str
    """The case's one line for instructors."""
    mdc: int
    """The Major Diagnostic Category the key groups to."""
    stay: StayKey
    """Principal, secondary diagnoses with POA, procedures, disposition and DRG."""
    optional: list[str] = Field(default_factory=list)
    """Secondary codes that may be reported but are not required."""
    principal_alternatives: list[str] = Field(default_factory=list)
    """Other principal diagnoses the Guidelines allow here (II.C, II.D)."""
    descriptions: dict[str, str] = Field(default_factory=dict)
    """Code -> description, for feedback."""
    guidelines: list[str] = Field(default_factory=list)
    """Official Guidelines sections the case teaches."""
    explanation: str = ""
    """Why the key is what it is."""
