"""Discharged inpatient charts: a complete chart first, then the deficiencies taken out of it.

Building the complete chart first and then removing a document or its
signature (or moving a history and physical out of its window) keeps every
deficiency real: whatever the key lists is exactly what differs from a
complete chart, and nothing else is wrong.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from recsim.core.clock import age_on
from recsim.core.generate.notes import person_words
from recsim.core.records import PatientRecord, Provider
from recsim.tasks.deficiency.content import KindInfo, Operation, deficiency_content
from recsim.tasks.deficiency.models import (
    ChartDocument,
    ChartPatient,
    DeficiencyKey,
    KeyDeficiency,
    Stay,
)

CONSULTANTS = ("Cardiology", "Pulmonology", "Psychiatry")
HOSPITALISTS = ("Hospital Medicine", "Internal Medicine")


@dataclass
class Chart:
    """A chart being assembled."""

    patient: ChartPatient
    stay: Stay
    documents: list[ChartDocument]


def plan(kinds: list[str], wanted: int, rng: random.Random, can_operate: bool) -> list[KindInfo]:
    """Up to ``wanted`` kinds, at most one per document group, surgical ones only for a surgical stay."""
    info = deficiency_content().kinds
    order = list(kinds)
    rng.shuffle(order)
    chosen: list[KindInfo] = []
    for name in order:
        kind = info[name]
        if len(chosen) >= wanted:
            break
        if kind.surgical and not can_operate:
            continue
        if any(c.group == kind.group for c in chosen):
            continue
        chosen.append(kind)
    return chosen


def build_chart(
    record: PatientRecord,
    roster: tuple[Provider, ...],
    as_of: date,
    kinds: list[str],
    wanted: int,
    rng: random.Random,
    document_id: Callable[[int], str],
) -> tuple[Chart, DeficiencyKey]:
    """A discharged chart with up to ``wanted`` deficiencies of the given kinds, and its key."""
    content = deficiency_content()
    patient = record.patient
    age = age_on(patient.date_of_birth, as_of)
    operations = [o for o in content.operations if o.fits(patient.sex, age)]
    info = content.kinds
    only_surgical = all(info[k].surgical for k in kinds)
    surgical = bool(operations) and (only_surgical or rng.random() < 0.5)
    planted = plan(kinds, wanted, rng, can_operate=surgical)
    operation = rng.choice(operations) if surgical else None
    pre_admission = operation is not None and (
        any(k.name == "missing_history_physical_update" for k in planted) or rng.random() < 0.5
    )
    chart = _complete_chart(record, roster, as_of, age, operation, pre_admission, rng, document_id)
    key = [_plant(kind, chart, roster, rng) for kind in planted]
    now = as_of
    deficiencies = [
        KeyDeficiency(
            kind=kind.name,
            title=kind.title,
            document=document,
            provider=provider,
            role=kind.responsible,
            due=due,
            overdue=due.date() < now,
            severity=kind.severity,
            rule=kind.rule,
            explanation=kind.explain.format(**facts),
        )
        for kind, (document, provider, due, facts) in zip(planted, key, strict=False)
    ]
    completion_due = content.completion_due(chart.stay.discharged_at.date())
    chart.documents.sort(key=lambda d: (d.written_at, d.id))
    return chart, DeficiencyKey(
        deficiencies=deficiencies,
        completion_due=completion_due,
        delinquent=bool(deficiencies) and completion_due < as_of,
    )


def _complete_chart(
    record: PatientRecord,
    roster: tuple[Provider, ...],
    as_of: date,
    age: int,
    operation: Operation | None,
    pre_admission: bool,
    rng: random.Random,
    document_id: Callable[[int], str],
) -> Chart:
    content = deficiency_content()
    patient = record.patient
    latest = datetime.combine(as_of - timedelta(days=1), time(22, 0))
    discharged = datetime.combine(
        as_of - timedelta(days=rng.randint(2, 75)),
        time(rng.randint(10, 16), rng.choice((0, 15, 30, 45))),
    )
    admitted = discharged - timedelta(
        days=rng.randint(2, 6) if operation else rng.randint(1, 7),
        hours=rng.randint(-5, 8),
        minutes=rng.choice((0, 10, 25, 40)),
    )

    def providers(*specialties: str) -> list[Provider]:
        return [p for p in roster if p.specialty in specialties]

    surgeon = rng.choice(providers(operation.specialty)) if operation else None
    if surgeon is not None and (surgeon.specialty != "Orthopaedic Surgery" or rng.random() < 0.5):
        attending = surgeon
    else:
        attending = rng.choice(providers("Pediatrics") if age < 18 else providers(*HOSPITALISTS))
    operated = admitted + timedelta(hours=rng.randint(2, 20)) if operation else None
    reason = (
        f"{operation.name} (scheduled)"
        if operation and pre_admission
        else f"Admitted for {operation.name.lower()}"
        if operation
        else rng.choice(content.medical_stays)
    )
    stay = Stay(
        admitted_at=admitted,
        discharged_at=discharged,
        reason=reason,
        attending=attending,
        disposition=rng.choice(content.dispositions),
        operation=operation.name if operation else None,
        surgeon=surgeon,
        operated_at=operated,
    )
    documents: list[ChartDocument] = []
    who = person_words(patient.sex, age)

    def add(kind: str, author: Provider, written: datetime, summary: str) -> ChartDocument:
        signed = min(written + timedelta(hours=rng.randint(0, 40)), latest)
        document = ChartDocument(
            id=document_id(len(documents)),
            type=kind,
            title=content.documents[kind],
            author=author,
            written_at=written,
            signed_at=signed,
            summary=summary,
        )
        documents.append(document)
        return document

    if pre_admission and surgeon is not None:
        add(
            "history_physical",
            surgeon,
            admitted - timedelta(days=rng.randint(2, 25), hours=rng.randint(0, 6)),
            f"Pre-operative history and physical: {who} scheduled for {stay.operation}.",
        )
        add(
            "history_physical_update",
            surgeon,
            admitted + timedelta(hours=rng.randint(1, 10)),
            "Update: patient examined on admission; no change since the history and physical.",
        )
    else:
        admitting = (
            attending
            if rng.random() < 0.7 or not providers(*HOSPITALISTS)
            else rng.choice(providers(*HOSPITALISTS))
        )
        add(
            "history_physical",
            admitting,
            admitted + timedelta(hours=rng.randint(1, 20)),
            f"{who.capitalize()} admitted for {reason[0].lower() + reason[1:]}; history, examination, assessment and plan.",
        )
    add(
        "order",
        attending,
        admitted + timedelta(minutes=30),
        "Admission order set: admit to inpatient status.",
    )
    consultant = rng.choice(providers(*CONSULTANTS)) if rng.random() < 0.5 else None
    stay_hours = int((discharged - admitted).total_seconds() // 3600)
    if consultant is not None:
        add(
            "consultation",
            consultant,
            admitted + timedelta(hours=rng.randint(6, max(7, stay_hours - 4))),
            f"{consultant.specialty} consultation: recommendations given to the attending.",
        )
    for order in rng.sample(content.orders, rng.randint(1, 3)):
        giver = consultant if consultant is not None and rng.random() < 0.4 else attending
        add(
            "order",
            giver,
            admitted + timedelta(hours=rng.randint(2, max(3, stay_hours - 2))),
            order + ", read back.",
        )
    if operation is not None and surgeon is not None and operated is not None:
        add(
            "consent",
            surgeon,
            operated - timedelta(hours=rng.randint(1, 12)),
            f"Consent for {operation.name.lower()}: risks, benefits and alternatives discussed; signed by the patient or representative.",
        )
        add(
            "operative_report",
            surgeon,
            operated + timedelta(hours=rng.randint(1, 3)),
            f"{operation.name}: indications, technique, findings, specimens removed, estimated blood loss.",
        )
    for day in range(1, min(4, (discharged.date() - admitted.date()).days) + 1):
        add(
            "progress_note",
            attending,
            datetime.combine(admitted.date() + timedelta(days=day), time(rng.randint(7, 11), 0)),
            "Daily progress note: subjective, objective, assessment and plan.",
        )
    add(
        "discharge_summary",
        attending,
        min(discharged + timedelta(hours=rng.randint(0, 48)), latest),
        f"Hospital course, outcome, disposition to {stay.disposition.lower()}, follow-up care.",
    )
    return Chart(
        ChartPatient(
            mrn=patient.mrn,
            name=patient.full_name,
            date_of_birth=patient.date_of_birth,
            sex=patient.sex,
        ),
        stay,
        documents,
    )


def _plant(
    kind: KindInfo, chart: Chart, roster: tuple[Provider, ...], rng: random.Random
) -> tuple[str | None, Provider, datetime, dict[str, str]]:
    """Take one deficiency out of the complete chart: (document, responsible provider, due, facts)."""
    stay, documents = chart.stay, chart.documents
    of_type = [d for d in documents if d.type == kind.document]
    target = rng.choice(of_type) if of_type else None
    if kind.document == "order":
        target = rng.choice(of_type[1:])  # the admission order set is always signed on the unit
    facts: dict[str, str] = {}
    if kind.problem == "missing":
        documents[:] = [d for d in documents if d.type != kind.document]
        if kind.name == "missing_history_physical":
            documents[:] = [d for d in documents if d.type != "history_physical_update"]
        if kind.name == "missing_history_physical_update":
            facts["written"] = _when(of_type_first(chart, "history_physical").written_at)
        document_number = None
    elif kind.problem == "unsigned":
        assert target is not None
        documents[documents.index(target)] = target.model_copy(update={"signed_at": None})
        document_number = target.id
        facts.update(
            order=target.summary.removesuffix(", read back.").split(",")[0].lower(),
            written=_when(target.written_at),
        )
    else:  # out_of_window: the history and physical is too old, or too late
        assert target is not None
        documents[:] = [d for d in documents if d.type != "history_physical_update"]
        if rng.random() < 0.5 or stay.discharged_at - stay.admitted_at < timedelta(hours=40):
            days = rng.randint(31, 90)
            written = stay.admitted_at - timedelta(days=days)
            facts["relation"] = f"{days} days before admission"
        else:
            hours = rng.randint(30, 96)
            written = stay.admitted_at + timedelta(hours=hours)
            facts["relation"] = f"{hours} hours after admission"
        moved = target.model_copy(
            update={"written_at": written, "signed_at": written + timedelta(hours=2)}
        )
        documents[documents.index(target)] = moved
        document_number = target.id
        facts["written"] = _when(written)
    provider = {
        "attending": stay.attending,
        "surgeon": stay.surgeon,
        "author": target.author if target else stay.attending,
    }[kind.responsible]
    assert provider is not None
    event = {
        "admission": stay.admitted_at,
        "surgery": stay.operated_at,
        "discharge": stay.discharged_at,
    }[kind.deadline.after]
    assert event is not None
    due = kind.deadline.due(event)
    facts.update(
        provider=provider.name,
        due=_when(due),
        operation=(stay.operation or "").lower(),
        operated=_when(stay.operated_at) if stay.operated_at else "",
    )
    return document_number, provider, due, facts


def of_type_first(chart: Chart, kind: str) -> ChartDocument:
    """The first document of a type (``StopIteration`` if none)."""
    return next(d for d in chart.documents if d.type == kind)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")
