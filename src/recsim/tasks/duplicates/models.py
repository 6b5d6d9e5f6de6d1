"""What the master-patient-index trainee sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from recsim.core.model import Model
from recsim.core.records import Address, Sex, display
from recsim.tasks.duplicates.block import DuplicateCase

Decision = Literal["merge", "keep_separate", "send_to_review"]
DECISIONS: tuple[str, ...] = Decision.__args__  # type: ignore[attr-defined]
Truth = Literal["duplicate", "look_alike", "overlay"]
MergeField = Literal["first_name", "last_name", "date_of_birth", "ssn", "address", "phone"]
MERGE_FIELDS: tuple[str, ...] = MergeField.__args__  # type: ignore[attr-defined]
IDENTITY_FIELDS = ("first_name", "last_name", "date_of_birth", "ssn")
"""Fields that survive from the most recent photo-verified registration."""
CONTACT_FIELDS = ("address", "phone")
"""Fields that survive from the most recently updated registration."""
MRN_PATTERN = re.compile(r"RS\d{8}")


def _mrn(text: str) -> str:
    if not MRN_PATTERN.fullmatch(text):
        raise ValueError(f"{text[:20]!r} is not an MRN; write it as shown, e.g. RS01234567")
    return text


Mrn = Annotated[str, AfterValidator(_mrn)]
"""A medical record number as an answer gives it."""


class Visit(Model):
    """One registration event on a record: when, where, and the identifiers taken at check-in."""

    on: date
    """Date of the visit."""
    department: str
    """Where the patient was seen."""
    reason: str
    """Reason for the visit."""
    stated_dob: date
    """Date of birth given at check-in."""
    member_id: str
    """Insurance member ID presented at check-in."""


class IndexEntry(Model):
    """One record in the master patient index."""

    mrn: str
    """Medical record number."""
    first_name: str
    """First name as registered."""
    middle_initial: str | None = None
    """Middle initial, if registered."""
    last_name: str
    """Last name as registered."""
    suffix: Literal["Jr", "Sr"] | None = None
    """Generational suffix, if registered."""
    date_of_birth: date
    """Date of birth as registered."""
    sex: Sex
    """Sex as registered."""
    ssn: str | None = None
    """Social Security number (synthetic), or none on file."""
    address: Address
    """Home address."""
    phone: str
    """Telephone number."""
    registered_on: date
    """When the record was created."""
    updated_on: date
    """When its demographics were last updated."""
    verified_with: str
    """How identity was checked at the last update (a photo ID, or not)."""
    photo_verified: bool
    """Whether identity was checked against a photo ID at the last update."""
    visits: list[Visit] = Field(default_factory=list)
    """Registration events, oldest first."""

    @property
    def full_name(self) -> str:
        """Name as the index lists it."""
        middle = f" {self.middle_initial}." if self.middle_initial else ""
        suffix = f" {self.suffix}" if self.suffix else ""
        return f"{self.first_name}{middle} {self.last_name}{suffix}"

    def shown(self, field: str) -> str:
        """A merge field's value as displayed (an address on one line, a blank as "")."""
        value = getattr(self, field)
        if isinstance(value, Address):
            return f"{value.street}, {value.city}, {value.state} {value.zip}"
        return display(value)


class DuplicatesView(Model):
    """A candidate group the index's matching flagged as possibly one person."""

    entries: list[IndexEntry] = Field(min_length=2, max_length=3)
    """The records, oldest registration first."""
    as_of: date
    """The simulated today."""


class DuplicatesKey(Model):
    """The answer key of one candidate group."""

    case: DuplicateCase
    """The case the group was generated from."""
    variations: list[DuplicateCase] = Field(default_factory=list)
    """Every variation applied (the case first), for a true duplicate."""
    truth: Truth
    """Whether the records are one person, different people, or hold an overlay."""
    decision: Decision
    """The right decision."""
    severity: int = Field(ge=1, le=4)
    """Severity of a wrong decision."""
    deciding: list[str]
    """The identifiers that decide it, as sentences."""
    explanation: str
    """What the trainee should learn."""
    rule: str
    """The rule the decision rests on."""
    survivor: str | None = None
    """For a merge: the MRN that survives."""
    survivors: dict[str, str] = Field(default_factory=dict)
    """For a merge: merge field -> surviving value as displayed, for every field that differs."""
    sources: dict[str, str] = Field(default_factory=dict)
    """For a merge: merge field -> the MRN the surviving value is taken from."""
    overlaid: str | None = None
    """For an overlay: the MRN of the record holding another person's visit."""


class DuplicatesAnswer(Model):
    """The trainee's decision on one candidate group."""

    decision: Decision
    """merge, keep_separate or send_to_review."""
    survivor: Mrn | None = None
    """For a merge: the MRN that survives."""
    values: dict[MergeField, Mrn] = Field(default_factory=dict)
    """For a merge: merge field -> the MRN whose value survives."""
    overlaid: Mrn | None = None
    """For send_to_review: the MRN of a record you believe holds another person's information."""

    @model_validator(mode="after")
    def _details_fit_the_decision(self) -> DuplicatesAnswer:
        if self.decision != "merge" and (self.survivor or self.values):
            raise ValueError("survivor and values are only given with the decision merge")
        if self.decision != "send_to_review" and self.overlaid:
            raise ValueError("overlaid is only given with the decision send_to_review")
        return self
