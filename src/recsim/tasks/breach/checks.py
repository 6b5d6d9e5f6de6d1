"""What ``recsim validate`` checks in a breach block beyond its model: dates in an order
that can happen, counts that add up, a law-enforcement statement that makes sense."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from recsim.tasks.breach.block import BreachBlock, WrittenIncident
from recsim.tasks.breach.content import breach_content

Problem = tuple[tuple[str | int, ...], str, str]


def block_problems(block: BreachBlock, as_of: date) -> Iterator[Problem]:
    """Every problem of the written incidents, located at the field to fix."""
    seen: dict[str, int] = {}
    for number, incident in enumerate(block.items):
        if incident.id is not None and incident.id in seen:
            yield (
                ("items", number, "id"),
                f"two incidents share the id '{incident.id}' (the other is incident "
                f"{seen[incident.id] + 1} of this block); give each its own",
                "error",
            )
        elif incident.id is not None:
            seen[incident.id] = number
        for inner, message, severity in _incident_problems(incident, as_of):
            yield ("items", number, *inner), message, severity


def _incident_problems(incident: WrittenIncident, as_of: date) -> Iterator[Problem]:
    dates = [
        (name, value)
        for name, value in (
            ("occurred", incident.occurred),
            ("discovered", incident.discovered),
            ("reported", incident.reported),
        )
        if value is not None
    ]
    for name, value in dates:
        if value > as_of:
            yield (name,), f"{name} {value} is after the scenario's as_of date {as_of}", "error"
    for (first, early), (then, late) in pairwise(dates):
        if late < early:
            yield (then,), f"{then} {late} is before {first} {early}, which cannot happen", "error"
    if incident.affected is not None:
        total = sum(incident.affected.values())
        if total == 0:
            yield (
                ("affected",),
                "every count is 0: an incident affects at least one person",
                "error",
            )
        if incident.missing_contact is not None and incident.missing_contact > total:
            yield (
                ("missing_contact",),
                f"{incident.missing_contact} people without contact details, but only {total} "
                "are affected",
                "error",
            )
    yield from _statement_problems(incident, as_of)


def _statement_problems(incident: WrittenIncident, as_of: date) -> Iterator[Problem]:
    statement = incident.law_enforcement
    if statement is None:
        return
    if statement.stated > as_of:
        yield (
            ("law_enforcement", "stated"),
            f"the statement's date {statement.stated} is after the scenario's as_of date {as_of}",
            "error",
        )
    start = incident.discovered or incident.occurred
    if start is not None and statement.stated < start:
        yield (
            ("law_enforcement", "stated"),
            f"the statement's date {statement.stated} is before the incident was "
            f"{'discovered' if incident.discovered else 'occurred'} ({start})",
            "error",
        )
    if statement.form == "written" and statement.until is None:
        yield (
            ("law_enforcement", "until"),
            "a written statement says how long the hold lasts: give until (45 CFR 164.412(a))",
            "error",
        )
    if statement.form == "written" and statement.until and statement.until <= statement.stated:
        yield (
            ("law_enforcement", "until"),
            f"the hold ends {statement.until}, not after the statement's date {statement.stated}",
            "error",
        )
    if statement.form == "oral" and statement.until is not None:
        yield (
            ("law_enforcement", "until"),
            "an oral statement holds the notices for at most 30 days from its date (45 CFR "
            "164.412(b)); leave until out",
            "error",
        )
    if not breach_content().archetypes[incident.archetype].police:
        yield (
            ("law_enforcement",),
            f"no police investigation is part of a '{incident.archetype}' incident; the "
            "statement will read oddly in its report",
            "warning",
        )
