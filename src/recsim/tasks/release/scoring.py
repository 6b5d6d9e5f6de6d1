"""Grading a release decision: correct, acceptable, patient-rights failure or privacy violation.

An item is worth its decision (3 points) plus, when records should go out, the
released set (2) and the accounting entry (1). A decision that sends nothing
when records should go out is graded as one whole (acceptable earns half of it;
a refusal of what the patient is entitled to is a patient-rights failure). Any
record sent that must not go out is a privacy violation: it costs 5 points and
adds 5 to what the item was worth, so it always weighs more than any other
mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from recsim.core.scoring import Finding, points
from recsim.privacy.citations import join_cites
from recsim.privacy.handling import DISCLOSING, Handling
from recsim.privacy.record_types import SUBSTANCE_USE, expand, labels
from recsim.privacy.rulebook import rulebook
from recsim.tasks.release.models import ReleaseAnswer, ReleaseKey

DECISION_SEVERITY = 3
RECORDS_SEVERITY = 2
ACCOUNTING_SEVERITY = 1
VIOLATION_SEVERITY = 4
ACCOUNTING_RULE = "45 CFR 164.528(a)"
UNLAWFUL = "45 CFR 164.502(a)"
"""A use or disclosure the Privacy Rule does not permit (minimum necessary, 164.502(b), is
another rule)."""
BREACH = (
    "An unlawful disclosure is the most serious mistake at the release desk: it may be a breach "
    "the patient must be told about (45 CFR 164.402, 164.404)."
)
PART2_BREACH = "Breach notification applies to Part 2 records too (42 CFR 2.16(b))."
REFUSE = ("deny", "refer_privacy_officer")


def worth(handling: Handling) -> float:
    """Points an item is worth when answered without a violation."""
    total = points(DECISION_SEVERITY)
    if handling.discloses:
        total += points(RECORDS_SEVERITY) + points(ACCOUNTING_SEVERITY)
    return total


def decision_words(decision: str, records: Sequence[str] = ()) -> str:
    """A decision as a phrase: "release the lab results", "deny the request"."""
    shown = labels(records)
    return {
        "release": f"release the {shown}",
        "release_partial": f"release part of the request (the {shown})",
        "deny": "deny the request",
        "verify_identity": "verify the requester's identity first",
        "refer_privacy_officer": "refer the request to the privacy officer",
    }[decision]


def grade(
    item: str, objective: str | None, key: ReleaseKey, answer: ReleaseAnswer | None
) -> list[Finding]:
    """Findings for one answer (``None``: unanswered)."""
    handling = key.handling
    base: dict[str, Any] = {
        "item": item,
        "category": "privacy",
        "objective": objective,
        "expected": _shown(handling.decision, handling.release, handling.log_disclosure),
    }
    lesson = " ".join(part for part in (handling.explanation, key.explain or "") if part)
    if answer is None:
        return [
            Finding(
                **base,
                outcome="missed",
                earned=0,
                possible=worth(handling),
                severity=DECISION_SEVERITY,
                topic=handling.topic,
                rule=handling.cite,
                feedback=f"Not answered. {lesson}",
            )
        ]
    base["given"] = _shown(answer.decision, answer.release, answer.log_disclosure)
    given = expand(answer.release) if answer.decision in DISCLOSING else frozenset()
    findings = _violation(base, handling, given)
    if handling.discloses and answer.decision not in DISCLOSING:
        findings.append(_held_back(base, handling, answer, lesson))
        return findings
    findings.append(_decision(base, handling, answer, given, lesson, violated=bool(findings)))
    if handling.discloses:
        findings.append(_records(base, handling, given))
        findings.append(_accounting(base, handling, answer))
    return findings


def _violation(base: dict[str, Any], handling: Handling, given: frozenset[str]) -> list[Finding]:
    permitted = expand(handling.release) | set(handling.discretionary)
    forbidden = given - permitted
    if not forbidden:
        return []
    reasons = [w for w in handling.withheld if w.record in forbidden]
    if reasons:
        why = " ".join(
            f"The {labels([w.record])}: {w.reason[0].lower()}{w.reason[1:]} ({w.cite})"
            for w in reasons
        )
        rule = join_cites(w.cite for w in reasons)
    else:
        why = f"Nothing in this request permits them ({handling.cite})."
        rule = handling.cite
    unrequested = forbidden - {w.record for w in reasons}
    if reasons and unrequested:
        why += (
            f" The {labels(unrequested)} were not asked for, and nothing permits sending them "
            f"({UNLAWFUL})."
        )
    rule = join_cites([UNLAWFUL, rule])
    breach = f"{BREACH} {PART2_BREACH}" if SUBSTANCE_USE in forbidden else BREACH
    severity = points(VIOLATION_SEVERITY)
    return [
        Finding(
            **base,
            outcome="violation",
            earned=-severity,
            possible=severity,
            severity=VIOLATION_SEVERITY,
            topic="unlawful_disclosure",
            rule=rule,
            feedback=f"Privacy violation: you released the {labels(forbidden)}, "
            f"which must not go out: a disclosure the Privacy Rule does not permit ({UNLAWFUL}). "
            f"{why} {breach}",
        )
    ]


def _held_back(
    base: dict[str, Any], handling: Handling, answer: ReleaseAnswer, lesson: str
) -> Finding:
    """Nothing sent where records should go: graded as a whole."""
    total = worth(handling)
    expected = decision_words(handling.decision, handling.release)
    if answer.decision in REFUSE and left_to_judgment(handling):
        return Finding(
            **base,
            outcome="correct",
            earned=total,
            possible=total,
            severity=DECISION_SEVERITY,
            topic=handling.topic,
            rule=handling.cite,
            feedback=f"Right: you chose to {decision_words(answer.decision)}. The law leaves this "
            f"disclosure to professional judgment ({handling.cite}): sharing what is relevant and "
            f"declining are both lawful. {lesson}",
        )
    if answer.decision in handling.acceptable:
        return Finding(
            **base,
            outcome="partial",
            earned=total / 2,
            possible=total,
            severity=DECISION_SEVERITY,
            topic=handling.topic,
            rule=handling.cite,
            feedback="Safe, but not the best answer: you chose to "
            f"{decision_words(answer.decision)}; "
            f"the request could be handled now: {expected}. {lesson}",
        )
    if handling.right_of_access:
        return Finding(
            **base,
            outcome="missed",
            earned=0,
            possible=total,
            severity=DECISION_SEVERITY,
            topic="right_of_access",
            rule=handling.cite,
            feedback="Patient-rights failure: you chose to "
            f"{decision_words(answer.decision)}, but the "
            f"patient is entitled to the {labels(handling.release)} ({handling.cite}); withholding "
            f"them denies a right the law guarantees. {lesson}",
        )
    return Finding(
        **base,
        outcome="missed",
        earned=0,
        possible=total,
        severity=DECISION_SEVERITY,
        topic=handling.topic,
        rule=handling.cite,
        feedback=f"Not right: you chose to {decision_words(answer.decision)}, but the right "
        f"decision is to {expected}. {lesson}",
    )


def left_to_judgment(handling: Handling) -> bool:
    """The law leaves this disclosure to professional judgment (164.510(b)(3)): refusing is right.

    Only a disclosure can be declined; a key that sends nothing has nothing to leave to judgment.
    """
    rule = rulebook().rules.get(handling.rule)
    return handling.discloses and rule is not None and rule.judgment


def _decision(
    base: dict[str, Any],
    handling: Handling,
    answer: ReleaseAnswer,
    given: frozenset[str],
    lesson: str,
    *,
    violated: bool,
) -> Finding:
    full = points(DECISION_SEVERITY)
    common = {
        **base,
        "possible": full,
        "severity": DECISION_SEVERITY,
        "topic": handling.topic,
        "rule": handling.cite,
    }
    expected = decision_words(handling.decision, handling.release)
    if answer.decision == handling.decision and not violated:
        return Finding(
            **common, outcome="correct", earned=full, feedback=f"Correct: {expected}. {lesson}"
        )
    if handling.discloses and not violated:
        # both send records: the label should say whether the whole request went
        whole = given >= expand(handling.release) | {w.record for w in handling.withheld}
        if (answer.decision == "release") == whole:
            return Finding(
                **common, outcome="correct", earned=full, feedback=f"Correct: {expected}. {lesson}"
            )
        return Finding(
            **common,
            outcome="partial",
            earned=full / 2,
            feedback=f"Nearly: the right decision is to {expected}; you chose to "
            f"{decision_words(answer.decision, answer.release)}. {lesson}",
        )
    if answer.decision in handling.acceptable and not violated:
        return Finding(
            **common,
            outcome="partial",
            earned=full / 2,
            feedback="Safe, but not the best answer: you chose to "
            f"{decision_words(answer.decision)}; the better decision is to {expected}. {lesson}",
        )
    return _wrong_decision(common, handling, answer, expected, lesson)


def _wrong_decision(
    common: dict[str, Any], handling: Handling, answer: ReleaseAnswer, expected: str, lesson: str
) -> Finding:
    """A decision that earns nothing; refusing a patient who only needs verifying says so."""
    if (
        handling.right_of_access
        and handling.decision == "verify_identity"
        and answer.decision == "deny"
    ):
        return Finding(
            **{**common, "topic": "right_of_access"},
            outcome="missed",
            earned=0,
            feedback=f"Patient-rights failure: a request from someone who may be the patient is "
            f"verified, not refused ({handling.cite}). {lesson}",
        )
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        feedback="Not right: you chose to "
        f"{decision_words(answer.decision, answer.release)}, but the "
        f"right decision is to {expected}. {lesson}",
    )


def _records(base: dict[str, Any], handling: Handling, given: frozenset[str]) -> Finding:
    full = points(RECORDS_SEVERITY)
    due = expand(handling.release)
    sent = due & given
    common = {
        **base,
        "possible": full,
        "severity": RECORDS_SEVERITY,
        "topic": "records_released",
        "rule": handling.cite,
    }
    extra = given - due - set(handling.discretionary)  # scored by the violation, not here
    if sent == due and not extra:
        return Finding(
            **common,
            outcome="correct",
            earned=full,
            feedback=f"The released set is right: the {labels(due)} ({handling.cite}).",
        )
    if sent == due:
        return Finding(
            **common,
            outcome="correct",
            earned=full,
            feedback=f"Everything that should go out went: the {labels(due)} ({handling.cite}). "
            f"The {labels(extra)} should not have gone with them: see the privacy violation.",
        )
    missing = due - given
    who = (
        "the patient is entitled to them"
        if handling.right_of_access
        else "the request permits them and the requester needs them"
    )
    topic = "right_of_access" if handling.right_of_access else "records_released"
    return Finding(
        **{**common, "topic": topic},
        outcome="partial" if sent else "missed",
        earned=round(full * len(sent) / len(due), 4),
        feedback=f"You left out the {labels(missing)}: {who} ({handling.cite}).",
    )


def _accounting(base: dict[str, Any], handling: Handling, answer: ReleaseAnswer) -> Finding:
    full = points(ACCOUNTING_SEVERITY)
    rule = handling.accounting_cite or ACCOUNTING_RULE
    common = {
        **base,
        "possible": full,
        "severity": ACCOUNTING_SEVERITY,
        "topic": "accounting_of_disclosures",
        "rule": rule,
    }
    note = handling.accounting_note or f"See {rule}."
    if answer.log_disclosure == handling.log_disclosure:
        return Finding(
            **common,
            outcome="correct",
            earned=full,
            feedback=f"Accounting of disclosures: right. {note}",
        )
    wrong = (
        "you did not enter it, but it must be entered"
        if handling.log_disclosure
        else "you entered it, but it does not belong there"
    )
    return Finding(
        **common, outcome="missed", earned=0, feedback=f"Accounting of disclosures: {wrong}. {note}"
    )


def _shown(decision: str, release: Sequence[str], log: bool) -> str:
    """A decision as the trainee reads it.

    For example: "Release the lab results; an entry in the accounting of disclosures".
    """
    words = decision_words(decision, release)
    if decision in DISCLOSING:
        words += (
            "; an entry in the accounting of disclosures"
            if log
            else "; no entry in the accounting of disclosures"
        )
    return words[0].upper() + words[1:]
