"""Checks that a chart is right by the rules recsim teaches: recsim's own reviewer.

Generation must never present a wrong chart as correct, so these checks read a
chart the way an auditor would (never how it was made) and name every rule it
breaks. A clean generated chart gives no finding; the audit kind uses the same
checks where an error it plants is one of these (allergy conflicts). Claim edits
(code validity, age and sex conflicts, Excludes1) live in ``recsim.coding``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from recsim.core.clock import age_on
from recsim.core.generate.library import Drug, generic_names, library
from recsim.core.generate.visits import wellness_code
from recsim.core.records import Allergy, Encounter, PatientRecord, display

HYPERTENSION_RULE = (
    "ICD-10-CM Official Guidelines FY2026 I.C.9.a.1-3: hypertension with heart failure is "
    "coded I11.-, with chronic kidney disease I12.-, with both I13.- (the link is presumed)"
)
PREGNANCY_RULE = (
    "ICD-10-CM Official Guidelines FY2026 I.C.15.a.1 and I.C.15.b.1: Z34.- is for a routine "
    "prenatal visit with no complication; other conditions in pregnancy take chapter 15 codes"
)
ELDERLY_PREGNANCY_RULE = (
    "ICD-10-CM Official Guidelines FY2026 I.C.15.b.2 and the O09.5- inclusion term: a "
    "pregnancy at 35 or over on the expected delivery date is supervised as high risk (O09.5-)"
)
DOSE_RULE = "FDA labelling: the form and strength must suit the patient's age (conditions.yaml)"
VITALS_RULE = "AHA PALS (2020) normal vital signs by age (conditions.yaml)"
ALLERGY_RULE = "A drug of a class the patient is allergic to is an allergy conflict"
DATE_RULE = "Dates follow each other: birth, visit or admission, discharge, today"
COVERAGE_RULE = "Every billed encounter falls within the coverage on file"
MENTION_RULE = "A note names only drugs on the medication list"
WELLNESS_RULE = (
    "ICD-10-CM Tabular List Z00.0- (adult), Z00.11- (newborn, by days of life) and Z00.12- "
    "(child over 28 days old)"
)
WELLNESS = {"Z00.00", "Z00.110", "Z00.111", "Z00.129"}
"""The routine checks without abnormal findings, the ones a generated well visit carries."""
ATTENDING_RULE = "The attending's specialty fits the patient's age and the problem treated"
CHILD_CARE = {"Pediatrics", "Family Medicine", "Emergency Medicine", "Obstetrics and Gynecology"}
"""Specialties that care for patients under 18 (obstetrics for a pregnant adolescent)."""
HOUSEHOLD_RULE = "Unrelated patients do not share a telephone number or a home address"
PREGNANCY_DAYS = 280
"""Days from the start of a pregnancy to the expected delivery date (40 weeks)."""
SECOND_TRIMESTER = (14 * 7, 28 * 7)
"""Days of gestation of the second trimester (chapter 15 note: 14 weeks 0 days to 28 weeks)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule: where in the chart, which rule, and what is wrong."""

    path: str
    rule: str
    message: str


Check = Callable[[PatientRecord, date], list[Finding]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function

    return register


def review(record: PatientRecord, as_of: date) -> list[Finding]:
    """Every rule the chart breaks (none for a correct chart)."""
    return [finding for run in CHECKS.values() for finding in run(record, as_of)]


def _age(record: PatientRecord, on: date) -> int:
    return age_on(record.patient.date_of_birth, on)


@check("hypertension_combination")
def hypertension_combinations(record: PatientRecord, as_of: date) -> list[Finding]:
    """I10 beside heart failure or chronic kidney disease on one encounter."""
    found = []
    for e, encounter in enumerate(record.encounters):
        codes = [d.code for d in encounter.diagnoses]
        linked = [c for c in codes if c.startswith(("I50", "N18"))]
        if "I10" in codes and linked:
            found.append(
                Finding(
                    f"encounters[{e}].diagnoses[{codes.index('I10')}]",
                    HYPERTENSION_RULE,
                    f"I10 is coded with {', '.join(linked)}: use the combination code",
                )
            )
    return found


def pregnancy_span(visit: date) -> tuple[date, date]:
    """The earliest start and latest delivery date of a pregnancy seen in its second trimester."""
    earliest, latest = SECOND_TRIMESTER
    return visit - timedelta(days=latest), visit + timedelta(days=PREGNANCY_DAYS - earliest)


@check("pregnancy_supervision")
def pregnancy_supervision(record: PatientRecord, as_of: date) -> list[Finding]:
    """Z34 with another condition in the pregnancy, or at an age that makes it high risk."""
    found = []
    for e, encounter in enumerate(record.encounters):
        codes = [d.code for d in encounter.diagnoses]
        if not any(c.startswith("Z34") for c in codes):
            continue
        start, delivery = pregnancy_span(encounter.admit_date)
        if _age(record, delivery) >= 35:
            found.append(
                Finding(
                    f"encounters[{e}].diagnoses",
                    ELDERLY_PREGNANCY_RULE,
                    "Z34 for a patient who may be 35 or over at delivery",
                )
            )
        for other_number, other in enumerate(record.encounters):
            if not start <= other.admit_date <= delivery:
                continue
            others = [d.code for d in other.diagnoses if not d.code.startswith(("Z34", "O"))]
            if others:
                found.append(
                    Finding(
                        f"encounters[{other_number}].diagnoses",
                        PREGNANCY_RULE,
                        f"{', '.join(others)} coded during a pregnancy supervised as normal",
                    )
                )
    return found


@cache
def _forms() -> dict[tuple[str, str], tuple[Drug, ...]]:
    """The library's orders by (name, dose): one tablet can be ordered at several doses."""
    forms: dict[tuple[str, str], tuple[Drug, ...]] = defaultdict(tuple)
    for drug in library().drugs():
        forms[drug.name, drug.dose] += (drug,)
    return dict(forms)


@check("dose_for_age")
def doses_for_age(record: PatientRecord, as_of: date) -> list[Finding]:
    """Adult tablets for a child, or a child's liquid for an adult."""
    forms = _forms()
    found = []
    for m, medication in enumerate(record.medications):
        age = _age(record, medication.start_date)
        if not any(d.fits(age) for d in forms.get((medication.name, medication.dose), ())):
            found.append(
                Finding(
                    f"medications[{m}]",
                    DOSE_RULE,
                    f"{medication.name} ({medication.dose}) is not a form for age {age}",
                )
            )
    return found


@check("vitals_for_age")
def vitals_for_age(record: PatientRecord, as_of: date) -> list[Finding]:
    """A vital sign printed with another age's normal range, or typical of another age."""
    signs = {v.name: v for v in library().vital_signs}
    found = []
    for n, observation in enumerate(record.observations):
        sign = signs.get(observation.name)
        if observation.category != "vital" or sign is None:
            continue
        age = _age(record, observation.taken_on)
        want = sign.at(age)
        slack = 0.5 / 10**want.decimals  # values are reported rounded
        low, high = want.typical[0] - slack, want.typical[1] + slack
        if (observation.low, observation.high) != (want.low, want.high) or not (
            low <= observation.value <= high
        ):
            found.append(
                Finding(
                    f"observations[{n}]",
                    VITALS_RULE,
                    f"{observation.name} {display(observation.value)} (range "
                    f"{display(observation.low)}-{display(observation.high)}) is not a normal "
                    f"reading at age {age}",
                )
            )
    return found


def is_allergy(allergy: Allergy) -> bool:
    """A true drug allergy, not an intolerance (nausea with codeine is a side effect)."""
    return allergy.drug_class is not None and allergy.reaction not in library().intolerances


@check("allergy_conflict")
def allergy_conflicts(record: PatientRecord, as_of: date) -> list[Finding]:
    """A medication of a class the patient is allergic to (intolerances do not count)."""
    classes = {a.drug_class: a for a in record.allergies if is_allergy(a)}
    return [
        Finding(
            f"medications[{m}]",
            ALLERGY_RULE,
            f"{medication.name} is a {medication.drug_class} drug and the patient is allergic "
            f"to {classes[medication.drug_class].substance}",
        )
        for m, medication in enumerate(record.medications)
        if medication.drug_class in classes
    ]


@check("date_order")
def date_order(record: PatientRecord, as_of: date) -> list[Finding]:
    """Dates out of order: before birth, after today, discharge before admission."""
    birth = record.patient.date_of_birth
    found = [
        Finding(path, DATE_RULE, f"{day} is not between birth ({birth}) and today ({as_of})")
        for path, day in _dates(record)
        if not birth <= day <= as_of
    ]
    for e, encounter in enumerate(record.encounters):
        same_day = encounter.type != "inpatient"
        if encounter.discharge_date < encounter.admit_date or (
            same_day and encounter.discharge_date != encounter.admit_date
        ):
            found.append(
                Finding(f"encounters[{e}].discharge_date", DATE_RULE, "discharge date out of order")
            )
    for n, note in enumerate(record.notes):
        if note.signed_on is not None and note.signed_on < note.written_on:
            found.append(Finding(f"notes[{n}].signed_on", DATE_RULE, "signed before written"))
    return found


def _dates(record: PatientRecord) -> Iterator[tuple[str, date]]:
    for e, encounter in enumerate(record.encounters):
        yield f"encounters[{e}].admit_date", encounter.admit_date
        yield f"encounters[{e}].discharge_date", encounter.discharge_date
    for m, medication in enumerate(record.medications):
        yield f"medications[{m}].start_date", medication.start_date
    for n, observation in enumerate(record.observations):
        yield f"observations[{n}].taken_on", observation.taken_on
    for n, note in enumerate(record.notes):
        yield f"notes[{n}].written_on", note.written_on
        if note.signed_on is not None:
            yield f"notes[{n}].signed_on", note.signed_on


@check("overlapping_encounters")
def overlapping_encounters(record: PatientRecord, as_of: date) -> list[Finding]:
    """Two encounters sharing a day: a clinic visit during a stay, two visits on one day."""
    return [
        Finding(
            f"encounters[{later}].admit_date",
            DATE_RULE,
            f"encounter {later + 1} shares a day with encounter {earlier + 1}",
        )
        for later, b in enumerate(record.encounters)
        for earlier, a in enumerate(record.encounters[:later])
        if a.admit_date <= b.discharge_date and b.admit_date <= a.discharge_date
    ]


@check("wellness_for_age")
def wellness_for_age(record: PatientRecord, as_of: date) -> list[Finding]:
    """A routine health check coded for another age (newborn, child or adult)."""
    found = []
    for e, encounter in enumerate(record.encounters):
        for d, entry in enumerate(encounter.diagnoses):
            if entry.code in WELLNESS and entry.code != wellness_code(
                record.patient.date_of_birth, encounter.admit_date
            ):
                found.append(
                    Finding(
                        f"encounters[{e}].diagnoses[{d}]",
                        WELLNESS_RULE,
                        f"{entry.code} does not fit the patient's age at the visit",
                    )
                )
    return found


@check("attending_fits")
def attending_fits(record: PatientRecord, as_of: date) -> list[Finding]:
    """An attending of the wrong specialty: for a child, an adult, or a problem not the heart's."""
    found = []
    for e, encounter in enumerate(record.encounters):
        specialty = encounter.attending.specialty
        child = _age(record, encounter.admit_date) < 18
        principal = encounter.diagnoses[0].code if encounter.diagnoses else ""
        if (
            (child and specialty not in CHILD_CARE)
            or (not child and specialty == "Pediatrics")
            or (specialty == "Cardiology" and not principal.startswith("I"))
        ):
            found.append(
                Finding(
                    f"encounters[{e}].attending",
                    ATTENDING_RULE,
                    f"a {specialty} attending for this patient and problem",
                )
            )
    return found


@check("coverage_dates")
def coverage_dates(record: PatientRecord, as_of: date) -> list[Finding]:
    """An encounter outside the coverage on file (before it began or after it ended)."""
    coverage = record.coverage
    end = coverage.effective_to or date.max
    return [
        Finding(
            f"encounters[{e}].admit_date",
            COVERAGE_RULE,
            f"the visit of {encounter.admit_date} is outside coverage from "
            f"{coverage.effective_from}",
        )
        for e, encounter in enumerate(record.encounters)
        if not coverage.effective_from <= encounter.admit_date <= end
    ]


def named_drugs(text: str) -> set[str]:
    """The library drugs a text names, by generic name ("metoprolol")."""
    return set(_generics() & set(re.findall(r"[a-z]+", text.lower())))


def taken_by(record: PatientRecord, on: date) -> set[str]:
    """The generic names of the drugs a patient has been ordered by a day."""
    return {
        name for m in record.medications if m.start_date <= on for name in generic_names(m.name)
    }


@cache
def _generics() -> frozenset[str]:
    return frozenset(name for d in library().drugs() for name in d.generics)


@check("drug_mentions")
def drug_mentions(record: PatientRecord, as_of: date) -> list[Finding]:
    """An assessment naming a drug that the medication list does not hold by then."""
    found = []
    for n, note in enumerate(record.notes):
        assessment = next(
            (line for line in note.text.splitlines() if line.startswith("Assessment:")), ""
        )
        missing = named_drugs(assessment) - taken_by(record, note.written_on)
        if missing:
            found.append(
                Finding(
                    f"notes[{n}].text",
                    MENTION_RULE,
                    f"the note names {', '.join(sorted(missing))}, not on the medication list",
                )
            )
    return found


def shared_households(records: Iterable[PatientRecord]) -> list[Finding]:
    """Patients of one population with different surnames sharing a phone or an address."""
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for number, record in enumerate(records):
        patient = record.patient
        address = patient.address
        by_key[f"phone {patient.phone}"].append((number, patient.last_name))
        by_key[f"address {address.street}, {address.city}"].append((number, patient.last_name))
    return [
        Finding(
            f"patients[{numbers[0][0]}]",
            HOUSEHOLD_RULE,
            f"{len(numbers)} patients with different surnames share the {key}",
        )
        for key, numbers in by_key.items()
        if len({name for _, name in numbers}) > 1
    ]


def encounter_codes(encounter: Encounter) -> list[str]:
    """An encounter's diagnosis codes in claim order (principal or first-listed first)."""
    return [d.code for d in encounter.diagnoses]
