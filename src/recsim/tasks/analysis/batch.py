"""The generated encounter batch, and its CSV export.

A batch holds what an inpatient extract for a reporting period holds: every
stay with a day in the period (some admitted before it, some still in hospital
at its end) and the admissions in the 30 days after it that may be
readmissions. The key is computed from this same data (statistics.py).
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any, NamedTuple

from recsim.coding.drg_weights import FISCAL_YEAR, table5_row
from recsim.core.content import load_content
from recsim.core.generate.population import mrn_for
from recsim.core.seeds import derive_seed
from recsim.tasks.analysis.content import DiagnosesFile
from recsim.tasks.analysis.models import EncounterBatch, InpatientStay

FACILITY = "Mercy Valley Hospital"
MEAN_STAY_DAYS = 4.4
"""Mean length of stay of the distribution below, for choosing a period."""
_STAY_DAYS = {
    0: 3,
    1: 12,
    2: 18,
    3: 17,
    4: 13,
    5: 10,
    6: 7,
    7: 5,
    8: 4,
    9: 3,
    10: 2,
    12: 2,
    14: 2,
    18: 1,
    25: 1,
}
_DISPOSITIONS = {
    "home": 55,
    "home_health": 15,
    "skilled_nursing": 11,
    "rehabilitation": 3,
    "hospice": 2,
    "left_against_advice": 2,
    "transfer_acute": 5,
    "expired": 4,
}
_LENGTHS, _LENGTH_WEIGHTS = list(_STAY_DAYS), list(accumulate(_STAY_DAYS.values()))
_DISPOSITION_NAMES = list(_DISPOSITIONS)
_DISPOSITION_WEIGHTS = list(accumulate(_DISPOSITIONS.values()))
_SEVERITY = (40, 35, 25)
"""Per hundred stays: grouped without a CC or MCC, with a CC, with an MCC."""
_SEVERITY_DIED = (10, 25, 65)
"""The same for patients who died (most had a major complication or comorbidity)."""
AUTOPSY_PERCENT = 12
"""Share of inpatient deaths with a hospital autopsy (a minority of deaths, as in US hospitals)."""
INFECTION_PERCENT = 3
"""Share of stays with a hospital-acquired infection (CDC's point-prevalence survey found
about 3 in 100 inpatients with one)."""
_READMIT_GAP_DAYS = (0, 1, 2, 3, 5, 7, 9, 12, 15, 18, 21, 25, 28, 29, 30, 31, 32, 35, 40, 44)
"""Days from discharge to the next admission; some just past 30, to test the window."""
_COMPLETION = ((range(1, 26), 70), (range(26, 31), 8), (range(31, 33), 6), (range(33, 70), 8))
"""Days from discharge to chart completion, with weights; the rest stay incomplete."""
READMISSION_LOOKAHEAD = 30
"""Days after the period the batch covers, so that every index discharge can be followed."""
CSV_COLUMNS = (
    "account",
    "mrn",
    "age",
    "sex",
    "admitted",
    "discharged",
    "disposition",
    "planned",
    "principal_dx",
    "principal_description",
    "chart_completed",
    "drg",
    "drg_weight",
    "death_hours",
    "autopsy",
    "infection",
)
BIRTH_COLUMNS = ("delivery", "newborn", "mother")
"""Columns a batch with births adds: vaginal or caesarean on a delivery stay, yes on a
newborn's birth stay, and the newborn's mother's account."""


@dataclass(frozen=True, slots=True)
class Diagnosis:
    code: str
    description: str
    weight: int
    planned: bool
    ages: tuple[int, int] = (18, 124)
    """Ages (whole years) of the patients a stay for it is drawn for."""
    drgs: tuple[int, int, int] = (0, 0, 0)
    """MS-DRG without a CC or MCC, with a CC, with an MCC."""
    expired_drgs: tuple[int, int, int] | None = None
    """The same for a patient who died, where the family splits on it."""


@cache
def diagnoses() -> tuple[Diagnosis, ...]:
    """The principal diagnoses stays are drawn from (diagnoses.yaml)."""
    content = load_content(__package__, "diagnoses.yaml", DiagnosesFile)
    return tuple(
        Diagnosis(d.code, d.description, d.weight, d.planned, d.ages, d.drgs, d.expired_drgs)
        for d in content.diagnoses
    )


@cache
def diagnoses_for(age: int) -> tuple[list[Diagnosis], list[int], list[Diagnosis]]:
    """What a stay at ``age`` is drawn from: diagnoses, their cumulative weights, the planned."""
    fitting = [d for d in diagnoses() if d.ages[0] <= age <= d.ages[1]]
    return fitting, list(accumulate(d.weight for d in fitting)), [d for d in fitting if d.planned]


EDGE_DAYS = 6
"""About how many days' worth of the batch's stays lie outside the period.

Stays that began before it and readmissions after it: occupancy is close to
stays x mean stay / (beds x (period + edge)).
"""


def expected_occupancy(encounters: int, beds: int, period_days: int) -> float:
    """The bed occupancy, in percent, that a batch of this size will show (within a few points)."""
    return 100 * encounters * MEAN_STAY_DAYS / (beds * (period_days + EDGE_DAYS))


def default_period_days(encounters: int, beds: int, occupancy: float) -> int:
    """A first guess at the period in which ``encounters`` stays fill ``beds`` to ``occupancy``."""
    return _clamp(round(encounters * MEAN_STAY_DAYS / (beds * occupancy)) - EDGE_DAYS)


@lru_cache(maxsize=8)
def generate_batch(
    seed: int, encounters: int, beds: int, period_days: int | None, as_of: date, births: int = 0
) -> EncounterBatch:
    """The batch for one task of one variant (cached: every question of the task shares it).

    Without a period length, one is chosen for a realistic occupancy (62-86%): a
    small pilot batch measures how the stays fill the beds and the period is
    scaled to the target (a period of 7 to 366 days). ``births`` delivery stays,
    with their newborns, are added to the ``encounters`` other stays
    (births.py); without them the batch is what it always was.
    """
    rng = random.Random(seed)
    target = rng.uniform(0.62, 0.86)
    offset = rng.randint(0, 9)
    days = period_days or _calibrated_days(seed, encounters, beds, target, as_of)
    batch = _generate(seed, encounters, beds, days, as_of, offset)
    if not births:
        return batch
    from recsim.tasks.analysis.births import with_births

    extras = {
        "completion": _completion,
        "autopsy_percent": AUTOPSY_PERCENT,
        "infection_percent": INFECTION_PERCENT,
    }
    return with_births(batch, seed, births, extras)


def _calibrated_days(seed: int, encounters: int, beds: int, target: float, as_of: date) -> int:
    from recsim.tasks.analysis.statistics import bed_occupancy

    guess = default_period_days(encounters, beds, target)
    size = min(encounters, 3000)
    pilot = _generate(seed, size, max(1, round(beds * size / encounters)), guess, as_of, 0)
    measured = bed_occupancy(pilot).value / 100
    if measured <= 0:
        return guess
    # occupancy falls as 1 / (period + edge): scale the period to the target
    return _clamp(round((guess + EDGE_DAYS) * measured / target - EDGE_DAYS))


def _clamp(days: int) -> int:
    return max(7, min(366, days))


class _Row(NamedTuple):
    """One drawn stay, before it gets its account number."""

    admitted: date
    mrn: str
    age: int
    sex: str
    discharged: date
    disposition: str
    planned: bool
    dx: Diagnosis
    completed: date | None


def _generate(
    seed: int, encounters: int, beds: int, days: int, as_of: date, offset: int
) -> EncounterBatch:
    rng = random.Random(derive_seed("analysis-stays", seed, days))
    end = as_of - timedelta(days=READMISSION_LOOKAHEAD + 1 + offset)
    start = end - timedelta(days=days - 1)
    rows = _rows(rng, seed, encounters, start, end, as_of)
    rows.sort(key=lambda r: (r.admitted, r.mrn))
    # What the abstract adds to each stay, drawn from a stream of its own so that the
    # stays themselves (and the answers of the first statistics) are what they always were.
    extras = random.Random(derive_seed("analysis-stay-extras", seed, days))
    stays = [
        InpatientStay.model_construct(
            account=f"IP{start:%y}{number:06d}",
            mrn=row.mrn,
            age=row.age,
            sex=row.sex,  # type: ignore[arg-type]
            admitted=row.admitted,
            discharged=row.discharged,
            planned=row.planned,
            principal_dx=row.dx.code,
            disposition=row.disposition,  # type: ignore[arg-type]
            principal_description=row.dx.description,
            chart_completed=row.completed,
            **_abstracted(extras, row),
        )
        for number, row in enumerate(rows, start=1)
    ]
    return EncounterBatch.model_construct(
        facility=FACILITY, beds=beds, period_start=start, period_end=end, as_of=as_of, stays=stays
    )


def _abstracted(rng: random.Random, row: _Row) -> dict[str, Any]:
    """The MS-DRG and its weight, the hours to death, autopsy and infection of one stay."""
    died = row.disposition == "expired"
    severity = rng.choices((0, 1, 2), weights=_SEVERITY_DIED if died else _SEVERITY)[0]
    family = row.dx.expired_drgs if died and row.dx.expired_drgs else row.dx.drgs
    drg = family[severity]
    found = table5_row(drg, FISCAL_YEAR)
    days = (row.discharged - row.admitted).days
    return {
        "drg": drg,
        "drg_weight": found.weight if found else None,
        # consistent with the dates: death on the discharge date, at any hour of it
        "death_hours": rng.randint(max(1, days * 24 - 23), days * 24 + 23) if died else None,
        "autopsy": died and rng.randrange(100) < AUTOPSY_PERCENT,
        "infection": rng.randrange(100) < INFECTION_PERCENT,
    }


def _rows(
    rng: random.Random, seed: int, encounters: int, start: date, end: date, as_of: date
) -> list[_Row]:
    """Patients with a stay in the period, and their readmissions, until there are enough."""
    last_admission = end + timedelta(days=READMISSION_LOOKAHEAD)
    days = (end - start).days + 1
    rows: list[_Row] = []
    patients = 0
    while len(rows) < encounters:
        patients += 1
        admitted = start + timedelta(days=rng.randint(-12, days - 1))
        mrn, age, sex = mrn_for(seed, patients), rng.randint(18, 95), rng.choice(("F", "M"))
        row = _stay(rng, as_of, mrn, age, sex, admitted, rng.random() < 0.1, None)
        if row.discharged < start:
            continue  # never touched the period: not in the extract
        rows.append(row)
        # readmissions, while the patient is alive and was discharged within the period
        while (
            len(rows) < encounters
            and row.disposition != "expired"
            and row.discharged <= end
            and rng.random() < 0.22
        ):
            admitted = row.discharged + timedelta(days=rng.choice(_READMIT_GAP_DAYS))
            if admitted > last_admission:
                break
            row = _stay(rng, as_of, mrn, age, sex, admitted, rng.random() < 0.2, row.dx)
            rows.append(row)
    return rows


def _stay(
    rng: random.Random,
    as_of: date,
    mrn: str,
    age: int,
    sex: str,
    admitted: date,
    planned: bool,
    like: Diagnosis | None,
) -> _Row:
    """One stay: its principal diagnosis, length, disposition and chart completion.

    A readmission (``like`` given) has the same principal diagnosis half the time.
    """
    codes, code_weights, planned_codes = diagnoses_for(age)
    if planned:
        dx = rng.choice(planned_codes)
    elif like is not None and rng.random() < 0.5:
        dx = like
    else:
        dx = rng.choices(codes, cum_weights=code_weights)[0]
    length = rng.choices(_LENGTHS, cum_weights=_LENGTH_WEIGHTS)[0]
    latest_discharge = as_of - timedelta(days=1)
    discharged = min(admitted + timedelta(days=length), max(admitted, latest_discharge))
    disposition = rng.choices(_DISPOSITION_NAMES, cum_weights=_DISPOSITION_WEIGHTS)[0]
    completed = _completion(rng, discharged, as_of)
    return _Row(admitted, mrn, age, sex, discharged, disposition, planned, dx, completed)


def _completion(rng: random.Random, discharged: date, as_of: date) -> date | None:
    roll = rng.random()
    for days, weight in _COMPLETION:
        if roll < weight / 100:
            completed = discharged + timedelta(days=rng.choice(days))
            return completed if completed < as_of else None
        roll -= weight / 100
    return None


def batch_csv(batch: EncounterBatch) -> str:
    """The batch as CSV text: a header row, then one row per stay (dates ISO, planned yes/no);
    the birth columns only when the batch holds births."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    births = batch.has_births
    writer.writerow(CSV_COLUMNS + BIRTH_COLUMNS if births else CSV_COLUMNS)
    for stay in batch.stays:
        extra = (stay.delivery or "", "yes" if stay.newborn else "no", stay.mother or "")
        writer.writerow(
            (
                stay.account,
                stay.mrn,
                stay.age,
                stay.sex,
                stay.admitted.isoformat(),
                stay.discharged.isoformat(),
                stay.disposition,
                "yes" if stay.planned else "no",
                stay.principal_dx,
                stay.principal_description,
                stay.chart_completed.isoformat() if stay.chart_completed else "",
                stay.drg or "",
                f"{stay.drg_weight:.4f}" if stay.drg_weight is not None else "",
                "" if stay.death_hours is None else stay.death_hours,
                "yes" if stay.autopsy else "no",
                "yes" if stay.infection else "no",
                *(extra if births else ()),
            )
        )
    return out.getvalue()
