"""The master patient index task: merge, keep apart, or send to review (kind ``duplicates``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from recsim.core import ids
from recsim.core.form import Item
from recsim.core.records import PatientRecord
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.core.seeds import derive_seed
from recsim.tasks.base import (
    BuildContext,
    CheckContext,
    Listed,
    Problem,
    TaskKind,
    Trail,
    shaped,
)
from recsim.tasks.duplicates.block import DUPLICATE_CASES, DuplicatesBlock
from recsim.tasks.duplicates.content import identity
from recsim.tasks.duplicates.generator import DUPLICATE_VARIATIONS, Group, Sources, build_group
from recsim.tasks.duplicates.models import (
    IDENTITY_FIELDS,
    MERGE_FIELDS,
    DuplicatesAnswer,
    DuplicatesKey,
    DuplicatesView,
    IndexEntry,
)
from recsim.tasks.words import field_words

DECISION_FOR = {"duplicate": "merge", "look_alike": "keep_separate", "overlay": "send_to_review"}
SURVIVOR_POINTS = 1.0
"""Keeping the right MRN, and each right surviving value, is worth this much."""
OVERLAID_SEVERITY = 2
"""Naming the overlaid record is worth this severity's points."""
_WORDS = {"merge": "merge", "keep_separate": "keep separate", "send_to_review": "send to review"}


class DuplicatesTask(TaskKind[DuplicatesBlock, DuplicatesAnswer]):
    """Task kind ``duplicates``."""

    kind: ClassVar[str] = "duplicates"
    block_model = DuplicatesBlock
    answer_model = DuplicatesAnswer
    view_model = DuplicatesView

    def build(
        self, block: DuplicatesBlock, index: int, item_id: str, context: BuildContext
    ) -> Item:
        cases = list(DUPLICATE_CASES.names if block.cases == "all" else dict.fromkeys(block.cases))
        context.rng("duplicates-order").shuffle(cases)
        case = cases[index % len(cases)]  # a rotation: every form covers the cases evenly
        rng = context.rng("duplicates", index)
        group = build_group(case, rng, _sources(context, index), block.max_group)
        key = _key(group)
        first = group.entries[0]
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Possible duplicate: {first.last_name}, {first.first_name} "
            f"({len(group.entries)} records)",
            view=DuplicatesView(entries=group.entries, as_of=context.scenario.as_of),
            key=key,
            objectives=(block.objective,) if block.objective else (),
            chart=first.mrn,
        )

    def check(self, item: Item, answer: DuplicatesAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, DuplicatesKey)
        view = shaped(item.view, DuplicatesView)
        objective = item.objectives[0] if item.objectives else None
        base: dict[str, Any] = {"item": item.id, "category": "accuracy", "objective": objective}
        findings = [_decision_finding(base, key, answer)]
        if key.decision == "merge":
            findings.extend(_survivorship_findings(base, key, view, answer))
        if key.truth == "overlay":
            findings.append(_overlaid_finding(base, key, answer))
        elif answer is not None and answer.overlaid:
            findings.append(
                Finding(
                    **base,
                    outcome="false_alarm",
                    earned=-FALSE_ALARM_PENALTY,
                    possible=0,
                    severity=1,
                    topic="overlay",
                    rule=identity().rules["overlay"],
                    given=f"Overlaid record {answer.overlaid}",
                    feedback=f"False alarm: record {answer.overlaid} holds no one else's visit; "
                    "every visit matches its own record's date of birth and member ID.",
                )
            )
        return findings

    def charts(self, item: Item) -> tuple[str, ...]:
        # Every record of the candidate group is part of the review.
        return tuple(entry.mrn for entry in shaped(item.view, DuplicatesView).entries)

    def listed(self, item: Item) -> tuple[Listed, ...]:
        return tuple(
            Listed(e.mrn, e.last_name, e.first_name, e.date_of_birth, e.sex)
            for e in shaped(item.view, DuplicatesView).entries
        )

    def key_answer(self, item: Item) -> DuplicatesAnswer:
        key = shaped(item.key, DuplicatesKey)
        return DuplicatesAnswer(
            decision=key.decision,
            survivor=key.survivor,
            values=dict(key.sources),
            overlaid=key.overlaid,
        )

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, DuplicatesView)
        key = shaped(item.key, DuplicatesKey)
        for entry in view.entries:
            yield (
                f"{entry.mrn}  {entry.full_name}, {entry.sex}, born {entry.date_of_birth}, "
                f"SSN {entry.ssn or 'none'}, {entry.shown('address')}, {entry.phone}"
            )
            yield (
                f"            registered {entry.registered_on}, updated {entry.updated_on} "
                f"({entry.verified_with}); {len(entry.visits)} visit(s)"
            )
        detail = ", ".join(key.variations) if key.truth == "duplicate" else key.case
        yield f"key: {_WORDS[key.decision]} ({key.truth}: {detail})"
        if key.survivor:
            yield f"     survivor {key.survivor}; " + "; ".join(
                f"{name} {value!r} from {key.sources[name]}"
                for name, value in key.survivors.items()
            )
        if key.overlaid:
            yield f"     overlaid record {key.overlaid}"
        yield f"     {key.explanation}"

    def validate(self, block: DuplicatesBlock, context: CheckContext) -> Iterator[Problem]:
        cases = DUPLICATE_CASES.names if block.cases == "all" else block.cases
        if block.max_group == 3 and not set(cases) & set(DUPLICATE_VARIATIONS) - {"married_name"}:
            yield (
                ("max_group",),
                (
                    "max_group 3 only makes groups of true duplicates (not married_name), "
                    "and none of the listed cases is one; the groups will all be pairs"
                ),
                "warning",
            )
        if block.cases != "all" and len(set(block.cases)) < len(block.cases):
            yield (
                ("cases",),
                "a case is listed more than once; each is drawn equally often anyway",
                "warning",
            )


def _sources(context: BuildContext, index: int) -> Sources:
    base = context.patient(index)
    size = context.scenario.population.patients

    def other(n: int) -> PatientRecord:
        number = derive_seed("mpi-other", context.seed, context.task_number, index, n) % size
        return context.population.patient(number)

    def mrn(n: int) -> str:
        if n == 0:
            return base.patient.mrn
        made = ids.make_mrn(
            derive_seed("mpi-mrn", context.seed, context.task_number, index, n) % 10**7
        )
        return made if made != base.patient.mrn else ids.make_mrn(int(made[2:9]) + 1)

    return Sources(base=base, other=other, mrn=mrn, as_of=context.scenario.as_of)


def _key(group: Group) -> DuplicatesKey:
    info = identity().cases[group.case]
    decision = DECISION_FOR[info.truth]
    survivors: dict[str, str] = {}
    sources: dict[str, str] = {}
    if decision == "merge":
        by_mrn = {e.mrn: e for e in group.entries}
        reference, current = by_mrn[group.reference or ""], by_mrn[group.current or ""]
        for name in MERGE_FIELDS:
            if len({e.shown(name) for e in group.entries}) < 2:
                continue
            source = reference if name in IDENTITY_FIELDS else current
            if not source.shown(name):  # a blank never survives over a value on file
                source = next(e for e in group.entries if e.shown(name))
            survivors[name], sources[name] = source.shown(name), source.mrn
    rule = identity().rules["overlay" if info.truth == "overlay" else "identity"]
    return DuplicatesKey(
        case=group.case,
        variations=group.variations,
        truth=info.truth,
        decision=decision,
        severity=info.severity,
        deciding=group.deciding,
        explanation=info.explain.format(**group.facts),
        rule=rule,
        survivor=group.entries[0].mrn if decision == "merge" else None,
        survivors=survivors,
        sources=sources,
        overlaid=group.overlaid,
    )


def _decision_finding(
    base: dict[str, Any], key: DuplicatesKey, answer: DuplicatesAnswer | None
) -> Finding:
    worth = points(key.severity)
    deciding = " Deciding: " + " ".join(key.deciding)
    common = {
        **base,
        "possible": worth,
        "severity": key.severity,
        "topic": key.case,
        "rule": key.rule,
        "expected": _WORDS[key.decision].capitalize(),
    }
    if answer is None:
        return Finding(
            **common,
            outcome="missed",
            earned=0,
            feedback=f"Not decided: this group needed '{_WORDS[key.decision]}'. "
            f"{key.explanation}{deciding}",
        )
    given = answer.decision
    common["given"] = _WORDS[given].capitalize()
    if given == key.decision:
        return Finding(
            **common,
            outcome="correct",
            earned=worth,
            feedback=f"Right: {_WORDS[given]}. {key.explanation}{deciding}",
        )
    outcome, earned, why = _wrong_decision(key, given, worth)
    return Finding(
        **common, outcome=outcome, earned=earned, feedback=f"{why} {key.explanation}{deciding}"
    )


def _wrong_decision(
    key: DuplicatesKey, given: str, worth: float
) -> tuple[Literal["violation", "partial", "missed"], float, str]:
    """How bad a wrong decision is: its outcome, the points it keeps, and why."""
    if given == "merge":
        return (
            "violation",
            0,
            "Merging two different people is the most dangerous error in the index: one "
            "chart would hold two people's allergies, medications and results, and care would be "
            "given on the wrong person's history.",
        )
    if given == "send_to_review":
        return (
            "partial",
            worth / 2,
            "Safe, but the identifiers already decide it, so it should be "
            f"'{_WORDS[key.decision]}' now rather than wait in the review queue.",
        )
    if key.truth == "overlay":
        return (
            "missed",
            0,
            "These are two people, but one record holds the other's visit: keeping them "
            "apart leaves the overlay in place, and the next clinician reads someone else's visit "
            "as this patient's.",
        )
    return (
        "missed",
        0,
        "A duplicate left in the index splits the patient's history: allergies and results "
        "on one record are invisible from the other.",
    )


def _survivorship_findings(
    base: dict[str, Any], key: DuplicatesKey, view: DuplicatesView, answer: DuplicatesAnswer | None
) -> list[Finding]:
    rules = identity().survivorship
    merged = answer is not None and answer.decision == "merge"
    common = {
        **base,
        "possible": SURVIVOR_POINTS,
        "severity": 1,
        "topic": "survivorship",
        "rule": identity().rules["survivorship"],
    }
    findings = []
    given_survivor = answer.survivor if merged and answer is not None else None
    right = given_survivor == key.survivor
    findings.append(
        Finding(
            **common,
            outcome="correct" if right else "missed",
            earned=SURVIVOR_POINTS if right else 0,
            expected=f"Surviving record {key.survivor}",
            given=f"Surviving record {given_survivor}" if given_survivor else None,
            feedback=("Right: " if right else "Surviving MRN: ")
            + rules["record"]
            + f" That is {key.survivor}.",
        )
    )
    by_mrn: dict[str, IndexEntry] = {e.mrn: e for e in view.entries}
    for name, value in key.survivors.items():
        chosen = answer.values.get(name) if merged and answer is not None else None  # type: ignore[call-overload]
        chosen_value = by_mrn[chosen].shown(name) if chosen in by_mrn else None
        right = chosen_value == value
        why = rules["identity"] if name in IDENTITY_FIELDS else rules["contact"]
        if not value or any(not e.shown(name) for e in view.entries):
            why += " " + rules["blank"]
        label = name.replace("_", " ")
        findings.append(
            Finding(
                **common,
                outcome="correct" if right else "missed",
                earned=SURVIVOR_POINTS if right else 0,
                expected=f"{field_words(name)}: {value}",
                given=f"{field_words(name)}: {chosen_value}" if chosen_value is not None else None,
                feedback=(
                    f"Right: {label} {value!r} survives. "
                    if right
                    else f"The surviving {label} is {value!r} (from {key.sources[name]}). "
                )
                + why,
            )
        )
    return findings


def _overlaid_finding(
    base: dict[str, Any], key: DuplicatesKey, answer: DuplicatesAnswer | None
) -> Finding:
    worth = points(OVERLAID_SEVERITY)
    given = answer.overlaid if answer is not None else None
    right = given == key.overlaid
    return Finding(
        **base,
        outcome="correct" if right else "missed",
        earned=worth if right else 0,
        possible=worth,
        severity=OVERLAID_SEVERITY,
        topic="overlay",
        rule=identity().rules["overlay"],
        expected=f"Overlaid record {key.overlaid}",
        given=f"Overlaid record {given}" if given else None,
        feedback=(
            f"Right: record {key.overlaid} is the overlaid one. "
            if right
            else f"The overlaid record is {key.overlaid}: "
            "name it so the review splits the right chart. "
        )
        + key.deciding[0],
    )


TASK: TaskKind[DuplicatesBlock, DuplicatesAnswer] = DuplicatesTask()
