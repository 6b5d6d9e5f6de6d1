"""Delivery and newborn stays added to a batch, for the Caesarean-section rate and the
newborn statistics.

A delivery stay is a woman admitted who gave birth (vaginally or by caesarean);
each brings the birth stay of her newborn, or of her twins. They are drawn from
a random stream of their own and added after the other stays are made, so a
batch asked no question about births is exactly what it always was.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from typing import Any

from recsim.coding.drg_weights import FISCAL_YEAR, table5_row
from recsim.core.content import load_content
from recsim.core.generate.population import mrn_for
from recsim.core.seeds import derive_seed
from recsim.tasks.analysis.content import BirthsFile, DeliveryEntry, NewbornEntry
from recsim.tasks.analysis.models import EncounterBatch, InpatientStay

CAESAREAN_PERCENT = 32
"""Share of deliveries by caesarean (about 32 in 100 US births in 2023, CDC NCHS)."""
TWINS_PER_THOUSAND = 31
"""Twin deliveries per thousand (about 31 twin births in 1,000, CDC NCHS)."""
NEWBORN_DEATHS_PER_THOUSAND = 4
"""Newborns who die in their birth stay, per thousand (the US neonatal death rate is
about 3.5 per 1,000 live births, CDC NCHS)."""
NEWBORN_TRANSFERS_PER_THOUSAND = 15
"""Newborns transferred to another hospital's neonatal intensive care, per thousand."""
NEWBORN_PROBLEMS_PERCENT = 8
"""Newborns kept after their mother goes home, for a significant problem."""
NORMAL_NEWBORN, NEWBORN_PROBLEMS, NEONATE_DIED_OR_TRANSFERRED = 795, 794, 789
"""MS-DRGs of a newborn's birth stay (a test checks them with the CMS grouper)."""
_MRN_BASE = 5_000_000
"""Population indexes of mothers and babies: far above those of the other patients."""
_SEVERITY = (80, 15, 5)
"""Per hundred delivery stays: without a CC or MCC, with a CC, with an MCC."""
_MOTHER_DAYS = {"vaginal": {1: 35, 2: 55, 3: 10}, "caesarean": {2: 20, 3: 55, 4: 25}}
"""Length of a delivery stay, in days, with weights."""


@dataclass(frozen=True, slots=True)
class _Content:
    deliveries: dict[tuple[str, bool], tuple[list[DeliveryEntry], list[int]]]
    newborns: dict[tuple[str, bool], NewbornEntry]


@cache
def _content() -> _Content:
    content = load_content(__package__, "births.yaml", BirthsFile)
    deliveries: dict[tuple[str, bool], tuple[list[DeliveryEntry], list[int]]] = {}
    for key in {(d.delivery, d.twins) for d in content.deliveries}:
        entries = [d for d in content.deliveries if (d.delivery, d.twins) == key]
        deliveries[key] = (entries, list(accumulate(d.weight for d in entries)))
    newborns: dict[tuple[str, bool], NewbornEntry] = {
        (n.delivery, n.twins): n for n in content.newborns
    }
    return _Content(deliveries, newborns)


def delivery_diagnoses() -> tuple[DeliveryEntry, ...]:
    """Every principal diagnosis of a delivery stay (births.yaml)."""
    return tuple(load_content(__package__, "births.yaml", BirthsFile).deliveries)


def newborn_diagnoses() -> tuple[NewbornEntry, ...]:
    """The Z38 codes of newborns' birth stays (births.yaml)."""
    return tuple(load_content(__package__, "births.yaml", BirthsFile).newborns)


@dataclass(frozen=True, slots=True)
class _Draw:
    """What every drawn stay of one batch shares."""

    rng: random.Random
    batch: EncounterBatch
    seed: int
    extras: dict[str, Any]


def with_births(
    batch: EncounterBatch, seed: int, births: int, extras: dict[str, Any]
) -> EncounterBatch:
    """The batch with ``births`` delivery stays and their newborns' birth stays added.

    ``extras`` holds what the batch's own generator uses for every stay:
    ``completion`` (chart completion date from a random stream, the discharge date and
    the report date), ``autopsy_percent`` and ``infection_percent``. The new stays are
    numbered after the others and the whole is ordered by admission date.
    """
    draw = _Draw(
        random.Random(derive_seed("analysis-births", seed, batch.period_days)),
        batch,
        seed,
        extras,
    )
    added: list[InpatientStay] = []
    for index in range(births):
        added.extend(_delivery(draw, index, len(batch.stays) + len(added)))
    stays = sorted([*batch.stays, *added], key=lambda s: s.admitted)
    return batch.model_copy(update={"stays": stays})


def _delivery(draw: _Draw, index: int, number: int) -> list[InpatientStay]:
    """One woman's delivery stay and her babies' birth stays (accounts after ``number``).

    The stay has a day in the period: it ends in it at the earliest.
    """
    rng, batch, content = draw.rng, draw.batch, _content()
    twins = rng.randrange(1000) < TWINS_PER_THOUSAND
    delivery = "caesarean" if rng.randrange(100) < CAESAREAN_PERCENT else "vaginal"
    entries, weights = content.deliveries[(delivery, twins)]
    dx = rng.choices(entries, cum_weights=weights)[0]
    lengths = _MOTHER_DAYS[delivery]
    length = rng.choices(list(lengths), weights=list(lengths.values()))[0]
    admitted = batch.period_start + timedelta(days=rng.randint(-length, batch.period_days - 1))
    mother = _stay(
        draw,
        account=_account(batch, number + 1),
        mrn=mrn_for(draw.seed, _MRN_BASE + 3 * index),
        age=rng.randint(18, 44),
        sex="F",
        admitted=admitted,
        discharged=_bounded(admitted + timedelta(days=length), admitted, batch.as_of),
        disposition="home" if rng.randrange(100) < 92 else "home_health",
        planned=dx.planned,
        dx=(dx.code, dx.description),
        drg=dx.drgs[rng.choices((0, 1, 2), weights=_SEVERITY)[0]],
        delivery=delivery,
    )
    code = content.newborns[(delivery, twins)]
    babies = [
        _newborn(draw, mother, code, _account(batch, number + 2 + twin), 3 * index + 1 + twin)
        for twin in range(2 if twins else 1)
    ]
    return [mother, *babies]


def _newborn(
    draw: _Draw, mother: InpatientStay, code: NewbornEntry, account: str, person: int
) -> InpatientStay:
    """A baby's birth stay: born on the mother's admission day, home with her unless it
    stays on for a problem, is transferred or dies (never before the period starts)."""
    rng, batch = draw.rng, draw.batch
    roll = rng.randrange(1000)
    born = mother.admitted
    if roll < NEWBORN_DEATHS_PER_THOUSAND + NEWBORN_TRANSFERS_PER_THOUSAND:
        died = roll < NEWBORN_DEATHS_PER_THOUSAND
        discharged = max(born + timedelta(days=rng.randint(0, 3)), batch.period_start)
        disposition, drg = ("expired" if died else "transfer_acute"), NEONATE_DIED_OR_TRANSFERRED
    elif rng.randrange(100) < NEWBORN_PROBLEMS_PERCENT:
        discharged = mother.discharged + timedelta(days=rng.randint(1, 3))
        disposition, drg = "home", NEWBORN_PROBLEMS
    else:
        discharged, disposition, drg = mother.discharged, "home", NORMAL_NEWBORN
    return _stay(
        draw,
        account=account,
        mrn=mrn_for(draw.seed, _MRN_BASE + person),
        age=0,
        sex=rng.choice(("F", "M")),
        admitted=born,
        discharged=_bounded(discharged, born, batch.as_of),
        disposition=disposition,
        planned=False,
        dx=(code.code, code.description),
        drg=drg,
        newborn=True,
        mother=mother.account,
    )


def _stay(draw: _Draw, **fields: Any) -> InpatientStay:
    """A stay with its chart completion and its abstract (weight, death, autopsy, infection)."""
    rng, extras = draw.rng, draw.extras
    code, description = fields.pop("dx")
    died = fields["disposition"] == "expired"
    days = (fields["discharged"] - fields["admitted"]).days
    found = table5_row(fields["drg"], FISCAL_YEAR)
    return InpatientStay.model_construct(
        principal_dx=code,
        principal_description=description,
        chart_completed=extras["completion"](rng, fields["discharged"], draw.batch.as_of),
        drg_weight=found.weight if found else None,
        death_hours=rng.randint(max(1, days * 24 - 23), days * 24 + 23) if died else None,
        autopsy=died and rng.randrange(100) < extras["autopsy_percent"],
        infection=rng.randrange(100) < extras["infection_percent"],
        **fields,
    )


def _account(batch: EncounterBatch, number: int) -> str:
    return f"IP{batch.period_start:%y}{number:06d}"


def _bounded(discharged: date, admitted: date, as_of: date) -> date:
    """No discharge on or after the report date (the patient would still be in hospital)."""
    return min(discharged, max(admitted, as_of - timedelta(days=1)))
