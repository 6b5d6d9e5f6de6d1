"""The analysis kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock
from recsim.core.scenario.catalog import CatalogName

QUESTIONS = CatalogName("recsim.tasks.analysis", "questions.yaml", "questions")
"""The statistics that can be asked for: the keys of questions.yaml."""
Question = Annotated[str, QUESTIONS]


class AnalysisBlock(TaskBlock):
    """Statistics questions over a batch of encounters (task kind ``analysis``)."""

    entry_description: ClassVar[str] = "Statistics questions."

    encounters: int = Field(default=200, ge=10, le=MAX_ITEMS)
    """How many inpatient encounters the batch holds."""
    beds: int = Field(default=120, ge=1, le=5000)
    """Licensed beds, for bed occupancy."""
    questions: list[Question] | Literal["all"] = "all"
    """Which statistics to ask for."""
    period_days: int | None = Field(default=None, ge=7, le=366)
    """Length of the reporting period in days; by default recsim chooses one that gives a
    realistic bed occupancy for the number of encounters and beds."""

    def item_count(self) -> int:
        return len(QUESTIONS.names if self.questions == "all" else self.questions)
