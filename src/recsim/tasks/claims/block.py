"""The claims kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock
from recsim.core.scenario.catalog import CatalogName

CLAIM_PROBLEMS = CatalogName("recsim.tasks.claims", "problems.yaml", "problems")
"""The problems a claim may carry: the keys of problems.yaml's problems."""
ClaimProblem = Annotated[str, CLAIM_PROBLEMS]


class ClaimsBlock(TaskBlock):
    """Claims to review on the insurer's side (task kind ``claims``)."""

    entry_description: ClassVar[str] = "Claims to review."

    claims: int = Field(ge=1, le=MAX_ITEMS)
    """How many claims."""
    problems: Literal["all"] | Annotated[list[ClaimProblem], Field(min_length=1)] = "all"
    """``all``, or the problems to plant (one per problem claim; see docs/tasks.md)."""
    clean_share: float = Field(default=0.25, ge=0, le=1)
    """Share of claims with no problem, which the reviewer should approve (0 to 1)."""

    def item_count(self) -> int:
        return self.claims
