"""Claim review scoring: approve, deny with a reason, pend for records, and every wrong turn."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from recsim.core.form import Item
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail
from recsim.tasks.claims import TASK
from recsim.tasks.claims.models import DENIAL_REASONS, ClaimAnswer, ClaimKey


def items(
    problems: str = "all", clean_share: float = 0.25, count: int = 12, seed: int = 8
) -> list[Item]:
    text = (
        "recsim: 1\nid: claims-test\ntitle: Claims test\nsetting: insurer\n"
        f"seed: {seed}\npopulation: {{patients: 40}}\n"
        f"tasks:\n  - claims: {{claims: {count}, problems: {problems}, "
        f"clean_share: {clean_share}}}\n"
    )
    loaded = parse_scenario(text, "c.yaml", checks=(task_checks,), base=Path("c.yaml"))
    return list(make_variant(loaded).form.items())


def one(problem: str) -> Item:
    if problem == "clean":
        return items(clean_share=1, count=1)[0]
    return items(f"[{problem}]", clean_share=0, count=1)[0]


def outcome(item: Item, answer: ClaimAnswer | None) -> tuple[str, float, str, str]:
    (finding,) = TASK.check(item, answer, Trail())
    return finding.outcome, finding.earned, finding.category, finding.feedback


def test_key_answers_score_full_marks_and_empty_answers_nothing() -> None:
    for item in items(count=24):
        result = outcome(item, TASK.key_answer(item))
        assert result[0] == "correct" and result[1] > 0
        assert outcome(item, None)[:2] == ("missed", 0)


def test_approve_is_right_for_a_clean_claim() -> None:
    item = one("clean")
    assert outcome(item, ClaimAnswer(decision="approve"))[:3] == ("correct", 2.0, "accuracy")


def test_deny_with_the_right_reason_is_right_for_a_problem_claim() -> None:
    item = one("member_not_covered")
    key: ClaimKey = item.key  # type: ignore[assignment]
    assert (key.decision, key.reason, key.deny_line) == ("deny", "member_not_covered", None)
    result = outcome(item, ClaimAnswer(decision="deny", reason="member_not_covered"))
    assert result[:3] == ("correct", 2.0, "accuracy")


def test_an_unbundled_service_denies_its_line_and_the_rest_of_the_claim_is_paid() -> None:
    item = one("unbundled")
    key: ClaimKey = item.key  # type: ignore[assignment]
    assert (key.decision, key.reason, key.category) == ("deny", "bundled_service", "coding")
    assert key.deny_line is not None and key.deny_line == key.line
    right = ClaimAnswer(decision="deny", reason="bundled_service", line=key.deny_line)
    assert outcome(item, right)[:3] == ("correct", 2.0, "coding")
    assert "NCCI" in TASK.check(item, None, Trail())[0].rule
    whole = outcome(item, ClaimAnswer(decision="deny", reason="bundled_service"))
    assert whole[:2] == ("partial", 1.0) and f"deny only line {key.deny_line}" in whole[3]
    other = 1 if key.deny_line != 1 else 2
    wrong = ClaimAnswer(decision="deny", reason="bundled_service", line=other)
    assert outcome(item, wrong)[:2] == ("partial", 1.0)


def test_a_claim_level_problem_is_not_denied_by_one_line() -> None:
    item = one("provider_mismatch")
    answer = ClaimAnswer(decision="deny", reason="provider_not_documented", line=1)
    (finding,) = TASK.check(item, answer, Trail())
    assert finding.outcome == "partial" and finding.earned == finding.possible / 2
    assert "whole claim" in finding.feedback


def test_a_line_is_named_only_with_a_denial() -> None:
    with pytest.raises(ValidationError, match="line is only given with the decision deny"):
        ClaimAnswer(decision="approve", line=2)


def test_pend_for_records_is_right_when_the_records_have_not_arrived() -> None:
    item = one("records_missing")
    result = outcome(item, ClaimAnswer(decision="pend_for_records"))
    assert result[:3] == ("correct", 2.0, "accuracy") and "request the records" in result[3]


def test_approving_a_problem_claim_pays_in_error() -> None:
    item = one("member_not_covered")
    result = outcome(item, ClaimAnswer(decision="approve"))
    assert result[:2] == ("missed", 0) and "Paid in error" in result[3] and "coverage" in result[3]


def test_denying_a_clean_claim_is_a_false_alarm() -> None:
    item = one("clean")
    result = outcome(item, ClaimAnswer(decision="deny", reason="level_not_supported"))
    assert result[:2] == ("false_alarm", 0) and "Wrongly denied" in result[3]


def test_the_wrong_denial_reason_earns_half() -> None:
    item = one("upcoded")
    result = outcome(item, ClaimAnswer(decision="deny", reason="service_not_documented"))
    assert (
        result[0] == "partial" and result[1] == pytest.approx(1.5) and "wrong reason" in result[3]
    )


def test_pending_a_claim_the_records_already_decide_earns_half() -> None:
    for problem, words in (("provider_mismatch", "deny it now"), ("clean", "paid without delay")):
        result = outcome(one(problem), ClaimAnswer(decision="pend_for_records"))
        assert result[0] == "partial" and words in result[3]


def test_denying_instead_of_pending_earns_half() -> None:
    result = outcome(
        one("records_missing"), ClaimAnswer(decision="deny", reason="service_not_documented")
    )
    assert result[0] == "partial" and "pend and request them" in result[3]


def test_coding_problems_count_as_coding_and_the_rest_as_accuracy() -> None:
    categories = {item.key.problem: item.key.category for item in items(count=40, clean_share=0.1)}  # type: ignore[attr-defined]
    assert (
        categories["upcoded"]
        == categories["code_edit"]
        == categories["diagnosis_not_supported"]
        == "coding"
    )
    assert categories["member_not_covered"] == categories["records_missing"] == "accuracy"


def test_a_code_edit_is_explained_with_the_engines_message_and_source() -> None:
    item = one("code_edit")
    key: ClaimKey = item.key  # type: ignore[assignment]
    assert key.edits and key.explanation and "{" not in key.rule
    (finding,) = TASK.check(item, ClaimAnswer(decision="approve"), Trail())
    assert key.explanation in finding.feedback and finding.rule == key.rule


def test_a_denial_needs_exactly_one_reason_from_the_list() -> None:
    with pytest.raises(ValidationError, match="a denial needs a reason"):
        ClaimAnswer(decision="deny")
    with pytest.raises(ValidationError, match="only given with the decision deny"):
        ClaimAnswer(decision="approve", reason="code_edit")
    with pytest.raises(ValidationError):
        ClaimAnswer.model_validate({"decision": "deny", "reason": "we do not like it"})
    assert len(DENIAL_REASONS) == 10  # duplicate_claim joined the list


def test_describe_shows_the_lines_coverage_and_key() -> None:
    for item in items():
        lines = list(TASK.describe(item))
        assert sum(line.startswith("line ") for line in lines) == len(item.view.claim.lines)  # type: ignore[attr-defined]
        assert any(line.startswith("key: ") for line in lines)


def test_validate_warns_about_all_clean_or_no_clean_claims() -> None:
    text = (
        "recsim: 1\nid: c\ntitle: c\nsetting: insurer\ntasks:\n"
        "  - claims: {claims: 6, problems: [upcoded], clean_share: 1}\n"
        "  - claims: {claims: 6, clean_share: 0}\n"
    )
    loaded = parse_scenario(text, "c.yaml", checks=(task_checks,), base=Path("c.yaml"))
    messages = [str(w) for w in loaded.warnings]
    assert any("never planted" in m for m in messages) and any(
        "deny everything" in m for m in messages
    )
