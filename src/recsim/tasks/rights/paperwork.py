"""A request's paperwork and its key, made from an archetype and the day it was received.

Every date here is counted from ``received``: the deadline, the six years an accounting
covers, the 12 months in which a first accounting is free. Moving the received date (or,
for generated requests, the scenario's ``as_of``) moves them all.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from recsim.core.clock import add_years
from recsim.core.records import PatientRecord
from recsim.tasks.rights.content import ArchetypeEntry, RightsFile, rights_content
from recsim.tasks.rights.models import LineKey, LogLine, RequestPatient, RightsKey, RightsView

ACCOUNTING_YEARS = 6
"""An accounting covers the six years before the request (45 CFR 164.528(a)(1))."""


@dataclass(frozen=True)
class Request:
    """What a request is made from: its archetype, dates and the names it uses."""

    archetype: str
    received: date
    as_of: date
    reference: str
    patient: PatientRecord
    authored_id: str | None = None
    instructor: str | None = None


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (28 February for a 29 February)."""
    return add_years(day, -years)


def make(request: Request, rng: random.Random, fake: Faker) -> tuple[RightsView, RightsKey]:
    """The view and key of one request."""
    content = rights_content()
    entry = content.archetypes[request.archetype]
    received = request.received
    words = _words(content, entry, received, rng, fake, request.patient)
    facts = [fact.format(**words) for fact in entry.facts]
    ticks = _ticks(content, entry, received, facts, rng, fake)
    subject = request.patient.patient
    view = RightsView(
        as_of=request.as_of,
        reference=request.reference,
        right=entry.right,
        right_title=content.rights[entry.right].title,
        received=received,
        patient=RequestPatient(
            name=subject.full_name, mrn=subject.mrn, date_of_birth=subject.date_of_birth
        ),
        letter=[line.format(**words) for line in entry.letter],
        facts=facts,
        policy=content.policy,
        lines=ticks.lines,
        lines_title=ticks.title,
        ask_fee=ticks.fee is not None,
    )
    deadline, deadline_why = _deadline(content, entry, received)
    key = RightsKey(
        archetype=request.archetype,
        right=entry.right,
        decision=entry.decision,
        ground=entry.ground,
        deadline=deadline,
        deadline_why=deadline_why,
        lines=ticks.keys,
        fee=ticks.fee,
        fee_why=ticks.fee_why,
        severity=entry.severity,
        rule=entry.rule,
        explain=entry.explain.format(**words),
        instructor=request.instructor,
        authored_id=request.authored_id,
    )
    return view, key


@dataclass(frozen=True)
class Ticks:
    """What a request gives the trainee to tick, and the key to it."""

    lines: list[LogLine] = field(default_factory=list)
    keys: list[LineKey] = field(default_factory=list)
    title: str | None = None
    fee: bool | None = None
    fee_why: str | None = None


def _ticks(
    content: RightsFile,
    entry: ArchetypeEntry,
    received: date,
    facts: list[str],
    rng: random.Random,
    fake: Faker,
) -> Ticks:
    """An accounting's disclosure log (its last accounting added to ``facts``), a fee
    request's draft invoice, or nothing to tick."""
    if entry.log is not None and entry.decision != "extend":
        prior = _prior_accounting(received, first=entry.log.first, rng=rng)
        facts.append(
            "Accountings already given to this patient: "
            + (prior.isoformat() if prior else "none")
            + "."
        )
        fee, fee_why = _fee(received, prior)
        start = years_before(received, _years(entry))
        lines, keys = _log(content, received, start, entry.log.years is not None, rng, fake)
        return Ticks(lines, keys, "Disclosure log", fee, fee_why)
    if entry.invoice:
        lines, keys = _invoice(content, entry.invoice, rng)
        return Ticks(lines, keys, "Draft invoice")
    return Ticks()


def _words(
    content: RightsFile,
    entry: ArchetypeEntry,
    received: date,
    rng: random.Random,
    fake: Faker,
    patient: PatientRecord,
) -> dict[str, str]:
    """What the templates of a request are filled with."""
    visit = received - timedelta(days=rng.randint(20, 400))
    return {
        "patient": patient.patient.full_name,
        "first": patient.patient.first_name,
        "received": received.isoformat(),
        "clinician": f"Dr. {fake.first_name()} {fake.last_name()}",
        "service": rng.choice(content.services),
        "relative": rng.choice(content.relatives),
        "visit": visit.isoformat(),
        "amount": f"${rng.randint(150, 2400):,}.00",
        "period_from": years_before(received, _years(entry)).isoformat(),
        "city": fake.city(),
    }


def _years(entry: ArchetypeEntry) -> int:
    """How many years before the request its accounting covers."""
    return entry.log.years if entry.log is not None and entry.log.years else ACCOUNTING_YEARS


def _deadline(
    content: RightsFile, entry: ArchetypeEntry, received: date
) -> tuple[date | None, str | None]:
    """The day by which to act, counted from receipt, and how it is counted."""
    right = content.rights[entry.right]
    # A statement of disagreement answers a denial already made: no new time runs.
    if right.days is None or not entry.timed:
        return None, None
    due = received + timedelta(days=right.days)
    why = f"received {received.isoformat()}, plus {right.days} calendar days"
    if entry.decision == "extend" and right.extension is not None:
        due += timedelta(days=right.extension)
        why += f", plus the one extension of {right.extension} days"
    return due, why


def _prior_accounting(received: date, *, first: bool, rng: random.Random) -> date | None:
    """When the patient was last given an accounting: over a year ago (or never) for a first
    request, within the last 12 months for a second."""
    if first:
        return None if rng.random() < 0.5 else received - timedelta(days=rng.randint(400, 900))
    return received - timedelta(days=rng.randint(30, 330))


def _fee(received: date, prior: date | None) -> tuple[bool, str]:
    """Whether this accounting may carry a fee: only when another was given in the 12 months
    before it (45 CFR 164.528(c)(2))."""
    year_ago = years_before(received, 1)
    if prior is not None and prior > year_ago:
        return True, (
            f"An accounting was given on {prior.isoformat()}, within the 12 months before this "
            "request: a reasonable cost-based fee may be charged, if the patient is told in "
            "advance and may withdraw or narrow the request."
        )
    return False, "No accounting was given in the 12 months before this request: this one is free."


def _log(
    content: RightsFile,
    received: date,
    start: date,
    shorter: bool,
    rng: random.Random,
    fake: Faker,
) -> tuple[list[LogLine], list[LineKey]]:
    """A disclosure log: a mix of accounted and excluded kinds, and entries from before the
    period the accounting covers."""
    kinds = content.disclosures
    accounted = [name for name, kind in kinds.items() if kind.accounted]
    excluded = [name for name, kind in kinds.items() if not kind.accounted]
    chosen = rng.sample(accounted, 3) + rng.sample(excluded, rng.randint(3, 5))
    within = (received - start).days
    made = [(received - timedelta(days=rng.randint(1, within - 1)), kind) for kind in chosen]
    # Entries from before the period: a kind that would be accounted, so only its date
    # leaves it out.
    early = rng.randint(1, 2) if shorter else 1
    made += [
        (start - timedelta(days=rng.randint(1, 700)), rng.choice(accounted)) for _ in range(early)
    ]
    made.sort()
    period = "the period the patient asked for" if shorter else "the six years before the request"
    period_rule = "45 CFR 164.528(a)(3), (b)(1)" if shorter else "45 CFR 164.528(a)(1), (b)(1)"
    lines, keys = [], []
    for number, (on, name) in enumerate(made, 1):
        kind = kinds[name]
        entry_id = f"D{number}"
        names = {"city": fake.city(), "last": fake.last_name()}
        lines.append(
            LogLine(id=entry_id, on=on, who=kind.recipient.format(**names), what=kind.purpose)
        )
        if on < start:
            keys.append(
                LineKey(
                    id=entry_id,
                    belongs=False,
                    rule=period_rule,
                    why=f"made on {on.isoformat()}, before {start.isoformat()}: outside {period}",
                )
            )
        else:
            keys.append(LineKey(id=entry_id, belongs=kind.accounted, rule=kind.rule, why=kind.why))
    return lines, keys


def _invoice(
    content: RightsFile, names: list[str], rng: random.Random
) -> tuple[list[LogLine], list[LineKey]]:
    """Billing's draft invoice for a copy: its lines, and which the patient may be charged."""
    lines, keys = [], []
    for number, name in enumerate(names, 1):
        fee = content.fees[name]
        low, high = (round(value * 100) for value in fee.amount)
        cents = rng.randint(low, high)
        line_id = f"F{number}"
        lines.append(LogLine(id=line_id, who=fee.words, what=f"${cents // 100}.{cents % 100:02d}"))
        keys.append(LineKey(id=line_id, belongs=fee.chargeable, rule=fee.rule, why=fee.why))
    return lines, keys
