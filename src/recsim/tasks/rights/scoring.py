"""Scoring a decision on a patient-rights request: the decision and its ground, the deadline,
the entries ticked and the fee; every finding cites its paragraph."""

from __future__ import annotations

from typing import Any

from recsim.core.scoring import Finding, points
from recsim.tasks.rights.content import GROUNDED, rights_content
from recsim.tasks.rights.models import LineKey, RightsAnswer, RightsKey

LINE_POINTS = 0.5
"""Each log entry or invoice line rightly ticked or left is worth this much."""
DEADLINE_SEVERITY = 2
FEE_SEVERITY = 1
_LINE_TOPICS = {"accounting": "accounting_entries", "access": "access_fees"}


def decision_words(decision: str, ground: str | None) -> str:
    """A decision as the trainee reads it: ``Deny (accurate and complete as it stands)``."""
    said = {
        "grant": "Grant",
        "grant_in_part": "Grant in part",
        "deny": "Deny",
        "extend": "Take the one extension",
    }[decision]
    if ground is None:
        return said
    entry = rights_content().grounds.get(ground)
    return f"{said}, on the ground: {entry.title[0].lower() + entry.title[1:] if entry else ground}"


def grade(
    item_id: str, objective: str | None, key: RightsKey, answer: RightsAnswer | None
) -> list[Finding]:
    """The findings of one request."""
    base: dict[str, Any] = {"item": item_id, "category": "privacy", "objective": objective}
    findings = [_decision(base, key, answer)]
    if key.deadline is not None:
        findings.append(_deadline(base, key, answer))
    if key.lines:
        findings += _lines(base, key, answer)
    if key.fee is not None:
        findings.append(_fee(base, key, answer))
    return findings


def _decision(base: dict[str, Any], key: RightsKey, answer: RightsAnswer | None) -> Finding:
    worth = points(key.severity)
    # The rule is printed after the feedback; the ground's own paragraph is said here.
    why = key.explain
    if key.ground is not None:
        ground = rights_content().grounds[key.ground]
        cited = "" if ground.rule in key.rule else f" ({ground.rule})"
        why += f" The ground: {ground.title[0].lower() + ground.title[1:]}{cited}."
        if ground.reviewable:
            why += (
                " The patient may ask for the denial to be reviewed by a licensed professional"
                " who took no part in it (45 CFR 164.524(a)(4))."
            )
    if key.instructor:
        why += f" {key.instructor}"
    common = {
        **base,
        "possible": worth,
        "severity": key.severity,
        "topic": key.archetype,
        "rule": key.rule,
        "expected": decision_words(key.decision, key.ground),
    }
    if answer is None:
        return Finding(**common, outcome="missed", earned=0, feedback=f"Not answered. {why}")
    given = decision_words(answer.decision, answer.ground)
    if answer.decision == key.decision and answer.ground == key.ground:
        return Finding(**common, outcome="correct", earned=worth, given=given, feedback=why)
    if answer.decision == key.decision:
        return Finding(
            **common,
            outcome="partial",
            earned=worth / 2,
            given=given,
            feedback=f"The right decision on the wrong ground. {why}",
        )
    if key.decision in GROUNDED and answer.decision == "grant":
        # Every ground lets the office refuse; none makes it. Granting is lawful, but the
        # office's policy is to use the ground.
        return Finding(
            **common,
            outcome="partial",
            earned=worth / 2,
            given=given,
            feedback=f"Granting is lawful (the ground allows a refusal, it does not require "
            f"one), but the office's policy is to use the ground. {why}",
        )
    return Finding(**common, outcome="missed", earned=0, given=given, feedback=why)


def _deadline(base: dict[str, Any], key: RightsKey, answer: RightsAnswer | None) -> Finding:
    assert key.deadline is not None
    rule = deadline_rule(key)
    given = answer.deadline if answer is not None else None
    right_day = given == key.deadline
    worth = points(DEADLINE_SEVERITY)
    said = f"Act by {key.deadline.isoformat()}: {key.deadline_why}."
    if given is None:
        feedback = f"No deadline named. {said}"
    elif right_day:
        feedback = said
    else:
        feedback = f"The deadline is not {given.isoformat()}. {said}"
    return Finding(
        **base,
        outcome="correct" if right_day else "missed",
        earned=worth if right_day else 0,
        possible=worth,
        severity=DEADLINE_SEVERITY,
        topic=f"{key.right}_deadline",
        rule=rule,
        expected=key.deadline.isoformat(),
        given=given.isoformat() if given else None,
        feedback=feedback,
    )


def deadline_rule(key: RightsKey) -> str:
    """The paragraphs a request's deadline rests on: the time to act, and the extension's."""
    right = rights_content().rights[key.right]
    if key.decision == "extend" and right.extension_rule:
        return f"{right.rule}; {right.extension_rule.removeprefix('45 CFR ')}"
    return right.rule


def _lines(base: dict[str, Any], key: RightsKey, answer: RightsAnswer | None) -> list[Finding]:
    topic = _LINE_TOPICS.get(key.right, f"{key.right}_entries")
    if answer is None:
        return [_line(base, topic, line, None) for line in key.lines]
    ticked = set(answer.lines)
    findings = [_line(base, topic, line, line.id in ticked) for line in key.lines]
    known = {line.id for line in key.lines}
    for stray in sorted(ticked - known):
        findings.append(
            Finding(
                **base,
                outcome="false_alarm",
                earned=0,
                possible=0,
                severity=1,
                topic=topic,
                rule=key.rule,
                given=stray,
                feedback=f"There is no entry {stray} on this request; only the listed ones count.",
            )
        )
    return findings


def _line(base: dict[str, Any], topic: str, line: LineKey, ticked: bool | None) -> Finding:
    """One entry or line; ``ticked`` is None when the request was not answered at all."""
    listed = "belongs" if line.belongs else "does not belong"
    feedback = f"{line.id} {listed}: {line.why}."
    wrong = "missed" if line.belongs or ticked is None else "false_alarm"
    outcome = "correct" if ticked == line.belongs else wrong
    return Finding(
        **base,
        outcome=outcome,
        earned=LINE_POINTS if ticked == line.belongs else 0,
        possible=LINE_POINTS,
        severity=1,
        topic=topic,
        rule=line.rule,
        expected=f"{line.id} {'ticked' if line.belongs else 'left out'}",
        given=None if ticked is None else f"{line.id} {'ticked' if ticked else 'left out'}",
        feedback=feedback,
    )


def _fee(base: dict[str, Any], key: RightsKey, answer: RightsAnswer | None) -> Finding:
    given = answer.fee if answer is not None else None
    right = given is not None and given == key.fee
    worth = points(FEE_SEVERITY)
    return Finding(
        **base,
        outcome="correct" if right else "missed",
        earned=worth if right else 0,
        possible=worth,
        severity=FEE_SEVERITY,
        topic="accounting_fee",
        rule="45 CFR 164.528(c)(2)",
        expected="a fee may be charged" if key.fee else "free of charge",
        given=None if given is None else ("a fee may be charged" if given else "free of charge"),
        feedback=key.fee_why or "",
    )
