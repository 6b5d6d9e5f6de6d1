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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from recsim.core import ids
from recsim.core.clock import add_years, age_on
from recsim.core.records import Address, PatientRecord
from recsim.tasks.duplicates.content import identity
from recsim.tasks.duplicates.models import IDENTITY_FIELDS, MERGE_FIELDS, IndexEntry, Visit

DECIDABLE = 3
"""Fewest identifiers (of the six merge fields) a duplicate's records always share exactly."""
IDENTIFIER_WORDS = {
    "first_name": "first name", "last_name": "last name", "date_of_birth": "date of birth",
    "ssn": "SSN", "address": "address", "phone": "telephone",
}
DUPLICATE_VARIATIONS = ("nickname", "typo", "transposed_dob", "married_name", "moved_address", "missing_ssn")
EXTRA_VARIATIONS = ("nickname", "typo", "transposed_dob", "moved_address", "missing_ssn")
"""Variations that may be added to a duplicate on top of its case."""
_LOOKBACK_DAYS = 2500


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
    """Other population patients (the n-th candidate), for look-alikes, overlays and old addresses."""
    mrn: Callable[[int], str]
    """A new MRN for entry ``n`` of the group."""
    as_of: date


@dataclass
class _Slot:
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
        first_name=patient.first_name, middle_initial=rng.choice("ABCDEFGHJKLMNPRSTW"),
        last_name=patient.last_name, date_of_birth=patient.date_of_birth, sex=patient.sex,
        ssn=patient.ssn, address=patient.address, phone=patient.phone,
        member_id=record.coverage.member_id,
        reasons=tuple(dict.fromkeys(e.reason for e in record.encounters)) or ("Annual wellness visit",),
    )


def build_group(case: str, rng: random.Random, sources: Sources, max_group: int) -> Group:
    """The candidate group for one case."""
    person = person_of(sources.base, rng)
    if case == "twins":
        return _twins(person, rng, sources)
    if case == "junior_senior":
        return _junior_senior(person, rng, sources)
    if case == "common_name":
        return _common_name(person, rng, sources)
    if case == "overlay":
        return _overlay(person, rng, sources)
    return _duplicate(case, person, rng, sources, max_group)


# ---------------------------------------------------------------- duplicates


def _duplicate(case: str, person: Person, rng: random.Random, sources: Sources, max_group: int) -> Group:
    _conform(person, rng, sources.as_of, min_age=20 if case == "married_name" else 8,
             sex="F" if case == "married_name" else None)
    if person.ssn is None:
        person.ssn = ids.make_ssn(rng)
    if case == "nickname" and person.first_name not in identity().nicknames[person.sex]:
        person.first_name = rng.choice(sorted(identity().nicknames[person.sex]))
    if case == "transposed_dob" and transposed(
        person.date_of_birth, random.Random(0), before=add_years(person.date_of_birth, 1)
    ) is None:
        born = person.date_of_birth
        person.date_of_birth = born.replace(day=rng.choice([d for d in range(1, 13) if d != born.month]))
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
    earliest = max(as_of - timedelta(days=_LOOKBACK_DAYS), add_years(person.date_of_birth, 1))
    if "married_name" in plan:
        dates = _sequential_dates(rng, size, earliest, as_of)
        reference = size - 1
    else:
        dates = _dates(rng, size, earliest, as_of)
        reference = rng.randrange(size)
    current = max(range(size), key=lambda n: dates[n][1])
    slots = [
        _Slot(replace(person), registered, updated, photo=(n == reference))
        for n, (registered, updated) in enumerate(dates)
    ]
    others = [n for n in range(size) if n != reference]
    facts: dict[str, str] = {}
    deciding: list[str] = []
    variations = [v for v in plan if v != "moved_address"]
    targets = others if len(variations) <= len(others) else others * 2
    for variation, n in zip(variations, targets):
        if not _vary(variation, slots[n], slots[reference], rng, facts, deciding,
                     before=min(s.registered_on for s in slots)):
            return None
    if "moved_address" in plan:
        old = _stranger(rng, sources, person, same_sex=False)
        for n, slot in enumerate(slots):
            if n != current:
                slot.person.address, slot.person.phone = old.address, old.phone
        deciding.append(
            f"Address and telephone differ: the patient moved; the record updated on "
            f"{slots[current].updated_on} has the current ones.")
    entries = [_entry(slot, sources.mrn(n), rng) for n, slot in enumerate(slots)]
    shared = shared_by_all(entries)
    if len(shared) < DECIDABLE:
        return None
    agree = _words(shared)
    facts["agree"] = agree
    deciding.insert(0, f"The same on every record: {agree}.")
    ordered = sorted(entries, key=lambda e: e.registered_on)
    return Group(ordered, plan[0], list(dict.fromkeys(plan)), facts, deciding,
                 reference=entries[reference].mrn, current=entries[current].mrn)


def _vary(
    variation: str, slot: _Slot, reference: _Slot, rng: random.Random,
    facts: dict[str, str], deciding: list[str], *, before: date,
) -> bool:
    """Apply one identity variation to a non-reference record; False when it cannot apply."""
    person, right = slot.person, reference.person
    if variation == "nickname":
        nicknames = identity().nicknames[person.sex].get(right.first_name)
        if not nicknames or person.first_name != right.first_name:
            return False
        person.first_name = rng.choice(nicknames)
        facts.update(nickname=person.first_name, legal=right.first_name)
        deciding.append(f"First names {right.first_name} and {person.first_name}: "
                        f"{person.first_name} is a nickname for {right.first_name}.")
    elif variation == "typo":
        name = rng.choice(("first_name", "last_name"))
        if getattr(person, name) != getattr(right, name):
            return False
        wrong = keying_error(rng, getattr(right, name))
        setattr(person, name, wrong)
        facts.update(field=IDENTIFIER_WORDS[name], wrong=wrong, right=getattr(right, name))
        deciding.append(f"{IDENTIFIER_WORDS[name].capitalize()} {wrong} against {getattr(right, name)}: "
                        "one keystroke apart, on a registration never checked against a photo ID.")
    elif variation == "transposed_dob":
        wrong_dob = transposed(right.date_of_birth, rng, before=before)
        if wrong_dob is None or person.date_of_birth != right.date_of_birth:
            return False
        person.date_of_birth = wrong_dob
        facts.update(wrong=wrong_dob.isoformat(), right=right.date_of_birth.isoformat())
        deciding.append(f"Dates of birth {wrong_dob} and {right.date_of_birth}: the same digits, transposed.")
    elif variation == "married_name":
        maiden = _other_surname(rng, right.last_name)
        person.last_name = maiden
        slot.photo = True
        facts.update(old=maiden, new=right.last_name)
        deciding.append(f"Last name {maiden} on the older record, {right.last_name} on the newer one, "
                        "both checked against a photo ID: a name change.")
    elif variation == "missing_ssn":
        if person.ssn is None:
            return False
        person.ssn = None
        deciding.append("One record has no SSN: a blank neither proves nor rules out a match.")
    else:
        raise AssertionError(variation)
    slot.photo = slot.photo and variation == "married_name"
    return True


# ---------------------------------------------------------------- look-alikes


def _twins(person: Person, rng: random.Random, sources: Sources) -> Group:
    _conform(person, rng, sources.as_of, min_age=2)
    person.ssn = person.ssn or ids.make_ssn(rng)
    sex = rng.choice(("F", "M"))
    names = [n for n in identity().nicknames[sex]
             if not identity().same_first_name(sex, n, person.first_name) and n[0] != person.first_name[0]]
    twin = replace(person, sex=sex, first_name=rng.choice(sorted(names)),
                   middle_initial=_other_letter(rng, person.middle_initial),
                   member_id=_member_id(rng, person.member_id))
    serial = int(person.ssn[-4:])
    twin.ssn = None if rng.random() < 0.4 else f"{person.ssn[:-4]}{(serial + rng.randint(1, 3)) % 10000:04d}"
    clause = ", and their SSNs differ" if twin.ssn else ""
    facts = {"first": person.first_name, "other": twin.first_name, "ssn_clause": clause}
    deciding = [
        f"First names {person.first_name} and {twin.first_name} are different names, not a nickname.",
        "Birth date, last name, address and telephone are the same: what twins share.",
    ]
    if twin.ssn:
        deciding.append(f"SSNs {person.ssn} and {twin.ssn} differ.")
    if twin.sex != person.sex:
        deciding.append("The sex differs.")
    return _look_alike("twins", [person, twin], rng, sources, facts, deciding)


def _junior_senior(person: Person, rng: random.Random, sources: Sources) -> Group:
    _conform(person, rng, sources.as_of, min_age=3, sex="M")
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
    other.ssn = _different_ssn(rng, person.ssn)
    other.member_id = _member_id(rng, person.member_id)
    facts = {"years": str(gap), "ssn_clause": ", and their SSNs differ"}
    deciding = [
        f"Dates of birth {father.date_of_birth} and {son.date_of_birth} are {gap} years apart.",
        f"SSNs {father.ssn} and {son.ssn} differ.",
        "Same name and address: a father and son living together.",
    ]
    return _look_alike("junior_senior", [father, son], rng, sources, facts, deciding)


def _common_name(person: Person, rng: random.Random, sources: Sources) -> Group:
    _conform(person, rng, sources.as_of, min_age=18)
    person.first_name, person.last_name = rng.choice(identity().common_names[person.sex])
    person.ssn = person.ssn or ids.make_ssn(rng)
    stranger = _stranger(rng, sources, person)
    stranger.first_name, stranger.last_name = person.first_name, person.last_name
    stranger.sex, stranger.date_of_birth = person.sex, person.date_of_birth
    stranger.middle_initial = _other_letter(rng, person.middle_initial)
    stranger.ssn = _different_ssn(rng, person.ssn)
    name = f"{person.first_name} {person.last_name}"
    facts = {"name": name, "dob": person.date_of_birth.isoformat(),
             "differ": "the SSN, middle initial, address and telephone"}
    deciding = [
        f"SSNs {person.ssn} and {stranger.ssn} differ.",
        f"Middle initials {person.middle_initial} and {stranger.middle_initial} differ.",
        "Addresses and telephones differ.",
        f"Only the name {name}, the sex and the birth date are shared: not enough for a match.",
    ]
    return _look_alike("common_name", [person, stranger], rng, sources, facts, deciding)


def _look_alike(
    case: str, people: list[Person], rng: random.Random, sources: Sources,
    facts: dict[str, str], deciding: list[str],
) -> Group:
    as_of = sources.as_of
    slots = []
    for person in people:
        earliest = max(as_of - timedelta(days=_LOOKBACK_DAYS), add_years(person.date_of_birth, 1))
        registered, updated = _dates(rng, 1, earliest, as_of)[0]
        slots.append(_Slot(person, registered, updated, photo=rng.random() < 0.6))
    entries = [_entry(slot, sources.mrn(n), rng) for n, slot in enumerate(slots)]
    return Group(sorted(entries, key=lambda e: e.registered_on), case, [case], facts, deciding)


# ---------------------------------------------------------------- overlays


def _overlay(person: Person, rng: random.Random, sources: Sources) -> Group:
    """Record B belongs to Y; X's latest visit was registered into it (the overlay)."""
    as_of = sources.as_of
    _conform(person, rng, as_of, min_age=8)
    person.ssn = person.ssn or ids.make_ssn(rng)
    owner = _stranger(rng, sources, person)  # Y, who owns record B
    _conform(owner, rng, as_of, min_age=8)
    owner.first_name, owner.last_name, owner.sex = person.first_name, person.last_name, person.sex
    owner.middle_initial = _other_letter(rng, person.middle_initial)
    owner.ssn = _different_ssn(rng, person.ssn)
    if owner.date_of_birth == person.date_of_birth:
        owner.date_of_birth -= timedelta(days=rng.randint(400, 4000))
    earliest = max(as_of - timedelta(days=_LOOKBACK_DAYS),
                   add_years(max(person.date_of_birth, owner.date_of_birth), 1))
    (a_registered, a_updated), (b_registered, b_updated) = _dates(rng, 2, earliest, as_of - timedelta(days=2))
    if b_registered == b_updated:
        b_updated = b_registered + timedelta(days=1)
    visit_on = b_updated
    a_slot = _Slot(person, a_registered, a_updated, photo=rng.random() < 0.6)
    # the registrar took X's address and phone into Y's record at the misfiled visit
    b_person = replace(owner, address=person.address, phone=person.phone)
    b_slot = _Slot(b_person, b_registered, visit_on, photo=False, visits_for=[owner, person])
    a_entry, b_entry = _entry(a_slot, sources.mrn(0), rng), _entry(b_slot, sources.mrn(1), rng)
    facts = {"overlaid": b_entry.mrn, "owner_dob": owner.date_of_birth.isoformat(),
             "visit": visit_on.isoformat(), "visitor_dob": person.date_of_birth.isoformat(),
             "member": person.member_id, "other": a_entry.mrn}
    deciding = [
        f"Record {b_entry.mrn}'s visit of {visit_on} was registered with date of birth "
        f"{person.date_of_birth} and member ID {person.member_id}, which belong to record {a_entry.mrn}.",
        f"Record {b_entry.mrn}'s own date of birth is {owner.date_of_birth} and its SSN "
        f"{owner.ssn} differs from {person.ssn}: two people share this name.",
        f"Record {b_entry.mrn}'s address and telephone were changed at that visit to {a_entry.mrn}'s.",
    ]
    group = Group(sorted([a_entry, b_entry], key=lambda e: e.registered_on), "overlay", ["overlay"],
                  facts, deciding, overlaid=b_entry.mrn)
    return group


# ---------------------------------------------------------------- helpers


def _entry(slot: _Slot, mrn: str, rng: random.Random) -> IndexEntry:
    person = slot.person
    check = rng.choice(identity().photo_ids if slot.photo else identity().other_checks)
    owners = slot.visits_for or [person]
    days = sorted({slot.registered_on, slot.updated_on} | (
        {slot.registered_on + timedelta(days=(slot.updated_on - slot.registered_on).days // 2)}
        if len(owners) == 1 and rng.random() < 0.5 else set()))
    visits = []
    for number, on in enumerate(days):
        whose = owners[min(number, len(owners) - 1)] if number == len(days) - 1 else owners[0]
        department = rng.choice(identity().departments)[0]
        visits.append(Visit(on=on, department=department, reason=rng.choice(whose.reasons),
                            stated_dob=whose.date_of_birth, member_id=whose.member_id))
    return IndexEntry(
        mrn=mrn, first_name=person.first_name, middle_initial=person.middle_initial,
        last_name=person.last_name, suffix=person.suffix, date_of_birth=person.date_of_birth,  # type: ignore[arg-type]
        sex=person.sex, ssn=person.ssn, address=person.address, phone=person.phone,  # type: ignore[arg-type]
        registered_on=slot.registered_on, updated_on=slot.updated_on,
        verified_with=check, photo_verified=slot.photo, visits=visits,
    )


def _dates(rng: random.Random, count: int, earliest: date, latest: date) -> list[tuple[date, date]]:
    """``count`` (registered, updated) pairs, all registrations distinct and all updates distinct."""
    span = max(count * 4, (latest - earliest).days - 1)
    while True:
        pairs = []
        for _ in range(count):
            registered = min(earliest + timedelta(days=rng.randrange(span)), latest - timedelta(days=1))
            room = max(1, (latest - registered).days)
            pairs.append((registered, registered + timedelta(days=rng.randrange(room))))
        if len({r for r, _ in pairs}) == count and len({u for _, u in pairs}) == count:
            return pairs


def _sequential_dates(rng: random.Random, count: int, earliest: date, latest: date) -> list[tuple[date, date]]:
    """Pairs in disjoint, consecutive windows: each record was last updated before the next began."""
    width = max(4, ((latest - earliest).days - 1) // count)
    pairs = []
    for n in range(count):
        start = earliest + timedelta(days=n * width)
        registered = start + timedelta(days=rng.randrange(width // 2))
        updated = registered + timedelta(days=rng.randrange(1, max(2, width // 2)))
        pairs.append((registered, min(updated, latest - timedelta(days=1))))
    return pairs


def _conform(person: Person, rng: random.Random, as_of: date, *, min_age: int, sex: str | None = None) -> None:
    """Adjust a population patient to what a case needs (a sex, a least age), keeping the rest."""
    if sex is not None and person.sex != sex:
        person.sex = sex
        person.first_name = rng.choice(sorted(identity().nicknames[sex]))
        person.reasons = ("Annual wellness visit",)  # the old reasons may fit only the other sex
    age = age_on(person.date_of_birth, as_of)
    if age < min_age:
        person.date_of_birth = add_years(person.date_of_birth, -(min_age - age + rng.randint(0, 30)))


def _stranger(rng: random.Random, sources: Sources, person: Person, *, same_sex: bool = True) -> Person:
    """Another population patient's identity (of the same sex, when asked), for a stranger or an old address."""
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
        other.member_id = _member_id(rng, person.member_id)
    return other


def _member_id(rng: random.Random, like: str) -> str:
    while True:
        made = ids.make_member_id(rng, like[:3])
        if made != like:
            return made


def _different_ssn(rng: random.Random, ssn: str | None) -> str:
    """An SSN that differs from ``ssn`` in more places than a keying error would."""
    while True:
        made = ids.make_ssn(rng)
        if ssn is None or sum(a != b for a, b in zip(made, ssn)) >= 4:
            return made


def _other_letter(rng: random.Random, letter: str) -> str:
    return rng.choice([c for c in "ABCDEFGHJKLMNPRSTW" if c != letter])


def _other_surname(rng: random.Random, surname: str) -> str:
    pool = [last for names in identity().common_names.values() for _, last in names]
    return rng.choice(sorted({p for p in pool if p != surname}))


def keying_error(rng: random.Random, word: str) -> str:
    """``word`` with one keystroke wrong: two letters swapped, one dropped or one doubled."""
    if len(word) < 3:
        return word + word[-1]
    options = []
    for position in range(1, len(word) - 1):
        if word[position] != word[position + 1]:
            options.append(word[:position] + word[position + 1] + word[position] + word[position + 2:])
        if word[position] not in (word[position - 1], word[position + 1]):
            options.append(word[:position] + word[position + 1:])
        options.append(word[:position] + word[position] + word[position:])
    return rng.choice(sorted(set(options) - {word}))


def transposed(born: date, rng: random.Random, *, before: date) -> date | None:
    """A birth date with two parts or digits transposed, still before ``before``; None if impossible."""
    options = set()
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


def _words(fields: list[str]) -> str:
    words = [IDENTIFIER_WORDS[f] for f in fields]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


__all__ = ["DECIDABLE", "DUPLICATE_VARIATIONS", "Group", "IDENTITY_FIELDS", "Sources", "agreements",
           "build_group", "keying_error", "shared_by_all", "transposed"]
