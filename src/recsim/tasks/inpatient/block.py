"""The inpatient coding kind's scenario block."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock


class InpatientBlock(TaskBlock):
    """Inpatient stays to code and group to an MS-DRG (task kind ``inpatient``)."""

    entry_description: ClassVar[str] = (
        "Inpatient stays to code: principal and secondary diagnoses with POA, ICD-10-PCS "
        "procedures and the discharge disposition, grouped to an MS-DRG."
    )

    cases: int = Field(default=5, ge=1, le=MAX_ITEMS)
    """How many stays to draw from the inpatient case library."""
    tags: list[str] = Field(default_factory=list, max_length=20)
    """Draw only stays carrying one of these tags (e.g. pneumonia, mcc, poa, transfer)."""
    mdc: list[int] = Field(default_factory=list, max_length=26)
    """Draw only stays whose key groups to one of these Major Diagnostic Categories (0-25)."""
    ids: list[str] = Field(default_factory=list, max_length=100)
    """These stays, by case id, in this order (ids win over tags and mdc)."""
    shuffle: bool = False
    """Draw the ``ids`` in an order drawn for each trainee, so that with fewer ``cases`` than
    ids each trainee gets a different few (tags and mdc draws are always shuffled)."""

    def item_count(self) -> int:
        return self.cases
