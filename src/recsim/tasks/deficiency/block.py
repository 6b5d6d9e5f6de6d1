"""The deficiency kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock
from recsim.core.scenario.catalog import CatalogName

DEFICIENCY_KINDS = CatalogName("recsim.tasks.deficiency", "deficiencies.yaml", "kinds")
"""The deficiency kinds: the keys of deficiencies.yaml's kinds."""
DeficiencyKind = Annotated[str, DEFICIENCY_KINDS]


class DeficiencyBlock(TaskBlock):
    """Discharged charts to analyse for deficiencies (task kind ``deficiency``)."""

    entry_description: ClassVar[str] = "Charts to analyse for deficiencies."

    charts: int = Field(ge=1, le=MAX_ITEMS)
    """How many charts."""
    deficiencies_per_chart: tuple[int, int] = (0, 3)
    """Fewest and most deficiencies in one chart; 0 allows complete charts."""
    kinds: Literal["all"] | Annotated[list[DeficiencyKind], Field(min_length=1)] = "all"
    """``all``, or the deficiency kinds to plant (see docs/tasks.md for the list)."""

    @field_validator("deficiencies_per_chart")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if not 0 <= low <= high <= 5:
            raise ValueError("must be two numbers [fewest, most] with 0 <= fewest <= most <= 5")
        return value

    def item_count(self) -> int:
        return self.charts
