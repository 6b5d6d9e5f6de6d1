"""The synthetic cast a de-identification document is written about.

:func:`make_cast` draws a patient, a relative, a household member, an employer,
their dates, places and numbers, and a condition, and returns every value a
template may place. Identifying values carry their Safe Harbor type and action
for the answer key. The draws happen in a fixed order, so the same random
generator gives the same cast.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from recsim.core import ids
from recsim.core.clock import add_years, age_on
from recsim.core.generate.fake import seeded_faker
from recsim.core.generate.population import PAYERS
from recsim.privacy import deid_values as values
from recsim.privacy.deid import Action, restricted_zip3
from recsim.privacy.deid_templates import Condition, templates

_SHORT_DATES = ("{m:02d}/{d:02d}/{y}", "{y}-{m:02d}-{d:02d}", "{d} {mon} {y}")


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Value:
    """A value a template may place; ``type`` set means it identifies someone."""

    text: str
    type: str | None = None
    action: Action = "remove"
    whose: str = ""
    note: str = ""


def _short(day: date, style: str) -> str:
    return style.format(m=day.month, d=day.day, y=day.year, mon=_MONTHS[day.month - 1][:3])


def _long(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


@dataclass(frozen=True, slots=True)
class _People:
    """Who the document is about and who else it names."""

    female: bool
    first: str
    last: str
    age: int
    birth: date
    relation: str
    relative: str
    household_relation: str
    household: str
    employer: str

    @property
    def who_relative(self) -> str:
        return f"the patient's {self.relation}"

    @property
    def who_household(self) -> str:
        return f"a household member (the patient's {self.household_relation})"


@dataclass(frozen=True, slots=True)
class _Stay:
    """The dates of the illness and the one date style the document writes them in."""

    onset: date
    admit: date
    discharge: date
    collected: date
    style: str


def make_cast(
    rng: random.Random, *, as_of: date, elderly: bool, locale: str = "en_US"
) -> dict[str, Value]:
    """Every value a template may use, the identifying ones typed for the answer key."""
    data = templates()
    fake = seeded_faker(locale, rng.randrange(2**32), stream="deid")
    # the order of the draws below is the cast: changing it changes every document
    female = rng.random() < 0.5
    first = fake.first_name_female() if female else fake.first_name_male()
    last = fake.last_name()
    age = rng.randint(90, 101) if elderly else rng.randint(19, 64)
    birth = add_years(as_of, -age) - timedelta(days=rng.randint(40, 300))
    age = age_on(birth, as_of)
    condition = rng.choice(data.conditions)
    stay = _stay(rng, as_of)
    state, zip_code = _address(rng, fake)
    relation, relative = _relative(rng, fake, elderly=elderly, age=age, last=last)
    household_relation, household = _household(rng, fake, elderly=elderly, female=female, last=last)
    people = _People(
        female=female,
        first=first,
        last=last,
        age=age,
        birth=birth,
        relation=relation,
        relative=relative,
        household_relation=household_relation,
        household=household,
        employer=fake.company(),
    )
    payer = rng.choice(PAYERS)
    exposure = stay.onset - timedelta(days=rng.randint(0, 5))
    cast = {
        **_names_and_places(people, fake, zip_code, stay.style, elderly=elderly),
        **_numbers(people, rng, state, payer[1]),
        **_when(stay.onset, "onset", stay.style),
        **_when(stay.admit, "admit", stay.style),
        **_when(stay.discharge, "discharge", stay.style),
        **_when(stay.collected, "collected", stay.style),
        "exposure_date": _ident(
            _short(exposure, stay.style), "date", people.who_relative, "generalize"
        ),
        "exposure_date2": _ident(
            _short(exposure + timedelta(days=1), stay.style),
            "date",
            people.who_household,
            "generalize",
        ),
        "state": Value(state),
        "payer": Value(payer[0]),
        **_plain(people, rng, as_of),
    }
    cast.update(_condition(condition))
    return cast


def _stay(rng: random.Random, as_of: date) -> _Stay:
    discharge = as_of - timedelta(days=rng.randint(3, 40))
    admit = discharge - timedelta(days=rng.randint(2, 8))
    onset = admit - timedelta(days=rng.randint(1, 6))
    collected = admit + timedelta(days=rng.randint(0, 1))
    return _Stay(onset, admit, discharge, collected, style=rng.choice(_SHORT_DATES))


def _address(rng: random.Random, fake: Faker) -> tuple[str, str]:
    """A state and ZIP code; a quarter of them in a small three-digit ZIP area."""
    restricted = restricted_zip3()
    if rng.random() < 0.25:
        prefix = rng.choice(sorted(restricted))
        return restricted[prefix], f"{prefix}{rng.randrange(100):02d}"
    state = fake.state_abbr(include_territories=False, include_freely_associated_states=False)
    zip_code = fake.zipcode_in_state(state)
    while zip_code[:3] in restricted:
        zip_code = fake.zipcode_in_state(state)
    return state, zip_code


def _relative(
    rng: random.Random, fake: Faker, *, elderly: bool, age: int, last: str
) -> tuple[str, str]:
    """The relative's relation to the patient and full name."""
    if elderly:
        relations: tuple[str, ...] = ("daughter", "son", "granddaughter", "grandson")
    elif age < 40:
        relations = ("sister", "brother", "mother", "father")
    else:
        relations = ("sister", "brother", "daughter", "son")
    relation = rng.choice(relations)
    female = relation in ("daughter", "granddaughter", "sister", "mother")
    first = fake.first_name_female() if female else fake.first_name_male()
    relative_last = last if rng.random() < 0.6 else fake.last_name()
    return relation, f"{first} {relative_last}"


def _household(
    rng: random.Random, fake: Faker, *, elderly: bool, female: bool, last: str
) -> tuple[str, str]:
    """The household member's relation to the patient and full name."""
    relation = rng.choice(
        ("live-in caregiver", "grandson", "husband" if female else "wife")
        if elderly
        else ("husband" if female else "wife", "partner", "roommate")
    )
    kin = relation in ("husband", "wife", "grandson")
    first = (
        fake.first_name_male()
        if relation in ("husband", "grandson")
        else fake.first_name_female()
        if relation == "wife"
        else fake.first_name()
    )
    return relation, f"{first} {last if kin else fake.last_name()}"


def _ident(
    text: str, kind: str, whose: str = "the patient", action: Action = "remove", note: str = ""
) -> Value:
    return Value(text, kind, action, whose, note)


def _when(day: date, name: str, style: str) -> dict[str, Value]:
    return {
        name: _ident(_short(day, style), "date", action="generalize"),
        f"{name}_text": _ident(_long(day), "date", action="generalize"),
    }


def _names_and_places(
    people: _People, fake: Faker, zip_code: str, style: str, *, elderly: bool
) -> dict[str, Value]:
    """Names, the address, the birth date and the age."""
    small_area = zip_code[:3] in restricted_zip3()
    dob_note = (
        "a birth date of someone over 89: even the year shows the age, so all of it goes"
        if elderly
        else ""
    )
    age = str(people.age)
    return {
        "patient": _ident(f"{people.first} {people.last}", "name"),
        "patient_last": _ident(people.last, "name"),
        "relative": _ident(people.relative, "name", people.who_relative),
        "household": _ident(people.household, "name", people.who_household),
        "employer": _ident(people.employer, "name", "the patient's employer"),
        "street": _ident(fake.street_address(), "geographic"),
        "city": _ident(fake.city(), "geographic"),
        "county": _ident(f"{fake.last_name()} County", "geographic"),
        "zip": _ident(
            zip_code,
            "geographic",
            action="generalize",
            note="a small three-digit ZIP area: it becomes 000" if small_area else "",
        ),
        "dob": _ident(
            _short(people.birth, style),
            "date",
            action="remove" if elderly else "generalize",
            note=dob_note,
        ),
        "age": _ident(age, "age_over_89", action="generalize") if elderly else Value(age),
    }


def _numbers(people: _People, rng: random.Random, state: str, plan: str) -> dict[str, Value]:
    """Phone and fax numbers, e-mail, record numbers and the rarer identifiers."""
    first, last = people.first, people.last
    return {
        "phone": _ident(ids.make_phone(rng), "phone"),
        "relative_phone": _ident(ids.make_phone(rng), "phone", people.who_relative),
        "household_phone": _ident(ids.make_phone(rng), "phone", people.who_household),
        "relative_fax": _ident(ids.make_phone(rng), "fax", people.who_relative),
        "employer_fax": _ident(ids.make_phone(rng), "fax", "the patient's employer"),
        "email": _ident(ids.make_email(f"{first}.{last}", rng), "email"),
        "ssn": _ident(ids.make_ssn(rng), "ssn"),
        "mrn": _ident(ids.make_mrn(rng.randrange(10**7)), "mrn"),
        "member_id": _ident(ids.make_member_id(rng, plan), "health_plan_number"),
        "account": _ident(values.make_account_number(rng), "account_number"),
        "license": _ident(values.make_license_number(rng, state), "certificate_license"),
        "certificate": _ident(values.make_certificate_number(rng), "certificate_license"),
        "vin": _ident(values.make_vin(rng), "vehicle"),
        "device_serial": _ident(values.make_device_serial(rng), "device"),
        "url": _ident(values.make_url(rng, f"{first} {last}"), "url"),
        "ip": _ident(values.make_ip(rng), "ip_address"),
        "fingerprint": _ident(values.make_biometric_id(rng, "FP"), "biometric"),
        "voiceprint": _ident(values.make_biometric_id(rng, "VP"), "biometric"),
        "photo": _ident(f"full-face photograph (file {values.make_photo_file(rng)})", "photograph"),
        "badge": _ident(values.make_badge_number(rng), "other_unique"),
        "tattoo": _ident(
            rng.choice(templates().tattoos),
            "other_unique",
            note="a one-of-a-kind characteristic identifies as surely as a number",
        ),
    }


def _plain(people: _People, rng: random.Random, as_of: date) -> dict[str, Value]:
    """Values that identify no one: history, results, the occupation and the pronouns."""
    female = people.female
    return {
        "flu_year": Value(str(as_of.year - rng.randint(1, 6))),
        "wbc": Value(f"{rng.uniform(4.5, 16.0):.1f}"),
        "creatinine": Value(f"{rng.uniform(0.6, 1.6):.1f}"),
        "occupation": Value(rng.choice(templates().occupations)),
        "relation": Value(people.relation),
        "household_relation": Value(people.household_relation),
        "sex_label": Value("female" if female else "male"),
        "sex_noun": Value("woman" if female else "man"),
        "title": Value("Ms." if female else "Mr."),
        "she": Value("she" if female else "he"),
        "She": Value("She" if female else "He"),
        "her": Value("her" if female else "his"),
        "Her": Value("Her" if female else "His"),
    }


def _condition(condition: Condition) -> dict[str, Value]:
    """The condition's wording, for the clinical sentences."""
    cast = {"condition_text": Value(condition.in_text)}
    for field in (
        "name",
        "code",
        "symptoms",
        "test",
        "result",
        "reference",
        "treatment",
        "dose",
        "exposure",
    ):
        cast["condition" if field == "name" else field] = Value(str(getattr(condition, field)))
    treatment = condition.treatment
    cast["treatment_lower"] = Value(treatment[0].lower() + treatment[1:])
    return cast
