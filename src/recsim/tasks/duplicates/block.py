"""The duplicates kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock
from recsim.core.scenario.catalog import CatalogName

DUPLICATE_CASES = CatalogName("recsim.tasks.duplicates", "identity.yaml", "cases")
"""The kinds of candidate group: the keys of identity.yaml's cases."""
DuplicateCase = Annotated[str, DUPLICATE_CASES]


class DuplicatesBlock(TaskBlock):
    """Possible duplicate patients in the master patient index (task kind ``duplicates``)."""

    entry_description: ClassVar[str] = "Possible duplicate patients."

    pairs: int = Field(ge=1, le=MAX_ITEMS)
    """How many candidate groups to resolve."""
    cases: Literal["all"] | Annotated[list[DuplicateCase], Field(min_length=1)] = "all"
    """``all``, or the cases to draw from: true duplicates (nickname, typo, transposed_dob,
    married_name, moved_address, missing_ssn), look-alikes who are different people (twins,
    junior_senior, common_name) and overlay (two people's information in one record)."""
    max_group: int = Field(default=2, ge=2, le=3)
    """Largest candidate group: 2 for pairs only, 3 to include people registered three times."""

    def item_count(self) -> int:
        return self.pairs
