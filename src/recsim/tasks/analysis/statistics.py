"""Hospital statistics, computed exactly as docs/statistics.md defines them.

Each function takes the batch the trainee sees and returns the numerator,
denominator, value and what was excluded, so that feedback can show the
arithmetic. The definitions (AHIMA, Calculating and Reporting Healthcare Statistics):

* length of stay = discharge date - admission date; a same-day stay counts 1;
* average length of stay = total length of stay of the period's discharges / discharges;
* bed occupancy = inpatient service days / (beds x days in period) x 100;
* 30-day readmission rate (hospital-defined, all causes; not a CMS measure) = index discharges
  followed by an unplanned admission to this hospital within 30 days / index discharges x 100,
  deaths and acute-care transfers not being index discharges;
* delinquent chart rate = charts not completed within 30 days after discharge / discharges x 100;
* top diagnoses = principal diagnosis codes ranked by discharges in the period;
* case-mix index = sum of the MS-DRG relative weights of the period's discharges / discharges
  (CMS);
* average daily census = inpatient service days / days in the period;
* gross death rate = inpatient deaths / discharges (deaths included) x 100;
* net death rate = (deaths - deaths under 48 hours after admission) / (discharges - deaths under
  48 hours) x 100;
* gross autopsy rate = autopsies on inpatient deaths / inpatient deaths x 100;
* hospital-acquired infection rate = stays with a hospital-acquired infection / discharges x 100;
* bed turnover rate (direct formula) = discharges (deaths included) / average bed count;
* Caesarean-section rate = caesarean deliveries / deliveries x 100 (women delivered,
  not infants born);
* average daily newborn census = newborn inpatient service days / days in the period;
* newborn death rate = newborn deaths / newborn discharges (deaths included) x 100;
* average newborn length of stay = total length of stay of newborn discharges / newborn
  discharges.

The last ten are Horton's (Calculating and Reporting Healthcare Statistics, AHIMA).
Newborns (a baby's birth stay) are counted apart from adults and children in the
length of stay, the census, bed occupancy and bed turnover (a baby has a bassinet,
not a bed); the other statistics count every discharge, newborns included.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from recsim.tasks.analysis.models import EncounterBatch, InpatientStay

READMISSION_WINDOW_DAYS = 30
"""An admission up to this many days after a discharge is a readmission."""
COMPLETION_DAYS = 30
"""Days after discharge by which a chart must be complete (42 CFR 482.24(c)(4)(viii))."""
NOT_INDEX = ("expired", "transfer_acute")
"""Dispositions that never make an index discharge."""


@dataclass(frozen=True)
class Statistic:
    """A computed statistic with its parts."""

    numerator: float
    denominator: float
    value: float
    """numerator / denominator (x 100 for a rate); 0 when the denominator is 0."""
    excluded: dict[str, int] = field(default_factory=dict)
    """What was left out of the count, by reason."""


def length_of_stay(stay: InpatientStay) -> int:
    """Discharge date minus admission date; a same-day stay counts 1."""
    return max(1, (stay.discharged - stay.admitted).days)


def discharges(batch: EncounterBatch) -> list[InpatientStay]:
    """Stays discharged within the reporting period."""
    return [s for s in batch.stays if batch.period_start <= s.discharged <= batch.period_end]


NEWBORNS_APART = "newborns (counted apart from adults and children)"
"""The reason newborn stays are left out of the adults' and children's statistics."""


def adult_discharges(batch: EncounterBatch) -> tuple[list[InpatientStay], dict[str, int]]:
    """The period's discharges of adults and children, and what was left out: stays not
    discharged in the period, and newborns (only named when the batch has any)."""
    discharged = discharges(batch)
    adults = [s for s in discharged if not s.newborn]
    excluded = {"not discharged in the period": len(batch.stays) - len(discharged)}
    if len(adults) < len(discharged):
        excluded[NEWBORNS_APART] = len(discharged) - len(adults)
    return adults, excluded


def average_length_of_stay(batch: EncounterBatch) -> Statistic:
    """Total length of stay of the period's discharges / number of discharges (adults and
    children)."""
    discharged, excluded = adult_discharges(batch)
    total = sum(length_of_stay(s) for s in discharged)
    return Statistic(total, len(discharged), _ratio(total, len(discharged)), excluded)


def service_days(stay: InpatientStay, start: date, end: date) -> int:
    """Inpatient service days of one stay within [start, end].

    The midnight census counts a patient on the day of admission and every day
    after it up to, not including, the day of discharge; a stay admitted and
    discharged on the same day counts 1 on that day.
    """
    if stay.admitted == stay.discharged:
        return 1 if start <= stay.admitted <= end else 0
    first = max(stay.admitted, start)
    last = min(stay.discharged - timedelta(days=1), end)
    return max(0, (last - first).days + 1)


def bed_occupancy(batch: EncounterBatch) -> Statistic:
    """Inpatient service days / (beds x days in the period) x 100 (adults and children)."""
    stays = [s for s in batch.stays if not s.newborn]
    days, outside = _census(stays, batch)
    available = batch.beds * batch.period_days
    excluded = {"stays with no day in the period": outside}
    if len(stays) < len(batch.stays):
        excluded[NEWBORNS_APART] = len(batch.stays) - len(stays)
    return Statistic(days, available, 100 * _ratio(days, available), excluded)


def _census(stays: list[InpatientStay], batch: EncounterBatch) -> tuple[int, int]:
    """Inpatient service days of ``stays`` in the period, and how many had none."""
    counted = [service_days(s, batch.period_start, batch.period_end) for s in stays]
    return sum(counted), sum(1 for days in counted if days == 0)


def readmission_rate(batch: EncounterBatch) -> Statistic:
    """Index discharges readmitted (unplanned) within 30 days / index discharges x 100."""
    admissions: dict[str, list[tuple[date, str, bool]]] = defaultdict(list)
    for stay in batch.stays:
        admissions[stay.mrn].append((stay.admitted, stay.account, stay.planned))
    for entries in admissions.values():
        entries.sort()
    excluded: Counter[str] = Counter()
    index = readmitted = 0
    for stay in discharges(batch):
        if stay.disposition in NOT_INDEX:
            excluded[
                "died"
                if stay.disposition == "expired"
                else "transferred to another acute-care hospital"
            ] += 1
            continue
        index += 1
        later = admissions[stay.mrn]
        window_end = stay.discharged + timedelta(days=READMISSION_WINDOW_DAYS)
        followers = [
            (on, account, planned)
            for on, account, planned in later[bisect_left(later, (stay.discharged, "", False)) :]
            if on <= window_end and account != stay.account
        ]
        if any(not planned for _, _, planned in followers):
            readmitted += 1
        elif followers:
            excluded["readmitted only for a planned stay"] += 1
    return Statistic(readmitted, index, 100 * _ratio(readmitted, index), dict(excluded))


def is_delinquent(stay: InpatientStay, as_of: date) -> bool:
    """Not completed within 30 days after discharge: completed late, or open past the deadline."""
    deadline = stay.discharged + timedelta(days=COMPLETION_DAYS)
    if stay.chart_completed is None:
        return as_of > deadline
    return stay.chart_completed > deadline


def delinquent_rate(batch: EncounterBatch) -> Statistic:
    """Delinquent charts of the period's discharges / discharges x 100."""
    discharged = discharges(batch)
    late = sum(1 for s in discharged if is_delinquent(s, batch.as_of))
    return Statistic(
        late,
        len(discharged),
        100 * _ratio(late, len(discharged)),
        {"not discharged in the period": len(batch.stays) - len(discharged)},
    )


def diagnosis_counts(batch: EncounterBatch) -> Counter[str]:
    """Discharges in the period per principal diagnosis code."""
    return Counter(s.principal_dx for s in discharges(batch))


def top_diagnoses(batch: EncounterBatch, count: int) -> tuple[list[str], list[str]]:
    """The ``count`` most frequent codes (ties broken by code), and every code tied with them."""
    ranked = sorted(diagnosis_counts(batch).items(), key=lambda pair: (-pair[1], pair[0]))
    top = [code for code, _ in ranked[:count]]
    if not top:
        return [], []
    floor = ranked[min(count, len(ranked)) - 1][1]
    accepted = [code for code, number in ranked if number >= floor]
    return top, accepted


NET_DEATH_HOURS = 48
"""Deaths this soon after admission are left out of the net death rate."""


def _outside(batch: EncounterBatch, counted: list[InpatientStay]) -> dict[str, int]:
    return {"not discharged in the period": len(batch.stays) - len(counted)}


def case_mix_index(batch: EncounterBatch) -> Statistic:
    """Sum of the MS-DRG relative weights of the period's discharges / discharges."""
    discharged = discharges(batch)
    total = round(sum(s.drg_weight or 0.0 for s in discharged), 4)
    return Statistic(
        total, len(discharged), _ratio(total, len(discharged)), _outside(batch, discharged)
    )


def average_daily_census(batch: EncounterBatch) -> Statistic:
    """Inpatient service days in the period / days in the period."""
    occupancy = bed_occupancy(batch)
    days = occupancy.numerator
    return Statistic(days, batch.period_days, _ratio(days, batch.period_days), occupancy.excluded)


def deaths(batch: EncounterBatch) -> list[InpatientStay]:
    """The period's discharges that were deaths."""
    return [s for s in discharges(batch) if s.disposition == "expired"]


def gross_death_rate(batch: EncounterBatch) -> Statistic:
    """Inpatient deaths / discharges (deaths included) x 100."""
    discharged, died = discharges(batch), len(deaths(batch))
    return Statistic(
        died, len(discharged), 100 * _ratio(died, len(discharged)), _outside(batch, discharged)
    )


def net_death_rate(batch: EncounterBatch) -> Statistic:
    """(Deaths - deaths under 48 hours) / (discharges - deaths under 48 hours) x 100."""
    discharged, died = discharges(batch), deaths(batch)
    early = sum(1 for s in died if (s.death_hours or 0) < NET_DEATH_HOURS)
    numerator, denominator = len(died) - early, len(discharged) - early
    excluded = _outside(batch, discharged) | {"deaths under 48 hours after admission": early}
    return Statistic(numerator, denominator, 100 * _ratio(numerator, denominator), excluded)


def autopsy_rate(batch: EncounterBatch) -> Statistic:
    """Autopsies on the period's inpatient deaths / those deaths x 100 (gross autopsy rate)."""
    died = deaths(batch)
    done = sum(1 for s in died if s.autopsy)
    return Statistic(
        done, len(died), 100 * _ratio(done, len(died)), _outside(batch, discharges(batch))
    )


def infection_rate(batch: EncounterBatch) -> Statistic:
    """Discharges with a hospital-acquired infection / discharges (deaths included) x 100."""
    discharged = discharges(batch)
    infected = sum(1 for s in discharged if s.infection)
    return Statistic(
        infected,
        len(discharged),
        100 * _ratio(infected, len(discharged)),
        _outside(batch, discharged),
    )


def bed_turnover(batch: EncounterBatch) -> Statistic:
    """Discharges (deaths included) / average bed count (the licensed beds, unchanged here);
    adults and children, a newborn having a bassinet."""
    discharged, excluded = adult_discharges(batch)
    return Statistic(len(discharged), batch.beds, _ratio(len(discharged), batch.beds), excluded)


def deliveries(batch: EncounterBatch) -> list[InpatientStay]:
    """The period's discharges of women delivered in their stay (one each, twins or not)."""
    return [s for s in discharges(batch) if s.delivery]


def caesarean_rate(batch: EncounterBatch) -> Statistic:
    """Caesarean deliveries / deliveries x 100, of the delivery stays discharged in the period."""
    delivered = deliveries(batch)
    caesareans = sum(1 for s in delivered if s.delivery == "caesarean")
    outside = sum(1 for s in batch.stays if s.delivery) - len(delivered)
    return Statistic(
        caesareans,
        len(delivered),
        100 * _ratio(caesareans, len(delivered)),
        {"delivery stays not discharged in the period": outside},
    )


def newborn_census(batch: EncounterBatch) -> Statistic:
    """Newborn inpatient service days in the period / days in the period."""
    days, outside = _census([s for s in batch.stays if s.newborn], batch)
    return Statistic(
        days,
        batch.period_days,
        _ratio(days, batch.period_days),
        {"newborn stays with no day in the period": outside},
    )


def newborn_death_rate(batch: EncounterBatch) -> Statistic:
    """Newborn deaths / newborn discharges (deaths included) x 100, in the period."""
    discharged = [s for s in discharges(batch) if s.newborn]
    died = sum(1 for s in discharged if s.disposition == "expired")
    outside = sum(1 for s in batch.stays if s.newborn) - len(discharged)
    return Statistic(
        died,
        len(discharged),
        100 * _ratio(died, len(discharged)),
        {"newborn stays not discharged in the period": outside},
    )


def newborn_length_of_stay(batch: EncounterBatch) -> Statistic:
    """Total length of stay of the newborns discharged in the period / those newborns."""
    discharged = [s for s in discharges(batch) if s.newborn]
    total = sum(length_of_stay(s) for s in discharged)
    outside = sum(1 for s in batch.stays if s.newborn) - len(discharged)
    return Statistic(
        total,
        len(discharged),
        _ratio(total, len(discharged)),
        {"newborn stays not discharged in the period": outside},
    )


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0
