"""DRG validation scoring: the finding, the DRG the record supports, the payment's direction."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from recsim.coding.grouper import Stay, group
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding
from recsim.tasks.base import Trail
from recsim.tasks.drg_validation import TASK
from recsim.tasks.drg_validation.models import DrgFindingEntry, DrgValidationAnswer
from recsim.tasks.drg_validation.planting import payment
from recsim.tasks.drg_validation.scoring import named_drg, same_code
from tests.tasks.drg_validation.conftest import clean_claim, drg_items, key_of, with_error


def by_topic(findings: list[Finding]) -> dict[str, Finding]:
    return {f.topic: f for f in findings}


def test_key_answers_score_every_finding_correct_and_every_claim_the_same() -> None:
    worth = set()
    for item in drg_items(count=16, clean_share=0.25):
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert all(f.outcome == "correct" and f.earned == f.possible for f in findings)
        worth.add(sum(f.possible for f in findings))
    assert worth == {6.0}


def test_an_unreviewed_claim_earns_nothing() -> None:
    for item in drg_items(count=8):
        assert all(f.earned == 0 and f.outcome == "missed" for f in TASK.check(item, None, Trail()))


@pytest.mark.parametrize(
    "error", ["unsupported_secondary", "wrong_principal", "missed_procedure", "poa_hides_hac"]
)
def test_feedback_names_both_drgs_with_their_weights_and_cites_the_rule(error: str) -> None:
    item = with_error(error)
    key = key_of(item)
    findings = by_topic(TASK.check(item, None, Trail()))
    drg = findings["corrected_drg"].feedback
    assert f"DRG {key.billed.drg:03d}" in drg and f"DRG {key.correct.drg:03d}" in drg
    assert f"weight {key.billed.weight:.4f}" in drg and f"weight {key.correct.weight:.4f}" in drg
    assert key.explain in drg  # the case's own reading of the record
    assert key.error is not None
    assert key.error.why in findings[error].feedback
    assert findings[error].rule.startswith(("ICD-10-CM Official Guidelines", "UHDDS"))


def test_the_right_code_under_the_wrong_error_earns_half() -> None:
    item = with_error("unsupported_secondary")
    key = key_of(item)
    assert key.error is not None
    answer = DrgValidationAnswer(
        findings=[DrgFindingEntry(error="poa_hides_hac", code=key.error.code)],
        drg=key.correct.drg,
        payment=key.payment,
    )
    finding = by_topic(TASK.check(item, answer, Trail()))["unsupported_secondary"]
    assert (finding.outcome, finding.earned) == ("partial", finding.possible / 2)


def test_a_principal_found_without_its_correction_earns_half() -> None:
    item = with_error("wrong_principal")
    key = key_of(item)
    assert key.error is not None and key.error.corrected
    answer = DrgValidationAnswer(
        findings=[DrgFindingEntry(error="wrong_principal", code=key.error.code)],
        drg=key.correct.drg,
        payment=key.payment,
    )
    finding = by_topic(TASK.check(item, answer, Trail()))["wrong_principal"]
    assert finding.outcome == "partial" and key.error.corrected in finding.feedback


def test_codes_match_however_they_are_written() -> None:
    assert same_code("j9601", "J96.01") and same_code("3", "03") and same_code(" n", "N")
    assert not same_code("J96.0", "J96.01") and not same_code(None, "N")


def test_a_finding_on_a_clean_claim_is_a_false_alarm_and_loses_the_finding() -> None:
    item = clean_claim()
    key = key_of(item)
    answer = DrgValidationAnswer(
        findings=[DrgFindingEntry(error="unsupported_secondary", code="J96.01")],
        drg=key.billed.drg,
        payment="down",
    )
    findings = TASK.check(item, answer, Trail())
    alarms = [f for f in findings if f.outcome == "false_alarm"]
    assert len(alarms) == 1 and alarms[0].earned == -FALSE_ALARM_PENALTY
    assert by_topic(findings)["no_error"].outcome == "missed"
    assert by_topic(findings)["payment_direction"].outcome == "missed"


def test_a_clean_claim_left_standing_scores_full_marks() -> None:
    item = clean_claim()
    key = key_of(item)
    answer = DrgValidationAnswer(findings=[], drg=key.billed.drg, payment="unchanged")
    assert all(f.outcome == "correct" for f in TASK.check(item, answer, Trail()))


def test_the_billed_drg_named_for_an_erroneous_claim_is_missed_and_named_in_words() -> None:
    item = with_error("missed_procedure")
    key = key_of(item)
    answer = DrgValidationAnswer(findings=[], drg=key.billed.drg, payment="unchanged")
    finding = by_topic(TASK.check(item, answer, Trail()))["corrected_drg"]
    assert finding.outcome == "missed" and finding.given is not None
    assert finding.given.startswith(f"DRG {key.billed.drg:03d} (")


def test_a_missed_procedure_raises_the_payment() -> None:
    assert key_of(with_error("missed_procedure")).payment == "up"


def test_an_unsupported_mcc_lowers_the_payment() -> None:
    assert key_of(with_error("unsupported_secondary")).payment == "down"


@pytest.mark.parametrize("code", ["pneumonia", "J96.01.1", "0DTJ4Z", "123"])
def test_an_answer_code_must_look_like_a_code(code: str) -> None:
    with pytest.raises(ValidationError, match="is not a code"):
        DrgFindingEntry(error="unsupported_secondary", code=code)


def test_a_transfer_billed_as_a_discharge_pays_less_only_below_the_mean_stay_less_a_day() -> None:
    stay = Stay(
        principal="I13.0",
        secondary=("I50.33", "N18.31"),
        poa={"I50.33": "Y", "N18.31": "Y"},
        discharged=date(2026, 5, 1),
        age=80,
        disposition=6,
    )
    grouping = group(stay)
    assert grouping.drg == 291 and grouping.gmlos is not None
    short = int(grouping.gmlos) - 2  # the stay plus its first day's double per diem < gmlos
    assert payment(grouping, grouping, "wrong_disposition", short) == "down"
    assert payment(grouping, grouping, "wrong_disposition", short + 2) == "unchanged"


def test_a_false_alarm_says_whether_the_code_is_on_the_claim() -> None:
    item = clean_claim()
    key = key_of(item)
    billed = item.view.claim.principal.code  # type: ignore[attr-defined]
    answer = DrgValidationAnswer(
        findings=[
            DrgFindingEntry(error="wrong_principal", code=billed),
            DrgFindingEntry(error="missed_procedure", code="0SR9019"),
        ],
        drg=key.billed.drg,
        payment="unchanged",
    )
    alarms = [f.feedback for f in TASK.check(item, answer, Trail()) if f.outcome == "false_alarm"]
    assert f"the record supports {billed} as billed" in alarms[0]
    assert "0SR9019 is not on the claim" in alarms[1]


def test_a_drg_named_by_number_reads_as_the_grouper_titles_it() -> None:
    assert named_drg(194) == "DRG 194 (Simple Pneumonia and Pleurisy with CC, weight 0.8059)"
    assert named_drg(999).startswith("DRG 999 (Ungroupable")


def _level_by_grouper(item_error: str) -> tuple[str, str]:
    """A claim with ``item_error``'s finding feedback, and its code's level by the grouper."""
    from recsim.tasks.drg_validation.planting import candidates, grouper_stay

    item = with_error(item_error)
    key = key_of(item)
    assert key.error is not None
    claim = next(
        c.claim
        for c in candidates(key.case_id)
        if c.error == item_error and c.code == key.error.code
    )
    view = item.view
    grouping = group(
        grouper_stay(claim, age=view.age, sex=view.sex, discharged=view.discharged)  # type: ignore[attr-defined]
    )
    level = next(d.level for d in grouping.secondary if d.code == key.error.code)
    feedback = by_topic(TASK.check(item, None, Trail()))[item_error].feedback
    return feedback, f"{key.error.code} is {'an MCC' if level == 'MCC' else 'a CC'}"


@pytest.mark.parametrize("error", ["unsupported_secondary", "poa_hides_hac"])
def test_the_feedback_names_whether_the_code_is_a_cc_or_an_mcc(error: str) -> None:
    feedback, named = _level_by_grouper(error)
    assert named in feedback and "CC or MCC" not in feedback, feedback


@pytest.mark.parametrize(
    "error",
    ["unsupported_secondary", "wrong_principal", "missed_procedure", "poa_hides_hac"],
)
def test_the_feedback_says_each_thing_once(error: str) -> None:
    feedback = by_topic(TASK.check(with_error(error), None, Trail()))[error].feedback
    sentences = [s.strip() for s in feedback.split(". ") if s.strip()]
    assert len(sentences) == len(set(sentences)), feedback
    # The POA rule and what a hospital-acquired condition does to the DRG: once each.
    assert feedback.count("Appendix I") <= 1 and feedback.count("toward the DRG") <= 1, feedback


def test_the_wrong_error_for_the_right_code_keeps_poa_in_capitals() -> None:
    item = with_error("poa_hides_hac")
    key = key_of(item)
    assert key.error is not None
    answer = DrgValidationAnswer(
        findings=[DrgFindingEntry(error="unsupported_secondary", code=key.error.code)],
        drg=key.correct.drg,
        payment=key.payment,
    )
    finding = by_topic(TASK.check(item, answer, Trail()))["poa_hides_hac"]
    assert finding.outcome == "partial"
    assert "the error is a POA indicator that hides a hospital-acquired" in finding.feedback


def test_a_transfer_billed_as_a_discharge_says_why_the_payment_moves_or_not() -> None:
    item = with_error("wrong_disposition")
    key = key_of(item)
    said = by_topic(TASK.check(item, None, Trail()))["payment_direction"].feedback
    assert f"geometric mean length of stay is {key.correct.gmlos} days" in said
    if key.payment == "down":
        assert "plus one day is shorter" in said and "paid less than the full DRG" in said
    else:
        assert "plus one day is not shorter" in said and "still paid the full DRG" in said
