"""Incidents a trap leads into: the privacy office's report on a colleague's request.

A scenario's trap entry with ``leads_to: breach`` puts one of these right after the trap
(recsim.session.forms). The trap kind hands over its facts (the colleague, the patient, the
day) as a :class:`~recsim.tasks.base.Lead`; this module writes the incident report from
them with one of incidents.yaml's ``follow_ups`` for that trap kind, drawn per trap and
trainee: a request refused with the chart never opened (not a breach: 45 CFR 164.402,
definition of breach; a sanctions matter, 164.530(e)), or a colleague the access log shows
had opened the chart (a presumed breach, 164.402(2)).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from recsim.core.form import Item
from recsim.core.generate.fake import seeded_faker
from recsim.core.seeds import derive_seed
from recsim.tasks.base import BuildContext, Lead
from recsim.tasks.breach.content import FollowUpEntry, breach_content
from recsim.tasks.breach.models import BreachView, Investigation, StateCount
from recsim.tasks.breach.paperwork import Office, office
from recsim.tasks.breach.rules import key_for

FACTS = ("colleague", "colleague_role", "patient", "system", "day")
"""What a lead must say for a follow-up to be written from it."""


def follow_ups(situation: str) -> list[str]:
    """The follow-up incidents written after a trap of this kind, in the file's order."""
    return [name for name, e in breach_content().follow_ups.items() if e.after == situation]


def follow_up_item(lead: Lead, item_id: str, context: BuildContext) -> Item:
    """The incident report on a trap's colleague, as item ``item_id`` of the form."""
    names = follow_ups(lead.situation)
    if not names or any(fact not in lead.facts for fact in FACTS):
        raise ValueError(f"no breach follow-up can be written after a {lead.situation} trap")
    rng = context.rng("breach-follow-up", item_id)
    name = rng.choice(names)
    entry = breach_content().follow_ups[name]
    day = date.fromisoformat(lead.facts["day"])
    where = _office(context)
    words = {fact: lead.facts[fact] for fact in FACTS}
    number = derive_seed("breach-follow-up-number", context.seed, item_id) % 10**4
    view = BreachView(
        as_of=context.scenario.as_of,
        reference=f"INC-{context.scenario.as_of.year}-{number:04d}",
        organization=where.organization,
        role=entry.role,
        title=entry.title,
        report=entry.report.format(**words),
        occurred=day - timedelta(days=entry.days_before),
        discovered=day,  # the day the request was reported and the log reviewed
        discovered_by=entry.discovered_by.format(**words),
        reported=day,
        safeguard=entry.safeguard,
        phi=list(entry.phi),
        investigation=_investigation(entry, words),
        affected=[StateCount(state=where.home, name=breach_content().states[where.home], count=1)],
        missing_contact=0,
    )
    return Item(
        id=item_id,
        kind="breach",
        title=f"Incident {view.reference}: {view.title}",
        view=view,
        key=key_for(name, entry, view),
    )


def _investigation(entry: FollowUpEntry, words: dict[str, str]) -> Investigation:
    facts = entry.facts
    return Investigation(
        nature=facts.nature.format(**words),
        recipient=facts.recipient.format(**words),
        acquired=facts.acquired.format(**words),
        mitigated=facts.mitigated.format(**words),
    )


def _office(context: BuildContext) -> Office:
    """The organization of the scenario's first breach task, so a follow-up comes from the
    same privacy office as the other incidents (its own, drawn alike, when there is none)."""
    kinds = [kind for kind, _ in context.scenario.blocks()]
    number = kinds.index("breach") if "breach" in kinds else context.task_number
    at = dataclasses.replace(context, task_number=number)
    fake = seeded_faker(
        context.scenario.population.locale,
        derive_seed("breach-office", context.seed, number),
        stream="breach",
    )
    return office(at.rng("breach-office"), fake)
