"""Case mix, census, death, autopsy, infection and turnover rates against a batch counted by hand.

The definitions are docs/statistics.md's (Horton, Calculating and Reporting Healthcare
Statistics; CMS for the case-mix index). The stays are those of
test_analysis_statistics.py, with what the abstract adds: each stay's MS-DRG and its
FY2026 weight, hours to death, autopsy and infection.
"""

from __future__ import annotations

from datetime import date

import pytest

from recsim.coding.drg_weights import table5_row
from recsim.tasks.analysis.batch import diagnoses
from recsim.tasks.analysis.models import EncounterBatch
from recsim.tasks.analysis.statistics import (
    autopsy_rate,
    average_daily_census,
    bed_turnover,
    case_mix_index,
    gross_death_rate,
    infection_rate,
    net_death_rate,
)
from tests.tasks.test_analysis_statistics import hand_counted

# account -> (MS-DRG, hours from admission to death, autopsy, hospital-acquired infection)
ABSTRACT = {
    "A1": (194, None, False, False),  # pneumonia with CC, weight 0.8601
    "A2": (690, None, False, True),  # UTI, an infection acquired in the stay
    "A3": (195, None, False, False),  # pneumonia, 0.6593
    "A4": (871, 40, True, False),  # sepsis with MCC; died 40 hours in; autopsy
    "A5": (291, None, False, False),  # heart failure with MCC
    "A6": (292, None, False, True),  # discharged after the period: counts nowhere here
    "A8": (872, 30, False, False),  # died 30 hours in (a home disposition, changed below)
}


def abstracted() -> EncounterBatch:
    batch = hand_counted()
    stays = []
    for stay in batch.stays:
        drg, hours, autopsy, infection = ABSTRACT.get(stay.account, (None, None, False, False))
        row = table5_row(drg, 2026) if drg else None
        changes = {
            "drg": drg,
            "drg_weight": row.weight if row else None,
            "death_hours": hours,
            "autopsy": autopsy,
            "infection": infection,
        }
        if hours is not None:
            changes["disposition"] = "expired"
        stays.append(stay.model_copy(update=changes))
    return batch.model_copy(update={"stays": stays})


def weight(drg: int) -> float:
    row = table5_row(drg, 2026)
    assert row is not None and row.weight is not None
    return row.weight


def test_case_mix_index_is_the_mean_drg_weight_of_the_period_discharges() -> None:
    # Discharged in 1-10 January: A1, A2, A3, A4, A5, A8 (six)
    expected = sum(weight(d) for d in (194, 690, 195, 871, 291, 872))
    stat = case_mix_index(abstracted())
    assert stat.numerator == pytest.approx(expected, abs=1e-4) and stat.denominator == 6
    assert stat.value == pytest.approx(expected / 6, abs=1e-4)
    assert stat.excluded == {"not discharged in the period": 6}


def test_average_daily_census_is_service_days_over_days_in_the_period() -> None:
    # Service days (as the bed occupancy test counts them): A1 2 + A2 1 + A3 3 + A4 2 + A5 3
    # + A6 3 + A8 1 + A11 1 = 16 in the 10 days.
    stat = average_daily_census(abstracted())
    assert (stat.numerator, stat.denominator, stat.value) == (16, 10, 1.6)


def test_gross_death_rate_counts_every_inpatient_death() -> None:
    stat = gross_death_rate(abstracted())  # A4 and A8 died; six discharges
    assert (stat.numerator, stat.denominator) == (2, 6)
    assert stat.value == pytest.approx(100 * 2 / 6)


def test_net_death_rate_leaves_out_deaths_under_48_hours_from_both_sides() -> None:
    batch = abstracted()
    assert net_death_rate(batch).value == 0  # both deaths were under 48 hours
    later = [
        s.model_copy(update={"death_hours": 50}) if s.account == "A4" else s for s in batch.stays
    ]
    stat = net_death_rate(batch.model_copy(update={"stays": later}))
    # deaths 2 - 1 early = 1; discharges 6 - 1 early = 5
    assert (stat.numerator, stat.denominator) == (1, 5)
    assert stat.value == pytest.approx(20.0)
    assert stat.excluded["deaths under 48 hours after admission"] == 1


def test_a_death_at_exactly_48_hours_counts_in_the_net_rate() -> None:
    batch = abstracted()
    at_48 = [s.model_copy(update={"death_hours": 48}) if s.death_hours else s for s in batch.stays]
    assert net_death_rate(batch.model_copy(update={"stays": at_48})).numerator == 2


def test_gross_autopsy_rate_is_autopsies_over_inpatient_deaths() -> None:
    stat = autopsy_rate(abstracted())  # one autopsy (A4) of two deaths
    assert (stat.numerator, stat.denominator, stat.value) == (1, 2, 50.0)


def test_infection_rate_counts_the_period_discharges_with_a_hospital_acquired_infection() -> None:
    stat = infection_rate(abstracted())  # A2; A6 left after the period
    assert (stat.numerator, stat.denominator) == (1, 6)


def test_bed_turnover_is_discharges_over_the_average_bed_count() -> None:
    stat = bed_turnover(abstracted())  # six discharges, four beds
    assert (stat.numerator, stat.denominator, stat.value) == (6, 4, 1.5)


def test_no_deaths_give_zero_rates_rather_than_a_division_error() -> None:
    batch = hand_counted()
    alive = batch.model_copy(
        update={"stays": [s.model_copy(update={"disposition": "home"}) for s in batch.stays]}
    )
    assert autopsy_rate(alive).value == net_death_rate(alive).value == 0
    assert gross_death_rate(alive).numerator == 0


def test_every_drg_of_the_stays_has_a_fy2026_weight() -> None:
    for diagnosis in diagnoses():
        for drg in (*diagnosis.drgs, *(diagnosis.expired_drgs or ())):
            assert weight(drg) > 0, (diagnosis.code, drg)


SURGERY = {"S72.001A": "0QS604Z", "M17.11": "0SRC0J9", "M16.11": "0SR9019", "M48.061": "00NY0ZZ"}
"""The operation each surgical family assumes (internal fixation, joint replacement,
lumbar decompression)."""


@pytest.mark.parametrize("diagnosis", diagnoses(), ids=lambda d: d.code)
def test_each_diagnosis_groups_to_its_drg_family_in_the_cms_grouper(diagnosis: object) -> None:
    from recsim.coding.grouper import Stay, group

    assert hasattr(diagnosis, "drgs")
    code = diagnosis.code  # type: ignore[attr-defined]
    procedures = (SURGERY[code],) if code in SURGERY else ()
    cc = "E11.9" if code == "E87.1" else "E87.1"  # hyponatremia is a CC
    mcc = "N17.0" if code == "J96.01" else "J96.01"  # respiratory failure is an MCC
    on = date(2026, 3, 1)
    found = [
        group(Stay(code, on, secondary, procedures, age=70, sex="F")).drg
        for secondary in ((), (cc,), (mcc,))
    ]
    assert tuple(found) == diagnosis.drgs  # type: ignore[attr-defined]
    if diagnosis.expired_drgs:  # type: ignore[attr-defined]
        died = [
            group(Stay(code, on, secondary, procedures, age=70, sex="F", disposition=20)).drg
            for secondary in ((), (cc,), (mcc,))
        ]
        assert tuple(died) == diagnosis.expired_drgs  # type: ignore[attr-defined]
