"""The release kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, BankBlock
from recsim.core.scenario.catalog import CatalogName
from recsim.core.scenario.release import ReleaseRequest

ARCHETYPES = CatalogName("recsim.tasks.release", "archetypes.yaml", "archetypes")
"""The request archetypes: the keys of archetypes.yaml."""
Archetype = Annotated[str, ARCHETYPES]


class ReleaseBlock(BankBlock):
    """Release-of-information requests to decide (task kind ``release``)."""

    entry_description: ClassVar[str] = "Release-of-information requests."

    requests: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """How many requests to generate from the archetypes."""
    archetypes: Literal["all"] | list[Archetype] = "all"
    """``all``, or the request archetypes to draw from."""
    items: list[ReleaseRequest] = Field(default_factory=list, max_length=500)
    """Requests written in the scenario."""

    def item_count(self) -> int:
        return self.requests + self.authored_count()
