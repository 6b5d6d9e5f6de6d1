"""The people behind index entries, and how registrations of them are written into the index.

Shared by the generators of duplicates (generator.py) and of look-alikes and
overlays (lookalikes.py): a person's identity, the registration dates and visits
of an entry, and the small edits real registrations make to a name or a date.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from recsim.core import ids
from recsim.core.clock import add_years, age_on
from recsim.core.records import Address, PatientRecord
from recsim.tasks.duplicates.content import identity
from recsim.tasks.duplicates.models import MERGE_FIELDS, IndexEntry, Visit

LOOKBACK_DAYS = 2500
"""Registrations fall within this many days before the simulated today."""


@dataclass
class Person:
    """One real person behind one or more index entries."""

    first_name: str
    middle_initial: str
    last_name: str
    date_of_birth: date
    sex: str
    ssn: str | None
    address: Address
    phone: str
    member_id: str
    reasons: tuple[str, ...]
    suffix: str | None = None


@dataclass
class Group:
    """A generated candidate group and what decides it."""

    entries: list[IndexEntry]
    """Oldest registration first."""
    case: str
    variations: list[str]
    facts: dict[str, str]
    """Values for the case's explanation."""
    deciding: list[str]
    reference: str | None = None
    """Duplicate: the MRN of the most recent photo-verified record."""
    current: str | None = None
    """Duplicate: the MRN of the most recently updated record."""
    overlaid: str | None = None
    """Overlay: the MRN of the record holding another person's visit."""


@dataclass(frozen=True)
class Sources:
    """Where a group's people and numbers come from (all fixed by the item's seed)."""

    base: PatientRecord
    """The population patient the group is about."""
    other: Callable[[int], PatientRecord]
    """Other population patients (the n-th candidate): look-alikes, overlays, old addresses."""
    mrn: Callable[[int], str]
    """A new MRN for entry ``n`` of the group."""
    as_of: date


@dataclass
class Slot:
    """One entry being assembled."""

    person: Person
    registered_on: date
    updated_on: date
    photo: bool
    visits_for: list[Person] = field(default_factory=list)
    """Whose visit each of the entry's visits is (normally the entry's own person)."""


def agreements(a: IndexEntry, b: IndexEntry) -> list[str]:
    """Merge fields on which two records agree exactly (an SSN only when both have one)."""
    same = []
    for name in MERGE_FIELDS:
        left, right = a.shown(name), b.shown(name)
        if left and right and left.casefold() == right.casefold():
            same.append(name)
    return same


def shared_by_all(entries: list[IndexEntry]) -> list[str]:
    """Merge fields every record of a group agrees on."""
    common = set(MERGE_FIELDS)
    for other in entries[1:]:
        common &= set(agreements(entries[0], other))
    return [name for name in MERGE_FIELDS if name in common]


def person_of(record: PatientRecord, rng: random.Random) -> Person:
    """The identity of a population patient, as a registration desk records it."""
    patient = record.patient
    return Person(
        first_name=patient.first_name,
        middle_initial=rng.choice("ABCDEFGHJKLMNPRSTW"),
        last_name=patient.last_name,
        date_of_birth=patient.date_of_birth,
        sex=patient.sex,
        ssn=patient.ssn,
        address=patient.address,
        phone=patient.phone,
        member_id=record.coverage.member_id,
        reasons=tuple(dict.fromkeys(e.reason for e in record.encounters))
        or ("Annual wellness visit",),
    )


def make_entry(slot: Slot, mrn: str, rng: random.Random) -> IndexEntry:
    person = slot.person
    check = rng.choice(identity().photo_ids if slot.photo else identity().other_checks)
    owners = slot.visits_for or [person]
    days = sorted(
        {slot.registered_on, slot.updated_on}
        | (
            {slot.registered_on + timedelta(days=(slot.updated_on - slot.registered_on).days // 2)}
            if len(owners) == 1 and rng.random() < 0.5
            else set()
        )
    )
    visits = []
    for number, on in enumerate(days):
        whose = owners[min(number, len(owners) - 1)] if number == len(days) - 1 else owners[0]
        department = rng.choice(identity().departments)[0]
        visits.append(
            Visit(
                on=on,
                department=department,
                reason=rng.choice(whose.reasons),
                stated_dob=whose.date_of_birth,
                member_id=whose.member_id,
            )
        )
    return IndexEntry(
        mrn=mrn,
        first_name=person.first_name,
        middle_initial=person.middle_initial,
        last_name=person.last_name,
        suffix=person.suffix,
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        ssn=person.ssn,
        address=person.address,
        phone=person.phone,
        registered_on=slot.registered_on,
        updated_on=slot.updated_on,
        verified_with=check,
        photo_verified=slot.photo,
        visits=visits,
    )


def registration_dates(
    rng: random.Random, count: int, earliest: date, latest: date
) -> list[tuple[date, date]]:
    """``count`` (registered, updated) pairs; no two registrations or updates on one day."""
    span = max(count * 4, (latest - earliest).days - 1)
    while True:
        pairs = []
        for _ in range(count):
            registered = min(
                earliest + timedelta(days=rng.randrange(span)), latest - timedelta(days=1)
            )
            room = max(1, (latest - registered).days)
            pairs.append((registered, registered + timedelta(days=rng.randrange(room))))
        if len({r for r, _ in pairs}) == count and len({u for _, u in pairs}) == count:
            return pairs


def sequential_dates(
    rng: random.Random, count: int, earliest: date, latest: date
) -> list[tuple[date, date]]:
    """Pairs in disjoint, consecutive windows: each record updated last before the next began."""
    width = max(4, ((latest - earliest).days - 1) // count)
    pairs = []
    for n in range(count):
        start = earliest + timedelta(days=n * width)
        registered = start + timedelta(days=rng.randrange(width // 2))
        updated = registered + timedelta(days=rng.randrange(1, max(2, width // 2)))
        pairs.append((registered, min(updated, latest - timedelta(days=1))))
    return pairs


def conform(
    person: Person, rng: random.Random, as_of: date, *, min_age: int, sex: str | None = None
) -> None:
    """Adjust a population patient to what a case needs (a sex, a least age), keeping the rest."""
    if sex is not None and person.sex != sex:
        person.sex = sex
        person.first_name = rng.choice(sorted(identity().nicknames[sex]))
        person.reasons = ("Annual wellness visit",)  # the old reasons may fit only the other sex
    age = age_on(person.date_of_birth, as_of)
    if age < min_age:
        person.date_of_birth = add_years(
            person.date_of_birth, -(min_age - age + rng.randint(0, 30))
        )


def stranger(
    rng: random.Random, sources: Sources, person: Person, *, same_sex: bool = True
) -> Person:
    """Another population patient's identity, for a stranger or an old address.

    Of the same sex, when asked.
    """
    candidates = (person_of(sources.other(n), rng) for n in range(8))
    other = next((c for c in candidates if c.sex == person.sex or not same_sex), None)
    if other is None:
        other = person_of(sources.other(0), rng)
        other.sex, other.reasons = person.sex, ("Annual wellness visit",)
    if other.address == person.address:
        other.address = person.address.model_copy(update={"street": "1" + person.address.street})
    if other.phone == person.phone:
        other.phone = ids.make_phone(rng)
    if other.member_id == person.member_id:
        other.member_id = new_member_id(rng, person.member_id)
    return other


def new_member_id(rng: random.Random, like: str) -> str:
    while True:
        made = ids.make_member_id(rng, like[:3])
        if made != like:
            return made


def different_ssn(rng: random.Random, ssn: str | None) -> str:
    """An SSN that differs from ``ssn`` in more places than a keying error would."""
    while True:
        made = ids.make_ssn(rng)
        if ssn is None or sum(a != b for a, b in zip(made, ssn, strict=False)) >= 4:
            return made


def other_letter(rng: random.Random, letter: str) -> str:
    return rng.choice([c for c in "ABCDEFGHJKLMNPRSTW" if c != letter])


def other_surname(rng: random.Random, surname: str) -> str:
    pool = [last for names in identity().common_names.values() for _, last in names]
    return rng.choice(sorted({p for p in pool if p != surname}))


def keying_error(rng: random.Random, word: str) -> str:
    """``word`` with one keystroke wrong: two letters swapped, one dropped or one doubled."""
    if len(word) < 3:
        return word + word[-1]
    options = []
    for position in range(1, len(word) - 1):
        if word[position] != word[position + 1]:
            options.append(
                word[:position] + word[position + 1] + word[position] + word[position + 2 :]
            )
        if word[position] not in (word[position - 1], word[position + 1]):
            options.append(word[:position] + word[position + 1 :])
        options.append(word[:position] + word[position] + word[position:])
    return rng.choice(sorted(set(options) - {word}))


def transposed(born: date, rng: random.Random, *, before: date) -> date | None:
    """A birth date with two parts or digits swapped, before ``before``; None if impossible."""
    options: set[date | None] = set()
    if born.day <= 12 and born.day != born.month:
        options.add(born.replace(month=born.day, day=born.month))
    year = f"{born.year:04d}"
    if year[2] != year[3]:
        options.add(_valid(int(year[:2] + year[3] + year[2]), born.month, born.day))
    day = f"{born.day:02d}"
    if day[0] != day[1] and day[1] != "0":
        options.add(_valid(born.year, born.month, int(day[1] + day[0])))
    usable = sorted(d for d in options if d is not None and d < before and d.year >= 1900)
    return rng.choice(usable) if usable else None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
