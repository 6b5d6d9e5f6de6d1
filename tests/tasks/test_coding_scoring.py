"""Coding scoring one behaviour at a time: partial credit, sequencing, missing, extra, invalid codes and edits."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, scorecard
from recsim.tasks.base import Trail
from recsim.tasks.coding import TASK
from recsim.tasks.coding.models import CodingAnswer
from tests.tasks.test_coding_library import item_for

COLLES = "hosp-ed-colles-fracture-ladder"  # S52.531A, W11.XXXA; optional Y92.015, Y93, Y99.8
COPD = "clinic-copd-former-smoker"  # J44.9, Z87.891


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
    assert "character 7 should be A, not D" in wrong.feedback
    assert "initial encounter" in wrong.feedback and "subsequent encounter" in wrong.feedback
    assert "I.A.5" in wrong.rule


def test_the_wrong_side_is_half_credit_on_laterality() -> None:
    wrong = about(check(COLLES, "S52.532A", "W11.XXXA"), "laterality")
    assert wrong.outcome == "partial" and "character 6 should be 1, not 2" in wrong.feedback
    assert "I.B.13" in wrong.rule


def test_a_less_specific_code_in_the_right_category_is_half_credit() -> None:
    wrong = about(check(COLLES, "S52.501A", "W11.XXXA"), "specificity")
    assert wrong.outcome == "partial" and "character 5 should be 3, not 0" in wrong.feedback
    assert "S52.531A" in wrong.feedback and "I.B.2" in wrong.rule


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


def test_an_external_cause_listed_first_also_triggers_its_claim_edit() -> None:
    findings = check(COLLES, "W11.XXXA", "S52.531A")
    assert about(findings, "sequencing").outcome == "missed"
    edit = about(findings, "external_cause_as_principal")
    assert (
        edit.outcome == "violation"
        and edit.earned == -FALSE_ALARM_PENALTY
        and "I.C.20" in edit.rule
    )


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
    assert "I.B.5" in extra.feedback
    assert percent(findings) == pytest.approx(100 * 2 / 3)


def test_a_second_code_from_the_same_category_is_an_extra_that_says_so() -> None:
    extra = about(check(COPD, "J44.9", "Z87.891", "J44.1"), "extra_code")
    assert "already reported as J44.9" in extra.feedback


def test_an_invalid_code_is_charged_once_as_its_edit_not_as_an_extra() -> None:
    findings = check(COLLES, "S52.531A", "W11.XXXA", "Q99.99")
    assert about(findings, "invalid_code").outcome == "violation"
    assert not [f for f in findings if f.topic == "extra_code"]


def test_a_heading_without_its_seventh_character_is_not_a_code_and_earns_nothing() -> None:
    findings = check(COLLES, "S52.531", "W11.XXXA")
    assert about(findings, "missing_seventh_character").outcome == "violation"
    principal = findings[0]
    assert principal.outcome == "missed" and "You listed S52.531" in principal.feedback


def test_a_non_billable_heading_triggers_the_not_billable_edit() -> None:
    findings = check(COPD, "J44", "Z87.891")
    assert about(findings, "not_billable").outcome == "violation"
    assert findings[0].outcome == "missed"


def test_a_missing_placeholder_x_triggers_the_seventh_character_edit() -> None:
    findings = check(COLLES, "S52.531A", "W11A")
    edit = about(findings, "invalid_seventh_character")
    assert "W11.XXXA" in edit.feedback


def test_an_excludes1_pair_triggers_its_edit_and_the_extra_code() -> None:
    findings = check(COPD, "J44.9", "Z87.891", "F17.210")
    edit = about(findings, "excludes1_conflict")
    assert edit.outcome == "violation" and "I.A.12.a" in edit.rule
    assert about(findings, "extra_code").given.startswith("F17.210")  # type: ignore[union-attr]


def test_a_manifestation_listed_first_triggers_its_edit() -> None:
    findings = check("ins-alzheimer-dementia-sequencing", "F02.B0", "G30.1")
    assert about(findings, "manifestation_as_principal").outcome == "violation"
    assert about(findings, "sequencing").outcome == "missed"


def test_a_code_listed_twice_triggers_the_duplicate_edit() -> None:
    assert about(check(COPD, "J44.9", "J44.9", "Z87.891"), "duplicate_code").outcome == "violation"


def test_a_sex_conflict_is_charged_and_explained_as_a_data_quality_check() -> None:
    findings = check("ins-bph-with-urinary-symptoms", "N40.1", "R35.1", "R39.14", "N95.1")
    edit = next(f for f in findings if f.topic == "sex_conflict")
    assert "deactivated" in edit.rule and edit.severity == 1


def test_optional_codes_are_accepted_without_changing_the_score() -> None:
    findings = check(COLLES, "S52.531A", "W11.XXXA", "Y92.015", "Y93.E9", "Y99.8")
    accepted = [f for f in findings if f.topic == "optional_code"]
    assert len(accepted) == 3 and all(f.earned == f.possible == 0 for f in accepted)
    assert percent(findings) == 100


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
