"""Partial credit by meaning: near misses earn half, contradictions nothing; several first-listed
codes and explicit also-accepted codes (docs/coding.md, "Partial credit")."""

from __future__ import annotations

import pytest

from recsim.coding import codeset
from recsim.core.scoring import Finding, scorecard
from recsim.tasks.coding.credit import relate
from recsim.tasks.coding.models import CodingAnswer, CodingKey
from recsim.tasks.coding.scoring import grade


@pytest.mark.parametrize(
    ("expected", "given", "relation"),
    [
        ("S52.531A", "S52.532A", "laterality"),
        ("H66.92", "H66.90", "laterality"),
        ("S52.531A", "S52.531D", "seventh_character"),
        ("S52.531A", "S52.531S", "seventh_character"),
        ("S52.531A", "S52.531B", "contradicts"),  # open fracture for a closed one
        ("S52.531A", "S52.531G", "contradicts"),  # delayed healing is not documented
        ("N18.31", "N18.30", "specificity"),
        ("S52.531A", "S52.501A", "specificity"),
        ("E11.22", "E11.9", "contradicts"),  # "without complications"
        ("Z37.0", "Z37.1", "contradicts"),  # stillbirth for live birth
        ("N18.31", "N18.4", "contradicts"),
        ("E10.10", "E10.11", "contradicts"),  # coma
    ],
)
def test_a_same_category_code_is_a_named_near_miss_or_a_contradiction(
    expected: str, given: str, relation: str
) -> None:
    assert relate(expected, given, codeset())[0] == relation


def _key(**fields: object) -> CodingKey:
    base: dict[str, object] = {
        "case": "test",
        "source": "scenario",
        "sex": "F",
        "age": 60,
        "encounter": "inpatient",
    }
    return CodingKey.model_validate({**base, **fields})


def _percent(findings: list[Finding]) -> float:
    card = scorecard(findings, weights={}, passing_score=80, items_total=1, items_answered=1)
    return card.categories["coding"].percent


def _grade(key: CodingKey, *codes: str) -> list[Finding]:
    return grade("coding-1", None, key, CodingAnswer(diagnoses=list(codes)))


def test_either_of_two_equally_responsible_conditions_may_be_listed_first() -> None:
    # Congestive heart failure and COPD exacerbation, both treated, both present on admission.
    key = _key(diagnoses=["I50.9", "J44.1"], first_listed=["J44.1"])
    for order in (("I50.9", "J44.1"), ("J44.1", "I50.9")):
        findings = _grade(key, *order)
        assert _percent(findings) == 100, [f.feedback for f in findings]
    sequencing = next(f for f in _grade(key, "Z87.891", "I50.9") if f.topic == "sequencing")
    assert "I50.9" in sequencing.feedback and "J44.1" in sequencing.feedback
    assert "II.C" in sequencing.rule


def test_without_first_listed_only_the_key_s_first_code_may_come_first() -> None:
    findings = _grade(_key(diagnoses=["I50.9", "J44.1"]), "J44.1", "I50.9")
    assert next(f for f in findings if f.topic == "sequencing").outcome == "missed"


def test_an_also_accepted_code_earns_full_credit_in_place_of_the_key_code() -> None:
    key = _key(diagnoses=["I50.9", "J44.1"], also_accepted={"J44.1": ["J44.0"]})
    findings = _grade(key, "I50.9", "J44.0")
    assert _percent(findings) == 100
    assert any("accepted in place of J44.1" in f.feedback for f in findings)


def test_a_code_is_accepted_only_where_the_key_says() -> None:
    key = _key(diagnoses=["I50.9", "J44.1"], also_accepted={"I50.9": ["J44.0"]})
    findings = _grade(key, "I50.9", "J44.0")
    assert _percent(findings) < 100


def test_an_authored_key_s_citations_reach_every_code_finding() -> None:
    key = _key(
        diagnoses=["O80", "Z37.0"],
        guidelines=["I.C.15.b.5"],
        sources=["ICD-10-CM tabular note at O80"],
    )
    findings = _grade(key, "O80", "Z37.1")
    codes = [f for f in findings if f.topic == "code"]
    assert codes and all("FY2026" in f.rule and "I.C.15.b.5" in f.rule for f in codes)
    assert all("tabular note at O80" in f.rule for f in codes)
