"""The rights kind's scenario block."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.model import Model
from recsim.core.scenario.blocks import MAX_ITEMS, BankBlock
from recsim.core.scenario.catalog import CatalogName

ARCHETYPES = CatalogName("recsim.tasks.rights", "rights.yaml", "archetypes")
"""The request archetypes: the keys of rights.yaml's archetypes (their titles are the topics)."""
Archetype = Annotated[str, ARCHETYPES]
GROUNDS = CatalogName("recsim.tasks.rights", "rights.yaml", "grounds")
"""The grounds a request may be refused on: the keys of rights.yaml's grounds."""
Ground = Annotated[str, GROUNDS]


class RightsRequest(Model):
    """A request written in the scenario: an archetype received on a given day."""

    id: str | None = Field(default=None, min_length=1, max_length=80)
    """The instructor's name for the request (never shown to the trainee)."""
    archetype: Archetype
    """What kind of request it is."""
    received: date
    """The day the privacy office received it (on or before the scenario's ``as_of``)."""
    explain: str | None = Field(default=None, max_length=2000)
    """The instructor's own feedback, shown after the rule's."""


class RightsBlock(BankBlock):
    """Patient-rights requests at the privacy office (task kind ``rights``)."""

    entry_description: ClassVar[str] = "Patient-rights requests at the privacy office."

    requests: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """How many requests to generate from the archetypes."""
    archetypes: Literal["all"] | Annotated[list[Archetype], Field(min_length=1)] = "all"
    """``all``, or the request archetypes to draw from."""
    received_within: int = Field(default=14, ge=0, le=29)
    """Generated requests were received this many days before ``as_of`` at most (0: today)."""
    items: list[RightsRequest] = Field(default_factory=list, max_length=500)
    """Requests written in the scenario."""

    def item_count(self) -> int:
        return self.requests + self.authored_count()
