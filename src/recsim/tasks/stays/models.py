"""The inpatient stay case files (``recsim/tasks/stays/cases/*.yaml``): their models.

One case is a discharged inpatient stay: who the patient may be, how long the
stay may last, the documents a coder reads and the key (principal diagnosis,
secondary diagnoses with present-on-admission indicators, ICD-10-PCS
procedures, discharge disposition and the MS-DRG the key groups to). The
inpatient coding kind and the DRG validation kind both work from them.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from recsim.core.model import Model
from recsim.tasks.patients import PERSON_PLACEHOLDERS, PatientRange

PLACEHOLDERS = (
    *PERSON_PLACEHOLDERS,
    "admit_date",
    "discharge_date",
    "procedure_date",
    "clinician",
    "surgeon",
)
"""Words in braces a document may use; each trainee's stay fills them in."""
PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
DOCUMENT_HEADINGS = {
    "discharge_summary": "Discharge summary",
    "history_physical": "History and physical",
    "operative_report": "Operative report",
    "progress_note": "Progress note",
    "pathology_report": "Pathology report",
    "consultation": "Consultation",
}
"""Each document kind and the heading a coder sees over it."""
DocumentKind = Literal[
    "discharge_summary",
    "history_physical",
    "operative_report",
    "progress_note",
    "pathology_report",
    "consultation",
]
PoaValue = Literal["Y", "N", "U", "W", "exempt"]
"""Present on admission (ICD-10-CM Official Guidelines, Appendix I): Y yes, N no, U not
documented, W clinically undetermined; ``exempt`` for a code on the exempt list (reported
blank, or 1 where a claim needs a character)."""
DISPOSITIONS = frozenset(
    (1, 2, 3, 4, 5, 6, 7, 9, 20, 21, 30, 40, 41, 42, 43, 50, 51, 61, 62, 63, 64, 65, 66, 69, 70)
) | frozenset(range(81, 96))
"""UB-04 form locator 17 patient discharge status codes the MS-DRG grouper reads."""
_DIAGNOSIS = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
_PROCEDURE = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")
_TAG = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_GUIDELINE = re.compile(
    r"^((I|II|III|IV)(\.[A-Za-z0-9]{1,3})*(\([a-z0-9]{1,3}\))?"
    r"|Appendix I|UHDDS|PCS [AB][0-9]{1,2}(\.[0-9]{1,2}[a-z]?)?)$"
)


def _diagnosis(code: str) -> str:
    if not _DIAGNOSIS.match(code):
        raise ValueError(f"{code!r} is not an ICD-10-CM code written with its dot, such as J18.9")
    return code


class KeyedDiagnosis(Model):
    """A secondary diagnosis of the key and its present-on-admission indicator."""

    code: str
    """ICD-10-CM code, with its dot (J96.01)."""
    poa: PoaValue
    """Y, N, U, W, or exempt (Guidelines Appendix I)."""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return _diagnosis(value)


class StayKey(Model):
    """The right coding of a stay and the MS-DRG it groups to."""

    principal: str
    """The principal diagnosis (UHDDS; Guidelines Section II)."""
    secondary: list[KeyedDiagnosis] = Field(default_factory=list, max_length=24)
    """Every reportable secondary diagnosis (Guidelines Section III), each with its POA."""
    procedures: list[str] = Field(default_factory=list, max_length=25)
    """ICD-10-PCS codes, the principal procedure first (UHDDS); empty for none."""
    disposition: int
    """UB-04 form locator 17 patient discharge status (1 home, 3 SNF, 6 home health...)."""
    drg: int = Field(ge=1, le=999)
    """The MS-DRG the key groups to with the FY2026 grouper (a test checks)."""

    @field_validator("principal")
    @classmethod
    def _principal(cls, value: str) -> str:
        return _diagnosis(value)

    @field_validator("procedures")
    @classmethod
    def _procedures(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not _PROCEDURE.match(c)]
        if bad:
            raise ValueError(
                f"{bad[0]!r} is not an ICD-10-PCS code (7 characters, digits and capital "
                "letters other than I and O, such as 0DTJ4ZZ)"
            )
        return value

    @field_validator("disposition")
    @classmethod
    def _disposition(cls, value: int) -> int:
        if value not in DISPOSITIONS:
            raise ValueError(
                f"{value} is not a UB-04 patient discharge status code "
                "(1 home, 2 short-term hospital, 3 SNF, 6 home health, 20 expired...)"
            )
        return value

    @model_validator(mode="after")
    def _once_each(self) -> StayKey:
        codes = [self.principal, *(d.code for d in self.secondary)]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(f"{twice[0]} is listed twice; report each diagnosis once")
        return self


class StayDocument(Model):
    """One document of the stay's record, as the coder reads it."""

    kind: DocumentKind
    """discharge_summary, history_physical, operative_report, progress_note,
    pathology_report or consultation."""
    text: str = Field(min_length=1, max_length=20_000)
    """The document, with placeholders such as {name} and {admit_date}."""

    @field_validator("text")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        unknown = sorted({m for m in PLACEHOLDER.findall(value) if m not in PLACEHOLDERS})
        if unknown:
            raise ValueError(
                f"unknown placeholder {{{unknown[0]}}}; a document may use "
                + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            )
        return value


class StayCase(Model):
    """One inpatient stay of the case library."""

    id: str
    """Unique across all files: ip- and lower-case letters, digits and hyphens."""
    title: str = Field(min_length=1, max_length=120)
    """One line for instructors (it may name the answer)."""
    mdc: int = Field(ge=0, le=25)
    """The Major Diagnostic Category the key groups to."""
    tags: list[str] = Field(min_length=1)
    """Body system, medical or surgical, mcc/cc/no_cc and teaching points; blocks pick by tag."""
    patient: PatientRange
    """Who the patient may be."""
    stay: tuple[int, int]
    """Fewest and most days from admission to discharge."""
    documents: list[StayDocument] = Field(min_length=1, max_length=8)
    """What the coder reads, in order; at least a discharge summary."""
    key: StayKey
    """The right coding."""
    optional: list[str] = Field(default_factory=list, max_length=10)
    """Secondary codes that may be reported but are not required."""
    principal_alternatives: list[str] = Field(default_factory=list, max_length=5)
    """Other principal diagnoses the Guidelines allow for this stay (II.C, II.D)."""
    guidelines: list[str] = Field(min_length=1)
    """Official Guidelines sections the case teaches (II, III.B, Appendix I, PCS B3.2a, UHDDS)."""
    explain: str = Field(min_length=1, max_length=4000)
    """Why the key is what it is, citing sections, and what moved the DRG."""

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not re.fullmatch(r"ip-[a-z0-9][a-z0-9-]{1,60}", value):
            raise ValueError("a case id is ip- and then lower-case letters, digits and hyphens")
        return value

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        bad = [t for t in value if not _TAG.match(t)]
        if bad:
            raise ValueError(f"tags are lower-case words joined by _, not {bad[0]!r}")
        return value

    @field_validator("guidelines")
    @classmethod
    def _guidelines(cls, value: list[str]) -> list[str]:
        bad = [g for g in value if not _GUIDELINE.match(g)]
        if bad:
            raise ValueError(
                f"{bad[0]!r} is not a guideline reference such as II, III.B, I.C.9.a.2, "
                "Appendix I, UHDDS or PCS B3.2a"
            )
        return value

    @field_validator("optional", "principal_alternatives")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        return [_diagnosis(c) for c in value]

    @field_validator("stay")
    @classmethod
    def _stay(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 1 <= value[0] <= value[1] <= 60:
            raise ValueError("must be [fewest, most] days with 1 <= fewest <= most <= 60")
        return value

    @model_validator(mode="after")
    def _documents(self) -> StayCase:
        kinds = [d.kind for d in self.documents]
        if "discharge_summary" not in kinds:
            raise ValueError("documents must include a discharge_summary")
        if self.key.principal in self.principal_alternatives:
            raise ValueError("principal_alternatives lists other codes than the key's principal")
        return self


class StayFile(Model):
    """One case file."""

    cases: list[StayCase] = Field(min_length=1)
    """The cases."""
