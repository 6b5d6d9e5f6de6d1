"""What the first new-user trial of the inpatient kind found, pinned: invalid PCS codes,
the DRG comparison that repeats nothing, a wrong principal charged once, plain words."""

from __future__ import annotations

import re
from datetime import date

import pytest

from recsim.tasks.inpatient.procedures import pcs_problem, transfer_words
from recsim.tasks.stays import all_cases
from tests.tasks.inpatient.test_inpatient_scoring import earned, score, topic

DISCHARGED = date(2026, 2, 26)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("0DTJ4ZI", "character 7 is 'I', which ICD-10-PCS never uses (it would be read as 1"),
        ("0DTJ4Z", "has 6 characters: an ICD-10-PCS code has all 7"),
        ("0DT-4ZZ", "character 4 is '-', which ICD-10-PCS never uses"),
        ("0SR9ZZZ", "is not a valid ICD-10-PCS code for a discharge on 02/26/2026"),
    ],
)
def test_an_impossible_pcs_code_is_said_to_be_one(code: str, words: str) -> None:
    problem = pcs_problem(code, DISCHARGED)
    assert problem is not None and words in problem and "\n" not in problem


def test_a_valid_pcs_code_has_no_problem() -> None:
    assert pcs_problem("0DTJ4ZZ", DISCHARGED) is None


@pytest.mark.parametrize("code", ["0SR9ZZZ", "0DTJ4ZI"])
def test_an_invalid_pcs_code_on_the_claim_is_scored_as_invalid_first(code: str) -> None:
    findings = score("ip-core-hip-arthroplasty", procedures=[code])
    extra = topic(findings, "extra_procedure")
    assert len(extra) == 1 and extra[0].earned < 0
    assert extra[0].feedback.startswith(f"Invalid code: {code}")
    assert "not supported by the operative" not in extra[0].feedback
    assert "A2" in extra[0].rule and "A9" in extra[0].rule
    assert [f.outcome for f in topic(findings, "procedure")] == ["missed"]


def test_an_invalid_code_one_character_from_the_key_earns_no_half_credit() -> None:
    # 0DTJ4ZW is the key 0DTJ4ZZ with a qualifier no row of table 0DT has
    findings = score("ip-core-appendicitis-laparoscopic", procedures=["0DTJ4ZW"])
    assert pcs_problem("0DTJ4ZW", DISCHARGED) is not None
    assert [f.outcome for f in topic(findings, "procedure")] == ["missed"]
    assert topic(findings, "extra_procedure")[0].feedback.startswith("Invalid code: 0DTJ4ZW")


def test_a_secondary_reported_as_principal_costs_the_principal_point_only() -> None:
    findings = score(
        "ip-core-sepsis-pneumonia",
        principal="J18.9",
        secondary=[
            {"code": "A41.9", "poa": "Y"},
            {"code": "R65.20", "poa": "Y"},
            {"code": "N17.9", "poa": "Y"},
        ],
    )
    poa = topic(findings, "poa")
    assert earned(poa)[0] == earned(poa)[1] > 0
    j18 = next(f for f in poa if f.expected and f.expected.startswith("J18.9"))
    assert "not charged" in j18.feedback
    assert [f.outcome for f in topic(findings, "principal_diagnosis")] == ["missed"]


def test_the_drg_comparison_does_not_repeat_the_disposition_finding() -> None:
    findings = score("ip-core-hip-arthroplasty", disposition=1)
    disposition = topic(findings, "disposition")[0].feedback
    drg = topic(findings, "drg")[0].feedback
    assert "post-acute care transfer list" in disposition
    assert "post-acute care transfer list" not in drg
    assert "see the discharge status finding" in drg


def test_a_stay_of_one_day_is_one_day() -> None:
    words = transfer_words(470, 3, 1, 1, DISCHARGED)
    assert "1 day," in words and "1 days" not in words


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_an_explanation_speaks_to_the_reader_not_of_a_trainee(case: object) -> None:
    assert not re.search(r"\btrainees?\b", getattr(case, "explain", "")), case
