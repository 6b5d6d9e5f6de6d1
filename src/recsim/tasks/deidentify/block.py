"""The de-identification kind's scenario block."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from recsim.core.scenario.blocks import TaskBlock


class DeidentifyBlock(TaskBlock):
    """Documents to de-identify under Safe Harbor (task kind ``deidentify``)."""

    entry_description: ClassVar[str] = "Documents to de-identify."

    documents: int = Field(ge=1, le=10_000)
    """How many documents."""

    def item_count(self) -> int:
        return self.documents
