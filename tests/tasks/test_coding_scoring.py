"""Coding scoring one behaviour at a time: partial credit, sequencing, missing, extra, edits.

Partial credit follows docs/coding.md, "Partial credit": a near miss earns half, a code that
contradicts the key earns nothing, and one error is charged once.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, scorecard
from recsim.tasks.base import Trail
from recsim.tasks.coding import TASK
from recsim.tasks.coding.models import CodingAnswer
from tests.tasks.test_coding_library import item_for

COLLES = "hosp-ed-colles-fracture-ladder"  # S52.531A, W11.XXXA; optional Y92.015, Y93.E9, Y99.8
COPD = "clinic-copd-former-smoker"  # J44.9, Z87.891
DM_CKD = "clinic-dm2-ckd-insulin"  # E11.22, N18.31, Z79.4
DELIVERY = "hosp-vaginal-delivery-uncomplicated"  # O80, Z37.0, Z3A.39


def check(case: str, *codes: str) -> list[Finding]:
    return TASK.check(item_for(case), CodingAnswer(diagnoses=list(codes)), Trail())


def about(findings: list[Finding], topic: str) -> Finding:
    (found,) = [f for f in findings if f.topic == topic]
    return found


def percent(findings: list[Finding]) -> float:
    card = scorecard(findings, weights={}, passing_score=80, items_total=1, items_answered=1)
    return card.categories["coding"].percent


def test_a_wrong_seventh_character_is_half_credit_and_names_the_character_and_its_meaning() -> None:
    findings = check(COLLES, "S52.531D", "W11.XXXA")
    wrong = about(findings, "seventh_character")
    assert wrong.outcome == "partial" and wrong.earned == wrong.possible / 2
    assert wrong.feedback.startswith("7th character (encounter):")
    assert "character 7 should be A, not D" in wrong.feedback
    assert "initial encounter" in wrong.feedback and "subsequent encounter" in wrong.feedback
    assert "I.A.5" in wrong.rule


def test_an_open_fracture_character_for_a_closed_fracture_contradicts_and_earns_nothing() -> None:
    findings = check(COLLES, "S52.531B", "W11.XXXA")
    principal = findings[0]
    assert principal.outcome == "missed" and principal.earned == 0
    assert principal.given is not None and principal.given.startswith("S52.531B")
    assert "open fracture" in principal.feedback
    assert not [f for f in findings if f.topic == "extra_code"]


def test_the_wrong_side_is_half_credit_on_laterality() -> None:
    wrong = about(check(COLLES, "S52.532A", "W11.XXXA"), "laterality")
    assert wrong.outcome == "partial" and "character 6 should be 1, not 2" in wrong.feedback
    assert wrong.feedback.startswith("Laterality:") and "I.B.13" in wrong.rule


def test_a_less_specific_code_in_the_right_category_is_half_credit() -> None:
    wrong = about(check(COLLES, "S52.501A", "W11.XXXA"), "specificity")
    assert wrong.outcome == "partial" and "character 5 should be 3, not 0" in wrong.feedback
    assert "S52.531A" in wrong.feedback and "I.B.2" in wrong.rule
    assert about(check(DM_CKD, "E11.22", "N18.30", "Z79.4"), "specificity").earned == 0.5


def test_a_code_of_the_same_category_that_contradicts_the_key_earns_nothing() -> None:
    findings = check(DM_CKD, "E11.9", "N18.31", "Z79.4")
    principal = findings[0]
    assert principal.outcome == "missed" and principal.earned == 0
    assert "E11.9" in principal.feedback and "says something the documentation does not" in (
        principal.feedback
    )
    assert about(findings, "sequencing").outcome == "correct"  # diabetes was listed first
    assert not [f for f in findings if f.earned < 0]  # the one error is charged once
    assert percent(findings) == pytest.approx(100 * 3 / 5)


def test_a_stillbirth_code_for_a_live_birth_earns_nothing() -> None:
    findings = check(DELIVERY, "O80", "Z37.1", "Z3A.39")
    outcome = next(f for f in findings if f.expected and f.expected.startswith("Z37.0"))
    assert outcome.outcome == "missed" and outcome.earned == 0
    assert outcome.given is not None and outcome.given.startswith("Z37.1")
    assert not [f for f in findings if f.outcome == "partial"]


def test_a_stage_that_contradicts_the_documented_stage_earns_nothing() -> None:
    findings = check(DM_CKD, "E11.22", "N18.4", "Z79.4")
    stage = next(f for f in findings if f.expected and f.expected.startswith("N18.31"))
    assert stage.outcome == "missed" and stage.earned == 0


def test_right_codes_in_the_wrong_order_lose_the_sequencing_point_only() -> None:
    findings = check(COPD, "Z87.891", "J44.9")
    codes = [f for f in findings if f.topic == "code"]
    assert all(f.outcome == "correct" for f in codes)
    sequencing = about(findings, "sequencing")
    assert (
        sequencing.outcome == "missed"
        and "J44.9" in sequencing.feedback
        and "IV.A" in sequencing.rule
    )
    assert percent(findings) == pytest.approx(100 * 3 / 4)


def test_an_external_cause_listed_first_is_one_sequencing_error_that_explains_its_edit() -> None:
    findings = check(COLLES, "W11.XXXA", "S52.531A")
    sequencing = about(findings, "sequencing")
    assert sequencing.outcome == "missed" and "I.C.20" in sequencing.rule
    assert "external cause code" in sequencing.feedback
    assert not [f for f in findings if f.earned < 0]
    assert percent(findings) == pytest.approx(100 * 3 / 4)


def test_two_symptoms_that_both_brought_the_patient_in_may_be_listed_in_either_order() -> None:
    for order in (("R05.1", "R50.9"), ("R50.9", "R05.1")):
        assert percent(check("clinic-suspected-influenza", *order)) == 100


def test_a_missing_code_earns_nothing_for_that_code() -> None:
    findings = check(COLLES, "S52.531A")
    missed = [f for f in findings if f.outcome == "missed"]
    assert len(missed) == 1 and "W11.XXXA" in missed[0].feedback
    assert percent(findings) == pytest.approx(100 * 3 / 4)


def test_an_extra_code_costs_a_point_and_an_integral_symptom_says_why() -> None:
    findings = check("clinic-strep-pharyngitis", "J02.0", "R07.0")
    extra = about(findings, "extra_code")
    assert (
        extra.outcome == "false_alarm"
        and extra.earned == -FALSE_ALARM_PENALTY
        and extra.possible == 0
    )
    assert "I.B.5" in extra.feedback and extra.feedback.startswith("Extra code:")
    assert percent(findings) == pytest.approx(100 * 2 / 3)


def test_a_second_code_from_the_same_category_is_an_extra_that_says_so() -> None:
    extra = about(check(COPD, "J44.9", "Z87.891", "J44.1"), "extra_code")
    assert "already reported as J44.9" in extra.feedback


def test_an_invalid_code_is_charged_once_as_its_edit_not_as_an_extra() -> None:
    findings = check(COLLES, "S52.531A", "W11.XXXA", "Q99.99")
    invalid = about(findings, "invalid_code")
    assert invalid.earned == -FALSE_ALARM_PENALTY and invalid.feedback.startswith("Invalid code:")
    assert not [f for f in findings if f.topic == "extra_code"]


def test_a_heading_without_its_seventh_character_earns_nothing_and_is_explained_once() -> None:
    findings = check(COLLES, "S52.531", "W11.XXXA")
    principal = findings[0]
    assert principal.outcome == "missed" and "You listed S52.531," in principal.feedback
    assert "needs a 7th character" in principal.feedback and "I.A.5" in principal.rule
    assert not [f for f in findings if f.earned < 0]  # the missing code is the one error


def test_a_non_billable_heading_for_an_expected_code_earns_nothing() -> None:
    findings = check(COPD, "J44", "Z87.891")
    assert findings[0].outcome == "missed" and "is a heading" in findings[0].feedback
    assert not [f for f in findings if f.earned < 0]


def test_a_missing_placeholder_x_is_explained_with_the_right_code() -> None:
    findings = check(COLLES, "S52.531A", "W11A")
    cause = next(f for f in findings if f.expected and f.expected.startswith("W11.XXXA"))
    assert cause.outcome == "missed" and "written W11.XXXA" in cause.feedback


def test_an_invalid_code_standing_for_nothing_in_the_key_is_charged_once() -> None:
    findings = check(COLLES, "S52.531A", "W11.XXXA", "S52.531", "Q99.99")
    charged = [f for f in findings if f.earned < 0]
    assert sorted(f.topic for f in charged) == ["invalid_code", "missing_seventh_character"]


def test_an_extra_code_that_trips_excludes1_is_charged_once_and_explains_the_edit() -> None:
    findings = check(COPD, "J44.9", "Z87.891", "F17.210")
    extra = about(findings, "extra_code")
    assert extra.given.startswith("F17.210")  # type: ignore[union-attr]
    assert extra.earned == -FALSE_ALARM_PENALTY and "Excludes1" in extra.feedback
    assert "I.A.12.a" in extra.rule
    assert [f for f in findings if f.earned < 0] == [extra]


def test_a_manifestation_listed_first_is_a_sequencing_error_that_names_its_edit() -> None:
    findings = check("ins-alzheimer-dementia-sequencing", "F02.B0", "G30.1")
    sequencing = about(findings, "sequencing")
    assert sequencing.outcome == "missed" and "manifestation code" in sequencing.feedback
    assert not [f for f in findings if f.earned < 0]


def test_a_code_listed_twice_is_one_claim_edit() -> None:
    edit = about(check(COPD, "J44.9", "J44.9", "Z87.891"), "duplicate_code")
    assert edit.earned == -FALSE_ALARM_PENALTY and edit.feedback.startswith("Claim edit")


def test_a_sex_conflict_on_an_extra_code_is_explained_by_it_as_a_data_quality_check() -> None:
    findings = check("ins-bph-with-urinary-symptoms", "N40.1", "R35.1", "R39.14", "N95.1")
    extra = about(findings, "extra_code")
    assert "deactivated" in extra.rule and "deactivated" in extra.feedback
    assert [f for f in findings if f.earned < 0] == [extra]


def test_optional_codes_are_accepted_without_changing_the_score() -> None:
    findings = check(COLLES, "S52.531A", "W11.XXXA", "Y92.015", "Y93.E9", "Y99.8")
    accepted = [f for f in findings if f.topic == "optional_code"]
    assert len(accepted) == 3 and all(f.earned == f.possible == 0 for f in accepted)
    assert percent(findings) == 100


def test_an_unspecified_place_is_not_accepted_when_the_note_names_the_place() -> None:
    extra = about(check(COLLES, "S52.531A", "W11.XXXA", "Y92.9"), "extra_code")
    assert extra.given.startswith("Y92.9")  # type: ignore[union-attr]
    assert "I.C.20.b" in extra.rule and "never assigned" in extra.feedback


def test_typed_codes_are_normalized_and_blank_rows_ignored() -> None:
    answer = CodingAnswer(diagnoses=[" s52531a ", "", "w11xxxa"])
    assert answer.diagnoses == ["S52.531A", "W11.XXXA"]
    findings = TASK.check(item_for(COLLES), answer, Trail())
    assert percent(findings) == 100


def test_an_answer_is_bounded_and_strict() -> None:
    with pytest.raises(ValidationError):
        CodingAnswer(diagnoses=["E11.9"] * 41)
    with pytest.raises(ValidationError):
        CodingAnswer(diagnoses=["E" * 17])
    with pytest.raises(ValidationError):
        CodingAnswer.model_validate({"diagnoses": [], "notes": "x"})


def test_an_unanswered_item_scores_zero_with_every_code_missed() -> None:
    item = item_for(COLLES)
    findings = TASK.check(item, None, Trail())
    assert all(f.outcome == "missed" and f.earned == 0 for f in findings)
    assert sum(f.possible for f in findings) == sum(
        f.possible for f in TASK.check(item, TASK.key_answer(item), Trail())
    )


def test_a_wildly_wrong_answer_never_scores_below_zero() -> None:
    findings = check(COPD, "W11.XXXA", "Q99.99", "R52", "R50.9", "J44.9", "J44.9")
    assert percent(findings) == 0


def test_every_finding_cites_its_rule_and_the_principal_finding_teaches_the_case() -> None:
    findings = check(COPD, "Z87.891", "F17.210", "Q99.99")
    assert all(f.rule for f in findings)
    assert "Excludes1" in findings[0].feedback


@pytest.mark.parametrize(
    "codes",
    [
        ("S52.531A", "W11.XXXA"),
        ("W11.XXXA", "S52.532D", "Y92.9", "R52", "Q99.99", "S52.531A"),
        ("S52.531B", "S52.531B", "N95.1"),
        ("S52.531A", "W11.XXXA", "W11.XXXA", "S52.531", "W11A"),
        (),
    ],
)
def test_every_coding_finding_cites_the_fy2026_guidelines_or_the_claim_edit_source(
    codes: tuple[str, ...],
) -> None:
    for finding in check(COLLES, *codes):
        assert (
            "ICD-10-CM Official Guidelines FY2026" in finding.rule
            or "CMS Medicare Code Editor" in finding.rule
        ), finding
        named = finding.rule.count("ICD-10-CM Official Guidelines")
        assert named == finding.rule.count("ICD-10-CM Official Guidelines FY2026"), finding.rule


def test_coding_feedback_uses_coding_words_not_audit_or_privacy_words() -> None:
    findings = check(COPD, "F17.210", "J44.1", "Q99.99", "J44.9", "J44.9", "Z87.891")
    for finding in findings:
        said = finding.feedback.lower()
        assert "false alarm" not in said and "violation" not in said, said
        assert finding.outcome != "violation"
