"""The breach content (incidents.yaml), typed: archetypes, steps, weights and deadlines."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel

Exception_ = Literal["none", "good_faith_workforce", "inadvertent_authorized", "could_not_retain"]
Risk = Literal["low_probability", "presumed_breach"]


class Weights(ContentModel):
    """Points of each step; see the file's header for why they are so."""

    unsecured: float = Field(gt=0)
    exception: float = Field(gt=0)
    risk: float = Field(gt=0)
    individuals: float = Field(gt=0)
    substitute: float = Field(gt=0)
    letter: float = Field(gt=0)
    media: float = Field(gt=0)
    secretary: float = Field(gt=0)
    covered_entity: float = Field(gt=0)
    hold: float = Field(gt=0)
    no_notice: float = Field(gt=0)
    over_escalation_share: float = Field(ge=0, le=1)
    """Share of ``no_notice`` kept by a notice the law did not require."""
    wrong_date_share: float = Field(ge=0, le=1)
    """Share of a notice's points kept when it goes to the right party with the wrong deadline."""


class Days(ContentModel):
    """The periods and thresholds of 45 CFR 164.404-412."""

    notify: int = Field(gt=0)
    """Calendar days after discovery (164.404(b), 164.406(b), 164.410(b))."""
    annual_log: int = Field(gt=0)
    """Days after the calendar year ends for breaches under the threshold (164.408(c))."""
    oral_hold: int = Field(gt=0)
    """Longest hold an oral law-enforcement statement gives (164.412(b))."""
    website: int = Field(gt=0)
    """Days a substitute notice stays on the website (164.404(d)(2)(ii)(A))."""
    media_threshold: int = Field(gt=0)
    """Media notice when MORE than this many residents of a state (164.406(a))."""
    secretary_threshold: int = Field(gt=0)
    """The Secretary is told at once at this many OR MORE (164.408(b))."""
    substitute_threshold: int = Field(gt=0)
    """At this many or more without contact details, the web or media form (164.404(d)(2))."""


class Topic(ContentModel):
    title: str = Field(min_length=1)
    rule: str = Field(min_length=1)


class Choice(ContentModel):
    """An exception or a risk outcome: its words, its rule and the rule's text."""

    title: str = Field(min_length=1)
    rule: str = Field(min_length=1)
    text: str = Field(min_length=1)


class LetterPart(ContentModel):
    title: str = Field(min_length=1)
    required: bool
    """Required by 45 CFR 164.404(c)(1)(A)-(E); the others do not belong in the letter."""


class Facts(ContentModel):
    """The four factors of 45 CFR 164.402(2)(i)-(iv), as the investigation found them."""

    nature: str = Field(min_length=1)
    recipient: str = Field(min_length=1)
    acquired: str = Field(min_length=1)
    mitigated: str = Field(min_length=1)


class ArchetypeEntry(ContentModel):
    """One incident archetype."""

    title: str = Field(min_length=1)
    role: Literal["covered_entity", "business_associate"]
    report: str = Field(min_length=1)
    safeguard: str = Field(min_length=1)
    phi: list[str] = Field(min_length=1)
    facts: Facts
    affected: tuple[int, int]
    missing: tuple[int, int]
    secured: str | None = None
    exception: Exception_ = "none"
    risk: Risk | None = None
    police: bool = False
    part2: bool = False
    rule: str = Field(min_length=1)
    explain: str = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ArchetypeEntry:
        reached = self.secured is None and self.exception == "none"
        if reached != (self.risk is not None):
            raise ValueError(
                "give risk exactly when the incident reaches the risk assessment "
                "(no secured reason and no exception)"
            )
        if not 1 <= self.affected[0] <= self.affected[1]:
            raise ValueError("affected must be [fewest, most] with 1 <= fewest <= most")
        if not 0 <= self.missing[0] <= self.missing[1] <= self.affected[1]:
            raise ValueError("missing must be [fewest, most] within affected")
        return self

    @property
    def breach(self) -> bool:
        """Whether the key is a (presumed) breach that must be notified."""
        return self.risk == "presumed_breach"


class FollowUpEntry(ArchetypeEntry):
    """An incident a trap leads into, written from the trap's facts (incidents.yaml's
    ``follow_ups``)."""

    after: str = Field(min_length=1)
    """The trap kind whose facts it is written from."""
    days_before: int = Field(ge=0, le=30)
    """How many days before the trap's day the incident itself happened."""
    discovered_by: str = Field(min_length=1)
    """Who told the privacy office (a template)."""


class IncidentsFile(ContentModel):
    """incidents.yaml."""

    weights: Weights
    days: Days
    topics: dict[str, Topic] = Field(min_length=1)
    exceptions: dict[Exception_, Choice]
    risks: dict[Risk, Choice]
    letter: dict[str, LetterPart] = Field(min_length=1)
    states: dict[str, str] = Field(min_length=1)
    archetypes: dict[str, ArchetypeEntry] = Field(min_length=20)
    follow_ups: dict[str, FollowUpEntry] = Field(default_factory=dict)
    """Incidents traps lead into; never drawn for a breach block."""

    def entry(self, name: str) -> ArchetypeEntry:
        """An archetype or a follow-up, by name (an item's key names either)."""
        return self.archetypes.get(name) or self.follow_ups[name]


@cache
def breach_content() -> IncidentsFile:
    """The bundled content, parsed once per process."""
    return load_content(__package__, "incidents.yaml", IncidentsFile)
