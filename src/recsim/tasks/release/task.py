"""The release task: requests at the release-of-information desk (task kind ``release``).

A block's items are its authored requests first, then ``requests`` generated
from the archetypes (each archetype in turn, in an order shuffled per variant).
The key of each is the rule engine's handling, or the instructor's ``expect``
when the file gives one; ``validate`` warns when the two disagree.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache
from typing import ClassVar

from recsim.core.clock import DEFAULT_AS_OF
from recsim.core.form import Item
from recsim.core.generate.fake import seeded_faker
from recsim.core.scenario.release import ReleaseRequest
from recsim.core.scoring import Finding
from recsim.core.seeds import rng_for
from recsim.privacy.authorization import purpose_words
from recsim.privacy.explain import explanation
from recsim.privacy.handling import Handling
from recsim.privacy.record_types import labels
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped
from recsim.tasks.deal import balanced_hand
from recsim.tasks.release.archetypes import Draft, archetype_patient, catalog, draft
from recsim.tasks.release.block import ARCHETYPES, ReleaseBlock
from recsim.tasks.release.desk import DESK_STREAM, find_patient, view
from recsim.tasks.release.models import ReleaseAnswer, ReleaseKey, ReleaseView
from recsim.tasks.release.scoring import REFUSE, grade, left_to_judgment, worth
from recsim.tasks.release.validation import keyed, request_problems

_AUTHORED_STORY = (
    "{requester} asks {received} for the {records} of {patient}. Stated purpose: {purpose}."
)
_MINOR_ALONE = (
    " The records are from {patient}'s visit for {care}; {patient} (age {age}) consented to"
    " that care alone, as state law allows."
)
_AGREED = (
    " The chart notes that {patient}, given the chance, agreed that staff may talk with"
    " {requester} about their care."
)
"""An authored request's deciding patient facts, said on the desk (164.502(g)(3), 164.510(b))."""
_RELATIVE_ROLES = ("parent", "spouse", "family_member")


class ReleaseTask(TaskKind[ReleaseBlock, ReleaseAnswer]):
    """Task kind ``release``."""

    kind: ClassVar[str] = "release"
    block_model = ReleaseBlock
    answer_model = ReleaseAnswer
    view_model = ReleaseView

    def build(self, block: ReleaseBlock, index: int, item_id: str, context: BuildContext) -> Item:
        as_of = context.scenario.as_of
        rng = context.rng("release", index)
        locale = context.scenario.population.locale
        fake = seeded_faker(locale, rng.randrange(2**32), stream=DESK_STREAM)
        spread = self.count(block)
        archetype: str | None = None
        position = context.authored(block, index)
        if position is not None:
            request = block.items[position]
            # A log number like a generated request's: the instructor's id ("minor-signed")
            # would give the trap away. Its own stream, so the rest of the item is what it
            # always was.
            reference = _log_number(as_of, context.rng("release", index, "reference"))
            made = _authored_draft(request)
            patient = find_patient(
                context,
                index,
                _authored_ages(request),
                deceased=request.patient.deceased,
                rng=rng,
                fake=fake,
                spread=spread,
            )
        else:
            archetype = _archetype_for(block, index - block.authored_count(), context)
            ages, deceased = archetype_patient(archetype)
            patient = find_patient(
                context, index, ages, deceased=deceased, rng=rng, fake=fake, spread=spread
            )
            made = draft(
                archetype, context.rng("release", index, "request"), age=patient.subject.age
            )
            request = made.request
            reference = _log_number(as_of, rng)
        seen = view(made, request, patient, as_of=as_of, reference=reference, rng=rng, fake=fake)
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Release request {reference}: {seen.requester} asks for "
            + (
                "their own records"
                if request.requester.role == "patient"
                else f"{patient.subject.name}'s records"
            ),
            view=seen,
            key=keyed(
                request, as_of, archetype=archetype, authored_id=_authored_id(block, position)
            ),
            objectives=(block.objective,) if block.objective else (),
            chart=patient.chart,
        )

    def check(self, item: Item, answer: ReleaseAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, ReleaseKey)
        return grade(item.id, item.objectives[0] if item.objectives else None, key, answer)

    def key_answer(self, item: Item) -> ReleaseAnswer:
        handling = _handling(item)
        return ReleaseAnswer(
            decision=handling.decision,
            release=list(handling.release),
            log_disclosure=handling.log_disclosure,
        )

    def describe(self, item: Item) -> Iterator[str]:
        seen = shaped(item.view, ReleaseView)
        key = shaped(item.key, ReleaseKey)
        subject = seen.subject
        died = f", died {subject.deceased_on.isoformat()}" if subject.deceased_on else ""
        if key.authored_id is not None:
            yield f"scenario file id: {key.authored_id} (the trainee sees request {seen.reference})"
        yield (
            f"{seen.requester}"
            + (f" ({seen.organization})" if seen.organization else "")
            + f", {seen.received}"
        )
        yield (
            f"patient: {subject.name}, MRN {subject.mrn}, "
            f"born {subject.date_of_birth.isoformat()} (age {subject.age}{died})"
        )
        yield f"asks for: {labels(seen.requested)}; stated purpose: {purpose_words(seen.purpose)}"
        yield f"story: {seen.story}"
        yield f"checked: {seen.verification}"
        for document in seen.documents:
            yield f"document: {document.title}: " + "; ".join(document.lines)
        yield from _describe_key(key)

    def validate(self, block: ReleaseBlock, context: CheckContext) -> Iterator[Problem]:
        """Repeated ids, unreadable dates, an ``expect`` inconsistent or not the engine's."""
        yield from block.bank_problems()
        first: dict[str, int] = {}
        for number, request in enumerate(block.items):
            if request.id is not None and request.id in first:
                yield (
                    ("items", number, "id"),
                    (
                        f"two requests share the id '{request.id}' "
                        f"(the other is request {first[request.id] + 1} "
                        "of this block); give each its own"
                    ),
                    "error",
                )
            elif request.id is not None:
                first[request.id] = number
            for inner, message, severity in request_problems(request, context.as_of):
                yield ("items", number, *inner), message, severity

    def explain(self, item: Item) -> list[str]:
        view = shaped(item.view, ReleaseView)
        lines = explanation(view.request, view.as_of)
        if shaped(item.key, ReleaseKey).source == "instructor":
            lines.append("  (the key is the instructor's expect; the walk above is the engine's)")
        return lines

    def example_names(self) -> list[str]:
        return list(ARCHETYPES.names)

    def explain_example(self, name: str) -> list[str]:
        (low, high), _ = archetype_patient(name)
        request = draft(name, random.Random(0), age=(low + high) // 2).request
        heading = (
            f"An example of the archetype {name} (archetypes.yaml; variation drawn with seed 0)."
        )
        return [heading, *explanation(request, DEFAULT_AS_OF)]


def _describe_key(key: ReleaseKey) -> Iterator[str]:
    handling = key.handling
    sent = f" {', '.join(handling.release)}" if handling.release else ""
    source = " (instructor's answer)" if key.source == "instructor" else ""
    yield (
        f"key{source}: {handling.decision}{sent}; "
        f"accounting: {'yes' if handling.log_disclosure else 'no'}; "
        f"minimum necessary: {'applies' if handling.minimum_necessary else 'does not apply'}"
    )
    yield f"     rule: {handling.cite}"
    if left_to_judgment(handling):
        yield f"     also right (left to professional judgment): {', '.join(REFUSE)}"
    elif handling.acceptable:
        yield f"     acceptable (half credit): {', '.join(handling.acceptable)}"
    if key.engine is not None:
        engine = key.engine
        yield (
            "     recsim's rule engine says: "
            f"{engine.decision} {', '.join(engine.release)} ({engine.cite})"
        )
    yield f"     why: {handling.explanation}"
    if key.explain:
        yield f"     instructor: {key.explain}"


def _handling(item: Item) -> Handling:
    key = shaped(item.key, ReleaseKey)
    return key.handling


def _log_number(as_of: date, rng: random.Random) -> str:
    """The number the desk's log gives a request: ROI-2026-4821."""
    return f"ROI-{as_of.year}-{rng.randint(1000, 9999)}"


def _authored_id(block: ReleaseBlock, position: int | None) -> str | None:
    """How the scenario file names an authored request: its ``id``, or its place in ``items``."""
    if position is None:
        return None
    return block.items[position].id or f"request {position + 1} of items"


def _archetype_for(block: ReleaseBlock, generated: int, context: BuildContext) -> str:
    """Each allowed archetype in turn, in an order shuffled once per variant and task.

    When the requests do not go round the archetypes a whole number of times, the ones left
    over are drawn in proportion from those worth 3 points (nothing goes out) and those worth
    6 (records and an accounting entry too), so every trainee's desk is worth the same.
    """
    names = ARCHETYPES.names if block.archetypes == "all" else block.archetypes
    order = _order(
        tuple(dict.fromkeys(names)),
        block.requests,
        context.scenario.as_of,
        context.seed,
        context.task_number,
    )
    return order[generated % len(order)]


@lru_cache(maxsize=16)
def _order(
    names: tuple[str, ...], requests: int, as_of: date, seed: int, task: int
) -> tuple[str, ...]:
    """One form's archetypes, in order, drawn once for all its requests."""
    rng = rng_for(seed, task, "release-order")
    worths = {name: archetype_worth(name, as_of) for name in names}
    hand = balanced_hand(max(1, requests), names, worths, rng)
    rng.shuffle(hand)
    return tuple(hand)


@cache
def archetype_worth(name: str, as_of: date) -> float:
    """What an unanswered request of an archetype is worth, from one sample request."""
    ages, _ = archetype_patient(name)
    sample = draft(name, random.Random(0), age=(ages[0] + ages[1]) // 2)
    return worth(keyed(sample.request, as_of).handling)


def _authored_draft(request: ReleaseRequest) -> Draft:
    role = request.requester.role
    return Draft(
        archetype="",
        request=request,
        name_kind="patient"
        if role == "patient"
        else "relative"
        if role in _RELATIVE_ROLES
        else "person",
        relation=None,
        organization_kind=catalog()["role_organizations"].get(role),
        story=_AUTHORED_STORY
        + (_MINOR_ALONE if request.patient.minor_consented_alone else "")
        + (_AGREED if request.patient.agreed_to_share else ""),
        verified_note=None,
        department=None,
    )


def _authored_ages(request: ReleaseRequest) -> tuple[int, int]:
    age = request.patient.age
    if age is not None:
        return age, age
    return (0, 17) if request.requester.role == "parent" else (18, 95)


TASK: TaskKind[ReleaseBlock, ReleaseAnswer] = ReleaseTask()
