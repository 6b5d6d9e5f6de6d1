"""What the claim reviewer sees, the hidden key, and the shape of a decision."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from recsim.core.model import Model
from recsim.core.records import Provider, Sex
from recsim.tasks.claims.block import ClaimProblem

Decision = Literal["approve", "deny", "pend_for_records"]
DECISIONS: tuple[str, ...] = Decision.__args__  # type: ignore[attr-defined]
DenialReason = Literal[
    "diagnosis_not_supported",
    "service_not_documented",
    "level_not_supported",
    "bundled_service",
    "units_not_supported",
    "code_edit",
    "date_not_documented",
    "member_not_covered",
    "provider_not_documented",
    "duplicate_claim",
]
DENIAL_REASONS: tuple[str, ...] = DenialReason.__args__  # type: ignore[attr-defined]
Place = Literal["office", "emergency department", "inpatient hospital"]


class ClaimDiagnosis(Model):
    """A diagnosis on the claim."""

    code: str
    """ICD-10-CM code."""
    description: str
    """Its description."""


class ServiceLine(Model):
    """One service line of the claim."""

    line: int = Field(ge=1)
    """Line number."""
    date: date
    """Date of service."""
    code: str
    """recsim service code (RS-...: recsim's own training codes, not CPT)."""
    description: str
    """What the code stands for."""
    units: int = Field(ge=1)
    """Units billed."""
    charge: float
    """Charge in dollars (fictional)."""
    pointers: list[int]
    """Diagnoses (by position, from 1) the service is billed for."""


class Claim(Model):
    """A professional claim as it reaches the plan."""

    number: str
    """Claim number."""
    received: date
    """When the plan received it."""
    member_id: str
    """Member ID billed."""
    patient_name: str
    """Patient's name."""
    date_of_birth: date
    """Patient's date of birth."""
    sex: Sex
    """Patient's sex."""
    provider: Provider
    """Rendering provider (name and NPI)."""
    place: Place
    """Place of service."""
    from_date: date
    """First date of service."""
    to_date: date
    """Last date of service."""
    diagnoses: list[ClaimDiagnosis]
    """Diagnoses, first listed first."""
    lines: list[ServiceLine]
    """Service lines."""

    @property
    def total(self) -> float:
        """Total charge."""
        return round(sum(line.charge for line in self.lines), 2)


class Eligibility(Model):
    """The member's coverage on file at the plan."""

    payer: str
    """The plan."""
    plan: str
    """Product."""
    member_id: str
    """Member ID."""
    subscriber: str
    """Subscriber's name."""
    effective_from: date
    """First day of coverage."""
    effective_to: date | None = None
    """Last day of coverage; none while coverage continues."""


class Attachment(Model):
    """A document requested with the claim."""

    title: str
    """Document title."""
    date: date
    """Date of service it documents."""
    author: str
    """Who wrote and signed it."""
    received: bool
    """Whether it has arrived."""
    text: str = ""
    """Its text (empty until received)."""


class ServiceInfo(Model):
    """The plan's reference entry for a service code on the claim."""

    code: str
    """Service code."""
    description: str
    """Description."""
    limit: int
    """Most units for one patient on one date."""
    includes: list[str] = Field(default_factory=list)
    """Services it includes, not paid with it on the same date."""


class PriorClaim(Model):
    """A claim for the same member the plan has already processed."""

    number: str
    """Its claim number."""
    received: date
    """When the plan received it."""
    provider: Provider
    """Rendering provider (name and NPI)."""
    place: Place
    """Place of service."""
    from_date: date
    """First date of service."""
    to_date: date
    """Last date of service."""
    codes: list[str]
    """Service codes billed, in line order."""
    total: float
    """Total charge in dollars."""
    status: Literal["paid"] = "paid"
    """What the plan did with it."""


class ClaimView(Model):
    """A claim to review, with the records sent for it."""

    claim: Claim
    """The claim."""
    eligibility: Eligibility
    """Coverage on file."""
    attachments: list[Attachment]
    """Documentation requested with the claim."""
    reference: list[ServiceInfo]
    """The plan's reference entries for the service codes billed."""
    history: list[PriorClaim] = Field(default_factory=list)
    """Claims already processed for this member, most recent first."""
    as_of: date
    """The simulated today."""


class ClaimKey(Model):
    """The answer key of one claim."""

    problem: ClaimProblem | Literal["clean"]
    """What is wrong, or clean."""
    title: str
    """The problem as a heading."""
    decision: Decision
    """The right decision."""
    reason: DenialReason | None = None
    """The right denial reason, for a denial."""
    category: Literal["accuracy", "coding"]
    """Score category."""
    severity: int = Field(ge=1, le=4)
    """Severity of a wrong decision."""
    line: int | None = None
    """The service line at fault, when one is."""
    deny_line: int | None = None
    """For a problem on one line: that line, which is denied while the rest is paid."""
    rule: str
    """The rule it rests on."""
    explanation: str
    """What the trainee should learn."""
    edits: list[str] = Field(default_factory=list)
    """Edit ids the coding engine reports for the claim's diagnoses."""


class ClaimAnswer(Model):
    """The reviewer's decision on one claim."""

    decision: Decision
    """approve, deny or pend_for_records."""
    reason: DenialReason | None = None
    """For a denial: why, from the plan's list."""
    line: int | None = Field(default=None, ge=1, le=99)
    """For a denial of one service line: its number (the rest of the claim is paid); none
    denies the whole claim."""

    @model_validator(mode="after")
    def _reason_with_a_denial(self) -> ClaimAnswer:
        if self.decision == "deny" and self.reason is None:
            raise ValueError("a denial needs a reason: one of " + ", ".join(DENIAL_REASONS))
        if self.decision != "deny" and self.reason is not None:
            raise ValueError("a reason is only given with the decision deny")
        if self.decision != "deny" and self.line is not None:
            raise ValueError("a line is only given with the decision deny")
        return self
