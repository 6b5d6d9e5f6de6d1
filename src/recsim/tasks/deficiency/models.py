"""What the deficiency analyst sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from recsim.core.model import Model
from recsim.core.records import Provider, Sex
from recsim.tasks.deficiency.block import DeficiencyKind

DocumentType = Literal[
    "history_physical",
    "history_physical_update",
    "progress_note",
    "consultation",
    "order",
    "consent",
    "operative_report",
    "discharge_summary",
]
Role = Literal["attending", "surgeon", "author"]


def _npi(text: str) -> str:
    if not (len(text) == 10 and text.isdigit()):
        raise ValueError(
            f"{text[:20]!r} is not an NPI; give the provider's 10-digit NPI from the staff list"
        )
    return text


class ChartPatient(Model):
    """Who the chart belongs to."""

    mrn: str
    """Medical record number."""
    name: str
    """Full name."""
    date_of_birth: date
    """Date of birth."""
    sex: Sex
    """Sex."""


class Stay(Model):
    """The inpatient stay the chart documents."""

    admitted_at: datetime
    """Admission date and time."""
    discharged_at: datetime
    """Discharge date and time."""
    reason: str
    """Reason for admission."""
    attending: Provider
    """Attending physician of record."""
    disposition: str
    """Where the patient went at discharge."""
    operation: str | None = None
    """The operation performed, if any."""
    surgeon: Provider | None = None
    """The surgeon, if there was an operation."""
    operated_at: datetime | None = None
    """When the operation started."""


class ChartDocument(Model):
    """One document in the chart."""

    id: str
    """Document number (used to name it in an answer)."""
    type: DocumentType
    """Document type."""
    title: str
    """Document title as the chart lists it."""
    author: Provider
    """Who wrote it (for an order: who gave it)."""
    written_at: datetime
    """When it was written (for an order: when it was given)."""
    signed_at: datetime | None = None
    """When the author authenticated it; none when unsigned."""
    summary: str
    """What the document says, in a line."""


class DeficiencyView(Model):
    """A discharged chart awaiting deficiency analysis."""

    patient: ChartPatient
    """The patient."""
    stay: Stay
    """The stay."""
    documents: list[ChartDocument]
    """Documents on the chart, in time order."""
    providers: list[Provider]
    """The medical staff, to assign deficiencies to (by NPI)."""
    as_of: date
    """The simulated today."""


class KeyDeficiency(Model):
    """One deficiency in the answer key."""

    kind: DeficiencyKind
    """Deficiency kind."""
    title: str
    """What is wrong, as a heading."""
    document: str | None
    """Document number for a deficiency on a document that exists; none for a missing one."""
    provider: Provider
    """Who must fix it."""
    role: Role
    """Why that provider: the attending, the surgeon, or the document's author."""
    due: datetime
    """Deadline."""
    overdue: bool
    """Whether the deadline has passed as of the simulated today."""
    severity: int = Field(ge=1, le=4)
    """1 low ... 4 patient safety."""
    rule: str
    """The Condition of Participation it rests on."""
    explanation: str
    """What the trainee should learn."""


class DeficiencyKey(Model):
    """The answer key of one chart."""

    deficiencies: list[KeyDeficiency]
    """Deficiencies; empty for a complete chart."""
    completion_due: date
    """The day the record must be complete (30 days after discharge)."""
    delinquent: bool
    """Incomplete and past the completion deadline."""


class DeficiencyEntry(Model):
    """One deficiency the trainee lists."""

    kind: DeficiencyKind
    """What is wrong."""
    document: str | None = Field(default=None, max_length=20)
    """The document's number, for a document that exists (unsigned or out of window)."""
    provider: Annotated[str, AfterValidator(_npi)]
    """NPI of the provider it is assigned to."""


class DeficiencyAnswer(Model):
    """The trainee's deficiency analysis of one chart."""

    deficiencies: list[DeficiencyEntry] = Field(default_factory=list, max_length=50)
    """Deficiencies found (none: the chart is complete)."""
    delinquent: bool
    """Whether the chart is delinquent."""
