"""The DRG validation kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock
from recsim.core.scenario.catalog import CatalogName

DRG_ERRORS = CatalogName("recsim.tasks.drg_validation", "errors.yaml", "errors")
"""The coding errors a claim may carry: the keys of errors.yaml's errors."""
DRG_TOPICS = CatalogName("recsim.tasks.drg_validation", "errors.yaml", "topics")
"""Every topic the kind's findings use, with the title a trainee reads."""
DrgError = Annotated[str, DRG_ERRORS]
CaseId = Annotated[str, Field(pattern=r"^ip-[a-z0-9-]+$", max_length=80)]
Tag = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class DrgValidationBlock(TaskBlock):
    """Inpatient claims to validate against their records (task kind ``drg_validation``)."""

    entry_description: ClassVar[str] = "Inpatient claims to validate (MS-DRG)."

    claims: int = Field(ge=1, le=MAX_ITEMS)
    """How many claims."""
    errors: Literal["all"] | Annotated[list[DrgError], Field(min_length=1)] = "all"
    """``all``, or the coding errors to plant (one per claim with an error; see docs/tasks.md)."""
    clean_share: float = Field(default=0.25, ge=0, le=1)
    """Share of claims coded correctly, which the reviewer should let stand (0 to 1)."""
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    """Draw the claims from the inpatient stays with any of these tags (none: every stay)."""
    cases: list[CaseId] = Field(default_factory=list, max_length=200)
    """Draw the claims from these inpatient stays only, by id (wins over ``tags``; docs/tasks.md
    lists the stays)."""

    def item_count(self) -> int:
        return self.claims
