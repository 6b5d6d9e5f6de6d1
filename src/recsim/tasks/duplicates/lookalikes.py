"""Look-alikes (different people who share much) and overlays (two people in one record)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from recsim.core import ids
from recsim.core.clock import add_years, age_on
from recsim.tasks.duplicates.content import identity
from recsim.tasks.duplicates.people import (
    LOOKBACK_DAYS,
    Group,
    Person,
    Slot,
    Sources,
    conform,
    different_ssn,
    make_entry,
    new_member_id,
    other_letter,
    registration_dates,
    stranger,
)


def twins(person: Person, rng: random.Random, sources: Sources) -> Group:
    conform(person, rng, sources.as_of, min_age=2)
    person.ssn = person.ssn or ids.make_ssn(rng)
    sex = rng.choice(("F", "M"))
    names = [
        n
        for n in identity().nicknames[sex]
        if not identity().same_first_name(sex, n, person.first_name)
        and n[0] != person.first_name[0]
    ]
    twin = replace(
        person,
        sex=sex,
        first_name=rng.choice(sorted(names)),
        middle_initial=other_letter(rng, person.middle_initial),
        member_id=new_member_id(rng, person.member_id),
    )
    serial = int(person.ssn[-4:])
    twin.ssn = (
        None
        if rng.random() < 0.4
        else f"{person.ssn[:-4]}{(serial + rng.randint(1, 3)) % 10000:04d}"
    )
    clause = ", and their SSNs differ" if twin.ssn else ""
    facts = {"first": person.first_name, "other": twin.first_name, "ssn_clause": clause}
    deciding = [
        f"First names {person.first_name} and {twin.first_name} are different names, "
        "not a nickname.",
        "Birth date, last name, address and telephone are the same: what twins share.",
    ]
    if twin.ssn:
        deciding.append(f"SSNs {person.ssn} and {twin.ssn} differ.")
    if twin.sex != person.sex:
        deciding.append("The sex differs.")
    return _look_alike("twins", [person, twin], rng, sources, facts, deciding)


def junior_senior(person: Person, rng: random.Random, sources: Sources) -> Group:
    conform(person, rng, sources.as_of, min_age=3, sex="M")
    person.ssn = person.ssn or ids.make_ssn(rng)
    age = age_on(person.date_of_birth, sources.as_of)
    if age >= 45:
        gap = rng.randint(20, min(40, age - 2))
        father, son = person, replace(person, date_of_birth=add_years(person.date_of_birth, gap))
    else:
        gap = rng.randint(20, 40)
        son, father = person, replace(person, date_of_birth=add_years(person.date_of_birth, -gap))
    father.suffix, son.suffix = "Sr", "Jr"
    if rng.random() < 0.5:  # a suffix is often left off at registration
        rng.choice((father, son)).suffix = None
    other = son if father is person else father
    other.ssn = different_ssn(rng, person.ssn)
    other.member_id = new_member_id(rng, person.member_id)
    facts = {"years": str(gap), "ssn_clause": ", and their SSNs differ"}
    deciding = [
        f"Dates of birth {father.date_of_birth} and {son.date_of_birth} are {gap} years apart.",
        f"SSNs {father.ssn} and {son.ssn} differ.",
        "Same name and address: a father and son living together.",
    ]
    return _look_alike("junior_senior", [father, son], rng, sources, facts, deciding)


def common_name(person: Person, rng: random.Random, sources: Sources) -> Group:
    conform(person, rng, sources.as_of, min_age=18)
    person.first_name, person.last_name = rng.choice(identity().common_names[person.sex])
    person.ssn = person.ssn or ids.make_ssn(rng)
    other = stranger(rng, sources, person)
    other.first_name, other.last_name = person.first_name, person.last_name
    other.sex, other.date_of_birth = person.sex, person.date_of_birth
    other.middle_initial = other_letter(rng, person.middle_initial)
    other.ssn = different_ssn(rng, person.ssn)
    name = f"{person.first_name} {person.last_name}"
    facts = {
        "name": name,
        "dob": person.date_of_birth.isoformat(),
        "differ": "the SSN, middle initial, address and telephone",
    }
    deciding = [
        f"SSNs {person.ssn} and {other.ssn} differ.",
        f"Middle initials {person.middle_initial} and {other.middle_initial} differ.",
        "Addresses and telephones differ.",
        f"Only the name {name}, the sex and the birth date are shared: not enough for a match.",
    ]
    return _look_alike("common_name", [person, other], rng, sources, facts, deciding)


def _look_alike(
    case: str,
    people: list[Person],
    rng: random.Random,
    sources: Sources,
    facts: dict[str, str],
    deciding: list[str],
) -> Group:
    as_of = sources.as_of
    slots = []
    for person in people:
        earliest = max(as_of - timedelta(days=LOOKBACK_DAYS), add_years(person.date_of_birth, 1))
        registered, updated = registration_dates(rng, 1, earliest, as_of)[0]
        slots.append(Slot(person, registered, updated, photo=rng.random() < 0.6))
    entries = [make_entry(slot, sources.mrn(n), rng) for n, slot in enumerate(slots)]
    return Group(sorted(entries, key=lambda e: e.registered_on), case, [case], facts, deciding)


# ---------------------------------------------------------------- overlays


def overlay(person: Person, rng: random.Random, sources: Sources) -> Group:
    """Record B belongs to Y; X's latest visit was registered into it (the overlay)."""
    as_of = sources.as_of
    conform(person, rng, as_of, min_age=8)
    person.ssn = person.ssn or ids.make_ssn(rng)
    owner = stranger(rng, sources, person)  # Y, who owns record B
    conform(owner, rng, as_of, min_age=8)
    owner.first_name, owner.last_name, owner.sex = person.first_name, person.last_name, person.sex
    owner.middle_initial = other_letter(rng, person.middle_initial)
    owner.ssn = different_ssn(rng, person.ssn)
    if owner.date_of_birth == person.date_of_birth:
        owner.date_of_birth -= timedelta(days=rng.randint(400, 4000))
    earliest = max(
        as_of - timedelta(days=LOOKBACK_DAYS),
        add_years(max(person.date_of_birth, owner.date_of_birth), 1),
    )
    (a_registered, a_updated), (b_registered, b_updated) = registration_dates(
        rng, 2, earliest, as_of - timedelta(days=2)
    )
    if b_registered == b_updated:
        b_updated = b_registered + timedelta(days=1)
    visit_on = b_updated
    a_slot = Slot(person, a_registered, a_updated, photo=rng.random() < 0.6)
    # the registrar took X's address and phone into Y's record at the misfiled visit
    b_person = replace(owner, address=person.address, phone=person.phone)
    b_slot = Slot(b_person, b_registered, visit_on, photo=False, visits_for=[owner, person])
    a_entry, b_entry = (
        make_entry(a_slot, sources.mrn(0), rng),
        make_entry(b_slot, sources.mrn(1), rng),
    )
    facts = {
        "overlaid": b_entry.mrn,
        "owner_dob": owner.date_of_birth.isoformat(),
        "visit": visit_on.isoformat(),
        "visitor_dob": person.date_of_birth.isoformat(),
        "member": person.member_id,
        "other": a_entry.mrn,
    }
    deciding = [
        (
            f"Record {b_entry.mrn}'s visit of {visit_on} was registered with date of birth "
            f"{person.date_of_birth} and member ID {person.member_id}, "
            f"which belong to record {a_entry.mrn}."
        ),
        (
            f"Record {b_entry.mrn}'s own date of birth is {owner.date_of_birth} and its SSN "
            f"{owner.ssn} differs from {person.ssn}: two people share this name."
        ),
        f"Record {b_entry.mrn}'s address and telephone were changed at that visit "
        f"to {a_entry.mrn}'s.",
    ]
    group = Group(
        sorted([a_entry, b_entry], key=lambda e: e.registered_on),
        "overlay",
        ["overlay"],
        facts,
        deciding,
        overlaid=b_entry.mrn,
    )
    return group
