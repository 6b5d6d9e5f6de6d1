"""The patient-rights content (rights.yaml), typed: rights, grounds, log lines, fees, archetypes."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel, Severity

Decision = Literal["grant", "grant_in_part", "deny", "extend"]
"""What the privacy office does with a request."""
DECISIONS: tuple[Decision, ...] = ("grant", "grant_in_part", "deny", "extend")
GROUNDED: frozenset[str] = frozenset({"grant_in_part", "deny"})
"""Decisions that refuse something, and so name the ground they rest on."""


class RightEntry(ContentModel):
    """One right, with the time the law gives to act on a request."""

    title: str = Field(min_length=1)
    """The right in the trainee's words."""
    days: int | None = Field(default=None, ge=1)
    """Calendar days after receipt to act (None: the rule sets no time)."""
    extension: int | None = Field(default=None, ge=1)
    """Days the one extension may add."""
    rule: str = Field(min_length=1)
    """The paragraph that sets the time."""
    extension_rule: str | None = None
    """The paragraph that allows the extension."""

    @model_validator(mode="after")
    def _extension_needs_days(self) -> RightEntry:
        if self.extension is not None and (self.days is None or self.extension_rule is None):
            raise ValueError("an extension needs days to extend and its extension_rule")
        return self


class GroundEntry(ContentModel):
    """A ground a request may be denied on."""

    title: str = Field(min_length=1)
    """The ground in the trainee's words."""
    rule: str = Field(min_length=1)
    """The paragraph that allows it."""
    reviewable: bool | None = None
    """For access: whether the patient may have the denial reviewed (164.524(a)(4))."""


class DisclosureEntry(ContentModel):
    """A kind of disclosure-log entry."""

    recipient: str = Field(min_length=1)
    """Who received it (a template: {city}, {last})."""
    purpose: str = Field(min_length=1)
    """What went and why, as the log says it."""
    accounted: bool
    """Whether an accounting of disclosures lists it."""
    rule: str = Field(min_length=1)
    """The paragraph that decides it."""
    why: str = Field(min_length=1)
    """Feedback: why it is or is not in the accounting."""


class FeeEntry(ContentModel):
    """A kind of line on a copy invoice."""

    words: str = Field(min_length=1)
    """The line as billing wrote it."""
    amount: tuple[float, float]
    """Lowest and highest amount billing writes, in dollars."""
    chargeable: bool
    """Whether a patient may be charged for it."""
    rule: str = Field(min_length=1)
    why: str = Field(min_length=1)


class LogShape(ContentModel):
    """How an accounting request's disclosure log is made."""

    first: bool
    """Whether this is the patient's first accounting in 12 months (else one was given recently)."""
    years: int | None = Field(default=None, ge=1, le=5)
    """The shorter period the patient asks for, in years (None: the full six)."""


class ArchetypeEntry(ContentModel):
    """A kind of request the scenario format names."""

    title: str = Field(min_length=1)
    right: str
    decision: Decision
    ground: str | None = None
    severity: Severity
    letter: list[str] = Field(min_length=1)
    facts: list[str] = Field(default_factory=list)
    log: LogShape | None = None
    invoice: list[str] = Field(default_factory=list)
    timed: bool = True
    """Whether the right's time to act runs from this request (a statement of disagreement
    answers a denial already made, and starts none)."""
    rule: str = Field(min_length=1)
    explain: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ground_when_refused(self) -> ArchetypeEntry:
        if (self.ground is None) == (self.decision in GROUNDED):
            raise ValueError("a ground is given exactly when the decision is deny or grant_in_part")
        return self


class RightsFile(ContentModel):
    """rights.yaml."""

    policy: str = Field(min_length=1)
    """The office's standing instruction, shown with every request."""
    rights: dict[str, RightEntry] = Field(min_length=1)
    services: list[str] = Field(min_length=1)
    relatives: list[str] = Field(min_length=1)
    grounds: dict[str, GroundEntry] = Field(min_length=1)
    disclosures: dict[str, DisclosureEntry] = Field(min_length=2)
    fees: dict[str, FeeEntry] = Field(min_length=1)
    archetypes: dict[str, ArchetypeEntry] = Field(min_length=20)

    @model_validator(mode="after")
    def _known_names(self) -> RightsFile:
        for name, entry in self.archetypes.items():
            named: list[tuple[str, str, Collection[str]]] = [("right", entry.right, self.rights)]
            if entry.ground is not None:
                named.append(("ground", entry.ground, self.grounds))
            named += [("invoice line", line, self.fees) for line in entry.invoice]
            for what, value, known in named:
                if value not in known:
                    raise ValueError(
                        f"archetype {name!r} names the {what} {value!r}, which is not defined"
                    )
            if entry.log is not None and entry.right != "accounting":
                raise ValueError(
                    f"archetype {name!r} has a disclosure log but is not an accounting"
                )
        return self


@cache
def rights_content() -> RightsFile:
    """The bundled content, parsed once per process."""
    return load_content(__package__, "rights.yaml", RightsFile)
