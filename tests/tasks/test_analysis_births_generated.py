"""Generated deliveries and newborns: real codes and MS-DRGs, rates recounted from the rows,
and the forms of blocks that ask nothing about births unchanged."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import simple_icd_10_cm as icd
from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.coding.grouper import Stay, group
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.analysis import TASK
from recsim.tasks.analysis.batch import BIRTH_COLUMNS, batch_csv, generate_batch
from recsim.tasks.analysis.births import (
    NEONATE_DIED_OR_TRANSFERRED,
    NEWBORN_PROBLEMS,
    NORMAL_NEWBORN,
    delivery_diagnoses,
    newborn_diagnoses,
)
from recsim.tasks.analysis.content import DeliveryEntry
from recsim.tasks.analysis.models import AnalysisAnswer, EncounterBatch
from recsim.tasks.analysis.statistics import (
    caesarean_rate,
    newborn_census,
    newborn_death_rate,
    newborn_length_of_stay,
)
from recsim.tasks.base import Trail
from tests.conftest import SCENARIOS

ON = date(2026, 3, 1)
DELIVERY_PROCEDURE = {"vaginal": "10E0XZZ", "caesarean": "10D00Z1"}
"""ICD-10-PCS: delivery of products of conception, external; low cervical caesarean."""
CC, MCC = "O75.2", "O14.13"
"""Pyrexia during labour (a CC); severe pre-eclampsia, third trimester (an MCC)."""


@pytest.mark.parametrize("entry", delivery_diagnoses(), ids=lambda d: f"{d.code}-{d.delivery}")
def test_each_delivery_diagnosis_groups_to_its_drg_family(entry: DeliveryEntry) -> None:
    outcome = "Z37.2" if entry.twins else "Z37.0"
    procedure = (DELIVERY_PROCEDURE[entry.delivery],)
    found = [
        group(Stay(entry.code, ON, (outcome, "Z3A.39", *extra), procedure, age=30, sex="F")).drg
        for extra in ((), (CC,), (MCC,))
    ]
    if entry.code == "O80":  # no other chapter 15 code with O80 (Guidelines I.C.15.n)
        found = found[:1] * 3
    assert tuple(found) == entry.drgs


@pytest.mark.parametrize("code", [n.code for n in newborn_diagnoses()])
def test_newborn_stays_group_to_the_newborn_drgs(code: str) -> None:
    def drg(secondary: tuple[str, ...] = (), disposition: int = 1) -> int:
        return group(Stay(code, ON, secondary, age=0, sex="M", disposition=disposition)).drg

    assert drg() == NORMAL_NEWBORN
    assert drg(("P22.1",)) == NEWBORN_PROBLEMS  # transient tachypnoea of newborn
    assert drg(disposition=20) == drg(disposition=2) == NEONATE_DIED_OR_TRANSFERRED


def test_every_birth_code_is_billable_with_its_own_description() -> None:
    entries = [*delivery_diagnoses(), *newborn_diagnoses()]
    for entry in entries:
        assert icd.is_leaf(entry.code), entry.code
        assert icd.get_description(entry.code) == entry.description


def recount(batch: EncounterBatch) -> tuple[int, int, int, int, int]:
    """Caesareans, deliveries, newborn days, newborn deaths and newborn discharges, counted
    day by day and row by row without statistics.py."""
    start, end = batch.period_start, batch.period_end
    ended = [s for s in batch.stays if start <= s.discharged <= end]
    delivered = [s for s in ended if s.delivery]
    newborns = [s for s in ended if s.newborn]
    days = 0
    day = start
    while day <= end:
        for s in batch.stays:
            if s.newborn and (
                s.admitted <= day < s.discharged or s.admitted == s.discharged == day
            ):
                days += 1
        day += timedelta(days=1)
    return (
        sum(1 for s in delivered if s.delivery == "caesarean"),
        len(delivered),
        days,
        sum(1 for s in newborns if s.disposition == "expired"),
        len(newborns),
    )


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**62),
    encounters=st.integers(min_value=10, max_value=200),
    births=st.integers(min_value=1, max_value=60),
    period=st.integers(min_value=7, max_value=60),
)
def test_birth_statistics_are_what_the_rows_give(
    seed: int, encounters: int, births: int, period: int
) -> None:
    batch = generate_batch(seed, encounters, 400, period, ON, births)
    caesareans, deliveries, days, died, newborns = recount(batch)
    c_rate, census, deaths = (
        caesarean_rate(batch),
        newborn_census(batch),
        newborn_death_rate(batch),
    )
    assert (c_rate.numerator, c_rate.denominator) == (caesareans, deliveries)
    assert (census.numerator, census.denominator) == (days, batch.period_days)
    assert (deaths.numerator, deaths.denominator) == (died, newborns)
    stay = newborn_length_of_stay(batch)
    ended = [
        s
        for s in batch.stays
        if s.newborn and batch.period_start <= s.discharged <= batch.period_end
    ]
    assert stay.numerator == sum(max(1, (s.discharged - s.admitted).days) for s in ended)
    assert stay.denominator == newborns
    assert 0 <= c_rate.value <= 100 and 0 <= deaths.value <= 100
    assert caesareans <= deliveries <= births
    assert days <= sum(1 for s in batch.stays if s.newborn) * batch.period_days


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**62),
    births=st.integers(min_value=1, max_value=60),
)
def test_every_delivery_has_its_newborns_and_the_other_stays_are_untouched(
    seed: int, births: int
) -> None:
    batch = generate_batch(seed, 120, 400, 30, ON, births)
    plain = generate_batch(seed, 120, 400, 30, ON)
    assert [s for s in batch.stays if not s.delivery and not s.newborn] == plain.stays
    mothers = {s.account: s for s in batch.stays if s.delivery}
    assert len(mothers) == births
    babies: dict[str, int] = {}
    for stay in batch.stays:
        assert stay.admitted <= stay.discharged < batch.as_of
        assert stay.discharged >= batch.period_start  # every stay touches the period or after
        if stay.newborn:
            mother = mothers[stay.mother or ""]
            assert stay.age == 0 and stay.admitted == mother.admitted
            babies[mother.account] = babies.get(mother.account, 0) + 1
        if stay.delivery:
            assert stay.sex == "F" and 18 <= stay.age <= 44
    assert set(babies) == set(mothers) and set(babies.values()) <= {1, 2}
    assert len({s.account for s in batch.stays}) == len(batch.stays)
    assert len({s.mrn for s in batch.stays if s.newborn or s.delivery}) == 2 * births + sum(
        n - 1 for n in babies.values()
    )


def test_the_csv_has_the_birth_columns_only_with_births() -> None:
    header = batch_csv(generate_batch(3, 50, 400, 30, ON)).splitlines()[0]
    assert not set(BIRTH_COLUMNS) & set(header.split(","))
    with_births = batch_csv(generate_batch(3, 50, 400, 30, ON, 10)).splitlines()[0]
    assert with_births.split(",")[-3:] == list(BIRTH_COLUMNS)


def preview(text: str) -> list[object]:
    loaded = parse_scenario(text, "s.yaml", checks=(task_checks,), base=Path("s.yaml"))
    return list(make_variant(loaded, trainee="Ana Ruiz").form.items())


def test_the_births_block_leaves_the_other_items_of_the_bundled_scenario_as_they_were() -> None:
    text = (SCENARIOS / "public-health-statistics.yaml").read_text(encoding="utf-8")
    births_block = text.index("  - analysis:", text.index("objective: outcomes"))
    with_births, without = preview(text), preview(text[:births_block])
    assert len(with_births) == len(without) + 4
    for kept, before in zip(with_births, without, strict=False):
        assert kept.view == before.view and kept.key == before.key  # type: ignore[attr-defined]
    asked = [item.view.question for item in with_births[len(without) :]]  # type: ignore[attr-defined]
    assert asked == [
        "caesarean_rate",
        "newborn_census",
        "newborn_death_rate",
        "newborn_length_of_stay",
    ]
    assert all(item.view.batch.has_births for item in with_births[len(without) :])  # type: ignore[attr-defined]


def test_a_wrong_answer_is_told_the_definition_and_its_source() -> None:
    text = (SCENARIOS / "public-health-statistics.yaml").read_text(encoding="utf-8")
    item = preview(text)[-4]
    key = item.key  # type: ignore[attr-defined]
    (right,) = TASK.check(item, TASK.key_answer(item), Trail())  # type: ignore[arg-type]
    assert right.outcome == "correct"
    assert "Horton" in right.rule and "women delivered, not infants born" in right.rule
    infants = AnalysisAnswer(value=0.0, numerator=key.numerator, denominator=key.denominator + 1)
    (wrong,) = TASK.check(item, infants, Trail())  # type: ignore[arg-type]
    assert wrong.outcome == "missed"
    assert "caesarean deliveries / deliveries x 100" in wrong.feedback
    assert "denominator differs" in wrong.feedback
