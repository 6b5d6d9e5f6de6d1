"""What the privacy office sees of an incident, the hidden key, and the shape of an answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from recsim.core.model import Model
from recsim.core.scenario.catalog import CatalogName
from recsim.tasks.breach.block import State
from recsim.tasks.breach.content import Exception_, Risk

Recipient = Literal[
    "individuals", "media", "secretary_now", "secretary_annual_log", "covered_entity"
]
RECIPIENTS: tuple[str, ...] = Recipient.__args__  # type: ignore[attr-defined]
Substitute = Literal["none", "other_written_or_phone", "website_or_media"]
SUBSTITUTES: tuple[str, ...] = Substitute.__args__  # type: ignore[attr-defined]
EXCEPTIONS: tuple[str, ...] = Exception_.__args__  # type: ignore[attr-defined]
RISKS: tuple[str, ...] = Risk.__args__  # type: ignore[attr-defined]
LETTER = CatalogName("recsim.tasks.breach", "incidents.yaml", "letter")
"""What a notice to individuals may contain: the keys of incidents.yaml's letter."""
LetterPart = Annotated[str, LETTER]


class StateCount(Model):
    """Individuals affected who live in one state."""

    state: str
    """Two-letter code."""
    name: str
    """The state's name."""
    count: int = Field(ge=0)
    """How many."""


class Hold(Model):
    """A law-enforcement request to hold the notices, as the file records it."""

    form: Literal["written", "oral"]
    """In writing, or said to the privacy officer."""
    on: date
    """When it was made."""
    until: date | None = None
    """The end of the hold a written statement specifies."""
    official: str
    """Who made it (164.412(b) asks that an oral statement's author be documented)."""


class Investigation(Model):
    """The four factors of 45 CFR 164.402(2) as the investigation found them."""

    nature: str
    """(i) The nature and extent of the PHI, identifiers, likelihood of re-identification."""
    recipient: str
    """(ii) The unauthorized person who used it or received it."""
    acquired: str
    """(iii) Whether it was actually acquired or viewed."""
    mitigated: str
    """(iv) How far the risk has been mitigated."""


class BreachView(Model):
    """An incident report on the privacy officer's desk."""

    as_of: date
    """Today in the privacy office."""
    reference: str
    """The incident's log number."""
    organization: str
    """Our organization."""
    role: Literal["covered_entity", "business_associate"]
    """Whether we are the covered entity or a business associate of one."""
    client: str | None = None
    """The covered entity we work for, when we are its business associate."""
    title: str
    """What happened, in a few words."""
    report: str
    """The incident report."""
    occurred: date
    """When the incident happened."""
    discovered: date
    """When it was first known to a workforce member other than the one who caused it."""
    discovered_by: str
    """Who that was."""
    reported: date
    """When the report reached the privacy office."""
    safeguard: str
    """Encryption or destruction status of the PHI."""
    phi: list[str]
    """The kinds of PHI involved."""
    investigation: Investigation
    """What the investigation found."""
    affected: list[StateCount]
    """Individuals affected, by state."""
    missing_contact: int = Field(ge=0)
    """How many have no current contact details on file."""
    law_enforcement: Hold | None = None
    """A law-enforcement request to hold the notices."""
    part2: bool = False
    """Records of a 42 CFR Part 2 substance-use treatment program."""

    @property
    def total(self) -> int:
        """Individuals affected in all."""
        return sum(s.count for s in self.affected)


class BreachKey(Model):
    """The hidden answer key of one incident."""

    archetype: str
    """What happened."""
    authored_id: str | None = None
    """How the scenario file names a written incident."""
    discovered: date
    """The day the deadlines count from."""
    unsecured: bool
    """Step 1: an impermissible acquisition, access, use or disclosure of unsecured PHI."""
    exception: Exception_ | None = None
    """Step 2, when reached."""
    risk: Risk | None = None
    """Step 3, when reached."""
    notices: dict[Recipient, date] = Field(default_factory=dict)
    """Step 4: who must be told, by when."""
    media_states: list[str] = Field(default_factory=list)
    """States whose media must be told."""
    substitute: Substitute = "none"
    """The substitute notice owed for those without contact details."""
    hold_until: date | None = None
    """The last day of a law-enforcement hold on the notices."""

    @property
    def breach(self) -> bool:
        """Whether notices are owed."""
        return bool(self.notices)


class BreachAnswer(Model):
    """The privacy officer's decisions on one incident, in the order the law takes them."""

    unsecured_breach: bool
    """Step 1: unsecured PHI acquired, accessed, used or disclosed against the Privacy Rule."""
    exception: Exception_ | None = None
    """Step 2: the exception that applies, ``none``, or nothing when step 1 was no."""
    risk: Risk | None = None
    """Step 3: ``low_probability`` or ``presumed_breach``; nothing when not reached."""
    notices: dict[Recipient, date] = Field(default_factory=dict)
    """Step 4: each notice owed and its deadline (YYYY-MM-DD)."""
    media_states: list[State] = Field(default_factory=list, max_length=6)
    """The states whose media are told (with a ``media`` notice)."""
    substitute: Substitute = "none"
    """The substitute notice for individuals without contact details."""
    letter: list[LetterPart] = Field(default_factory=list, max_length=10)
    """What the notice to individuals says."""
    hold_until: date | None = None
    """The last day notices are held at law enforcement's request."""

    @model_validator(mode="after")
    def _media_named(self) -> BreachAnswer:
        if ("media" in self.notices) != bool(self.media_states):
            raise ValueError(
                "a media notice needs its states (media_states), and media_states need a "
                "media notice"
            )
        return self
