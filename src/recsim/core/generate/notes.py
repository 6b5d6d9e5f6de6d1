"""Clinical notes written from the chart they belong to.

Notes repeat what a clinician would restate (age, sex, allergies, side of the
body, the assessment), which is what lets a trainee cross-check a chart.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from recsim.core.clock import age_on
from recsim.core.generate.library import Condition
from recsim.core.generate.review import named_drugs, taken_by
from recsim.core.records import ClinicalNote, Encounter, PatientRecord
from recsim.core.seeds import derive_seed

NOTE_TYPES = {
    "outpatient": ("Progress note",),
    "emergency": ("Emergency department note",),
    "inpatient": ("History and physical", "Discharge summary"),
}


def person_words(sex: str, age: int, days_old: int | None = None) -> str:
    """How a note names the patient: "54-year-old woman", "7-year-old boy", "5-month-old girl".

    A baby's age is given in days in the first month and in months in the first
    year (``days_old``), as clinicians write it, never as "0-year-old".
    """
    female = sex == "F"
    noun = ("girl" if female else "boy") if age < 18 else ("woman" if female else "man")
    if age == 0 and days_old is not None:
        if days_old < 30:
            return f"{days_old}-day-old {noun}"
        return f"{max(1, days_old * 12 // 365)}-month-old {noun}"
    return f"{age}-year-old {noun}"


def allergy_statement(record: PatientRecord) -> str:
    """The allergy line as a note restates it."""
    if not record.allergies:
        return "No known drug allergies"
    return "; ".join(f"{a.substance} ({a.reaction})" for a in record.allergies)


def write_notes(
    rng: random.Random,
    record: PatientRecord,
    conditions: list[tuple[Condition, str]],
    as_of: date,
    *,
    seed: int,
    index: int,
) -> list[ClinicalNote]:
    """One note per outpatient or emergency visit; an H&P and a discharge summary per stay."""
    by_reason = {c.reason: (c, side) for c, side in conditions}
    notes: list[ClinicalNote] = []
    for encounter in record.encounters:
        condition, side = by_reason.get(encounter.reason, (None, ""))
        for note_type in NOTE_TYPES[encounter.type]:
            written = (
                encounter.discharge_date
                if note_type == "Discharge summary"
                else encounter.admit_date
            )
            signed = min(as_of, written + timedelta(days=rng.randint(0, 2)))
            notes.append(
                ClinicalNote.model_construct(
                    id=f"D{derive_seed('note', seed, index, len(notes)) % 10**8:08d}",
                    type=note_type,
                    written_on=written,
                    author=encounter.attending,
                    patient_name=record.patient.full_name,
                    mrn=record.patient.mrn,
                    date_of_birth=record.patient.date_of_birth,
                    text=note_text(rng, record, encounter, condition, side, note_type),
                    signed_by=encounter.attending.name,
                    signed_on=signed,
                )
            )
    return notes


def note_text(
    rng: random.Random,
    record: PatientRecord,
    encounter: Encounter,
    condition: Condition | None,
    side: str,
    note_type: str,
) -> str:
    """The body of one note."""
    patient = record.patient
    visit = encounter.admit_date
    days_old = (visit - patient.date_of_birth).days
    who = person_words(patient.sex, age_on(patient.date_of_birth, visit), days_old)
    meds = [m.name for m in record.medications if m.start_date <= encounter.admit_date]
    if condition is None:
        assessment = "well visit, no acute complaints; age-appropriate screening reviewed"
        plan = "routine follow-up in one year"
    else:
        assessment = _assessment(rng, record, encounter, condition, note_type).format(side=side)
        ongoing = not condition.acute or note_type == "Discharge summary"
        plan, meds = _plan(record, encounter.admit_date, meds, ongoing=ongoing)
        plan += "; return precautions reviewed"
    opening = {
        "Discharge summary": f"{who} admitted {encounter.admit_date:%m/%d/%Y} for "
        f"{encounter.reason.lower()}; discharged {encounter.discharge_date:%m/%d/%Y} "
        f"to {encounter.disposition}.",
        "History and physical": f"{who} admitted with {encounter.reason.lower()}.",
    }.get(note_type, f"{who} seen today for {encounter.reason.lower()}.")
    return "\n".join(
        (
            opening,
            f"Allergies: {allergy_statement(record)}.",
            f"Current medications: {', '.join(meds) if meds else 'none'}.",
            f"Assessment: {assessment}.",
            f"Plan: {plan}.",
        )
    )


def _assessment(
    rng: random.Random,
    record: PatientRecord,
    encounter: Encounter,
    condition: Condition,
    note_type: str,
) -> str:
    """A phrase for this kind of encounter that names only drugs the patient takes by then."""
    written = encounter.discharge_date if note_type == "Discharge summary" else encounter.admit_date
    taken = taken_by(record, written)
    fitting = [
        p.text
        for p in condition.phrases
        if p.encounter in (None, encounter.type) and named_drugs(p.text) <= taken
    ]
    return rng.choice(fitting) if fitting else condition.name


def _plan(
    record: PatientRecord, visit: date, meds: list[str], *, ongoing: bool
) -> tuple[str, list[str]]:
    """The plan's medication, and the current medications a note lists beside it.

    The drug ordered at this visit is continued when the patient already takes
    it: a chronic condition's follow-up renews its order (``ongoing``), and a
    discharge summary finds the drug begun on admission current. Otherwise the
    plan starts it, and it is not yet a current medication. A plan never starts
    a drug the note lists as current.
    """
    started = [m.name for m in record.medications if m.start_date == visit]
    if not started:
        return "supportive care", meds
    drug = started[0]
    before = [
        m.name
        for m in record.medications
        if m.start_date < visit or (m.start_date == visit and m.name != drug)
    ]
    if drug in before:
        return f"continue {drug}", before  # taken already under an earlier order: listed once
    if ongoing:
        return f"continue {drug}", meds
    return f"start {drug}", before
