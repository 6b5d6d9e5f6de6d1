"""Whose claims reach the desk: the plan's own members, one member per claim of the scenario.

The claims desk reviews for one plan, so the coverage on file is always that plan's
(a claim for another payer's member never reaches it). Each claim of the scenario
gets its own members, so no two claims share a member, a date and a provider: two
such claims would be duplicates, with notes that contradict each other.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import lru_cache

from recsim.core import ids
from recsim.core.generate.population import PAYERS, Population
from recsim.core.records import PatientRecord
from recsim.core.seeds import derive_seed
from recsim.tasks.base import BuildContext

PLAN, PLAN_PREFIX, PLAN_PRODUCTS = PAYERS[0]
"""The plan whose desk reviews the claims (Evergreen Health Plan, a fictional payer)."""
SCAN_PER_CLAIM = 4
"""Population patients looked at per claim of the scenario when looking for the plan's members."""


def claim_slot(context: BuildContext, index: int) -> tuple[int, int]:
    """Claim ``index`` of this block: (its number among the scenario's claims, their count)."""
    before = total = 0
    for number, (kind, block) in enumerate(context.scenario.blocks()):
        if kind != "claims":
            continue
        count = int(block.claims)  # type: ignore[attr-defined]
        if number < context.task_number:
            before += count
        total += count
    return before + index, max(total, 1)


def members_for(context: BuildContext, index: int) -> Iterator[PatientRecord]:
    """The plan members claim ``index`` may bill for: its own share of the population.

    The plan's members come first; when the share holds too few, the share's other
    patients follow, re-enrolled with the plan (the claims desk never opens their chart).
    """
    slot, total = claim_slot(context, index)
    population = context.population
    size = context.scenario.population.patients
    order = _order(context.seed, size)
    scanned = order[: min(size, SCAN_PER_CLAIM * total + 20)]
    members = _members(population, tuple(scanned))
    for number in members[slot::total]:
        yield population.patient(number)
    others = [n for n in scanned if n not in set(members)]
    share = others[slot::total] or [order[slot % size]]
    rng = random.Random(derive_seed("claims-enrol", context.seed, slot))
    for number in share:
        yield enrolled(population.patient(number), rng)


def enrolled(record: PatientRecord, rng: random.Random) -> PatientRecord:
    """The patient with the plan's coverage on file (and billed on every encounter)."""
    if record.coverage.payer == PLAN:
        return record
    member_id = ids.make_member_id(rng, PLAN_PREFIX)
    coverage = record.coverage.model_copy(
        update={"payer": PLAN, "plan": rng.choice(PLAN_PRODUCTS), "member_id": member_id}
    )
    encounters = [e.model_copy(update={"member_id": member_id}) for e in record.encounters]
    return record.model_copy(update={"coverage": coverage, "encounters": encounters})


def _order(seed: int, size: int) -> list[int]:
    order = list(range(size))
    random.Random(derive_seed("claims-members", seed)).shuffle(order)
    return order


@lru_cache(maxsize=8)
def _members(population: Population, scanned: tuple[int, ...]) -> tuple[int, ...]:
    """The plan's members among ``scanned``, in that order (one scan per form)."""
    return tuple(n for n in scanned if population.patient(n).coverage.payer == PLAN)
