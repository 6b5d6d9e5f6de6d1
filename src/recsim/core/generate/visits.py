"""A patient's visits: each condition's encounter, the drug ordered and the readings taken.

Visits never overlap (a patient is not seen in clinic during a hospital stay, and
two visits on one day would print the same vital signs twice), each falls when
the patient had the condition's age, and a drug and the vital-sign ranges suit
the patient's age on the day.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from recsim.core.clock import add_years, age_on
from recsim.core.generate.codes import combine_hypertension, condition_code
from recsim.core.generate.library import Condition, Drug, Measure, library
from recsim.core.records import (
    CodedEntry,
    Encounter,
    EncounterType,
    Medication,
    Observation,
    Provider,
)

WELLNESS_CODES = {"adult": "Z00.00", "child": "Z00.129"}
NEWBORN_CHECKS = ((8, "Z00.110"), (29, "Z00.111"))
"""A newborn's health check by days of life: under 8, then 8 to 28 (Z00.12- is for over 28)."""
_LONGEST_STAY = 7
"""Days of the longest generated hospital stay."""
_REDRAWS = 20
"""Times a visit that would overlap another is drawn again before it is kept."""


@dataclass(frozen=True, slots=True)
class Visits:
    """What a patient's visits are made from."""

    conditions: list[tuple[Condition, str]]
    roster: tuple[Provider, ...]
    birth: date
    earliest: date
    as_of: date
    setting: str
    allergic: set[str]


def add_visits(
    rng: random.Random, plan: Visits, encounter_id: Callable[[int], str]
) -> tuple[list[Encounter], list[Medication], list[Observation]]:
    """One encounter per condition (a wellness visit without any), oldest first."""
    encounters: list[Encounter] = []
    medications: list[Medication] = []
    observations: list[Observation] = []
    visits: Sequence[tuple[Condition, str] | None] = plan.conditions or [None]
    for number, (condition, side) in enumerate(v if v else (None, "") for v in visits):
        encounter = _free_encounter(rng, plan, condition, side, encounters)
        encounter.id = encounter_id(number)
        encounters.append(encounter)
        age = age_on(plan.birth, encounter.admit_date)
        drug = _safe_drug(rng, condition, plan.allergic, age) if condition else None
        if drug is not None:
            medications.append(
                Medication.model_construct(
                    name=drug.name,
                    drug_class=drug.drug_class,
                    dose=drug.dose,
                    route=drug.route,
                    prescriber=encounter.attending,
                    start_date=encounter.admit_date,
                )
            )
        labs = condition.labs if condition else ()
        vitals = library().vitals_at(age)
        observations.extend(_observations(rng, vitals, labs, encounter.admit_date))
    encounters.sort(key=lambda e: e.admit_date)
    medications.sort(key=lambda m: m.start_date)
    observations.sort(key=lambda o: o.taken_on)
    return encounters, medications, observations


def _free_encounter(
    rng: random.Random,
    plan: Visits,
    condition: Condition | None,
    side: str,
    taken: list[Encounter],
) -> Encounter:
    """An encounter on days no earlier one occupies (drawn again while it overlaps one)."""
    kind: EncounterType = (
        "outpatient" if condition is None or plan.setting == "clinic" else condition.encounter
    )
    # the patient had the condition's age on the day of the visit (or days short of it,
    # when that birthday is too recent for a week's stay to end before today)
    opens = add_years(plan.birth, condition.ages[0]) if condition else plan.earliest
    opens = max(plan.earliest, min(opens, plan.as_of - timedelta(days=_LONGEST_STAY + 1)))
    args = (rng, condition, side, plan.conditions, plan.roster, kind, opens)
    encounter = _encounter(*args, plan.as_of, plan.birth)
    for _ in range(_REDRAWS):
        if not any(overlaps(encounter, other) for other in taken):
            break
        encounter = _encounter(*args, plan.as_of, plan.birth)
    return encounter


def overlaps(a: Encounter, b: Encounter) -> bool:
    """Whether two encounters share a day."""
    return a.admit_date <= b.discharge_date and b.admit_date <= a.discharge_date


def _encounter(
    rng: random.Random,
    condition: Condition | None,
    side: str,
    conditions: list[tuple[Condition, str]],
    roster: tuple[Provider, ...],
    kind: EncounterType,
    earliest: date,
    as_of: date,
    birth: date,
) -> Encounter:
    stay = rng.randint(1, _LONGEST_STAY) if kind == "inpatient" else 0
    span = max(0, (as_of - earliest).days - stay - 1)
    admit = earliest + timedelta(days=rng.randint(0, span))
    age = age_on(birth, admit)
    if condition is None:
        code = wellness_code(birth, admit)
        diagnoses = [
            CodedEntry.model_construct(code=code, description=library().descriptions[code])
        ]
        reason = "Annual wellness visit"
    else:
        others = [condition_code(c, s) for c, s in conditions if c is not condition and not c.acute]
        diagnoses = combine_hypertension([condition_code(condition, side), *others])
        reason = condition.reason
    return Encounter.model_construct(
        id="",
        type=kind,
        admit_date=admit,
        discharge_date=admit + timedelta(days=stay),
        attending=_attending(rng, roster, kind, age, condition),
        reason=reason,
        diagnoses=diagnoses,
        procedures=[],
        disposition="home"
        if kind != "inpatient"
        else rng.choice(("home", "home with home health")),
        member_id="",
    )


def wellness_code(birth: date, visit: date) -> str:
    """The routine health check's code for the patient's age on the day of the visit."""
    days = (visit - birth).days
    for before, code in NEWBORN_CHECKS:
        if days < before:
            return code
    return WELLNESS_CODES["adult" if age_on(birth, visit) >= 18 else "child"]


def _attending(
    rng: random.Random,
    roster: tuple[Provider, ...],
    kind: str,
    age: int,
    condition: Condition | None,
) -> Provider:
    """A clinician whose specialty fits the patient's age and the problem (see review.py)."""
    cardiac = condition is not None and any(c.startswith("I") for c in condition.codes.values())
    wanted: tuple[str, ...]
    if kind == "emergency":
        wanted = ("Emergency Medicine",)
    elif condition is not None and condition.id == "pregnancy":
        wanted = ("Obstetrics and Gynecology",)
    elif kind == "inpatient" and age < 18:
        wanted = ("Pediatrics",)
    elif kind == "inpatient":
        wanted = ("Hospital Medicine", "Cardiology") if cardiac else ("Hospital Medicine",)
    elif age < 18:
        wanted = ("Pediatrics", "Family Medicine")
    else:
        wanted = ("Family Medicine", "Internal Medicine")
    return rng.choice([p for p in roster if p.specialty in wanted])


def _safe_drug(
    rng: random.Random, condition: Condition, allergic: set[str], age: int
) -> Drug | None:
    """A drug for the condition in a form for the patient's age, of no class on the allergy list.

    Intolerances (codeine nausea) are avoided too: a prescriber would, though they
    are not allergies.
    """
    safe = [d for d in condition.medications if d.drug_class not in allergic and d.fits(age)]
    return rng.choice(safe) if safe else None


def _observations(
    rng: random.Random, vitals: tuple[Measure, ...], labs: tuple[Measure, ...], on: date
) -> list[Observation]:
    groups: tuple[tuple[Literal["vital", "lab"], tuple[Measure, ...]], ...] = (
        ("vital", vitals),
        ("lab", labs),
    )
    return [
        Observation.model_construct(
            name=m.name,
            category=category,
            value=round(rng.uniform(*m.typical), m.decimals),
            unit=m.unit,
            low=m.low,
            high=m.high,
            taken_on=on,
        )
        for category, measures in groups
        for m in measures
    ]
