"""An incident's paperwork, generated from its archetype and a seeded generator.

Whatever a written incident fixes (dates, counts by state, a law-enforcement
statement) is taken as written; the rest is drawn, so the same scenario, seed and
trainee always give the same report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from recsim.tasks.breach.block import LawEnforcementStatement, WrittenIncident
from recsim.tasks.breach.content import ArchetypeEntry, breach_content
from recsim.tasks.breach.models import BreachView, Hold, Investigation, StateCount

EDGE_SHARE = 0.3
"""How often a large incident is drawn at a threshold (500 in a state), where mistakes are made."""


@dataclass(frozen=True)
class Office:
    """Who we are in this task: the names every incident of it shares."""

    organization: str
    business_associate: str
    home: str
    """Our state: most affected individuals live there."""


def office(rng: random.Random, fake: Faker) -> Office:
    """The organization and its business associate, drawn once per task."""
    name = fake.last_name()
    states = list(breach_content().states)
    return Office(
        organization=f"{name} Regional Health",
        business_associate=f"{fake.last_name()} Health Data Services",
        home=rng.choice(states),
    )


def paperwork(
    archetype: str,
    written: WrittenIncident | None,
    where: Office,
    rng: random.Random,
    fake: Faker,
    *,
    as_of: date,
    reference: str,
) -> BreachView:
    """The incident report the privacy officer reads."""
    entry = breach_content().archetypes[archetype]
    given = written or WrittenIncident(archetype=archetype)
    occurred, discovered, reported = _dates(given, as_of, rng)
    affected = _by_state(given.affected, entry, where.home, rng)
    total = sum(s.count for s in affected)
    low, high = entry.missing
    missing = (
        given.missing_contact
        if given.missing_contact is not None
        else rng.randint(min(low, total), min(high, total))
    )
    workforce = fake.name()
    names = {
        "workforce": workforce,
        "other": fake.company(),
        "client": where.organization,
        "affected": f"{total:,}",
    }
    business = entry.role == "business_associate"
    return BreachView(
        as_of=as_of,
        reference=reference,
        organization=where.business_associate if business else where.organization,
        role=entry.role,
        client=where.organization if business else None,
        title=entry.title,
        report=entry.report.format(**names),
        occurred=occurred,
        discovered=discovered,
        discovered_by=f"{fake.name()}, {rng.choice(_NOTICERS)}",
        reported=reported,
        safeguard=entry.safeguard,
        phi=list(entry.phi),
        investigation=Investigation(**entry.facts.model_dump()),
        affected=affected,
        missing_contact=missing,
        law_enforcement=_hold(given.law_enforcement, entry, discovered, as_of, rng, fake)
        if written is None or written.law_enforcement is not None
        else None,
        part2=entry.part2,
    )


def _dates(given: WrittenIncident, as_of: date, rng: random.Random) -> tuple[date, date, date]:
    """When it happened, was discovered and reached the privacy office, in that order: the
    dates the instructor wrote, and the others drawn around them."""
    latest = given.reported or as_of
    discovered = given.discovered
    if discovered is None and given.occurred is not None:
        room = max(0, min(20, (latest - given.occurred).days))
        discovered = given.occurred + timedelta(days=rng.randint(0, room))
    elif discovered is None:
        discovered = latest - timedelta(days=rng.randint(0 if given.reported else 3, 40))
    occurred = given.occurred or discovered - timedelta(days=rng.randint(0, 20))
    reported = given.reported or discovered + timedelta(
        days=rng.randint(0, max(0, min(10, (as_of - discovered).days)))
    )
    return occurred, discovered, reported


_NOTICERS = ("a supervisor", "a coworker", "the security analyst", "the manager on duty")


def _by_state(
    given: dict[str, int] | None, entry: ArchetypeEntry, home: str, rng: random.Random
) -> list[StateCount]:
    names = breach_content().states
    if given is not None:
        return [StateCount(state=s, name=names[s], count=n) for s, n in given.items()]
    low, high = entry.affected
    total = rng.randint(low, high)
    others = [s for s in names if s != home]
    rng.shuffle(others)
    if high > 500 and rng.random() < EDGE_SHARE:
        # At the thresholds: 500 in a state is not "more than 500" (164.406(a)), but 500 in
        # all is "500 or more" (164.408(b)).
        counts = {home: rng.choice((500, 501))}
        if rng.random() < 0.5:
            counts[others[0]] = rng.randint(1, 60)
    else:
        spread = 1 if total < 20 else rng.randint(1, 3)
        counts = {home: total}
        for state in others[: spread - 1]:
            moved = rng.randint(0, counts[home] // 3)
            if moved:
                counts[state] = moved
                counts[home] -= moved
    return [StateCount(state=s, name=names[s], count=n) for s, n in counts.items()]


def _hold(
    given: LawEnforcementStatement | None,
    entry: ArchetypeEntry,
    discovered: date,
    as_of: date,
    rng: random.Random,
    fake: Faker,
) -> Hold | None:
    official = f"Detective {fake.last_name()}, {fake.city()} Police Department"
    if given is not None:
        return Hold(form=given.form, on=given.stated, until=given.until, official=official)
    if not entry.police or rng.random() < 0.5:
        return None
    on = min(as_of, discovered + timedelta(days=rng.randint(1, 6)))
    if rng.random() < 0.5:
        return Hold(form="oral", on=on, official=official)
    return Hold(
        form="written", on=on, until=on + timedelta(days=rng.randint(30, 100)), official=official
    )
