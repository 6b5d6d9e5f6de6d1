"""Chart deficiency analysis: what is missing or unsigned, and who owes it (kind ``deficiency``)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any, ClassVar

from recsim.core.form import Item
from recsim.core.generate import provider_roster
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.core.seeds import derive_seed
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped
from recsim.tasks.deficiency.block import DeficiencyBlock
from recsim.tasks.deficiency.chart import (
    CHECKED,
    CHECKED_CHARTS,
    block_kinds,
    build_chart,
    chart_kinds,
    kinds_plan,
    patient_for,
)
from recsim.tasks.deficiency.content import deficiency_content
from recsim.tasks.deficiency.models import (
    DeficiencyAnswer,
    DeficiencyEntry,
    DeficiencyKey,
    DeficiencyView,
    KeyDeficiency,
)

COMPLETE_POINTS = 1.0
"""A complete chart rightly left without deficiencies is worth this much."""
DELINQUENT_POINTS = 1.0
"""Calling the chart delinquent (or not) rightly is worth this much."""
_ROLE_WORDS = {
    "attending": "the attending of record",
    "surgeon": "the surgeon",
    "author": "the document's author",
}


class DeficiencyTask(TaskKind[DeficiencyBlock, DeficiencyAnswer]):
    """Task kind ``deficiency``."""

    kind: ClassVar[str] = "deficiency"
    block_model = DeficiencyBlock
    answer_model = DeficiencyAnswer
    view_model = DeficiencyView

    def build(
        self, block: DeficiencyBlock, index: int, item_id: str, context: BuildContext
    ) -> Item:
        rng = context.rng("deficiency", index)
        dealt = chart_kinds(
            tuple(block_kinds(block)),
            block.charts,
            block.deficiencies_per_chart,
            context.seed,
            context.task_number,
        )
        kinds = list(dealt[index])
        roster = provider_roster(context.seed, context.scenario.population.locale)

        def document_id(number: int) -> str:
            seed = derive_seed("deficiency-doc", context.seed, context.task_number, index, number)
            return f"D{seed % 10**8:08d}"

        chart, key = build_chart(
            patient_for(context, index, block.charts, kinds),
            roster,
            context.scenario.as_of,
            kinds,
            rng,
            document_id,
        )
        view = DeficiencyView(
            patient=chart.patient,
            stay=chart.stay,
            documents=chart.documents,
            providers=list(roster),
            as_of=context.scenario.as_of,
        )
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Deficiency analysis {chart.patient.mrn}: {chart.patient.name}, "
            f"discharged {chart.stay.discharged_at:%Y-%m-%d}",
            view=view,
            key=key,
            objectives=(block.objective,) if block.objective else (),
            chart=chart.patient.mrn,
        )

    def check(self, item: Item, answer: DeficiencyAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, DeficiencyKey)
        objective = item.objectives[0] if item.objectives else None
        base: dict[str, Any] = {"item": item.id, "category": "accuracy", "objective": objective}
        view = shaped(item.view, DeficiencyView)
        names = {p.npi: p.name for p in view.providers}
        if answer is None:
            findings = [
                Finding(
                    **base,
                    outcome="missed",
                    earned=0,
                    possible=points(d.severity),
                    severity=d.severity,
                    topic=d.kind,
                    rule=d.rule,
                    expected=_expected(d),
                    feedback=f"Not analysed. {d.explanation}",
                )
                for d in key.deficiencies
            ]
            if not key.deficiencies:
                findings.append(_complete_finding(base, None))
            findings.append(_delinquency_finding(base, key, None))
            return findings
        findings, unused = _match(base, key.deficiencies, list(answer.deficiencies), names)
        for entry in unused:
            findings.append(
                Finding(
                    **base,
                    outcome="false_alarm",
                    earned=-FALSE_ALARM_PENALTY,
                    possible=0,
                    severity=1,
                    topic=entry.kind,
                    rule="42 CFR 482.24(c)",
                    given=_given(entry, names),
                    feedback=f"False deficiency: {_false_reason(item, entry)} "
                    "A deficiency slip that isn't owed costs a physician's time and the "
                    "department's credibility.",
                )
            )
        if not key.deficiencies:
            findings.append(_complete_finding(base, answer))
        findings.append(_delinquency_finding(base, key, answer))
        return findings

    def item_kinds(self, item: Item) -> tuple[str, ...]:
        return tuple(d.kind for d in shaped(item.key, DeficiencyKey).deficiencies)

    def key_answer(self, item: Item) -> DeficiencyAnswer:
        key = shaped(item.key, DeficiencyKey)
        return DeficiencyAnswer(
            deficiencies=[
                DeficiencyEntry(kind=d.kind, document=d.document, provider=d.provider.npi)
                for d in key.deficiencies
            ],
            delinquent=key.delinquent,
        )

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, DeficiencyView)
        key = shaped(item.key, DeficiencyKey)
        stay = view.stay
        surgery = (
            f"; {stay.operation} by {stay.surgeon.name if stay.surgeon else '?'}"
            if stay.operation
            else ""
        )
        yield (
            f"{view.patient.name}, MRN {view.patient.mrn}; "
            f"admitted {stay.admitted_at:%Y-%m-%d %H:%M}, "
            f"discharged {stay.discharged_at:%Y-%m-%d %H:%M}; "
            f"attending {stay.attending.name}{surgery}"
        )
        yield f"{len(view.documents)} documents; record due complete {key.completion_due}"
        if not key.deficiencies:
            yield "key: complete chart (no deficiencies)"
        for entry in key.deficiencies:
            where = f" {entry.document}" if entry.document else ""
            late = " (overdue)" if entry.overdue else ""
            yield (
                f"key: {entry.kind}{where} -> {entry.provider.name} ({entry.role}), "
                f"due {entry.due:%Y-%m-%d %H:%M}{late}"
            )
        yield f"key: {'delinquent' if key.delinquent else 'not delinquent'}"

    def validate(self, block: DeficiencyBlock, context: CheckContext) -> Iterator[Problem]:
        info = deficiency_content().kinds
        kinds = block_kinds(block)
        groups = {info[k].group for k in kinds}
        if block.deficiencies_per_chart[1] > len(groups):
            yield (
                ("deficiencies_per_chart",),
                (
                    f"asks for up to {block.deficiencies_per_chart[1]} deficiencies per chart, "
                    f"but the listed kinds concern only {len(groups)} document(s) and a chart "
                    "gets at most one per document"
                ),
                "error",
            )
        elif any(
            kinds_plan(
                kinds,
                min(block.charts, CHECKED_CHARTS),
                block.deficiencies_per_chart,
                random.Random(n),
            )
            is None
            for n in range(CHECKED)
        ):
            low, high = block.deficiencies_per_chart
            yield (
                ("kinds",),
                (
                    f"cannot give every chart {low if low == high else f'{low} to {high}'} "
                    "deficiencies with each kind about equally often, since a chart gets at "
                    "most one per document; add kinds of other documents, or lower the fewest"
                ),
                "error",
            )


def _match(
    base: dict[str, Any],
    deficiencies: list[KeyDeficiency],
    entries: list[DeficiencyEntry],
    names: dict[str, str],
) -> tuple[list[Finding], list[DeficiencyEntry]]:
    """Pair each deficiency with the trainee's entry for it, most severe first."""
    findings = []
    for deficiency in sorted(deficiencies, key=lambda d: -d.severity):
        same_kind = [e for e in entries if e.kind == deficiency.kind]
        here = [e for e in same_kind if _names_document(e, deficiency, len(same_kind))]
        entry = next(
            (e for e in here if e.provider == deficiency.provider.npi), here[0] if here else None
        )
        worth = points(deficiency.severity)
        common = {
            **base,
            "possible": worth,
            "severity": deficiency.severity,
            "topic": deficiency.kind,
            "rule": deficiency.rule,
            "expected": _expected(deficiency),
        }
        if entry is None:
            findings.append(
                Finding(
                    **common,
                    outcome="missed",
                    earned=0,
                    feedback=f"Missed: {_sentence(deficiency.title)}. {deficiency.explanation}",
                )
            )
            continue
        entries.remove(entry)
        if entry.provider != deficiency.provider.npi:
            findings.append(
                Finding(
                    **common,
                    outcome="partial",
                    earned=worth / 2,
                    given=_given(entry, names),
                    feedback=f"Found, but assigned to the wrong provider: it belongs to "
                    f"{_ROLE_WORDS[deficiency.role]}, {deficiency.provider.name}. "
                    f"{deficiency.explanation}",
                )
            )
        else:
            findings.append(
                Finding(
                    **common,
                    outcome="correct",
                    earned=worth,
                    given=_given(entry, names),
                    feedback=f"Found: {_sentence(deficiency.title)}. {deficiency.explanation}",
                )
            )
    return findings, entries


def _names_document(entry: DeficiencyEntry, deficiency: KeyDeficiency, of_kind: int) -> bool:
    """Whether an entry of the deficiency's kind is about it.

    A missing document has no number, so any entry of its kind is about it (a chart has at
    most one of each missing kind): a trainee who links a missing H&P update to the H&P it
    updates has found it. An entry naming no document fits when it is the only one of its kind.
    """
    if deficiency.document is None or entry.document == deficiency.document:
        return True
    return entry.document is None and of_kind == 1


def _complete_finding(base: dict[str, Any], answer: DeficiencyAnswer | None) -> Finding:
    clean = answer is not None and not answer.deficiencies
    feedback = (
        "This chart is complete: every required document is present, in its window "
        "and authenticated"
        + (
            ", and you listed nothing."
            if clean
            else "."
            if answer is None
            else "; every deficiency listed on it was false."
        )
    )
    return Finding(
        **base,
        outcome="correct" if clean else "missed",
        earned=COMPLETE_POINTS if clean else 0,
        possible=COMPLETE_POINTS,
        severity=1,
        topic="complete_chart",
        rule="42 CFR 482.24(c)",
        feedback=feedback,
    )


def _delinquency_finding(
    base: dict[str, Any], key: DeficiencyKey, answer: DeficiencyAnswer | None
) -> Finding:
    content = deficiency_content()
    right = answer is not None and answer.delinquent == key.delinquent
    if key.delinquent:
        why = (
            "It is delinquent: still incomplete after its completion deadline, "
            f"{key.completion_due} "
            f"({content.completion_days} days after discharge)."
        )
    elif key.deficiencies:
        why = (
            "It is incomplete but not yet delinquent: the record is due complete by "
            f"{key.completion_due} "
            f"({content.completion_days} days after discharge)."
        )
    else:
        why = "A complete chart is never delinquent."
    return Finding(
        **base,
        outcome="correct" if right else "missed",
        earned=DELINQUENT_POINTS if right else 0,
        possible=DELINQUENT_POINTS,
        severity=1,
        topic="delinquent_chart",
        rule=content.completion_rule,
        expected="delinquent" if key.delinquent else "not delinquent",
        given=None if answer is None else ("delinquent" if answer.delinquent else "not delinquent"),
        feedback=("Right. " if right else "") + why,
    )


def _false_reason(item: Item, entry: DeficiencyEntry) -> str:
    view = shaped(item.view, DeficiencyView)
    key = shaped(item.key, DeficiencyKey)
    kind = deficiency_content().kinds[entry.kind]
    if any(d.kind == entry.kind for d in key.deficiencies):
        named = entry.document or "none named"
        return f"{_sentence(kind.title)} concerns another document than {named}."
    if entry.document and not any(d.id == entry.document for d in view.documents):
        return f"there is no document {entry.document} on this chart."
    return f"{_sentence(kind.title)} is not a deficiency of this chart."


def _said(kind: str, document: str | None, provider: str) -> str:
    """A deficiency as the trainee reads it: what is wrong, on which document, and whose it is."""
    where = f", document {document}" if document else ", document: none (the document is missing)"
    return f"{deficiency_content().kinds[kind].title}{where}, assigned to {provider}"


def _expected(deficiency: KeyDeficiency) -> str:
    return _said(deficiency.kind, deficiency.document, deficiency.provider.name)


def _given(entry: DeficiencyEntry, names: dict[str, str]) -> str:
    provider = names.get(entry.provider)
    return _said(
        entry.kind,
        entry.document,
        provider or f"NPI {entry.provider} (not a provider on this chart)",
    )


def _sentence(title: str) -> str:
    return title[0].lower() + title[1:]


TASK: TaskKind[DeficiencyBlock, DeficiencyAnswer] = DeficiencyTask()
