"""The rights task: patient-rights requests in the privacy office's queue (kind ``rights``).

A block's items are its authored requests first, then ``requests`` generated from the
archetypes (each in turn, in an order shuffled per variant), each received a few days
before the scenario's ``as_of``. The key is the archetype's decision under the office's
policy, with the deadline counted from the received date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import ClassVar

from recsim.core.clock import age_on
from recsim.core.form import Item
from recsim.core.generate.fake import seeded_faker
from recsim.core.records import PatientRecord
from recsim.core.scoring import Finding
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped
from recsim.tasks.rights.block import ARCHETYPES, RightsBlock
from recsim.tasks.rights.content import rights_content
from recsim.tasks.rights.models import RightsAnswer, RightsKey, RightsView
from recsim.tasks.rights.paperwork import Request, make
from recsim.tasks.rights.scoring import deadline_rule, decision_words, grade

ADULT = 18
"""Age from which a patient writes their own request."""
ADULT_SCAN = 40
"""How many of the population's patients an item looks at for an adult."""
OFFICE_STREAM = "privacy-office"
"""The Faker stream of the office's names, apart from the charts'."""


class RightsTask(TaskKind[RightsBlock, RightsAnswer]):
    """Task kind ``rights``."""

    kind: ClassVar[str] = "rights"
    block_model = RightsBlock
    answer_model = RightsAnswer
    view_model = RightsView

    def build(self, block: RightsBlock, index: int, item_id: str, context: BuildContext) -> Item:
        as_of = context.scenario.as_of
        rng = context.rng("rights", index)
        fake = seeded_faker(
            context.scenario.population.locale, rng.randrange(2**32), stream=OFFICE_STREAM
        )
        reference = f"PR-{as_of.year}-{rng.randint(1000, 9999)}"
        position = context.authored(block, index)
        authored_id: str | None = None
        instructor: str | None = None
        if position is not None:
            written = block.items[position]
            archetype, received = written.archetype, written.received
            authored_id = written.id or f"request {position + 1} of items"
            instructor = written.explain
        else:
            archetype = _archetype_for(block, index - block.authored_count(), context)
            received = as_of - timedelta(days=rng.randint(0, block.received_within))
        patient = _adult(context, index, self.count(block))
        request = Request(
            archetype=archetype,
            received=received,
            as_of=as_of,
            reference=reference,
            patient=patient,
            authored_id=authored_id,
            instructor=instructor,
        )
        view, key = make(request, rng, fake)
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"{view.right_title} {reference}: {view.patient.name}, "
            f"received {received.isoformat()}",
            view=view,
            key=key,
            objectives=(block.objective,) if block.objective else (),
            chart=view.patient.mrn,
        )

    def check(self, item: Item, answer: RightsAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, RightsKey)
        return grade(item.id, item.objectives[0] if item.objectives else None, key, answer)

    def key_answer(self, item: Item) -> RightsAnswer:
        key = shaped(item.key, RightsKey)
        return RightsAnswer(
            decision=key.decision,
            ground=key.ground,
            deadline=key.deadline,
            lines=[line.id for line in key.lines if line.belongs],
            fee=key.fee,
        )

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, RightsView)
        key = shaped(item.key, RightsKey)
        if key.authored_id is not None:
            yield f"scenario file id: {key.authored_id} (the trainee sees request {view.reference})"
        yield f"{view.right_title}, received {view.received.isoformat()} ({key.archetype})"
        patient = view.patient
        yield f"patient: {patient.name}, MRN {patient.mrn}, born {patient.date_of_birth}"
        for said in view.letter:
            yield f"letter: {said}"
        for fact in view.facts:
            yield f"file: {fact}"
        for line in view.lines:
            on = f"{line.on.isoformat()} " if line.on else ""
            yield f"{line.id}: {on}{line.who}; {line.what}"
        yield f"key: {decision_words(key.decision, key.ground)} ({key.rule})"
        if key.deadline is not None:
            due = key.deadline.isoformat()
            yield f"     act by {due}: {key.deadline_why} ({deadline_rule(key)})"
        if key.lines:
            ticked = [line.id for line in key.lines if line.belongs]
            yield f"     tick: {', '.join(ticked) or 'none'}"
        if key.fee is not None:
            yield f"     fee: {'may be charged' if key.fee else 'free'}"
        if key.instructor:
            yield f"     instructor: {key.instructor}"

    def validate(self, block: RightsBlock, context: CheckContext) -> Iterator[Problem]:
        """Requests received after ``as_of``, or so long before it that their time has run out."""
        yield from block.bank_problems()
        if block.item_count() == 0:
            yield (
                ("requests",),
                "the block makes no requests: give requests (how many to generate) or items",
                "error",
            )
        content = rights_content()
        first: dict[str, int] = {}
        for number, request in enumerate(block.items):
            if request.id is not None and request.id in first:
                yield (
                    ("items", number, "id"),
                    f"two requests share the id '{request.id}' (the other is request "
                    f"{first[request.id] + 1} of this block); give each its own",
                    "error",
                )
            elif request.id is not None:
                first[request.id] = number
            entry = content.archetypes[request.archetype]
            days = content.rights[entry.right].days if entry.timed else None
            yield from _date_problems(number, request.received, context.as_of, days)

    def topic_title(self, topic: str) -> str | None:
        return ARCHETYPES.title(topic)


def _date_problems(number: int, received: date, as_of: date, days: int | None) -> Iterator[Problem]:
    where = ("items", number, "received")
    if received > as_of:
        yield (
            where,
            f"received {received.isoformat()} is after the scenario's as_of "
            f"({as_of.isoformat()}): a request cannot arrive after today",
            "error",
        )
    elif days is not None and received + timedelta(days=days) < as_of:
        yield (
            where,
            f"received {received.isoformat()}: its {days} days to act ended on "
            f"{(received + timedelta(days=days)).isoformat()}, before the scenario's as_of "
            f"({as_of.isoformat()}); receive it on or after "
            f"{(as_of - timedelta(days=days)).isoformat()}",
            "error",
        )


def _adult(context: BuildContext, index: int, spread: int) -> PatientRecord:
    """The item's patient, or the first adult after it: the letters are written by the
    patient. Item ``index`` looks at its own patient, then every ``spread``-th one after it
    (no other item of the task looks at those), then its neighbours (which another item may
    share); a population of children keeps its own."""
    as_of = context.scenario.as_of
    spread = max(1, spread)
    own = [index + step * spread for step in range(context.scenario.population.patients // spread)]
    shared = [index + step for step in range(1, ADULT_SCAN)]
    for number in dict.fromkeys(context.patient_number(n) for n in [*own, *shared][:ADULT_SCAN]):
        record = context.population.patient(number)
        if age_on(record.patient.date_of_birth, as_of) >= ADULT:
            return record
    return context.patient(index)


def _archetype_for(block: RightsBlock, generated: int, context: BuildContext) -> str:
    """Each allowed archetype in turn, in an order shuffled once per variant and task."""
    names = list(ARCHETYPES.names if block.archetypes == "all" else dict.fromkeys(block.archetypes))
    context.rng("rights-order").shuffle(names)
    return names[generated % len(names)]


TASK: TaskKind[RightsBlock, RightsAnswer] = RightsTask()
