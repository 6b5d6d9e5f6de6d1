"""Clean is clean: generated charts with no planted error break none of recsim's own rules.

Thousands of charts go through every check recsim teaches: the claim edits of
recsim.coding on each encounter's codes with the patient's age and sex, the
hypertension combination and pregnancy rules, doses and vital signs for age,
date order, coverage dates, drugs a note names, shared households, and the
audit kind's reviewer for every error kind it plants. Any finding is a
generation bug a trainee would be marked against.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from recsim.coding.edits import check_codes
from recsim.core.clock import age_on
from recsim.core.generate import Population
from recsim.core.generate.population import SETTINGS
from recsim.core.generate.review import (
    CHECKS,
    Finding,
    encounter_codes,
    review,
    shared_households,
)
from recsim.core.records import PatientRecord
from tests.tasks.audit.detectors import DETECTORS

AS_OF = date(2026, 3, 2)
SEED = 20261126
PER_SETTING = 1_250
"""Charts per setting: 4 x 1,250 = 5,000 patients of one population, each setting over 500."""


@cache
def clean_charts(setting: str) -> tuple[PatientRecord, ...]:
    """This setting's share of the population: its own patients, with no error planted."""
    population = Population(seed=SEED, as_of=AS_OF, setting=setting)
    first = SETTINGS.index(setting) * PER_SETTING
    return tuple(population.patient(index) for index in range(first, first + PER_SETTING))


@cache
def _claim_edits(codes: tuple[str, ...], sex: str, age: int, setting: str) -> tuple[str, ...]:
    result = check_codes(list(codes), sex=sex, age=age, setting=setting)
    return tuple(e.message for e in result.edits)


def claim_findings(record: PatientRecord) -> list[Finding]:
    """The claim edits each encounter's codes trigger, with the patient's age and sex."""
    found = []
    for number, encounter in enumerate(record.encounters):
        age = age_on(record.patient.date_of_birth, encounter.admit_date)
        codes = tuple(encounter_codes(encounter))
        for message in _claim_edits(codes, record.patient.sex, age, encounter.type):
            found.append(Finding(f"encounters[{number}]", "claim edit", message))
    return found


def audit_findings(record: PatientRecord) -> list[Finding]:
    """What the audit kind's reviewers (one per error kind) would flag."""
    return [
        Finding(path, f"audit reviewer for {kind}", "flagged")
        for kind, detect in DETECTORS.items()
        for path in sorted(detect(record, AS_OF))
    ]


def findings(setting: str) -> list[str]:
    return [
        f"{setting} {record.patient.mrn} {f.path}: {f.message} ({f.rule})"
        for record in clean_charts(setting)
        for f in [*review(record, AS_OF), *claim_findings(record), *audit_findings(record)]
    ]


@pytest.mark.parametrize("setting", SETTINGS)
def test_clean_charts_of_every_setting_break_no_rule(setting: str) -> None:
    found = findings(setting)
    assert found == [], "\n".join(found[:20])


def test_five_thousand_unrelated_patients_share_no_household() -> None:
    records = [record for setting in SETTINGS for record in clean_charts(setting)]
    assert len(records) >= 5_000
    found = [f"{f.path}: {f.message}" for f in shared_households(records)]
    assert found == [], "\n".join(found[:20])


def test_the_review_runs_every_rule_the_issue_names() -> None:
    assert {
        "hypertension_combination",
        "pregnancy_supervision",
        "dose_for_age",
        "vitals_for_age",
        "allergy_conflict",
        "date_order",
        "coverage_dates",
        "drug_mentions",
        "overlapping_encounters",
        "wellness_for_age",
        "attending_fits",
    } <= set(CHECKS)
