"""The audit task: charts with planted errors; the trainee flags them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar

from recsim.core.form import Item
from recsim.core.records import PatientRecord
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.tasks.audit.block import AuditBlock
from recsim.tasks.audit.catalog import catalog
from recsim.tasks.audit.models import AuditAnswer, AuditKey, AuditView, Flag, KeyEntry
from recsim.tasks.audit.planting import (
    STAY_ONLY,
    allowed_kinds,
    apart_words,
    chart_plan,
    listed,
    most_together,
    planted_chart,
    undealable,
    unplantable,
    within,
)
from recsim.tasks.base import (
    BuildContext,
    CheckContext,
    Listed,
    Problem,
    TaskKind,
    Trail,
    shaped,
)
from recsim.tasks.words import place

CLEAN_POINTS = 1.0
"""A clean chart rightly left unflagged is worth this much."""
HOSPITAL_CHART_RULE = "42 CFR 482.24(c)"
"""What makes a hospital chart right or wrong: the Conditions of Participation's record content."""
OTHER_CHART_RULE = "AHIMA practice brief, Data Quality Management Model (data accuracy)"
"""The same for a clinic's or a payer's chart, which 42 CFR 482 does not bind."""


class AuditTask(TaskKind[AuditBlock, AuditAnswer]):
    """Task kind ``audit``."""

    kind: ClassVar[str] = "audit"
    block_model = AuditBlock
    answer_model = AuditAnswer
    view_model = AuditView

    def build(self, block: AuditBlock, index: int, item_id: str, context: BuildContext) -> Item:
        kinds = list(chart_plan(block, context)[index])
        record, planted, setting = planted_chart(block, index, kinds, context)
        info = catalog()
        key = AuditKey(
            errors=[
                KeyEntry(
                    kind=p.kind,
                    title=info[p.kind].title,
                    location=p.location,
                    also=list(p.also),
                    severity=info[p.kind].severity,
                    correct=p.correct,
                    explanation=info[p.kind].explanation(p.facts),
                    rule=p.rule or info[p.kind].rule_for(hospital=setting.hospital),
                )
                for p in planted
            ],
            chart_rule=HOSPITAL_CHART_RULE if setting.hospital else OTHER_CHART_RULE,
        )
        patient = record.patient
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Audit chart {patient.mrn}: {patient.last_name}, {patient.first_name}",
            view=AuditView(record=record, as_of=context.scenario.as_of),
            key=key,
            objectives=(block.objective,) if block.objective else (),
            chart=patient.mrn,
        )

    def check(self, item: Item, answer: AuditAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, AuditKey)
        objective = item.objectives[0] if item.objectives else None
        base = {"item": item.id, "category": "accuracy", "objective": objective}
        if answer is None:
            return _not_reviewed(base, key)
        findings, unused = _match(base, key.errors, list(answer.flags))
        findings.extend(_false_alarm(base, key, flag) for flag in unused)
        if not key.errors:
            findings.append(_clean_chart(base, key, clean=not answer.flags))
        return findings

    def charts(self, item: Item) -> tuple[str, ...]:
        # A chart filed under a wrong MRN: checking the right one in the index is the work.
        right = [
            e.correct
            for e in shaped(item.key, AuditKey).errors
            if e.location == "patient.mrn" and e.correct
        ]
        return (item.chart, *right) if item.chart else tuple(right)

    def listed(self, item: Item) -> tuple[Listed, ...]:
        # The chart as audited (a planted error may have changed its MRN or name).
        patient = shaped(item.view, AuditView).record.patient
        return (
            Listed(
                patient.mrn,
                patient.last_name,
                patient.first_name,
                patient.date_of_birth,
                patient.sex,
            ),
        )

    def key_answer(self, item: Item) -> AuditAnswer:
        key = shaped(item.key, AuditKey)
        return AuditAnswer(
            flags=[Flag(location=e.location, kind=e.kind, correction=e.correct) for e in key.errors]
        )

    def item_kinds(self, item: Item) -> tuple[str, ...]:
        return tuple(e.kind for e in shaped(item.key, AuditKey).errors)

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, AuditView)
        key = shaped(item.key, AuditKey)
        patient = view.record.patient
        yield (
            f"{patient.full_name}, {patient.sex}, born {patient.date_of_birth}, MRN {patient.mrn}; "
            f"{_count(len(view.record.encounters), 'encounter')}, "
            f"{_count(len(view.record.notes), 'note')}"
        )
        if not key.errors:
            yield "key: clean chart (no errors planted)"
        for entry in key.errors:
            fix = f" -> {entry.correct}" if entry.correct else ""
            yield f"key: {entry.kind} (severity {entry.severity}) at {entry.location}{fix}"
            yield f"     {entry.explanation}"

    def validate(self, block: AuditBlock, context: CheckContext) -> Iterator[Problem]:
        stay_only = sorted(STAY_ONLY.intersection(listed(block)))
        if context.setting == "clinic" and stay_only:
            message = (
                f"{', '.join(stay_only)} needs a hospital stay, and a clinic's charts hold "
                "clinic visits only: remove it, or set the scenario in a hospital"
            )
            yield ("error_kinds",), message, "error"
            return
        yield from unplantable(block, context)
        kinds = allowed_kinds(block, context.setting)
        most = max(block.errors_per_record)
        together = most_together(kinds)
        if most > len(kinds):
            message = (
                f"asks for up to {most} errors per chart but allows only "
                f"{len(kinds)} error kind(s); each kind is planted at most once per chart"
            )
            yield ("errors_per_record",), message, "error"
        elif most > together:
            message = (
                f"asks for up to {most} errors per chart, but at most {together} of these "
                f"kinds {'fits' if together == 1 else 'fit'} in one chart "
                f"({apart_words(kinds)}); lower the most, or add kinds"
            )
            yield ("errors_per_record",), message, "error"
        elif undealable(block, context.setting):
            message = (
                f"cannot give every chart {_bounds(block)} errors with each kind planted about "
                f"equally often, because {apart_words(kinds)}; add kinds, or lower the fewest"
            )
            yield ("error_kinds",), message, "error"


def amended(item: Item, answer: AuditAnswer, *, by: str, on: date) -> PatientRecord:
    """The chart with the trainee's corrections applied, originals kept and readable.

    A workforce correction of an error found in review is the organization's error-correction
    process (CMS Medicare Program Integrity Manual, ch. 3, section 3.3.2.5; AHIMA amendment
    and correction practice), not a patient's 164.526 amendment request.
    """
    view = shaped(item.view, AuditView)
    record = view.record
    for flag in answer.flags:
        if flag.correction is None:
            continue
        try:
            record = record.amend(
                flag.location, flag.correction, by=by, on=on, reason=catalog()[flag.kind].title
            )
        except (KeyError, ValueError):
            # a correction on a whole entry, or not a value of the field's type: nothing to retype
            continue
    return record


def _not_reviewed(base: dict[str, Any], key: AuditKey) -> list[Finding]:
    """A chart left without a decision: every planted error is missed, or the clean chart."""
    return [
        Finding(
            **base,
            outcome="missed",
            earned=0,
            possible=points(e.severity),
            severity=e.severity,
            topic=e.kind,
            rule=e.rule,
            feedback=f"Not reviewed. {e.explanation}",
            expected=_expected(e),
        )
        for e in key.errors
    ] or [
        Finding(
            **base,
            outcome="missed",
            earned=0,
            possible=CLEAN_POINTS,
            severity=1,
            topic="clean_chart",
            rule=key.chart_rule,
            feedback="Not reviewed: every chart in the queue needs a decision, even a clean one.",
        )
    ]


def _false_alarm(base: dict[str, Any], key: AuditKey, flag: Flag) -> Finding:
    return Finding(
        **base,
        outcome="false_alarm",
        earned=-FALSE_ALARM_PENALTY,
        possible=0,
        severity=1,
        topic=flag.kind,
        rule=key.chart_rule,
        feedback=f"False alarm: nothing is wrong at {place(flag.location)}. Flags that aren't "
        "errors cost the physicians' and coders' time and erode trust in the audit.",
        given=_flagged(flag),
    )


def _clean_chart(base: dict[str, Any], key: AuditKey, *, clean: bool) -> Finding:
    return Finding(
        **base,
        outcome="correct" if clean else "missed",
        earned=CLEAN_POINTS if clean else 0,
        possible=CLEAN_POINTS,
        severity=1,
        topic="clean_chart",
        rule=key.chart_rule,
        feedback="This chart had no errors"
        + (", and you left it clean." if clean else "; every flag on it was a false alarm."),
    )


def _match(
    base: dict[str, Any], errors: list[KeyEntry], flags: list[Flag]
) -> tuple[list[Finding], list[Flag]]:
    """Pair each planted error with the trainee's best flag, most severe errors first."""
    findings: list[Finding] = []
    for error in sorted(errors, key=lambda e: -e.severity):
        places = [error.location, *error.also]
        here = [f for f in flags if any(within(f.location, p) for p in places)]
        flag = next((f for f in here if f.kind == error.kind), here[0] if here else None)
        if flag is not None:
            flags.remove(flag)
        findings.append(_judged(base, error, flag))
    return findings, flags


def _judged(base: dict[str, Any], error: KeyEntry, flag: Flag | None) -> Finding:
    """The finding for one planted error and the flag matched to it (None: missed)."""
    worth = points(error.severity)
    common = {
        **base,
        "possible": worth,
        "severity": error.severity,
        "topic": error.kind,
        "rule": error.rule,
        "expected": _expected(error),
    }
    if flag is None:
        return Finding(
            **common,
            outcome="missed",
            earned=0,
            feedback=f"Missed: {_sentence(error.title)}. {error.explanation}",
        )
    given = _flagged(flag)
    if flag.kind != error.kind:
        called = _sentence(catalog()[flag.kind].title)
        return Finding(
            **common,
            outcome="partial",
            earned=worth / 2,
            given=given,
            feedback=f'Right place, wrong kind: you called it "{called}", '
            f"but it is {_sentence(error.title)}. {error.explanation}",
        )
    if (
        flag.correction is not None
        and error.correct is not None
        and not _same(flag.correction, error.correct)
    ):
        return Finding(
            **common,
            outcome="partial",
            earned=worth / 2,
            given=given,
            feedback=f"Found, but the correction {flag.correction!r} is wrong: "
            f"it should be {error.correct!r}. {error.explanation}",
        )
    return Finding(
        **common,
        outcome="correct",
        earned=worth,
        given=given,
        feedback=f"Found: {_sentence(error.title)}. {error.explanation}",
    )


def _bounds(block: AuditBlock) -> str:
    low, high = block.errors_per_record
    return str(low) if low == high else f"{low} to {high}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _sentence(title: str) -> str:
    """A catalog title inside a sentence: "MRN fails..." keeps its capitals.

    "Name differs" becomes "name differs".
    """
    return title if title[:2].isupper() else title[0].lower() + title[1:]


def _said(title: str, location: str, value: str | None) -> str:
    """An error as the trainee reads it: its kind, where on the chart, and the corrected value."""
    return f"{title}, at {place(location)}" + (f"; corrected value: {value}" if value else "")


def _expected(error: KeyEntry) -> str:
    return _said(error.title, error.location, error.correct)


def _flagged(flag: Flag) -> str:
    return _said(catalog()[flag.kind].title, flag.location, flag.correction)


def _same(given: str, correct: str) -> bool:
    return " ".join(given.split()).casefold() == " ".join(correct.split()).casefold()


TASK: TaskKind[AuditBlock, AuditAnswer] = AuditTask()
