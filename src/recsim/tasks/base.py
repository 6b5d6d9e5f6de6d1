"""The task-kind contract (DESIGN.md, "Task kinds") and what every kind is given.

A task kind is a package under ``recsim.tasks`` that exports ``BLOCK`` (its scenario
block model) and ``TASK`` (its :class:`TaskKind`): no UI code, pure functions of
their inputs. docs/architecture.md, "Adding a task kind", walks through one.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from recsim.core.form import Item
from recsim.core.generate import Population
from recsim.core.records import PatientRecord
from recsim.core.scenario import Scenario
from recsim.core.scenario.blocks import BankBlock, TaskBlock
from recsim.core.scoring import Finding
from recsim.core.seeds import derive_seed, rng_for
from recsim.core.trail import RecordOpen


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

    def authored(self, block: BankBlock, index: int) -> int | None:
        """Which written item (its position in ``items``) item ``index`` of the block is.

        None past the written items (the generated ones follow them). With ``pick`` or
        ``shuffle`` the choice and order are drawn per trainee, from this variant's seed.
        """
        if index >= block.authored_count():
            return None
        return block.authored_order(self.rng("authored-bank"))[index]

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


@dataclass(frozen=True)
class Trail:
    """The access audit trail of an attempt, as the EHR would record it."""

    opens: Sequence[RecordOpen] = field(default_factory=tuple)


Problem = tuple[tuple[str | int, ...], str, str]
"""A check's finding in a block: (path within the block, message, "error" or "warning")."""


@dataclass(frozen=True)
class CheckContext:
    """What a kind's ``validate`` may consult besides its block."""

    folder: Path
    """Folder of the scenario file, for files the block refers to."""
    objective_ids: frozenset[str]
    """The scenario's objective ids."""
    setting: str
    """The scenario's setting (hospital, clinic, insurer, public_health)."""
    as_of: date
    """The scenario's simulated today."""
    ages: tuple[int, int] = (0, 124)
    """The youngest and oldest age of the scenario's population."""


B = TypeVar("B", bound=TaskBlock)
A = TypeVar("A", bound=BaseModel)
M = TypeVar("M", bound=BaseModel)


def shaped(value: BaseModel, model: type[M]) -> M:
    """An item's view or key as the model its kind built it with (checked, not assumed)."""
    if not isinstance(value, model):
        raise TypeError(f"expected a {model.__name__}, got a {type(value).__name__}")
    return value


class TaskKind(ABC, Generic[B, A]):
    """What every task kind provides (DESIGN.md, "Task kinds").

    A kind subclasses this with its block and answer models, and its package exports
    the one instance as ``TASK``; mypy checks every override against this contract.
    """

    kind: ClassVar[str]
    """The kind's name: its key in a scenario's ``tasks`` and in the kind registry."""
    block_model: type[B]
    """Model of the kind's scenario block."""
    answer_model: type[A]
    """Model of the trainee's answer to one item."""

    def count(self, block: B) -> int:
        """How many items the block generates."""
        return block.item_count()

    @abstractmethod
    def build(self, block: B, index: int, item_id: str, context: BuildContext) -> Item:
        """Item ``index`` of the block (random access)."""

    @abstractmethod
    def check(self, item: Item, answer: A | None, trail: Trail) -> list[Finding]:
        """Findings for one item; ``answer`` is None when the trainee left it unanswered."""

    @abstractmethod
    def key_answer(self, item: Item) -> A | None:
        """The perfect answer to an item (``preview --key-answers``)."""

    @abstractmethod
    def describe(self, item: Item) -> Iterator[str]:
        """Lines for an instructor's text preview: what the trainee sees and the key."""

    def validate(self, block: B, context: CheckContext) -> Iterator[Problem]:
        """Checks of a block that its model alone cannot express (none by default)."""
        return iter(())

    def item_kinds(self, item: Item) -> tuple[str, ...]:
        """What an item tests, in its block's words (error kinds, tags, ...), for the spread of
        a class's forms (``preview --roster``); nothing for an item with nothing wrong.

        By default the topics of the findings an unanswered item is worth points in.
        """
        findings = self.check(item, None, Trail())
        return tuple(dict.fromkeys(f.topic for f in findings if f.possible > 0))

    def topic_title(self, topic: str) -> str | None:
        """A topic of this kind's findings in the trainee's words, when the kind names it."""
        return None


def lazy_exports(package: str, module: str, names: Iterable[str]) -> Callable[[str], Any]:
    """A package ``__getattr__`` that loads ``names`` from ``package.module`` on first use.

    Reading a scenario needs only a kind's block model; its generator and scorer load
    when a form is first built, so starting recsim does not pay for every kind.
    """
    exported = frozenset(names)

    def attribute(name: str) -> Any:
        if name in exported:
            return getattr(import_module(f"{package}.{module}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return attribute
