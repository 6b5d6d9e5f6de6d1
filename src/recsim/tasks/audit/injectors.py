"""Injectors: each plants one kind of error in a chart and says where and why.

An injector mutates the chart it is given and returns a :class:`Planted` entry,
or returns None when the chart has nothing it can work on (no note to clone,
no drug allergy to conflict with). Every injector leaves the evidence that
reveals the error somewhere else in the chart; tests/tasks/audit checks that
for every kind over many seeds. The lapses of documentation and billing (an
unsigned note, coverage not in force) live in lapses.py. Injectors only append
to lists, never insert or reorder, so locations planted earlier stay valid;
allergy_missing, the one that removes, works on the allergy list, which only
allergy_conflict's evidence points into, and the two never share a chart.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from faker import Faker

from recsim.core import ids
from recsim.core.clock import age_on
from recsim.core.generate import generate_patient
from recsim.core.generate.library import library
from recsim.core.generate.review import is_allergy
from recsim.core.records import CodedEntry, Medication, PatientRecord
from recsim.core.seeds import derive_seed

STATE_REGION = {
    "0": ("CT", "MA", "ME", "NH", "NJ", "RI", "VT"),
    "1": ("DE", "NY", "PA"),
    "2": ("DC", "MD", "NC", "SC", "VA", "WV"),
    "3": ("AL", "FL", "GA", "MS", "TN"),
    "4": ("IN", "KY", "MI", "OH"),
    "5": ("IA", "MN", "MT", "ND", "SD", "WI"),
    "6": ("IL", "KS", "MO", "NE"),
    "7": ("AR", "LA", "OK", "TX"),
    "8": ("AZ", "CO", "ID", "NM", "NV", "UT", "WY"),
    "9": ("AK", "CA", "HI", "OR", "WA"),
}
"""First ZIP digit -> the states it serves (USPS national areas)."""
DEADLINE_DAYS = 30
"""Days after discharge by which a hospital record must be complete (42 CFR 482.24(c)(4)(viii));
only notes older than this are left unsigned, so the lapse is plain in any setting."""


@dataclass(frozen=True)
class Planted:
    """One planted error: the answer-key entry before the catalog adds its wording."""

    kind: str
    location: str
    """Record path (or path prefix, for a whole entry) where the error is flagged."""
    correct: str | None
    """The corrected value, or None when the fix is to remove or query, not to retype."""
    facts: dict[str, Any] = field(default_factory=dict)
    """Values for the catalog's explanation."""
    also: tuple[str, ...] = ()
    """Other locations where flagging the same error counts."""
    evidence: tuple[str, ...] = ()
    """Where the evidence lies, which no later injector may disturb."""
    rule: str | None = None
    """The rule when the catalog's does not fit this instance (an outpatient note, say)."""

    def places(self) -> tuple[str, ...]:
        """Every path this error occupies or depends on."""
        return (self.location, *self.also, *self.evidence)


@dataclass(frozen=True)
class Setting:
    """What injectors may use besides the chart."""

    as_of: date
    seed: int
    index: int
    faker: Faker
    place: str = "hospital"
    """The scenario's setting: a misfiled document comes from a chart of the same place."""

    @property
    def hospital(self) -> bool:
        """The chart is a hospital's, so the hospital Conditions of Participation (42 CFR 482)
        apply."""
        return self.place == "hospital"


Injector = Callable[[PatientRecord, random.Random, Setting], Planted | None]
INJECTORS: dict[str, Injector] = {}


def injector(kind: str) -> Callable[[Injector], Injector]:
    def register(function: Injector) -> Injector:
        INJECTORS[kind] = function
        return function

    return register


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word + word[-1]
    position = rng.randrange(1, len(word) - 1)
    choice = rng.randrange(3)
    if choice == 0 and word[position] != word[position + 1]:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if choice == 1:
        return word[:position] + word[position + 1 :]
    return word[:position] + word[position] + word[position:]


@injector("name_mismatch")
def name_mismatch(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    patient = record.patient
    field_name = rng.choice(("first_name", "last_name"))
    correct = getattr(patient, field_name)
    wrong = _typo(rng, correct)
    if wrong == correct or not record.notes:
        return None
    setattr(patient, field_name, wrong)
    return Planted(
        "name_mismatch",
        f"patient.{field_name}",
        correct,
        {"wrong": wrong, "correct": correct, "evidence": "note headers"},
        also=tuple(f"notes[{n}].patient_name" for n in range(len(record.notes))),
    )


@injector("dob_transposed")
def dob_transposed(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    birth = record.patient.date_of_birth
    if birth.day > 12 or birth.day == birth.month or not record.notes:
        return None
    swapped = birth.replace(month=birth.day, day=birth.month)
    first_visit = min((e.admit_date for e in record.encounters), default=setting.as_of)
    if swapped >= first_visit:
        return None
    record.patient.date_of_birth = swapped
    return Planted(
        "dob_transposed",
        "patient.date_of_birth",
        birth.isoformat(),
        {"wrong": swapped.isoformat(), "correct": birth.isoformat()},
        evidence=_every(record, "notes", "date_of_birth"),
    )


_SEX_SPECIFIC = {"F": "N40.0", "M": "N95.1"}  # a code the *other* sex cannot have


@injector("sex_conflict")
def sex_conflict(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    sex = record.patient.sex
    code = _SEX_SPECIFIC[sex]
    adults = [
        n
        for n, e in enumerate(record.encounters)
        if age_on(record.patient.date_of_birth, e.admit_date) >= 18
    ]
    if not adults:
        return None
    number = rng.choice(adults)
    description = library().descriptions[code]
    diagnoses = record.encounters[number].diagnoses
    diagnoses.append(CodedEntry.model_construct(code=code, description=description))
    return Planted(
        "sex_conflict",
        f"encounters[{number}].diagnoses[{len(diagnoses) - 1}]",
        None,
        {
            "code": code,
            "description": description,
            "sex": "female" if sex == "F" else "male",
            "other_sex": "male" if sex == "F" else "female",
        },
        also=("patient.sex",),
    )


@injector("invalid_npi")
def invalid_npi(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    if not record.encounters:
        return None
    number = rng.randrange(len(record.encounters))
    encounter = record.encounters[number]
    correct = encounter.attending.npi
    encounter.attending = encounter.attending.model_copy(
        update={"npi": ids.corrupt_check_digit(correct)}
    )
    return Planted(
        "invalid_npi",
        f"encounters[{number}].attending.npi",
        correct,
        {"wrong": encounter.attending.npi, "correct": correct},
    )


@injector("member_id_mismatch")
def member_id_mismatch(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    if not record.encounters:
        return None
    number = rng.randrange(len(record.encounters))
    correct = record.coverage.member_id
    digits = list(correct)
    position = rng.randrange(3, len(digits) - 1)
    digits[position], digits[position + 1] = digits[position + 1], digits[position]
    wrong = "".join(digits)
    if wrong == correct:
        wrong = correct[:-1] + str((int(correct[-1]) + 1) % 10)
    record.encounters[number].member_id = wrong
    return Planted(
        "member_id_mismatch",
        f"encounters[{number}].member_id",
        correct,
        {"wrong": wrong, "correct": correct},
        also=("coverage.member_id",),
    )


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


@injector("wrong_patient_document")
def wrong_patient_document(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    other = generate_patient(
        derive_seed("misfiled", setting.seed),
        setting.index,
        as_of=setting.as_of,
        setting=setting.place,
    )
    if not other.notes or other.patient.last_name == record.patient.last_name:
        return None
    note = rng.choice(other.notes)
    record.notes.append(note)
    return Planted(
        "wrong_patient_document",
        f"notes[{len(record.notes) - 1}]",
        None,
        {
            "note_type": note.type,
            "date": note.written_on.isoformat(),
            "other_name": note.patient_name,
            "other_mrn": note.mrn,
        },
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


@injector("zip_state_mismatch")
def zip_state_mismatch(
    record: PatientRecord, rng: random.Random, setting: Setting
) -> Planted | None:
    address = record.patient.address
    home = address.zip[0]
    region = rng.choice([digit for digit in STATE_REGION if digit != home])
    wrong = setting.faker.zipcode_in_state(rng.choice(STATE_REGION[region]))
    correct = address.zip
    address.zip = wrong
    return Planted(
        "zip_state_mismatch",
        "patient.address.zip",
        correct,
        {"wrong": wrong, "correct": correct, "state": address.state, "prefix": wrong[0]},
        also=("patient.address.state",),
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


_AGE_CODES = {"adult_only": "Z00.00", "pediatric_only": "Z00.129"}


@injector("age_conflict")
def age_conflict(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    if not record.encounters:
        return None
    number = rng.randrange(len(record.encounters))
    encounter = record.encounters[number]
    age = age_on(record.patient.date_of_birth, encounter.admit_date)
    if age >= 18:
        code, group = _AGE_CODES["pediatric_only"], "pediatric (0-17)"
    elif age < 15:
        code, group = _AGE_CODES["adult_only"], "adult (15-124)"
    else:
        return None
    if any(d.code == code for d in encounter.diagnoses):
        return None
    description = library().descriptions[code]
    encounter.diagnoses.append(CodedEntry.model_construct(code=code, description=description))
    return Planted(
        "age_conflict",
        f"encounters[{number}].diagnoses[{len(encounter.diagnoses) - 1}]",
        None,
        {"code": code, "description": description, "group": group, "age": age},
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


@injector("invalid_mrn")
def invalid_mrn(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    correct = record.patient.mrn
    if not any(note.mrn == correct for note in record.notes):
        return None
    record.patient.mrn = ids.corrupt_check_digit(correct)
    return Planted(
        "invalid_mrn",
        "patient.mrn",
        correct,
        {"wrong": record.patient.mrn, "correct": correct},
        evidence=_every(record, "notes", "mrn"),
    )


def _every(record: PatientRecord, section: str, name: str) -> tuple[str, ...]:
    return tuple(f"{section}[{n}].{name}" for n in range(len(getattr(record, section))))
