"""Statistics batches draw each stay's diagnosis for the patient's age."""

from __future__ import annotations

from datetime import date

from recsim.tasks.analysis.batch import diagnoses, generate_batch

AS_OF = date(2026, 3, 2)


def test_no_young_adult_is_admitted_for_a_disease_of_later_life() -> None:
    batch = generate_batch(11, 3000, 120, 90, AS_OF)
    late = {"M16.11": 45, "M17.11": 45, "J44.1": 40, "I50.9": 40, "S72.001A": 50}
    too_young = [
        (s.principal_dx, s.age) for s in batch.stays if s.age < late.get(s.principal_dx, 0)
    ]
    assert too_young == []
    assert {s.principal_dx for s in batch.stays} >= set(late)  # each still drawn, when it fits


def test_every_stay_fits_its_diagnosis_age_range() -> None:
    ranges = {d.code: d.ages for d in diagnoses()}
    batch = generate_batch(5, 2000, 100, None, AS_OF)
    for stay in batch.stays:
        low, high = ranges[stay.principal_dx]
        assert low <= stay.age <= high, (stay.account, stay.principal_dx, stay.age)
