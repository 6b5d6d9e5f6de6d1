"""From a loaded scenario to one trainee's form, and from answers to a scorecard.

Everything here is a pure function of (scenario file, seed, trainee name) or of
(form, answers): the same inputs give byte-identical output in any process.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from recsim.core.form import Form, Item, Slot
from recsim.core.generate import Population
from recsim.core.generate.population import index_for
from recsim.core.scenario import LoadedScenario
from recsim.core.scenario.blocks import InterruptionBlock
from recsim.core.scoring import Finding, Scorecard, Tally, scorecard
from recsim.core.seeds import derive_seed, normalize_trainee, rng_for
from recsim.core.trail import RecordOpen
from recsim.session.access_log import LogLine, access_findings, access_log
from recsim.session.kinds import KINDS, interrupting, task_kind
from recsim.tasks.base import BuildContext, Trail

TRAP = -1
"""Task number of an interruption's slot: its block is an entry of the scenario's ``traps``."""
FOLLOW_UP = -2
"""Task number of a follow-up's slot: its index is the entry of ``traps`` it follows."""


def variant_seed(scenario_seed: int, trainee: str) -> int:
    """The effective seed of a trainee's variant (the scenario seed alone for no trainee)."""
    key = normalize_trainee(trainee)
    return scenario_seed if not key else derive_seed("variant", scenario_seed, key)


@dataclass(frozen=True)
class Variant:
    """A scenario, made concrete for one trainee: the form and how to score it."""

    loaded: LoadedScenario
    form: Form
    trainee: str
    seed: int
    _charts: list[dict[str, set[str]]] = field(default_factory=list, compare=False, repr=False)
    """The charts the items concern, once known (a pure function of the form: kept)."""

    @property
    def scenario(self) -> Any:
        return self.loaded.scenario

    @property
    def sealed(self) -> bool:
        """Whether this is a sealed exam's form: no keys here, so nothing is scored."""
        return self.loaded.sealed is not None

    def parse_answer(self, item_id: str, raw: Any) -> BaseModel:
        """Validate one raw answer against its item's answer model (pydantic errors propagate)."""
        kind = self.form.slots[self.form.position(item_id)].kind
        model: type[BaseModel] = task_kind(kind).answer_model
        return model.model_validate(raw)

    def findings(self, item: Item, answer: BaseModel | None, trail: Trail) -> list[Finding]:
        """Findings for one item."""
        return task_kind(item.kind).check(item, answer, trail)

    def trail(self, opened: Sequence[RecordOpen]) -> Trail:
        """The access audit trail the task kinds score, over an attempt's chart openings."""
        return Trail(tuple(opened))

    def findings_by_item(
        self, answers: Mapping[str, BaseModel], trail: Trail
    ) -> Iterator[list[Finding]]:
        """Each item's findings, in form order, one item at a time (none held after its turn),
        then the access log's (charts opened that no item concerns), if any."""
        charts: dict[str, set[str]] = {}
        for item in self.form.items():
            for mrn in task_kind(item.kind).charts(item):
                charts.setdefault(mrn, set()).add(item.id)
            yield self.findings(item, answers.get(item.id), trail)
        self._charts[:] = [charts]  # the results' access log reads it without making every item
        if trail.opens:
            logged = access_findings(trail.opens, charts, self.patient_name)
            if logged:
                yield logged

    def concerned_charts(self) -> dict[str, set[str]]:
        """Each chart some item's work concerns, with those items (every item is made, unless
        the form was just scored)."""
        if not self._charts:
            charts: dict[str, set[str]] = {}
            for item in self.form.items():
                for mrn in task_kind(item.kind).charts(item):
                    charts.setdefault(mrn, set()).add(item.id)
            self._charts[:] = [charts]
        return self._charts[0]

    def access_log(self, opens: Sequence[RecordOpen]) -> list[LogLine]:
        """Every chart opened, as an auditor reads the log: whether a work item justified it."""
        return access_log(opens, self.concerned_charts(), self.patient_name)

    def patient_name(self, mrn: str) -> str | None:
        """The name ("First Last") of the population patient with this MRN, or None."""
        scenario = self.loaded.scenario
        number = index_for(self.seed, mrn)
        if number is None or number >= scenario.population.patients:
            return None
        _, _, first, last = self.population().identity(number)
        return f"{first} {last}"

    def population(self) -> Population:
        """The facility's patients, as :func:`make_variant` made them for this variant."""
        return _population(self.loaded.scenario, self.seed)

    def card(
        self, tally: Tally, findings: list[Finding], answers: Mapping[str, BaseModel]
    ) -> Scorecard:
        """The scorecard of a tally of this form's findings (``findings``: those to list)."""
        scenario = self.loaded.scenario
        return tally.card(
            findings,
            weights=scenario.weights.model_dump(),
            passing_score=scenario.passing_score,
            items_total=len(self.form),
            items_answered=sum(1 for item_id in answers if item_id in self.form),
        )

    def score(self, answers: Mapping[str, BaseModel], trail: Trail | None = None) -> Scorecard:
        """The scorecard for a set of parsed answers (unanswered items score as missed)."""
        scenario = self.loaded.scenario
        found: list[Finding] = []
        for findings in self.findings_by_item(answers, trail or Trail()):
            found.extend(findings)
        return scorecard(
            found,
            weights=scenario.weights.model_dump(),
            passing_score=scenario.passing_score,
            items_total=len(self.form),
            items_answered=sum(1 for item_id in answers if item_id in self.form),
        )


def make_variant(loaded: LoadedScenario, trainee: str = "", *, seed: int | None = None) -> Variant:
    """The trainee's form: seed from the scenario (or ``seed``) mixed with the trainee name.

    A sealed form (``recsim seal``) is already made: its items are played as they are,
    with seed 0 (its seed is in the instructor's key, not with the trainee).
    """
    if loaded.sealed is not None:
        items = {item.id: item for item in loaded.sealed_items}
        queue = [Slot(item.id, item.kind, 0, n) for n, item in enumerate(loaded.sealed_items)]
        return Variant(loaded, Form(0, trainee, queue, lambda slot: items[slot.id]), trainee, 0)
    scenario = loaded.scenario
    effective = variant_seed(scenario.effective_seed if seed is None else seed, trainee)
    population = _population(scenario, effective)
    blocks = scenario.blocks()
    slots: list[Slot] = []
    numbering: dict[str, int] = {}
    per_task: list[list[Slot]] = []
    for task_number, (kind, block) in enumerate(blocks):
        implementation = task_kind(kind)
        task_slots = []
        for index in range(implementation.count(block)):
            numbering[kind] = numbering.get(kind, 0) + 1
            task_slots.append(Slot(f"{kind}-{numbering[kind]}", kind, task_number, index))
        per_task.append(task_slots)
    for task_slots in per_task:
        slots.extend(task_slots)
    if scenario.queue == "shuffled":
        rng_for(effective, "queue").shuffle(slots)
    if scenario.traps:
        slots = _with_interruptions(slots, scenario.traps, effective)
        slots = _with_follow_ups(slots, scenario.traps, numbering)
    if scenario.practice is not None:  # a practice set keeps only the items of missed topics
        kept = set(scenario.practice.items)
        slots = [slot for slot in slots if slot.id in kept]

    folder = loaded.path.parent

    def make(slot: Slot) -> Item:
        context = BuildContext(scenario, effective, population, folder, slot.task)
        if slot.task == FOLLOW_UP:  # built from the lead of the trap it follows
            trap = scenario.traps[slot.index]
            leading = task_kind(_interrupting_kind())
            lead = leading.lead(trap, slot.index, replace(context, task_number=TRAP))
            if lead is None:
                raise ValueError(f"{slot.id} follows a trap with no lead")
            return task_kind(slot.kind).follow_up(lead, slot.id, context)
        block = scenario.traps[slot.index] if slot.task == TRAP else blocks[slot.task][1]
        return task_kind(slot.kind).build(block, slot.index, slot.id, context)

    return Variant(loaded, Form(effective, trainee, slots, make), trainee, effective)


def _population(scenario: Any, seed: int) -> Population:
    return Population(
        seed=seed,
        as_of=scenario.as_of,
        ages=scenario.population.ages,
        locale=scenario.population.locale,
        setting=scenario.setting,
    )


def _interrupting_kind() -> str:
    return next(name for name in KINDS if interrupting(name))


def _with_interruptions(
    slots: list[Slot], entries: list[InterruptionBlock], seed: int
) -> list[Slot]:
    """Insert one slot per entry of the scenario's ``traps`` at its place in the queue.

    Such slots carry task number :data:`TRAP`: their blocks are the ``traps`` entries, not a
    task's.
    """
    kind = _interrupting_kind()
    rng = rng_for(seed, "traps")
    queue = list(slots)
    for number, entry in sorted(enumerate(entries), key=lambda pair: -pair[1].after):
        at = entry.after if entry.after else rng.randint(1, max(1, len(slots)))
        queue.insert(min(at, len(queue)), Slot(f"{kind}-{number + 1}", kind, TRAP, number))
    return queue


def _with_follow_ups(
    slots: list[Slot], entries: list[InterruptionBlock], numbering: dict[str, int]
) -> list[Slot]:
    """Put the follow-up item of each trap entry that leads to one right after its trap.

    A follow-up slot carries task number :data:`FOLLOW_UP` and its trap's entry number as
    its index; its id continues its kind's numbering (``breach-3`` after two breach items),
    in the order of the entries. A scenario with no ``leads_to`` gets its queue unchanged.
    """
    leading = task_kind(_interrupting_kind())
    after: dict[int, Slot] = {}
    for number, entry in enumerate(entries):
        kind = leading.follow_up_kind(entry)
        if kind is not None:
            numbering[kind] = numbering.get(kind, 0) + 1
            after[number] = Slot(f"{kind}-{numbering[kind]}", kind, FOLLOW_UP, number)
    if not after:
        return slots
    queue: list[Slot] = []
    for slot in slots:
        queue.append(slot)
        if slot.task == TRAP and slot.index in after:
            queue.append(after[slot.index])
    return queue
