"""The breach kind's scenario block: incidents generated from archetypes, or written out."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.model import Model
from recsim.core.scenario.blocks import MAX_ITEMS, BankBlock
from recsim.core.scenario.catalog import CatalogName

INCIDENTS = CatalogName("recsim.tasks.breach", "incidents.yaml", "archetypes")
"""The incident archetypes: the keys of incidents.yaml's archetypes."""
BREACH_TOPICS = CatalogName("recsim.tasks.breach", "incidents.yaml", "topics")
"""The steps a finding is about, with their titles (the report's topics)."""
STATES = CatalogName("recsim.tasks.breach", "incidents.yaml", "states")
"""The states affected individuals may live in (two-letter codes)."""
Archetype = Annotated[str, INCIDENTS]
State = Annotated[str, STATES]


class LawEnforcementStatement(Model):
    """A law-enforcement official's request to hold the notices (45 CFR 164.412)."""

    form: Literal["written", "oral"]
    """written (the hold lasts as long as the statement says) or oral (at most 30 days)."""
    stated: date
    """The day the statement was made."""
    until: date | None = None
    """Last day of the hold a written statement asks for (not given for an oral one)."""


class WrittenIncident(Model):
    """An incident written in the scenario: an archetype with paperwork the instructor fixes.

    Whatever is left out is generated as for any other incident.
    """

    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,40}$")
    """Your own name for the incident, shown in ``recsim preview`` but never to the trainee."""
    archetype: Archetype
    """What happened (one of the archetypes; see docs/privacy.md)."""
    occurred: date | None = None
    """The day the incident happened."""
    discovered: date | None = None
    """The day it was first known to a workforce member other than the one who caused it."""
    reported: date | None = None
    """The day the report reached the privacy office (on or after ``discovered``)."""
    affected: dict[State, Annotated[int, Field(ge=0, le=10_000_000)]] | None = Field(
        default=None, min_length=1, max_length=6
    )
    """Individuals affected, by state of residence: ``{OH: 480, PA: 30}``."""
    missing_contact: int | None = Field(default=None, ge=0, le=10_000_000)
    """How many of them have no current address or other contact details on file."""
    law_enforcement: LawEnforcementStatement | None = None
    """A request from law enforcement to hold the notices; none by default."""


class BreachBlock(BankBlock):
    """Incidents for the privacy office to assess as possible breaches (task kind ``breach``)."""

    entry_description: ClassVar[str] = "Incident reports to assess as possible breaches."

    incidents: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """How many incidents to generate from the archetypes."""
    archetypes: Literal["all"] | Annotated[list[Archetype], Field(min_length=1)] = "all"
    """``all``, or the archetypes to draw generated incidents from."""
    items: list[WrittenIncident] = Field(default_factory=list, max_length=500)
    """Incidents written in the scenario."""

    def item_count(self) -> int:
        return self.incidents + self.authored_count()
