"""The analysis kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock
from recsim.core.scenario.catalog import CatalogName

QUESTIONS = CatalogName("recsim.tasks.analysis", "questions.yaml", "questions")
"""The statistics that can be asked for: the keys of questions.yaml."""
Question = Annotated[str, QUESTIONS]
BIRTH_QUESTIONS = (
    "caesarean_rate",
    "newborn_census",
    "newborn_death_rate",
    "newborn_length_of_stay",
)
"""The questions about deliveries and newborns: a batch asked them holds births."""
BIRTHS_PER_ENCOUNTERS = 10
"""Without a number of births, one delivery for every ten other stays (childbirth is the
most frequent reason for a hospital stay in the US: about one stay in ten, AHRQ HCUP)."""


class AnalysisBlock(TaskBlock):
    """Statistics questions over a batch of encounters (task kind ``analysis``)."""

    entry_description: ClassVar[str] = "Statistics questions."

    encounters: int = Field(default=200, ge=10, le=MAX_ITEMS)
    """How many inpatient encounters the batch holds."""
    beds: int = Field(default=120, ge=1, le=5000)
    """Licensed beds, for bed occupancy."""
    questions: list[Question] | Literal["all"] = "all"
    """Which statistics to ask for; ``all`` asks every question the batch can answer (the
    questions about births only when the block sets ``births``)."""
    period_days: int | None = Field(default=None, ge=7, le=366)
    """Length of the reporting period in days; by default recsim chooses one that gives a
    realistic bed occupancy for the number of encounters and beds."""

    births: int | None = Field(default=None, ge=0, le=MAX_ITEMS)
    """Delivery stays added to the encounters, each with its newborn's (or twins') birth
    stay; by default one for every ten encounters when a question about births
    (caesarean_rate, newborn_census, newborn_death_rate, newborn_length_of_stay) is asked,
    and none otherwise."""

    def asked(self) -> tuple[str, ...]:
        """The questions, in order.

        ``all`` leaves out the questions about births unless the block sets ``births``:
        a scenario written before they existed keeps the form it always had.
        """
        if self.questions != "all":
            return tuple(self.questions)
        with_births = bool(self.births)
        return tuple(n for n in QUESTIONS.names if with_births or n not in BIRTH_QUESTIONS)

    def birth_count(self) -> int:
        """The delivery stays of the batch: as given, or by default one for every ten
        encounters when a question about births is asked."""
        if self.births is not None:
            return self.births
        if any(name in BIRTH_QUESTIONS for name in self.asked()):
            return max(1, self.encounters // BIRTHS_PER_ENCOUNTERS)
        return 0

    def item_count(self) -> int:
        return len(self.asked())
