"""The task-kind contract (DESIGN.md, "Task kinds") and what every kind is given.

A task kind is a module that exposes a ``TASK`` object satisfying
:class:`TaskKind`: no UI code, pure functions of their inputs.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel

from recsim.core.form import Item
from recsim.core.generate import Population
from recsim.core.model import Model
from recsim.core.records import PatientRecord
from recsim.core.scenario import Scenario
from recsim.core.scoring import Finding
from recsim.core.seeds import derive_seed, rng_for


@dataclass(frozen=True)
class BuildContext:
    """What a task kind may use to build an item: all of it fixed by scenario, seed and trainee."""

    scenario: Scenario
    seed: int
    """The variant's effective seed."""
    population: Population
    """The facility's patients (random access)."""
    folder: Path
    """Folder of the scenario file, for files it refers to."""
    task_number: int
    """Position of the task block in the scenario's ``tasks`` list."""

    def rng(self, *parts: object) -> random.Random:
        """A private generator for one purpose within this variant and task."""
        return rng_for(self.seed, self.task_number, *parts)

    def patient_number(self, index: int) -> int:
        """Which population patient item ``index`` of this task uses.

        Items of one task get distinct patients while the task has no more items
        than the population has patients; each task starts at its own offset.
        """
        size = self.scenario.population.patients
        offset = derive_seed("patient-offset", self.seed, self.task_number) % size
        return (offset + index) % size

    def patient(self, index: int) -> PatientRecord:
        """The chart of the patient item ``index`` of this task uses."""
        return self.population.patient(self.patient_number(index))


class RecordOpen(Model):
    """One entry of the access audit trail: a chart the trainee opened."""

    mrn: str
    """Chart opened."""
    reason: str = ""
    """Job reason given, if any (e.g. the item being worked)."""
    item: str | None = None
    """Queue item the chart was opened from; none when opened by search."""
    at: datetime | None = None
    """When."""


@dataclass(frozen=True)
class Trail:
    """The access audit trail of an attempt, as the EHR would record it."""

    opens: Sequence[RecordOpen] = field(default_factory=tuple)


class TaskKind(Protocol):
    """What every task kind provides."""

    kind: ClassVar[str]
    answer_model: ClassVar[type[BaseModel]]
    """Model of the trainee's answer to one item."""

    def count(self, block: Any) -> int:
        """How many items the block generates."""

    def build(self, block: Any, index: int, item_id: str, context: BuildContext) -> Item:
        """Item ``index`` of the block (random access)."""

    def check(self, item: Item, answer: Any | None, trail: Trail) -> list[Finding]:
        """Findings for one item; ``answer`` is None when the trainee left it unanswered."""

    def key_answer(self, item: Item) -> BaseModel | None:
        """The perfect answer to an item (``preview --key-answers``)."""

    def describe(self, item: Item) -> Iterator[str]:
        """Lines for an instructor's text preview: what the trainee sees and the key."""


# A kind may also define ``validate(block, folder, objective_ids)`` yielding
# ``(path within the block, message, "error" | "warning")`` for checks that the
# format alone cannot express (see recsim.tasks.checks).
# A ``validate`` that also accepts a keyword ``setting`` is given the scenario's setting,
# and one that accepts ``as_of`` the scenario's simulated today.
