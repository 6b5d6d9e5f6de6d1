"""Injectors: each plants one kind of error in a chart and says where and why.

An injector mutates the chart it is given and returns a :class:`Planted` entry,
or returns None when the chart has nothing it can work on (no note to clone,
no drug allergy to conflict with). Every injector leaves the evidence that
reveals the error somewhere else in the chart; tests/tasks/audit checks that
for every kind over many seeds. This module holds the registry and the errors
of identity (a name, a birth date, a number, a misfiled note); the errors in the
clinical content live in clinical.py, and the lapses of documentation and
billing (an unsigned note, coverage not in force) in lapses.py. Injectors only
append to lists, never insert or reorder, so locations planted earlier stay
valid; allergy_missing, the one that removes, works on the allergy list, which
only allergy_conflict's evidence points into, and the two never share a chart.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from faker import Faker

from recsim.core import ids
from recsim.core.clock import age_on
from recsim.core.generate import generate_patient
from recsim.core.generate.library import library
from recsim.core.records import CodedEntry, PatientRecord
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


@injector("invalid_mrn")
def invalid_mrn(record: PatientRecord, rng: random.Random, setting: Setting) -> Planted | None:
    correct = record.patient.mrn
    # the patient's own documents are the evidence; a misfiled one carries another MRN
    own = tuple(f"notes[{n}].mrn" for n, note in enumerate(record.notes) if note.mrn == correct)
    if not own:
        return None
    record.patient.mrn = ids.corrupt_check_digit(correct)
    return Planted(
        "invalid_mrn",
        "patient.mrn",
        correct,
        {"wrong": record.patient.mrn, "correct": correct},
        evidence=own,
    )


def _every(record: PatientRecord, section: str, name: str) -> tuple[str, ...]:
    return tuple(f"{section}[{n}].{name}" for n in range(len(getattr(record, section))))
