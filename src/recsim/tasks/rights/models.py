"""What the privacy office sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from recsim.core.model import Model
from recsim.tasks.rights.block import Ground
from recsim.tasks.rights.content import GROUNDED, Decision


class RequestPatient(Model):
    """The patient the request is about, as the chart shows them."""

    name: str
    mrn: str
    date_of_birth: date


class LogLine(Model):
    """One entry of the disclosure log, or one line of a copy invoice."""

    id: str
    """What the trainee ticks: D1, D2, ... in a log; F1, F2, ... on an invoice."""
    on: date | None = None
    """When the disclosure was made (log entries only)."""
    who: str
    """The recipient (log) or the charge (invoice)."""
    what: str
    """What went and why (log) or the amount (invoice)."""


class RightsView(Model):
    """A patient-rights request on the privacy office's desk."""

    as_of: date
    """Today at the office."""
    reference: str
    """The request's log number."""
    right: str
    """Which right it exercises: access, amendment, accounting, restriction or confidential."""
    right_title: str
    """The right in words."""
    received: date
    """The day the request was received: deadlines run from it."""
    patient: RequestPatient
    letter: list[str]
    """The request in the patient's words."""
    facts: list[str]
    """What the file shows."""
    policy: str
    """The office's standing instruction."""
    lines: list[LogLine] = Field(default_factory=list)
    """The disclosure log (accounting) or the draft invoice (access fees), to tick from."""
    lines_title: str | None = None
    """What the lines are, as their heading says."""
    ask_fee: bool = False
    """Whether the form asks if a fee may be charged (accounting requests)."""


class LineKey(Model):
    """Whether one log entry or invoice line belongs, and why."""

    id: str
    belongs: bool
    rule: str
    why: str


class RightsKey(Model):
    """The hidden answer key of one request."""

    archetype: str
    right: str
    decision: Decision
    ground: str | None = None
    deadline: date | None = None
    """The date by which to act (the extended date when the key is to extend); None where the
    rule sets no time."""
    deadline_why: str | None = None
    """How the deadline is counted, in words (the finding's rule cites the paragraphs)."""
    lines: list[LineKey] = Field(default_factory=list)
    """Which ticks belong (empty when the item has nothing to tick)."""
    fee: bool | None = None
    """Whether a fee may be charged (accounting requests only)."""
    fee_why: str | None = None
    severity: int
    rule: str
    explain: str
    instructor: str | None = None
    """The instructor's own feedback."""
    authored_id: str | None = None
    """How the scenario file names an authored request; never shown to the trainee."""


class RightsAnswer(Model):
    """The trainee's decision on one request."""

    decision: Decision
    """grant, grant_in_part, deny or extend (the one extension the rule allows)."""
    ground: Ground | None = None
    """The ground of a denial or partial grant (a key of the grounds list)."""
    deadline: date | None = None
    """The date by which the office must act (after an extension, the extended date)."""
    lines: list[str] = Field(default_factory=list, max_length=60)
    """The log entries the accounting lists, or the invoice lines the patient may be charged."""
    fee: bool | None = None
    """For an accounting: whether a fee may be charged for it."""
    note: str | None = Field(default=None, max_length=2000)
    """Anything the trainee wants to record."""

    @model_validator(mode="after")
    def _ground_with_refusal(self) -> RightsAnswer:
        if self.decision in GROUNDED and self.ground is None:
            raise ValueError(
                "a denial or a partial grant needs its ground: give ground (see docs/answers.md)"
            )
        if self.decision not in GROUNDED and self.ground is not None:
            raise ValueError("a ground is only given with the decision deny or grant_in_part")
        return self
