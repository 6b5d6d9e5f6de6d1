"""Seeded, random-access generation of complete synthetic patient records.

``generate_patient(seed, index)`` depends only on its arguments: item 99,999 is
made without making the ones before it, and the same arguments give the same
record in any process on any machine (no global random state, no clock, no
hash randomization).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from faker import Faker

from recsim.core import ids
from recsim.core.clock import DEFAULT_AS_OF, add_years, age_on
from recsim.core.generate.fake import seeded_faker
from recsim.core.generate.library import Condition, library
from recsim.core.generate.notes import write_notes
from recsim.core.generate.visits import WELLNESS_CODES as WELLNESS_CODES  # where claims look
from recsim.core.generate.visits import Visits, add_visits
from recsim.core.records import (
    Address,
    Allergy,
    Coverage,
    Patient,
    PatientRecord,
    Provider,
    Sex,
)
from recsim.core.seeds import derive_seed

PAYERS = (
    ("Evergreen Health Plan", "EVG", ("Evergreen PPO", "Evergreen HMO Select")),
    ("Summit Mutual Health", "SMH", ("Summit Choice", "Summit Gold")),
    ("Bayside Care Alliance", "BCA", ("Bayside Standard", "Bayside Plus")),
    ("Prairie Star Health", "PSH", ("Prairie Basic", "Prairie Family")),
)
"""Fictional payers: name, member-ID prefix, plans."""

SPECIALTIES = (
    ("Family Medicine", "MD"),
    ("Internal Medicine", "MD"),
    ("Internal Medicine", "DO"),
    ("Emergency Medicine", "MD"),
    ("Pediatrics", "MD"),
    ("Obstetrics and Gynecology", "MD"),
    ("Orthopaedic Surgery", "MD"),
    ("Cardiology", "MD"),
    ("Hospital Medicine", "MD"),
    ("Family Medicine", "NP"),
    ("Psychiatry", "MD"),
    ("Pulmonology", "DO"),
)
SEXES: tuple[Sex, ...] = ("F", "M")
_MRN_STRIDE = 3_964_951  # odd and not a multiple of 5: index -> MRN is one-to-one mod 10**7
_LOOKBACK_DAYS = 3 * 365
_AREA_CODES = tuple(
    code
    for code in range(200, 1000)
    if code // 100 >= 2 and code // 10 % 10 != 9 and code % 100 != 11
)
"""Area codes of the North American numbering plan's form (NXX, no N9X or N11 codes)."""
_PHONE_STRIDE = 3_964_951  # coprime with 712 area codes x 100 lines: one number per patient
SETTINGS = ("hospital", "clinic", "insurer", "public_health")
"""Where a scenario happens; a clinic's charts hold clinic visits only."""


@cache
def provider_roster(seed: int, locale: str = "en_US") -> tuple[Provider, ...]:
    """The facility's clinicians for a scenario seed: the same doctors recur across charts."""
    rng = random.Random(derive_seed("roster", seed))
    fake = seeded_faker(locale, derive_seed("roster-names", seed))
    return tuple(
        Provider.model_construct(
            name=f"{fake.first_name()} {fake.last_name()}, {credential}",
            specialty=specialty,
            npi=ids.make_npi(rng),
        )
        for specialty, credential in SPECIALTIES
    )


def mrn_for(seed: int, index: int) -> str:
    """The MRN of patient ``index`` in a population: distinct for every index below 10**7."""
    return ids.make_mrn(index * _MRN_STRIDE + seed)


_MRN_INVERSE = pow(_MRN_STRIDE, -1, 10**7)


def index_for(seed: int, mrn: str) -> int | None:
    """The population index whose MRN is ``mrn`` (the inverse of :func:`mrn_for`), or None
    when ``mrn`` is not one of recsim's MRNs."""
    if not ids.is_valid_mrn(mrn):
        return None
    number = int(mrn[2:9])
    return (number - seed) * _MRN_INVERSE % 10**7


@dataclass(frozen=True, slots=True)
class Population:
    """The patients of one scenario: a seed, the simulated today and an age range."""

    seed: int
    as_of: date = DEFAULT_AS_OF
    ages: tuple[int, int] = (0, 95)
    locale: str = "en_US"
    setting: str = "hospital"

    def patient(self, index: int) -> PatientRecord:
        """Patient number ``index`` (random access)."""
        return generate_patient(
            self.seed,
            index,
            as_of=self.as_of,
            ages=self.ages,
            locale=self.locale,
            setting=self.setting,
        )

    def registration(self, index: int) -> Patient:
        """Patient number ``index`` as registration knows them (name, birth, sex, address):
        the same as the chart's, without making the rest of the chart."""
        item_seed = derive_seed("patient", self.seed, index)
        rng = random.Random(item_seed)
        return _demographics(rng, item_seed, self.seed, index, self.as_of, self.ages, self.locale)

    def identity(self, index: int) -> tuple[Sex, date, str, str]:
        """Patient number ``index``'s sex, birth date, first and last name, as the chart has
        them (the chart's first draws, made alone: what a patient index lists)."""
        item_seed = derive_seed("patient", self.seed, index)
        fake = seeded_faker(self.locale, item_seed)
        return _identity(random.Random(item_seed), fake, self.as_of, self.ages)

    def date_of_birth(self, index: int) -> date:
        """Patient number ``index``'s date of birth, as the chart has it: the chart's first
        draws, without a name (a desk looking for a patient of some age reads only this)."""
        rng = random.Random(derive_seed("patient", self.seed, index))
        return _birth(rng, self.as_of, self.ages)[1]


def phone_for(seed: int, index: int) -> str:
    """Patient ``index``'s telephone: fictional (555-01xx) and distinct for 71,200 patients.

    Unrelated patients never share a number, as they would not share a household.
    """
    number = (index * _PHONE_STRIDE + seed) % (len(_AREA_CODES) * 100)
    return f"({_AREA_CODES[number // 100]}) 555-01{number % 100:02d}"


def generate_patient(
    seed: int,
    index: int,
    *,
    as_of: date = DEFAULT_AS_OF,
    ages: tuple[int, int] = (0, 95),
    locale: str = "en_US",
    setting: str = "hospital",
) -> PatientRecord:
    """A complete, clinically coherent chart for patient ``index`` of population ``seed``.

    In a ``clinic`` setting every visit is a clinic (outpatient) visit; elsewhere
    a condition brings the encounter it usually does (a stay, an emergency visit).
    """
    item_seed = derive_seed("patient", seed, index)
    rng = random.Random(item_seed)
    patient = _demographics(rng, item_seed, seed, index, as_of, ages, locale)
    birth, sex = patient.date_of_birth, patient.sex
    age = age_on(birth, as_of)
    roster = provider_roster(seed, locale)
    coverage = _coverage(rng, patient, age, as_of)
    conditions = _conditions(rng, sex, age)
    allergies = _allergies(rng)
    allergic_classes = {a.drug_class for a in allergies if a.drug_class}

    # never before birth, the lookback or the coverage billed for the visit
    earliest = max(
        birth + timedelta(days=1),
        as_of - timedelta(days=_LOOKBACK_DAYS),
        coverage.effective_from,
    )
    encounters, medications, observations = add_visits(
        rng,
        Visits(conditions, roster, birth, earliest, as_of, setting, allergic_classes),
        lambda number: f"V{derive_seed('encounter', seed, index, number) % 10**8:08d}",
    )
    for encounter in encounters:
        encounter.member_id = coverage.member_id
    encounters.sort(key=lambda e: e.admit_date)
    if encounters and encounters[0].admit_date < coverage.effective_from:
        # Every visit bills this card's member ID, so the card was in force at the first visit:
        # coverage starting after a billed visit would be an error in a chart meant clean.
        coverage.effective_from = encounters[0].admit_date
    medications.sort(key=lambda m: m.start_date)
    observations.sort(key=lambda o: o.taken_on)

    record = PatientRecord.model_construct(
        patient=patient,
        coverage=coverage,
        encounters=encounters,
        allergies=allergies,
        medications=medications,
        observations=observations,
        notes=[],
        amendments=[],
    )
    record.notes = write_notes(rng, record, conditions, as_of, seed=seed, index=index)
    return record


def _demographics(
    rng: random.Random,
    item_seed: int,
    seed: int,
    index: int,
    as_of: date,
    ages: tuple[int, int],
    locale: str,
) -> Patient:
    """Registration's part of the chart: name, birth, sex, address and contacts."""
    fake = seeded_faker(locale, item_seed)
    sex, birth, first, last = _identity(rng, fake, as_of, ages)
    state = fake.state_abbr(include_territories=False, include_freely_associated_states=False)
    return Patient.model_construct(
        mrn=mrn_for(seed, index),
        first_name=first,
        last_name=last,
        preferred_name=None,
        date_of_birth=birth,
        sex=sex,
        address=Address.model_construct(
            street=fake.street_address(),
            city=fake.city(),
            state=state,
            zip=fake.zipcode_in_state(state),
        ),
        phone=phone_for(seed, index),
        email=ids.make_email(f"{first}.{last}", rng),
        ssn=ids.make_ssn(rng) if rng.random() > 0.05 else None,
        language=rng.choices(("English", "Spanish", "Vietnamese", "Chinese"), (85, 10, 3, 2))[0],
    )


def _identity(
    rng: random.Random, fake: Faker, as_of: date, ages: tuple[int, int]
) -> tuple[Sex, date, str, str]:
    """Sex, birth date, first and last name: the first draws of a chart."""
    sex, birth = _birth(rng, as_of, ages)
    first = fake.first_name_female() if sex == "F" else fake.first_name_male()
    return sex, birth, first, fake.last_name()


def _birth(rng: random.Random, as_of: date, ages: tuple[int, int]) -> tuple[Sex, date]:
    """Sex and birth date: the very first draws of a chart (Faker draws none of them)."""
    sex = rng.choice(SEXES)
    age = rng.randint(*ages)
    return sex, add_years(as_of, -age) - timedelta(days=rng.randint(1, 364))


def _coverage(rng: random.Random, patient: Patient, age: int, as_of: date) -> Coverage:
    payer, prefix, plans = rng.choice(PAYERS)
    relationship: Literal["child", "spouse", "self"]
    if age < 19:
        relationship, subscriber = "child", f"{_parent_name(rng, patient)} {patient.last_name}"
    elif rng.random() < 0.2:
        relationship, subscriber = "spouse", f"{_parent_name(rng, patient)} {patient.last_name}"
    else:
        relationship, subscriber = "self", patient.full_name
    start = max(patient.date_of_birth, as_of - timedelta(days=rng.randint(200, 6 * 365)))
    return Coverage.model_construct(
        payer=payer,
        plan=rng.choice(plans),
        member_id=ids.make_member_id(rng, prefix),
        group_number=f"G{rng.randrange(10**6):06d}",
        subscriber=subscriber,
        relationship=relationship,
        effective_from=start,
        effective_to=None,
    )


_OTHER_FIRST_NAMES = ("Jordan", "Morgan", "Casey", "Alex", "Taylor", "Robin", "Jamie", "Avery")


def _parent_name(rng: random.Random, patient: Patient) -> str:
    return rng.choice([n for n in _OTHER_FIRST_NAMES if n != patient.first_name])


def _conditions(rng: random.Random, sex: str, age: int) -> list[tuple[Condition, str]]:
    candidates = [c for c in library().conditions if c.fits(sex, age)]
    wanted = min(len(candidates), rng.choices((0, 1, 2, 3), (15, 40, 30, 15))[0])
    chosen: list[tuple[Condition, str]] = []
    while len(chosen) < wanted:
        condition = rng.choices(candidates, [c.weight for c in candidates])[0]
        candidates.remove(condition)
        chosen.append((condition, rng.choice(("right", "left")) if condition.lateral else ""))
    # Z34 means a pregnancy without complication: any other condition would be
    # coded as complicating it (Guidelines I.C.15.a.1), so a pregnant patient has none
    pregnant = [c for c in chosen if c[0].id == "pregnancy"]
    return pregnant or chosen


def _allergies(rng: random.Random) -> list[Allergy]:
    kinds = library().allergies
    count = rng.choices((0, 1, 2), (60, 30, 10))[0]
    return [
        Allergy.model_construct(
            substance=kind.substance,
            drug_class=kind.drug_class,
            reaction=rng.choice(kind.reactions),
            severity="severe"
            if "anaphylaxis" in kind.reactions[:1]
            else rng.choice(("mild", "moderate")),
        )
        for kind in rng.sample(kinds, count)
    ]


def age_at(record: PatientRecord, on: date) -> int:
    """The patient's age in years on a date."""
    return age_on(record.patient.date_of_birth, on)
