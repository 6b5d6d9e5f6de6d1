"""Candidate groups for the master patient index, built from the population.

A group is one of three truths (CONTENT.md, "Master patient index"):

* a **duplicate**: one person registered two or three times, with the variation
  real registrations show (a nickname, a keying error, a transposed birth date,
  a married name, a move, a missing SSN);
* **look-alikes**: different people who share much (twins, a father and son
  with the same name, strangers with a common name and the same birth date);
* an **overlay**: another person's visit filed in a record, so that one record
  holds two people's information.

Every duplicate keeps at least :data:`DECIDABLE` identifiers the same on every
record, so the key is decidable; every overlay leaves a visit whose identifiers
conflict with its record; tests check both over many seeds.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from recsim.core import ids
from recsim.core.clock import add_years
from recsim.tasks.duplicates.content import identity
from recsim.tasks.duplicates.lookalikes import common_name, junior_senior, overlay, twins
from recsim.tasks.duplicates.people import (
    LOOKBACK_DAYS,
    Group,
    Person,
    Slot,
    Sources,
    agreements,
    conform,
    keying_error,
    make_entry,
    other_surname,
    person_of,
    registration_dates,
    sequential_dates,
    shared_by_all,
    stranger,
    transposed,
)

DECIDABLE = 3
"""Fewest identifiers (of the six merge fields) a duplicate's records always share exactly."""
IDENTIFIER_WORDS = {
    "first_name": "first name",
    "last_name": "last name",
    "date_of_birth": "date of birth",
    "ssn": "SSN",
    "address": "address",
    "phone": "telephone",
}
DUPLICATE_VARIATIONS = (
    "nickname",
    "typo",
    "transposed_dob",
    "married_name",
    "moved_address",
    "missing_ssn",
)
EXTRA_VARIATIONS = ("nickname", "typo", "transposed_dob", "moved_address", "missing_ssn")
"""Variations that may be added to a duplicate on top of its case."""


def build_group(case: str, rng: random.Random, sources: Sources, max_group: int) -> Group:
    """The candidate group for one case."""
    person = person_of(sources.base, rng)
    if case == "twins":
        return twins(person, rng, sources)
    if case == "junior_senior":
        return junior_senior(person, rng, sources)
    if case == "common_name":
        return common_name(person, rng, sources)
    if case == "overlay":
        return overlay(person, rng, sources)
    return _duplicate(case, person, rng, sources, max_group)


def _duplicate(
    case: str, person: Person, rng: random.Random, sources: Sources, max_group: int
) -> Group:
    conform(
        person,
        rng,
        sources.as_of,
        min_age=20 if case == "married_name" else 8,
        sex="F" if case == "married_name" else None,
    )
    if person.ssn is None:
        person.ssn = ids.make_ssn(rng)
    if case == "nickname" and person.first_name not in identity().nicknames[person.sex]:
        person.first_name = rng.choice(sorted(identity().nicknames[person.sex]))
    if (
        case == "transposed_dob"
        and transposed(
            person.date_of_birth, random.Random(0), before=add_years(person.date_of_birth, 1)
        )
        is None
    ):
        born = person.date_of_birth
        person.date_of_birth = born.replace(
            day=rng.choice([d for d in range(1, 13) if d != born.month])
        )
    size = 3 if case != "married_name" and max_group >= 3 and rng.random() < 0.35 else 2
    extras = [v for v in EXTRA_VARIATIONS if v != case]
    plan = [case]
    if size == 3:
        plan.append(rng.choice([case, *extras]))
    elif rng.random() < 0.4:
        plan.append(rng.choice(extras))
    for attempt in range(len(plan), 0, -1):
        group = _assemble_duplicate(plan[:attempt], size, person, rng, sources)
        if group is not None:
            return group
    raise AssertionError(f"no decidable duplicate for {case}")  # the case alone is always decidable


def _assemble_duplicate(
    plan: list[str], size: int, person: Person, rng: random.Random, sources: Sources
) -> Group | None:
    """Entries for one person; ``plan`` lists the variations (one per non-reference record)."""
    as_of = sources.as_of
    earliest = max(as_of - timedelta(days=LOOKBACK_DAYS), add_years(person.date_of_birth, 1))
    if "married_name" in plan:
        dates = sequential_dates(rng, size, earliest, as_of)
        reference = size - 1
    else:
        dates = registration_dates(rng, size, earliest, as_of)
        reference = rng.randrange(size)
    current = max(range(size), key=lambda n: dates[n][1])
    slots = [
        Slot(replace(person), registered, updated, photo=(n == reference))
        for n, (registered, updated) in enumerate(dates)
    ]
    others = [n for n in range(size) if n != reference]
    facts: dict[str, str] = {}
    deciding: list[str] = []
    variations = [v for v in plan if v != "moved_address"]
    targets = others if len(variations) <= len(others) else others * 2
    for variation, n in zip(variations, targets, strict=False):
        if not _vary(
            variation,
            slots[n],
            slots[reference],
            rng,
            facts,
            deciding,
            before=min(s.registered_on for s in slots),
        ):
            return None
    if "moved_address" in plan:
        old = stranger(rng, sources, person, same_sex=False)
        for n, slot in enumerate(slots):
            if n != current:
                slot.person.address, slot.person.phone = old.address, old.phone
        deciding.append(
            f"Address and telephone differ: the patient moved; the record updated on "
            f"{slots[current].updated_on} has the current ones."
        )
    entries = [make_entry(slot, sources.mrn(n), rng) for n, slot in enumerate(slots)]
    shared = shared_by_all(entries)
    if len(shared) < DECIDABLE:
        return None
    agree = _words(shared)
    facts["agree"] = agree
    deciding.insert(0, f"The same on every record: {agree}.")
    ordered = sorted(entries, key=lambda e: e.registered_on)
    return Group(
        ordered,
        plan[0],
        list(dict.fromkeys(plan)),
        facts,
        deciding,
        reference=entries[reference].mrn,
        current=entries[current].mrn,
    )


def _vary(
    variation: str,
    slot: Slot,
    reference: Slot,
    rng: random.Random,
    facts: dict[str, str],
    deciding: list[str],
    *,
    before: date,
) -> bool:
    """Apply one identity variation to a non-reference record; False when it cannot apply."""
    person, right = slot.person, reference.person
    if variation == "nickname":
        nicknames = identity().nicknames[person.sex].get(right.first_name)
        if not nicknames or person.first_name != right.first_name:
            return False
        person.first_name = rng.choice(nicknames)
        facts.update(nickname=person.first_name, legal=right.first_name)
        deciding.append(
            f"First names {right.first_name} and {person.first_name}: "
            f"{person.first_name} is a nickname for {right.first_name}."
        )
    elif variation == "typo":
        name = rng.choice(("first_name", "last_name"))
        if getattr(person, name) != getattr(right, name):
            return False
        wrong = keying_error(rng, getattr(right, name))
        setattr(person, name, wrong)
        facts.update(field=IDENTIFIER_WORDS[name], wrong=wrong, right=getattr(right, name))
        deciding.append(
            f"{IDENTIFIER_WORDS[name].capitalize()} {wrong} against {getattr(right, name)}: "
            "one keystroke apart, on a registration never checked against a photo ID."
        )
    elif variation == "transposed_dob":
        wrong_dob = transposed(right.date_of_birth, rng, before=before)
        if wrong_dob is None or person.date_of_birth != right.date_of_birth:
            return False
        person.date_of_birth = wrong_dob
        facts.update(wrong=wrong_dob.isoformat(), right=right.date_of_birth.isoformat())
        deciding.append(
            f"Dates of birth {wrong_dob} and {right.date_of_birth}: the same digits, transposed."
        )
    elif variation == "married_name":
        maiden = other_surname(rng, right.last_name)
        person.last_name = maiden
        slot.photo = True
        facts.update(old=maiden, new=right.last_name)
        deciding.append(
            f"Last name {maiden} on the older record, {right.last_name} on the newer one, "
            "both checked against a photo ID: a name change."
        )
    elif variation == "missing_ssn":
        if person.ssn is None:
            return False
        person.ssn = None
        deciding.append("One record has no SSN: a blank neither proves nor rules out a match.")
    else:
        raise AssertionError(variation)
    slot.photo = slot.photo and variation == "married_name"
    return True


def _words(fields: list[str]) -> str:
    words = [IDENTIFIER_WORDS[f] for f in fields]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


__all__ = [
    "DECIDABLE",
    "DUPLICATE_VARIATIONS",
    "Group",
    "Sources",
    "agreements",
    "build_group",
    "keying_error",
    "shared_by_all",
    "transposed",
]
