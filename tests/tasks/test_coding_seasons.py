"""Seasonal coding cases happen in their season: no heat exhaustion or Lyme disease in February."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.coding.library import cases_for
from recsim.tasks.coding.library import library as library_cases
from recsim.tasks.coding.task import vary

SEASONAL = {case.id: case for case in library_cases() if case.months}


def test_the_seasonal_cases_say_their_season() -> None:
    assert SEASONAL["ph-lyme-erythema-migrans"].months == [5, 6, 7, 8, 9]
    assert SEASONAL["ph-heat-exhaustion-roofer"].months == [6, 7, 8]


@pytest.mark.parametrize("as_of", [date(2026, 3, 2), date(2026, 7, 20), date(2026, 12, 31)])
@pytest.mark.parametrize("case_id", sorted(SEASONAL))
def test_a_seasonal_case_is_dated_in_its_season(case_id: str, as_of: date) -> None:
    case = SEASONAL[case_id]
    for seed in range(30):
        variation = vary(
            random.Random(seed),
            sexes=case.patient.sexes,
            ages=case.patient.age,
            inpatient=case.encounter == "inpatient",
            stay=case.stay,
            as_of=as_of,
            locale="en_US",
            months=case.months,
        )
        assert variation.service_date.month in case.months
        assert 0 < (as_of - variation.service_date).days <= 366


def test_a_public_health_form_in_march_dates_lyme_disease_in_summer() -> None:
    every = len(cases_for("public_health"))
    text = (
        "recsim: 1\nid: season\ntitle: Season\nsetting: public_health\nseed: 3\n"
        f"as_of: 2026-03-02\ntasks:\n  - coding: {{cases: {every}}}\n"
    )
    loaded = parse_scenario(text, "season.yaml", base=Path("season.yaml"))
    items = list(make_variant(loaded).form.items())
    dated = {item.key.case: item.view.service_date for item in items}  # type: ignore[attr-defined]
    assert dated["ph-lyme-erythema-migrans"].month in (5, 6, 7, 8, 9)
    assert dated["ph-heat-exhaustion-roofer"].month in (6, 7, 8)
