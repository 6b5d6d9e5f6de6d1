"""The Caesarean-section rate and the newborn statistics, against a batch counted by hand.

The definitions are docs/statistics.md's (Horton, Calculating and Reporting Healthcare
Statistics): deliveries count women delivered, not infants born; newborns are counted
apart from adults and children in the census, occupancy, length of stay and turnover,
and with them in the death rates. The stays are test_analysis_statistics.py's, with a
maternity unit added.
"""

from __future__ import annotations

from datetime import date

import pytest

from recsim.tasks.analysis.models import EncounterBatch, InpatientStay
from recsim.tasks.analysis.statistics import (
    NEWBORNS_APART,
    average_daily_census,
    average_length_of_stay,
    bed_occupancy,
    bed_turnover,
    caesarean_rate,
    gross_death_rate,
    newborn_census,
    newborn_death_rate,
    newborn_length_of_stay,
)
from tests.tasks.test_analysis_statistics import hand_counted

# (account, mrn, admitted, discharged, disposition, delivery, newborn's mother, dx)
BIRTHS = [
    ("M1", "P8", "2026-01-03", "2026-01-05", "home", "caesarean", None, "O34.211"),
    ("N1", "B1", "2026-01-03", "2026-01-05", "home", None, "M1", "Z38.01"),
    # twins: one delivery, two newborns; the second stays on past the period
    ("M2", "P9", "2026-01-08", "2026-01-09", "home", "vaginal", None, "O30.043"),
    ("N2", "B2", "2026-01-08", "2026-01-09", "home", None, "M2", "Z38.30"),
    ("N3", "B3", "2026-01-08", "2026-01-12", "home", None, "M2", "Z38.30"),
    # born before the period, died on its first day: a discharge with no service day in it
    ("M3", "P10", "2025-12-30", "2026-01-01", "home", "vaginal", None, "O80"),
    ("N4", "B4", "2025-12-30", "2026-01-01", "expired", None, "M3", "Z38.00"),
    # delivered on the last day, home after the period: not a delivery of the period
    ("M4", "P11", "2026-01-10", "2026-01-13", "home", "caesarean", None, "O76"),
    ("N5", "B5", "2026-01-10", "2026-01-13", "home", None, "M4", "Z38.01"),
]


def with_births() -> EncounterBatch:
    """hand_counted() (1-10 January 2026, 4 beds) with four deliveries and five newborns."""
    batch = hand_counted()
    added = [
        InpatientStay(
            account=account,
            mrn=mrn,
            age=0 if mother else 30,
            sex="F",
            admitted=date.fromisoformat(admitted),
            discharged=date.fromisoformat(discharged),
            disposition=disposition,  # type: ignore[arg-type]
            planned=False,
            principal_dx=dx,
            principal_description="(test)",
            delivery=delivery,  # type: ignore[arg-type]
            newborn=mother is not None,
            mother=mother,
            death_hours=40 if disposition == "expired" else None,
        )
        for account, mrn, admitted, discharged, disposition, delivery, mother, dx in BIRTHS
    ]
    return batch.model_copy(update={"stays": [*batch.stays, *added]})


def test_caesarean_rate_counts_women_delivered_not_infants_born() -> None:
    # Deliveries discharged in 1-10 January: M1 (caesarean), M2 (twins, one delivery), M3.
    # M4 went home on 13 January. Counting infants (N1-N4) would give 1 / 4.
    stat = caesarean_rate(with_births())
    assert (stat.numerator, stat.denominator) == (1, 3)
    assert stat.value == pytest.approx(100 / 3)
    assert stat.excluded == {"delivery stays not discharged in the period": 1}


def test_newborn_census_counts_newborn_service_days_over_the_days_of_the_period() -> None:
    # N1 3 and 4 Jan (2); N2 8 Jan (1); N3 8, 9, 10 Jan (3); N4 none in the period (its
    # days were 30 and 31 Dec); N5 10 Jan (1): 7 days in 10.
    stat = newborn_census(with_births())
    assert (stat.numerator, stat.denominator, stat.value) == (7, 10, 0.7)
    assert stat.excluded == {"newborn stays with no day in the period": 1}


def test_newborn_death_rate_is_newborn_deaths_over_newborn_discharges() -> None:
    # Newborns discharged in the period: N1, N2 and N4 (died); N3 and N5 left after it.
    stat = newborn_death_rate(with_births())
    assert (stat.numerator, stat.denominator) == (1, 3)
    assert stat.excluded == {"newborn stays not discharged in the period": 2}


def test_newborn_length_of_stay_averages_the_newborns_discharged_in_the_period() -> None:
    # N1 3-5 Jan (2 days), N2 8-9 Jan (1), N4 30 Dec-1 Jan (2, days before the period count)
    stat = newborn_length_of_stay(with_births())
    assert (stat.numerator, stat.denominator) == (5, 3)
    assert stat.value == pytest.approx(5 / 3)
    assert stat.excluded == {"newborn stays not discharged in the period": 2}


def test_newborns_are_left_out_of_the_adults_census_occupancy_stay_and_turnover() -> None:
    plain, births = hand_counted(), with_births()
    # Mothers' service days in the period: M1 2, M2 1, M3 0, M4 1
    occupancy = bed_occupancy(births)
    assert occupancy.numerator == bed_occupancy(plain).numerator + 4
    assert occupancy.excluded[NEWBORNS_APART] == 5
    assert average_daily_census(births).numerator == occupancy.numerator
    # Mothers discharged in the period: M1 (2 days), M2 (1), M3 (2); newborns N1, N2, N4 out
    stay = average_length_of_stay(births)
    before = average_length_of_stay(plain)
    assert (stay.numerator, stay.denominator) == (before.numerator + 5, before.denominator + 3)
    assert stay.excluded[NEWBORNS_APART] == 3
    assert bed_turnover(births).numerator == bed_turnover(plain).numerator + 3


def test_newborns_count_in_the_hospital_death_rate() -> None:
    # A4 and N4 died; 6 + 3 mothers + 3 newborns discharged in the period
    stat = gross_death_rate(with_births())
    assert (stat.numerator, stat.denominator) == (2, 12)


def test_a_batch_without_births_names_no_newborn_exclusion() -> None:
    plain = hand_counted()
    for stat in (bed_occupancy(plain), average_length_of_stay(plain), bed_turnover(plain)):
        assert NEWBORNS_APART not in stat.excluded


def test_the_birth_fields_are_written_only_when_set() -> None:
    """A form made before births existed is written exactly as it was."""
    plain = hand_counted().stays[0].model_dump(mode="json")
    assert not {"delivery", "newborn", "mother"} & set(plain)
    stays = {s.account: s.model_dump(mode="json") for s in with_births().stays}
    assert stays["M1"]["delivery"] == "caesarean" and "newborn" not in stays["M1"]
    assert stays["N1"]["newborn"] is True and stays["N1"]["mother"] == "M1"
    assert InpatientStay.model_validate(stays["N1"]).mother == "M1"
