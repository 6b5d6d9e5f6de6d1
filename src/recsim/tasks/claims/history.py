"""The member's claims history at the plan: earlier visits already paid, and a duplicate.

A reviewer checks a claim against the claims already processed for the member: the
same member, provider, dates, services and charge as a paid claim is an exact
duplicate (X12 CARC 18; the CMS Medicare Claims Processing Manual, Pub. 100-04, ch. 1,
section 120, describes the same check). Earlier visits at the plan appear too, so a
history is no hint by itself.
"""

from __future__ import annotations

import random
from datetime import timedelta

from recsim.core.records import Encounter
from recsim.tasks.claims.content import claims_content
from recsim.tasks.claims.draft import PLACES, Draft, draft_claim
from recsim.tasks.claims.models import Claim, PriorClaim

EARLIER_SHOWN = 2
"""Earlier paid claims of the member shown at most."""


def history_for(draft: Draft, claim: Claim, rng: random.Random) -> list[PriorClaim]:
    """Claims already processed for the member, most recent first.

    When the problem planted is a duplicate (``draft.facts["duplicate"]``), the history
    holds a paid claim identical to this one, and the facts name it for the feedback.
    """
    earlier = [
        e
        for e in draft.record.encounters
        if e.type in PLACES
        and e.diagnoses
        and draft.coverage_from <= e.admit_date
        and e.discharge_date < draft.first
    ]
    found = [_paid(draft, e, rng) for e in earlier[-EARLIER_SHOWN:]]
    if "duplicate" in draft.facts:
        gap = max(1, (claim.received - claim.to_date).days - 1)
        prior = PriorClaim(
            number=f"CLM{rng.randrange(10**10):010d}",
            received=claim.to_date + timedelta(days=rng.randint(1, gap)),
            provider=claim.provider,
            place=claim.place,
            from_date=claim.from_date,
            to_date=claim.to_date,
            codes=[line.code for line in claim.lines],
            total=claim.total,
        )
        draft.facts.update(prior=prior.number, prior_received=prior.received.isoformat())
        found.append(prior)
    return sorted(found, key=lambda c: c.received, reverse=True)


def _paid(draft: Draft, encounter: Encounter, rng: random.Random) -> PriorClaim:
    """The clean claim an earlier visit was paid on."""
    codes = list(dict.fromkeys(d.code for d in encounter.diagnoses))
    earlier = draft_claim(draft.record, encounter, codes, draft.first, rng)
    services = claims_content().services
    return PriorClaim(
        number=f"CLM{rng.randrange(10**10):010d}",
        received=encounter.discharge_date + timedelta(days=rng.randint(4, 25)),
        provider=encounter.attending,
        place=PLACES[encounter.type],
        from_date=encounter.admit_date,
        to_date=encounter.discharge_date,
        codes=[line.code for line in earlier.lines],
        total=round(sum(services[line.code].fee * line.units for line in earlier.lines), 2),
    )
