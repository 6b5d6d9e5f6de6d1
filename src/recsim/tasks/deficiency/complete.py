"""The complete chart of a discharged inpatient stay, before any deficiency is taken out.

A stay (admission, attending, perhaps an operation) and every document its
chart should hold, each written and signed in time: the history and physical
(with its update when it was done before admission), orders, a consultation,
the consent and operative report, progress notes and the discharge summary.
chart.py then removes or moves what the scenario's deficiencies need. The
draws happen in a fixed order, so the same generator gives the same chart.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from recsim.core.generate.notes import person_words
from recsim.core.records import PatientRecord, Provider
from recsim.tasks.deficiency.content import DeficiencyContent, Operation, deficiency_content
from recsim.tasks.deficiency.models import ChartDocument, ChartPatient, Stay

CONSULTANTS = ("Cardiology", "Pulmonology", "Psychiatry")
HOSPITALISTS = ("Hospital Medicine", "Internal Medicine")


@dataclass
class Chart:
    """A chart being assembled."""

    patient: ChartPatient
    stay: Stay
    documents: list[ChartDocument]


@dataclass
class _Writer:
    """Adds documents to a chart, each signed within two days (and before the simulated today)."""

    rng: random.Random
    content: DeficiencyContent
    latest: datetime
    document_id: Callable[[int], str]
    documents: list[ChartDocument] = field(default_factory=list)

    def add(self, kind: str, author: Provider, written: datetime, summary: str) -> None:
        signed = min(written + timedelta(hours=self.rng.randint(0, 40)), self.latest)
        self.documents.append(
            ChartDocument(
                id=self.document_id(len(self.documents)),
                type=kind,
                title=self.content.documents[kind],
                author=author,
                written_at=written,
                signed_at=signed,
                summary=summary,
            )
        )


def complete_chart(
    record: PatientRecord,
    roster: tuple[Provider, ...],
    as_of: date,
    age: int,
    operation: Operation | None,
    pre_admission: bool,
    rng: random.Random,
    document_id: Callable[[int], str],
) -> Chart:
    """The chart of a stay discharged before ``as_of``, with every document it should hold."""
    content = deficiency_content()
    patient = record.patient
    latest = datetime.combine(as_of - timedelta(days=1), time(22, 0))
    stay = _stay(roster, as_of, age, operation, pre_admission, rng, content)
    writer = _Writer(rng, content, latest, document_id)
    who = person_words(patient.sex, age)
    _admission(writer, stay, roster, who, pre_admission)
    _care(writer, stay, roster, operation)
    _closing(writer, stay)
    return Chart(
        ChartPatient(
            mrn=patient.mrn,
            name=patient.full_name,
            date_of_birth=patient.date_of_birth,
            sex=patient.sex,
        ),
        stay,
        writer.documents,
    )


def _providers(roster: tuple[Provider, ...], *specialties: str) -> list[Provider]:
    return [p for p in roster if p.specialty in specialties]


def _stay(
    roster: tuple[Provider, ...],
    as_of: date,
    age: int,
    operation: Operation | None,
    pre_admission: bool,
    rng: random.Random,
    content: DeficiencyContent,
) -> Stay:
    """The stay: its dates, reason, attending and, for a surgical stay, surgeon and operation."""
    discharged = datetime.combine(
        as_of - timedelta(days=rng.randint(2, 75)),
        time(rng.randint(10, 16), rng.choice((0, 15, 30, 45))),
    )
    admitted = discharged - timedelta(
        days=rng.randint(2, 6) if operation else rng.randint(1, 7),
        hours=rng.randint(-5, 8),
        minutes=rng.choice((0, 10, 25, 40)),
    )
    surgeon = rng.choice(_providers(roster, operation.specialty)) if operation else None
    if surgeon is not None and (surgeon.specialty != "Orthopaedic Surgery" or rng.random() < 0.5):
        attending = surgeon
    else:
        attending = rng.choice(
            _providers(roster, "Pediatrics") if age < 18 else _providers(roster, *HOSPITALISTS)
        )
    operated = admitted + timedelta(hours=rng.randint(2, 20)) if operation else None
    return Stay(
        admitted_at=admitted,
        discharged_at=discharged,
        reason=_reason(operation, pre_admission, rng, content),
        attending=attending,
        disposition=rng.choice(content.dispositions),
        operation=operation.name if operation else None,
        surgeon=surgeon,
        operated_at=operated,
    )


def _reason(
    operation: Operation | None, pre_admission: bool, rng: random.Random, content: DeficiencyContent
) -> str:
    """Why the patient was admitted; an operation booked ahead is "scheduled"."""
    if operation is None:
        return rng.choice(content.medical_stays)
    if pre_admission:
        return f"{operation.name} (scheduled)"
    return f"Admitted for {operation.name.lower()}"


def _admission(
    writer: _Writer, stay: Stay, roster: tuple[Provider, ...], who: str, pre_admission: bool
) -> None:
    """The history and physical (before admission with its update, or after) and the order set."""
    rng, admitted = writer.rng, stay.admitted_at
    if pre_admission and stay.surgeon is not None:
        writer.add(
            "history_physical",
            stay.surgeon,
            admitted - timedelta(days=rng.randint(2, 25), hours=rng.randint(0, 6)),
            f"Pre-operative history and physical: {who} scheduled for {stay.operation}.",
        )
        writer.add(
            "history_physical_update",
            stay.surgeon,
            admitted + timedelta(hours=rng.randint(1, 10)),
            "Update: patient examined on admission; no change since the history and physical.",
        )
    else:
        hospitalists = _providers(roster, *HOSPITALISTS)
        admitting = (
            stay.attending if rng.random() < 0.7 or not hospitalists else rng.choice(hospitalists)
        )
        reason = stay.reason
        writer.add(
            "history_physical",
            admitting,
            admitted + timedelta(hours=rng.randint(1, 20)),
            f"{who.capitalize()} admitted for {reason[0].lower() + reason[1:]}; "
            "history, examination, assessment and plan.",
        )
    writer.add(
        "order",
        stay.attending,
        admitted + timedelta(minutes=30),
        "Admission order set: admit to inpatient status.",
    )


def _care(
    writer: _Writer, stay: Stay, roster: tuple[Provider, ...], operation: Operation | None
) -> None:
    """Perhaps a consultation, one to three orders, and for a surgical stay consent and report."""
    rng, admitted, attending = writer.rng, stay.admitted_at, stay.attending
    consultant = rng.choice(_providers(roster, *CONSULTANTS)) if rng.random() < 0.5 else None
    stay_hours = int((stay.discharged_at - admitted).total_seconds() // 3600)
    if consultant is not None:
        writer.add(
            "consultation",
            consultant,
            admitted + timedelta(hours=rng.randint(6, max(7, stay_hours - 4))),
            f"{consultant.specialty} consultation: recommendations given to the attending.",
        )
    for order in rng.sample(writer.content.orders, rng.randint(1, 3)):
        giver = consultant if consultant is not None and rng.random() < 0.4 else attending
        writer.add(
            "order",
            giver,
            admitted + timedelta(hours=rng.randint(2, max(3, stay_hours - 2))),
            order + ", read back.",
        )
    surgeon, operated = stay.surgeon, stay.operated_at
    if operation is not None and surgeon is not None and operated is not None:
        writer.add(
            "consent",
            surgeon,
            operated - timedelta(hours=rng.randint(1, 12)),
            f"Consent for {operation.name.lower()}: risks, benefits and alternatives "
            "discussed; signed by the patient or representative.",
        )
        writer.add(
            "operative_report",
            surgeon,
            operated + timedelta(hours=rng.randint(1, 3)),
            f"{operation.name}: indications, technique, findings, specimens removed, "
            "estimated blood loss.",
        )


def _closing(writer: _Writer, stay: Stay) -> None:
    """Daily progress notes (up to four) and the discharge summary."""
    rng, admitted, discharged = writer.rng, stay.admitted_at, stay.discharged_at
    for day in range(1, min(4, (discharged.date() - admitted.date()).days) + 1):
        writer.add(
            "progress_note",
            stay.attending,
            datetime.combine(admitted.date() + timedelta(days=day), time(rng.randint(7, 11), 0)),
            "Daily progress note: subjective, objective, assessment and plan.",
        )
    writer.add(
        "discharge_summary",
        stay.attending,
        min(discharged + timedelta(hours=rng.randint(0, 48)), writer.latest),
        f"Hospital course, outcome, disposition to {stay.disposition.lower()}, follow-up care.",
    )
