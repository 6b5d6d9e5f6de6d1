"""The eight release rules issue 16 corrected, each pinned with the paragraph it rests on."""

from __future__ import annotations

from datetime import date
from typing import Any

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.handling import Handling
from recsim.privacy.release import derive
from recsim.tasks.release.models import ReleaseAnswer, ReleaseKey
from recsim.tasks.release.scoring import grade

AS_OF = date(2026, 3, 2)
VALID_AUTHORIZATION: dict[str, Any] = {
    "signed_by": "patient",
    "signed_on": "-10d",
    "expires": "+80d",
    "recipient": "named",
    "describes": ["lab_results"],
    "purpose_stated": True,
}


def handle(**fields: Any) -> Handling:
    data: dict[str, Any] = {
        "requester": {"role": "patient", "verified": True},
        "requested": ["lab_results"],
    }
    data.update(fields)
    return derive(ReleaseRequest.model_validate(data), AS_OF)


def graded(handling: Handling, decision: str, release: list[str] | None = None) -> list[Any]:
    answer = ReleaseAnswer.model_validate(
        {"decision": decision, "release": release or [], "log_disclosure": False}
    )
    return grade("release-1", None, ReleaseKey(handling=handling, source="engine"), answer)


# 1. Third-party directives after Ciox Health v. Azar (D.D.C. 2020): 164.524(c)(3)(ii)


def test_an_electronic_direction_binds_and_says_the_patient_rate_fee_does_not_apply() -> None:
    handling = handle(requester={"role": "other", "verified": True}, documents={"direction": {}})
    assert handling.decision == "release" and handling.right_of_access
    assert "fee" in handling.explanation and "Ciox" in handling.explanation


def test_a_direction_for_paper_copies_needs_an_authorization_and_refusing_is_right() -> None:
    paper = handle(
        requester={"role": "other", "verified": True},
        documents={"direction": {"format": "paper"}},
    )
    assert paper.decision == "deny" and not paper.right_of_access
    assert "164.508(a)(1)" in paper.cite and paper.rule == "direction_not_binding"
    (finding,) = graded(paper, "deny")
    assert finding.outcome == "correct" and finding.topic != "right_of_access"


def test_a_direction_for_records_outside_the_ehr_goes_only_under_an_authorization() -> None:
    outside = {"direction": {"from_ehr": False}}
    assert handle(documents=outside).decision == "deny"
    authorized = handle(documents={**outside, "authorization": VALID_AUTHORIZATION})
    assert (authorized.decision, authorized.rule) == ("release", "authorization")


# 2. Psychotherapy notes where the law requires it: 164.508(a)(2)(ii), 164.512(a), 164.103


def test_a_grand_jury_subpoena_lets_psychotherapy_notes_go_as_a_warrant_does() -> None:
    grand_jury = handle(
        requester={"role": "law_enforcement", "verified": True},
        purpose="law_enforcement",
        requested=["psychotherapy_notes", "lab_results"],
        documents={"subpoena": {"issued_by": "grand_jury"}},
    )
    warrant = handle(
        requester={"role": "law_enforcement", "verified": True},
        purpose="law_enforcement",
        requested=["psychotherapy_notes", "lab_results"],
        documents={"warrant": {"covers": ["psychotherapy_notes", "lab_results"]}},
    )
    for handling in (grand_jury, warrant):
        assert handling.decision == "release", handling.rule
        assert "psychotherapy_notes" in handling.release
        assert "164.508(a)(2)(ii)" in handling.cite and "164.103" in handling.cite
    assert not any(
        f.outcome == "violation"
        for f in graded(grand_jury, "release", ["psychotherapy_notes", "lab_results"])
    )


# 3. Deceased patients: 164.510(b)(5) and the estate's representative, 164.502(g)(4)


def test_family_involved_before_death_may_receive_what_is_relevant() -> None:
    handling = handle(
        requester={"role": "family_member", "verified": True},
        requested=["discharge_summary", "billing_records"],
        purpose="payment",
        patient={"age": 80, "deceased": True, "agreed_to_share": True},
    )
    assert handling.decision == "release" and handling.rule == "deceased_involved"
    assert "164.510(b)(5)" in handling.cite


def test_no_feedback_for_a_deceased_patient_tells_the_clerk_to_ask_the_patient() -> None:
    for role in ("family_member", "spouse", "parent"):
        for agreed in (True, False):
            handling = handle(
                requester={"role": role, "verified": True},
                patient={"age": 70, "deceased": True, "agreed_to_share": agreed},
            )
            assert "ask the patient" not in handling.explanation.lower(), (role, agreed)
    unknown = handle(
        requester={"role": "family_member", "verified": True},
        patient={"age": 70, "deceased": True},
    )
    assert unknown.decision == "refer_privacy_officer" and "164.502(g)(4)" in unknown.cite


# 4. Involved-in-care disclosures are professional judgment: 164.510(b)(1)(i), (b)(3)


def test_relevant_results_to_an_agreed_spouse_are_discretionary_not_forbidden() -> None:
    handling = handle(
        requester={"role": "spouse", "verified": True},
        requested=["medication_list", "lab_results"],
        patient={"age": 60, "agreed_to_share": True},
    )
    assert handling.release == ["medication_list"]
    assert "lab_results" in handling.discretionary
    assert not [w for w in handling.withheld if w.forbidden]
    findings = graded(handling, "release", ["medication_list", "lab_results"])
    assert not any(f.outcome == "violation" for f in findings)


def test_declining_an_involved_in_care_disclosure_is_scored_right_with_the_reason() -> None:
    handling = handle(
        requester={"role": "family_member", "verified": True},
        requested=["medication_list"],
        patient={"age": 80, "agreed_to_share": True},
    )
    (finding,) = graded(handling, "deny")
    assert finding.outcome == "correct" and finding.earned == finding.possible
    assert "professional judgment" in finding.feedback and "164.510(b)(3)" in finding.feedback


# 5. Medical examiner and Part 2 records: 42 CFR 2.15(b)(1), only the cause of death


def test_the_medical_examiner_gets_the_chart_but_not_the_whole_part_2_record() -> None:
    handling = handle(
        requester={"role": "medical_examiner", "verified": True},
        requested=["substance_use_treatment", "discharge_summary"],
        patient={"age": 50, "deceased": True},
    )
    assert handling.release == ["discharge_summary"]
    (held,) = handling.withheld
    assert held.record == "substance_use_treatment" and held.forbidden
    assert "42 CFR 2.15(b)(1)" in held.cite and "cause of death" in held.reason
    only_part2 = handle(
        requester={"role": "medical_examiner", "verified": True},
        requested=["substance_use_treatment"],
        patient={"age": 50, "deceased": True},
    )
    assert only_part2.decision == "refer_privacy_officer" and "2.15(b)(1)" in only_part2.cite


# 7. An unlawful disclosure cites 164.502(a), not 164.502(b)


def test_a_violation_cites_the_rule_against_unpermitted_disclosures() -> None:
    handling = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["psychotherapy_notes", "medication_list"],
    )
    findings = graded(handling, "release", ["psychotherapy_notes", "medication_list", "imaging"])
    (violation,) = [f for f in findings if f.outcome == "violation"]
    assert "164.502(a)" in violation.rule and "164.502(b)" not in violation.rule
    assert "164.502(b)" not in violation.feedback


# 8. 42 CFR Part 2 as amended in 2024 (compliance date 16 February 2026)


def test_part_2_feedback_follows_the_2024_rule() -> None:
    subpoena = handle(
        requester={"role": "attorney", "verified": True},
        purpose="litigation",
        requested=["substance_use_treatment"],
        documents={"subpoena": {"satisfactory_assurance": True}},
    )
    assert "2.12(d)" in subpoena.cite and "proceeding against the patient" in subpoena.explanation
    consented = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["substance_use_treatment"],
        documents={
            "authorization": {
                **VALID_AUTHORIZATION,
                "describes": ["substance_use_treatment"],
                "purpose": "treatment",
            }
        },
    )
    assert consented.decision == "release"
    assert "2.33(b)" in consented.explanation and "2.31(b)" in consented.explanation
    refused = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["substance_use_treatment"],
    )
    assert "all future treatment, payment and operations" in refused.explanation


def test_releasing_part_2_records_unlawfully_mentions_part_2_breach_notification() -> None:
    handling = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["substance_use_treatment", "lab_results"],
    )
    findings = graded(handling, "release", ["substance_use_treatment", "lab_results"])
    (violation,) = [f for f in findings if f.outcome == "violation"]
    assert "42 CFR 2.16(b)" in violation.feedback
