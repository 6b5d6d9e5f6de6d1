"""The handling the rule engine derives for a release request."""

from __future__ import annotations

from pydantic import Field

from recsim.core.model import Model
from recsim.core.scenario.release import Decision, Expectation, RecordType

DISCLOSING: frozenset[str] = frozenset({"release", "release_partial"})
"""Decisions that send records out."""


class Withheld(Model):
    """A requested record that does not go out, and why."""

    record: RecordType
    """The record type held back."""
    cite: str
    """The rule that holds it back."""
    reason: str
    """Why, in a sentence."""
    forbidden: bool = True
    """Sending it would be an unlawful disclosure (False: the facility may send it but need not)."""


class Handling(Model):
    """The correct handling of one request, with everything feedback needs to explain it."""

    decision: Decision
    """The correct decision."""
    release: list[RecordType] = Field(default_factory=list)
    """What goes out (release and release_partial only)."""
    withheld: list[Withheld] = Field(default_factory=list)
    """Requested records held back, each with its rule."""
    discretionary: list[RecordType] = Field(default_factory=list)
    """Record types that may also go out without a violation, though not required."""
    log_disclosure: bool = False
    """The disclosure is entered in the accounting of disclosures (45 CFR 164.528)."""
    minimum_necessary: bool = False
    """45 CFR 164.502(b) limits the disclosure to what its purpose needs."""
    cite: str
    """Citation of the deciding rule (and of any rule that holds a record back)."""
    acceptable: list[Decision] = Field(default_factory=list)
    """Decisions that are safe though not ideal (partial credit)."""
    right_of_access: bool = False
    """Withholding what goes out would fail the patient's own right of access."""
    rule: str
    """Name of the deciding rule in the rulebook (release_rules.yaml)."""
    topic: str
    """What the request tests, for item analysis (the rule, or the authorization defect)."""
    explanation: str
    """The handling in plain words, with citations."""
    accounting_note: str = ""
    """Why the disclosure is or is not entered in the accounting, with its citation."""
    accounting_cite: str = ""
    """The part of 45 CFR 164.528 that decides the accounting entry."""

    @property
    def discloses(self) -> bool:
        """Whether records go out."""
        return self.decision in DISCLOSING

    def expectation(self) -> Expectation:
        """The handling in the scenario file's ``expect`` shape."""
        return Expectation(
            decision=self.decision,
            release=list(self.release),
            log_disclosure=self.log_disclosure,
            cite=self.cite,
            acceptable=list(self.acceptable),
        )
