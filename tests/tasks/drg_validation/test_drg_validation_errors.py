"""The planted errors: each changes the DRG (or the payment) as claimed, clean claims are the key.

Every erroneous claim a case can be billed with is grouped again here at the youngest and oldest
age of the case and each sex it allows, and every listed error of errors.yaml must survive the
planting's checks: an entry the grouper shows to change nothing is a content bug, not silence.
"""

from __future__ import annotations

from datetime import date

import pytest

from recsim.coding import codeset
from recsim.coding.code_shapes import dotted
from recsim.coding.grouper import group
from recsim.tasks.drg_validation.content import drg_content
from recsim.tasks.drg_validation.models import DrgValidationView
from recsim.tasks.drg_validation.planting import candidates, grouper_stay, variants
from recsim.tasks.stays import all_cases, case_by_id
from tests.tasks.drg_validation.conftest import drg_items, key_of

DISCHARGED = date(2026, 5, 1)
CASES = [c.id for c in all_cases()]


def test_every_case_listed_in_the_errors_file_exists() -> None:
    assert sorted(set(drg_content().cases) - set(CASES)) == []


@pytest.mark.parametrize("case_id", sorted(drg_content().cases))
def test_every_listed_error_is_planted(case_id: str) -> None:
    planted = {(c.error, c.code) for c in candidates(case_id)}
    for entry in drg_content().cases[case_id]:
        code = f"{entry.billed:02d}" if entry.error == "wrong_disposition" else entry.code
        assert (entry.error, code) in planted, (case_id, entry)


@pytest.mark.parametrize("case_id", sorted(drg_content().cases))
def test_every_explanation_quotes_words_the_case_documents_hold(case_id: str) -> None:
    text = " ".join(d.text for d in case_by_id(case_id).documents)
    said = " ".join(text.split()).lower()
    for entry in drg_content().cases[case_id]:
        for words in entry.evidence:
            assert " ".join(words.split()).lower() in said, (case_id, entry.error, words)


@pytest.mark.parametrize("case_id", CASES)
def test_every_error_of_every_case_changes_the_drg_as_claimed(case_id: str) -> None:
    case = case_by_id(case_id)
    for candidate in candidates(case_id):
        for age, sex in variants(case):
            right = group(grouper_stay(case.key, age=age, sex=sex, discharged=DISCHARGED))
            wrong = group(grouper_stay(candidate.claim, age=age, sex=sex, discharged=DISCHARGED))
            assert right.drg == case.key.drg
            assert wrong.grouped and wrong.invalid_codes == [], (candidate, wrong.why_not)
            # A claim a payer receives: a DRG with a weight, nothing the code editor flags.
            assert wrong.drg not in (998, 999) and wrong.weight is not None, candidate
            assert wrong.editor == [] and right.editor == [], (candidate, wrong.editor)
            if candidate.error == "wrong_disposition":
                assert wrong.drg == right.drg and candidate.claim.disposition == 1
            else:
                assert wrong.drg != right.drg, (case_id, candidate.error, candidate.code)


@pytest.mark.parametrize("case_id", CASES)
def test_an_added_code_is_a_valid_code_the_key_does_not_report(case_id: str) -> None:
    key = case_by_id(case_id).key
    for candidate in candidates(case_id):
        if candidate.error == "unsupported_secondary":
            assert candidate.code in codeset()
            assert candidate.code not in {dotted(d.code) for d in key.secondary}
            assert candidate.code != dotted(key.principal)


def test_a_resequencing_by_rule_always_raises_the_weight() -> None:
    for case_id in CASES:
        case = case_by_id(case_id)
        for candidate in candidates(case_id):
            if candidate.generic and candidate.error == "wrong_principal":
                age, sex = variants(case)[0]
                right = group(grouper_stay(case.key, age=age, sex=sex, discharged=DISCHARGED))
                wrong = group(
                    grouper_stay(candidate.claim, age=age, sex=sex, discharged=DISCHARGED)
                )
                assert (wrong.weight or 0) > (right.weight or 0), (case_id, candidate.code)


def test_a_hidden_hospital_acquired_condition_is_billed_present_on_admission() -> None:
    for case_id in CASES:
        for candidate in candidates(case_id):
            if candidate.error == "poa_hides_hac":
                key = case_by_id(case_id).key
                assert {d.code: d.poa for d in key.secondary}[candidate.code] == "N"
                assert {d.code: d.poa for d in candidate.claim.secondary}[candidate.code] == "Y"


def test_every_built_claim_bills_its_error_and_every_clean_claim_is_the_key() -> None:
    items = drg_items(count=30, clean_share=0.3, seed=11)
    assert {key_of(i).error is None for i in items} == {True, False}
    for item in items:
        key, view = key_of(item), item.view
        assert isinstance(view, DrgValidationView)
        case = case_by_id(key.case_id).key
        assert key.correct.drg == case.drg
        assert view.claim.drg == key.billed.drg
        claim = view.claim
        billed = (
            claim.principal.code,
            [(d.code, d.poa or "exempt") for d in claim.secondary],
            [p.code for p in claim.procedures],
            claim.disposition,
        )
        keyed = (
            dotted(case.principal),
            [(dotted(d.code), d.poa) for d in case.secondary],
            case.procedures,
            case.disposition,
        )
        if key.error is None:
            assert billed == keyed
            assert key.billed == key.correct and key.payment == "unchanged"
        elif key.error.error == "wrong_disposition":
            assert key.billed.drg == key.correct.drg
        else:
            assert billed != keyed and key.billed.drg != key.correct.drg
            assert key.payment == (
                "up" if (key.correct.weight or 0) > (key.billed.weight or 0) else "down"
            )


def test_a_procedure_left_off_always_lowers_the_weight() -> None:
    for case_id in CASES:
        case = case_by_id(case_id)
        for candidate in candidates(case_id):
            if candidate.error == "missed_procedure":
                for age, sex in variants(case):
                    right = group(grouper_stay(case.key, age=age, sex=sex, discharged=DISCHARGED))
                    wrong = group(
                        grouper_stay(candidate.claim, age=age, sex=sex, discharged=DISCHARGED)
                    )
                    assert (right.weight or 0) > (wrong.weight or 0), (case_id, candidate.code)


def test_deliveries_are_never_billed_without_their_delivery_procedure() -> None:
    # A delivery billed without 10E0XZZ or 10D00Z1 groups to DRG 998, which no payer is sent.
    items = [i for seed in (1, 2, 3) for i in drg_items(count=8, seed=seed, tags="[delivery]")]
    assert any(key_of(i).error is not None for i in items)
    for item in items:
        key = key_of(item)
        assert key.billed.drg not in (998, 999) and key.billed.weight is not None, key
        assert key.payment != "down" or key.error is None or key.error.error != "missed_procedure"


def _numbers(seed: int) -> list[int]:
    """The claim numbers of a block's claims, in block order (the queue may be shuffled)."""
    items = sorted(drg_items(count=6, seed=seed), key=lambda i: int(i.id.rsplit("-", 1)[1]))
    return [int(i.view.claim_number[2:]) for i in items]  # type: ignore[attr-defined]


def test_the_claims_of_a_block_are_numbered_in_a_run_in_block_order() -> None:
    numbers = _numbers(5)
    assert numbers == list(range(numbers[0], numbers[0] + 6))
    assert _numbers(6)[0] != numbers[0]
