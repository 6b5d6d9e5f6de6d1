"""Injectors for errors in the clinical content: dates, allergies, sides, copies, values.

They register with the catalog's other injectors (injectors.py, which holds the
errors of identity: who the patient is and what the chart says about them); the
audit task imports this module so that every kind is planted.
"""

from __future__ import annotations

import random
from datetime import timedelta

from recsim.core.clock import age_on
from recsim.core.generate.library import library
from recsim.core.generate.review import is_allergy
from recsim.core.records import CodedEntry, Medication, PatientRecord
from recsim.tasks.audit.injectors import Planted, Setting, injector


@injector("discharge_before_admission")
def discharge_before_admission(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    stays = [n for n, e in enumerate(record.encounters) if e.type == "inpatient"]
    if not stays:
        return None
    number = rng.choice(stays)
    encounter = record.encounters[number]
    correct = encounter.discharge_date
    encounter.discharge_date = encounter.admit_date - timedelta(days=rng.randint(1, 5))
    return Planted(
        "discharge_before_admission",
        f"encounters[{number}].discharge_date",
        correct.isoformat(),
        {
            "wrong": encounter.discharge_date.isoformat(),
            "correct": correct.isoformat(),
            "admit": encounter.admit_date.isoformat(),
        },
        also=(f"encounters[{number}].admit_date",),
    )


@injector("allergy_conflict")
def allergy_conflict(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    if not record.encounters:
        return None
    encounter = record.encounters[-1]
    age = age_on(record.patient.date_of_birth, encounter.admit_date)
    # a form for the patient's age, so that the conflict is the only thing wrong
    drugs = {d.drug_class: d for d in library().drugs() if d.fits(age)}
    # an intolerance (codeine nausea) does not forbid the class: no conflict to plant
    candidates = [a for a in record.allergies if is_allergy(a) and a.drug_class in drugs]
    if not candidates:
        return None
    allergy = rng.choice(candidates)
    drug = drugs[allergy.drug_class]  # type: ignore[index]
    record.medications.append(
        Medication.model_construct(
            name=drug.name,
            drug_class=drug.drug_class,
            dose=drug.dose,
            route=drug.route,
            prescriber=encounter.attending,
            start_date=encounter.admit_date,
        )
    )
    return Planted(
        "allergy_conflict",
        f"medications[{len(record.medications) - 1}]",
        None,
        {
            "medication": drug.name,
            "drug_class": drug.drug_class,
            "allergy": allergy.substance,
            "reaction": allergy.reaction,
        },
        # the listed allergy is the evidence: allergy_missing must not remove it
        evidence=(f"allergies[{record.allergies.index(allergy)}]",),
    )


@injector("allergy_missing")
def allergy_missing(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    mentioned = [
        a for a in record.allergies if any(f"{a.substance} (" in note.text for note in record.notes)
    ]
    if not mentioned:
        return None
    allergy = rng.choice(mentioned)
    evidence = next(n for n in record.notes if f"{allergy.substance} (" in n.text)
    record.allergies.remove(allergy)
    return Planted(
        "allergy_missing",
        "allergies",
        allergy.substance,
        {
            "correct": allergy.substance,
            "evidence": f"{evidence.type.lower()} of {evidence.written_on}",
        },
        evidence=(f"notes[{record.notes.index(evidence)}].text",),
    )


@injector("laterality_mismatch")
def laterality_mismatch(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    sided = {
        code: (condition, side, other)
        for condition in library().conditions
        if condition.lateral
        for side, other in (("right", "left"), ("left", "right"))
        for code in (condition.codes[side],)
    }
    places = [
        (n, d)
        for n, e in enumerate(record.encounters)
        for d, entry in enumerate(e.diagnoses)
        if entry.code in sided
        # the note states this condition's side, not just the word (a pneumonia's
        # "right lower lobe" says nothing about a knee)
        and any(
            p.text.format(side=sided[entry.code][1]) in note.text
            for p in sided[entry.code][0].phrases
            for note in record.notes
            if note.written_on == e.admit_date
        )
    ]
    if not places:
        return None
    number, position = rng.choice(places)
    entry = record.encounters[number].diagnoses[position]
    condition, side, other = sided[entry.code]
    wrong = condition.codes[other]
    record.encounters[number].diagnoses[position] = CodedEntry.model_construct(
        code=wrong, description=library().descriptions[wrong]
    )
    return Planted(
        "laterality_mismatch",
        f"encounters[{number}].diagnoses[{position}]",
        entry.code,
        {"side": side, "wrong": wrong, "correct": entry.code},
        evidence=tuple(
            f"notes[{n}].text"
            for n, note in enumerate(record.notes)
            if note.written_on == record.encounters[number].admit_date
        ),
    )


@injector("duplicate_entry")
def duplicate_entry(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    labs = [n for n, o in enumerate(record.observations) if o.category == "lab"]
    if (labs and rng.random() < 0.5) or not record.medications:
        if not labs:
            return None
        number = rng.choice(labs)
        entry = record.observations[number]
        record.observations.append(entry.model_copy())
        where, copy = "observations", len(record.observations) - 1
        label, on = entry.name, entry.taken_on
    else:
        number = rng.randrange(len(record.medications))
        medication = record.medications[number]
        record.medications.append(medication.model_copy())
        where, copy = "medications", len(record.medications) - 1
        label, on = medication.name, medication.start_date
    return Planted(
        "duplicate_entry",
        f"{where}[{copy}]",
        None,
        {"entry": label, "date": on.isoformat()},
        also=(f"{where}[{number}]",),
    )


_DECIMAL_SLIPS = {"Temperature": 10, "Heart rate": 10, "Oxygen saturation": 10}


@injector("implausible_value")
def implausible_value(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    vitals = [n for n, o in enumerate(record.observations) if o.name in _DECIMAL_SLIPS]
    if not vitals:
        return None
    number = rng.choice(vitals)
    observation = record.observations[number]
    correct = observation.value
    observation.value = round(correct * _DECIMAL_SLIPS[observation.name], 1)
    return Planted(
        "implausible_value",
        f"observations[{number}].value",
        f"{correct:g}",
        {
            "name": observation.name,
            "wrong": f"{observation.value:g}",
            "correct": f"{correct:g}",
            "unit": observation.unit,
            "low": f"{observation.low:g}",
            "high": f"{observation.high:g}",
        },
    )


@injector("date_out_of_range")
def date_out_of_range(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    if not record.observations:
        return None
    number = rng.randrange(len(record.observations))
    observation = record.observations[number]
    correct = observation.taken_on
    birth = record.patient.date_of_birth
    if rng.random() < 0.5 or birth.year < 1901:
        observation.taken_on = setting.as_of + timedelta(days=rng.randint(20, 400))
        relation = "after the simulated today"
    else:
        observation.taken_on = birth - timedelta(days=rng.randint(30, 3000))
        relation = "before the patient was born"
    return Planted(
        "date_out_of_range",
        f"observations[{number}].taken_on",
        correct.isoformat(),
        {
            "name": observation.name,
            "wrong": observation.taken_on.isoformat(),
            "correct": correct.isoformat(),
            "relation": relation,
        },
        evidence=("patient.date_of_birth",),
    )


@injector("cloned_note")
def cloned_note(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    own = [n for n, note in enumerate(record.notes) if note.mrn == record.patient.mrn]
    pairs = [
        (a, b)
        for a in own
        for b in own
        if record.notes[a].written_on < record.notes[b].written_on
        and record.notes[a].text != record.notes[b].text
        and record.notes[a].text.splitlines()[0] != record.notes[b].text.splitlines()[0]
    ]
    if not pairs:
        return None
    earlier, later = rng.choice(pairs)
    record.notes[later].text = record.notes[earlier].text
    return Planted(
        "cloned_note",
        f"notes[{later}].text",
        None,
        {
            "note_type": record.notes[later].type,
            "date": record.notes[later].written_on.isoformat(),
            "earlier": record.notes[earlier].written_on.isoformat(),
        },
        also=(f"notes[{earlier}].text",),
    )
