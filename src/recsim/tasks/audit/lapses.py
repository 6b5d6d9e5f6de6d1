"""Injectors for lapses of documentation and billing: an unsigned note, coverage not in force.

They register with the catalog's other injectors (injectors.py); the audit task
imports this module so that every kind is planted.
"""

from __future__ import annotations

import random
from datetime import timedelta

from recsim.core.records import ClinicalNote, PatientRecord
from recsim.tasks.audit.injectors import DEADLINE_DAYS, Planted, Setting, injector


@injector("unsigned_note")
def unsigned_note(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    overdue = [
        n
        for n, note in enumerate(record.notes)
        if note.signed_by
        and (setting.as_of - note.written_on).days > DEADLINE_DAYS
        and note.mrn == record.patient.mrn
    ]
    if not overdue:
        return None
    number = rng.choice(overdue)
    note = record.notes[number]
    note.signed_by, note.signed_on = None, None
    facts, rule = _unsigned(record, note, setting)
    return Planted(
        "unsigned_note",
        f"notes[{number}].signed_by",
        None,
        {
            "note_type": note.type,
            "date": note.written_on.isoformat(),
            "author": note.author.name,
            "days": (setting.as_of - note.written_on).days,
            **facts,
        },
        also=(f"notes[{number}].signed_on",),
        rule=rule,
    )


def _unsigned(
    record: PatientRecord, note: ClinicalNote, setting: Setting
) -> tuple[dict[str, str], str | None]:
    """The deadline an unsigned note missed, and the rule when it is the 30-day one.

    The 30-day completion rule is the hospital's, for inpatient records (42 CFR
    482.24(c)(4)(viii)); any other note must only be authenticated by its author.
    """
    inpatient = any(
        e.type == "inpatient" and e.admit_date <= note.written_on <= e.discharge_date
        for e in record.encounters
    )
    if setting.hospital and inpatient:
        facts = {
            "deadline": ", past the 30-day limit for completing the record after discharge",
            "consequence": "; the chart is delinquent",
        }
        rule = (
            "42 CFR 482.24(c)(1) (authenticated entries); "
            "482.24(c)(4)(viii) (complete within 30 days)"
        )
        return facts, rule
    facts = {
        "deadline": "",
        "consequence": ": every entry must be authenticated by its author, promptly",
    }
    return facts, None


@injector("coverage_not_in_force")
def coverage_not_in_force(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    if not record.encounters:
        return None
    first = record.encounters[0]  # visits are in date order: the first is always billed early
    start = first.admit_date + timedelta(days=rng.randint(1, 90))
    if start >= setting.as_of:
        return None
    record.coverage.effective_from = start
    early = [n for n, e in enumerate(record.encounters) if e.admit_date < start]
    return Planted(
        "coverage_not_in_force",
        "coverage.effective_from",
        None,
        {
            "visit": first.admit_date.isoformat(),
            "member_id": first.member_id,
            "start": start.isoformat(),
        },
        also=tuple(f"encounters[{n}].member_id" for n in early),
        evidence=tuple(f"encounters[{n}].admit_date" for n in early),
    )
