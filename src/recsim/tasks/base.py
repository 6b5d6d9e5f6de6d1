"""The task-kind contract (DESIGN.md, "Task kinds") and what every kind is given.

A task kind is a package under ``recsim.tasks`` that exports ``BLOCK`` (its scenario
block model) and ``TASK`` (its :class:`TaskKind`): no UI code, pure functions of
their inputs. docs/architecture.md, "Adding a task kind", walks through one.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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


@dataclass(frozen=True, slots=True)
class Listed:
    """A patient as the hospital's patient index lists them (the lookup's search result)."""

    mrn: str
    last_name: str
    first_name: str
    date_of_birth: date
    sex: str


@dataclass(frozen=True)
class Trail:
    """The access audit trail of an attempt, as the EHR would record it."""

    opens: Sequence[RecordOpen] = field(default_factory=tuple)


@dataclass(frozen=True)
class Lead:
    """What an item hands another kind to build a follow-up item from (a trap's incident)."""

    situation: str
    """What happened, by the leading kind's name for it (a trap kind: ``coworker_lookup``)."""
    facts: Mapping[str, str]
    """Who, where and when, in words both kinds agree on (a trap's: colleague, colleague_role,
    patient, system, day)."""


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
    view_model: type[BaseModel] | None = None
    """Model of an item's view, when the kind's items can be sealed (``recsim seal`` writes
    views out and reads them back); a kind without one cannot be sealed."""

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

    def charts(self, item: Item) -> tuple[str, ...]:
        """MRNs of the charts the item's work concerns: opening them is not scored by the
        access log (the chart the item opens, by default; a kind that scores its own opens,
        as traps do, names those charts too)."""
        return ((item.chart,) if item.chart else ()) + item.concerns

    def listed(self, item: Item) -> tuple[Listed, ...]:
        """The item's patients as the patient index lists them, for those whose chart is
        not a population patient's as generated (a chart made for the item); none by default."""
        return ()

    def chart_of(self, item: Item, mrn: str) -> PatientRecord | None:
        """The chart the item holds for a patient it lists that is no one's work (a trap's
        person), for the patient index to open; none by default."""
        return None

    def follow_up_kind(self, block: B) -> str | None:
        """The kind of the item that follows this block's item in the queue, built from its
        :meth:`lead` (a trap with ``leads_to: breach``); none by default."""
        return None

    def lead(self, block: B, index: int, context: BuildContext) -> Lead | None:
        """The facts of item ``index``'s incident a follow-up item is built from (drawn as
        :meth:`build` draws them, so both name the same people); none by default."""
        return None

    def follow_up(self, lead: Lead, item_id: str, context: BuildContext) -> Item:
        """An item of this kind built from another kind's lead (a breach report about a trap's
        colleague). Only kinds that make follow-ups override it; the scenario checks refuse a
        lead this kind cannot follow before any form is made."""
        raise ValueError(f"the {self.kind} task kind makes no follow-up items")

    def follows(self, situation: str) -> bool:
        """Whether :meth:`follow_up` can build an item from a lead of this situation."""
        return False

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

    def explain(self, item: Item) -> list[str]:
        """Why the key is what it is, rule by rule (``preview --explain``); empty: no rule table."""
        return []

    def example_names(self) -> list[str]:
        """Names ``recsim rules explain`` may be given for this kind (its request archetypes)."""
        return []

    def explain_example(self, name: str) -> list[str]:
        """``recsim rules explain NAME``: the rule walk for an example of one of example_names."""
        return []


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
