"""The stay library covers what issue 17 asks of it, and marks POA exempt codes as Appendix I does.

The inpatient kind teaches principal diagnosis, POA, MCCs and the discharge
status across the MDCs a hospital coder meets; these tests fail if a case file
is dropped or a teaching point (a death, a post-acute care transfer, a
hospital-acquired condition that moves the DRG) goes missing. The POA test keeps
every keyed ``exempt`` on a category of the exempt list in the ICD-10-CM
Official Guidelines, Appendix I, and every code of those categories ``exempt``.
"""

from __future__ import annotations

from datetime import date

import pytest

from recsim.coding.drg_weights import table5_row
from recsim.tasks.stays import StayCase, all_cases

EXEMPT_CATEGORIES = frozenset(
    {
        "I69",  # sequelae of cerebrovascular disease
        "O80",  # encounter for full-term uncomplicated delivery
        "Y92",  # place of occurrence of the external cause
        "Z23",  # encounter for immunization
        "Z30",  # encounter for contraceptive management (sterilization)
        "Z37",  # outcome of delivery
        "Z38",  # liveborn infants
        "Z3A",  # weeks of gestation
        "Z66",  # do not resuscitate
        "Z68",  # body mass index
        "Z79",  # long-term (current) drug therapy
        "Z85",  # personal history of malignant neoplasm
        "Z86",  # personal history of certain other diseases
        "Z87",  # personal history of other diseases and conditions
        "Z88",  # allergy status to drugs
        "Z95",  # presence of cardiac and vascular implants and grafts
        "Z99",  # dependence on enabling machines and devices
    }
)
"""Categories on the Appendix I POA exempt list that the library's keys use.

A new case keying an exempt code of another category adds it here after
checking Appendix I; the test below then holds every case to it.
"""
ISSUE_MDCS = frozenset({1, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 18, 19, 20, 21})
"""The MDCs of the stays issue 17 names (respiratory, circulatory, digestive,
musculoskeletal, obstetric, newborn, infectious, mental health...)."""
POST_ACUTE_STATUSES = frozenset({3, 6, 62, 63, 65})
"""Discharge statuses that make a post-acute care transfer (42 CFR 412.4(c))."""


def test_the_library_holds_forty_stays_across_the_issues_mdcs() -> None:
    cases = all_cases()
    assert len(cases) >= 40
    assert {case.mdc for case in cases} >= ISSUE_MDCS


def test_deliveries_and_newborns_cover_each_drg_family() -> None:
    drgs = {case.key.drg for case in all_cases()}
    # Cesarean with / without sterilization; vaginal with / without; newborn normal / not.
    for family in ((783, 784, 785), (786, 787, 788), (796, 797, 798), (805, 806, 807)):
        assert drgs & set(family), family
    assert 795 in drgs
    assert drgs & {790, 791, 792, 793, 794}


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_exempt_is_keyed_exactly_for_exempt_categories(case: StayCase) -> None:
    for diagnosis in case.key.secondary:
        exempt_category = diagnosis.code[:3] in EXEMPT_CATEGORIES
        assert (diagnosis.poa == "exempt") == exempt_category, (diagnosis.code, diagnosis.poa)


def test_a_death_and_a_post_acute_care_transfer_are_taught() -> None:
    cases = all_cases()
    assert any(case.key.disposition == 20 for case in cases)
    transfers = [
        case
        for case in cases
        if case.key.disposition in POST_ACUTE_STATUSES
        and (row := table5_row(case.key.drg, 2026)) is not None
        and row.post_acute_transfer
    ]
    assert len(transfers) >= 2


def test_a_hospital_acquired_condition_moves_a_drg() -> None:
    pytest.importorskip("msdrg")
    from recsim.coding.grouper import Stay, group

    moved = []
    for case in all_cases():
        key = case.key
        if not any(d.poa == "N" for d in key.secondary):
            continue
        grouping = group(
            Stay(
                principal=key.principal,
                discharged=date(2026, 3, 1),
                secondary=tuple(d.code for d in key.secondary),
                procedures=tuple(key.procedures),
                poa={d.code: "1" if d.poa == "exempt" else d.poa for d in key.secondary},
                age=case.patient.age[1],
                sex=case.patient.sexes[0],
                disposition=key.disposition,
            )
        )
        if grouping.hac_changed_drg:
            moved.append(case.id)
    assert len(moved) >= 2, moved
