"""Scoring a DRG validation: the finding, the DRG the record supports, the payment's direction.

Every claim is worth the same points, with an error or without, so guessing "no error" or
"an error" pays nothing on average: the finding (3), the corrected DRG (2) and the payment
direction (1). A finding the claim does not have costs a false alarm.
"""

from __future__ import annotations

from typing import Any

from recsim.coding.code_shapes import dotted, undotted
from recsim.coding.drg_weights import table5
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, Outcome, points
from recsim.tasks.drg_validation.block import DRG_TOPICS
from recsim.tasks.drg_validation.content import drg_content
from recsim.tasks.drg_validation.models import (
    DrgFindingEntry,
    DrgResult,
    DrgValidationAnswer,
    DrgValidationKey,
    PlantedError,
)

FINDING_SEVERITY = 3
DRG_SEVERITY = 2
PAYMENT_SEVERITY = 1
REVIEW_RULE = (
    "Medicare Program Integrity Manual (Pub. 100-08), ch. 6, section 6.5.3 "
    "(DRG validation review); 42 CFR 412.60(c)(1)"
)
_MOVES = {
    "up": "goes up",
    "down": "goes down",
    "unchanged": "stays the same",
}


def same_code(given: str | None, planted: str | None) -> bool:
    """Whether two codes are the same, however written (J96.01 = J9601; 3 = 03)."""
    if given is None or planted is None:
        return given is planted
    a, b = undotted(given), undotted(planted)
    if a.isdigit() and b.isdigit():
        return int(a) == int(b)
    return a == b


def drg_words(result: DrgResult) -> str:
    """``DRG 193 (Simple pneumonia and pleurisy with MCC, weight 1.2345)``."""
    weight = f", weight {result.weight:.4f}" if result.weight is not None else ""
    return f"DRG {result.drg:03d} ({result.title}{weight})"


_SMALL = {"and", "or", "with", "without", "of", "the", "for", "to", "in", "on", "by", "except"}
_CAPITALS = {"cc": "CC", "mcc": "MCC", "cc/mcc": "CC/MCC", "mcc/cc": "MCC/CC", "o.r.": "O.R."}
_CAPITALS |= {"ecmo": "ECMO", "mv": "MV", "hiv": "HIV", "ami": "AMI", "copd": "COPD"}


def table_title(title: str) -> str:
    """A Table 5 title (all capitals) as the grouper writes it: ``Simple Pneumonia ... with CC``."""
    words = []
    for n, word in enumerate(title.lower().split()):
        if word.strip(",") in _CAPITALS:
            words.append(_CAPITALS[word.strip(",")] + ("," if word.endswith(",") else ""))
        elif n and word in _SMALL:
            words.append(word)
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)


def named_drg(drg: int) -> str:
    """A DRG number the trainee gave, with its Table 5 title and weight where it has them."""
    row = table5().get(drg)
    if row is None:
        return f"DRG {drg:03d} (not an MS-DRG of FY2026)"
    return drg_words(
        DrgResult(drg=drg, title=table_title(row.title), weight=row.weight, gmlos=None)
    )


def check(
    item: str,
    objective: str | None,
    key: DrgValidationKey,
    answer: DrgValidationAnswer | None,
    billed: frozenset[str],
) -> list[Finding]:
    """The findings of one claim's review; ``billed`` holds the claim's codes (undotted)."""
    base: dict[str, Any] = {"item": item, "category": "coding", "objective": objective}
    findings = _finding(base, key, answer, billed)
    findings.append(_drg(base, key, answer))
    findings.append(_payment(base, key, answer))
    return findings


def _said(entry: DrgFindingEntry | PlantedError) -> str:
    title = DRG_TOPICS.title(entry.error) or entry.error
    code = _shown(entry.code)
    fix = f", corrected to {_shown(entry.corrected)}" if entry.corrected else ""
    return f"{title}: {code}{fix}"


def _shown(code: str | None) -> str:
    if code is None:
        return ""
    return f"{int(code):02d}" if code.isdigit() else dotted(code)


def _finding(
    base: dict[str, Any],
    key: DrgValidationKey,
    answer: DrgValidationAnswer | None,
    billed: frozenset[str],
) -> list[Finding]:
    given = list(answer.findings) if answer is not None else []
    planted = key.error
    worth = points(FINDING_SEVERITY)
    if planted is None:
        common = {**base, "possible": worth, "severity": FINDING_SEVERITY, "topic": "no_error",
                  "rule": REVIEW_RULE, "expected": "No coding error: the claim stands"}  # fmt: skip
        right = answer is not None and not given
        lead = "Right: t" if right else "Not reviewed: t" if answer is None else "T"
        found = [
            Finding(
                **common,
                outcome="correct" if right else "missed",
                earned=worth if right else 0,
                given=None
                if answer is None
                else ("No coding error" if right else "; ".join(map(_said, given))),
                feedback=f"{lead}he record supports every code on this claim as billed, so "
                f"{drg_words(key.billed)} stands.",
            )
        ]
        return found + [_false_alarm(base, e, billed) for e in given]
    info = drg_content().errors[planted.error]  # type: ignore[index]
    common = {**base, "possible": worth, "severity": FINDING_SEVERITY, "topic": planted.error,
              "rule": info.rule, "expected": _said(planted)}  # fmt: skip
    match = next((e for e in given if same_code(e.code, planted.code)), None)
    match = match or next((e for e in given if e.error == planted.error), None)
    outcome: Outcome
    if match is None:
        outcome, share = "missed", 0.0
        lead = "Not found. " if answer is not None else "Not reviewed. "
    else:
        given.remove(match)
        outcome, share, lead = _judge(match, planted)
    found = [
        Finding(
            **common,
            outcome=outcome,
            earned=worth * share,
            given=_said(match) if match else None,
            feedback=f"{lead}{planted.why} {lesson(info.lesson, planted)}",
        )
    ]
    return found + [_false_alarm(base, e, billed) for e in given]


LEVELS = {
    "MCC": "an MCC (a major complication or comorbidity)",
    "CC": "a CC (a complication or comorbidity)",
}
"""A CC/MCC level in a student's words."""


def lesson(template: str, planted: PlantedError) -> str:
    """An error's lesson with its code and that code's CC/MCC level filled in."""
    return template.format(
        code=_shown(planted.code),
        level=LEVELS.get(planted.level or "", "a CC or an MCC"),
        level_short=planted.level or "CC or MCC",
    )


def _judge(entry: DrgFindingEntry, planted: PlantedError) -> tuple[Outcome, float, str]:
    if not same_code(entry.code, planted.code):
        return (
            "partial",
            0.5,
            (
                f"Right kind of error, but the code concerned is {_shown(planted.code)}, "
                f"not {_shown(entry.code)}. "
            ),
        )
    if entry.error != planted.error:
        title = DRG_TOPICS.title(planted.error) or planted.error
        return "partial", 0.5, f"Right code, but the error is {title[:1].lower()}{title[1:]}. "
    if planted.corrected is not None and not same_code(entry.corrected, planted.corrected):
        return (
            "partial",
            0.5,
            (
                f"Right error, but the correction is {_shown(planted.corrected)}"
                + (f", not {_shown(entry.corrected)}. " if entry.corrected else ". ")
            ),
        )
    return "correct", 1.0, "Found. "


def _false_alarm(base: dict[str, Any], entry: DrgFindingEntry, billed: frozenset[str]) -> Finding:
    code = _shown(entry.code)
    if undotted(entry.code) in billed:
        why = f"the record supports {code} as billed."
    else:
        why = f"{code} is not on the claim, and the record does not call for it."
    return Finding(
        **base,
        outcome="false_alarm",
        earned=-FALSE_ALARM_PENALTY,
        possible=0,
        severity=1,
        topic=entry.error,
        rule=REVIEW_RULE,
        given=_said(entry),
        feedback=f"Not an error of this claim: {why} A reviewer who changes correct coding "
        "takes payment the hospital is owed.",
    )


def _drg(
    base: dict[str, Any], key: DrgValidationKey, answer: DrgValidationAnswer | None
) -> Finding:
    worth = points(DRG_SEVERITY)
    right = answer is not None and answer.drg == key.correct.drg
    if key.billed.drg == key.correct.drg:
        story = (
            f"The hospital billed {drg_words(key.billed)}, and the record supports the same DRG."
        )
    else:
        story = (
            f"The hospital billed {drg_words(key.billed)}; the record's codes group to "
            f"{drg_words(key.correct)}."
        )
    lead = "Right. " if right else "Not reviewed. " if answer is None else ""
    story = f"{story} How the record is coded: {key.explain}"
    return Finding(
        **base,
        outcome="correct" if right else "missed",
        earned=worth if right else 0,
        possible=worth,
        severity=DRG_SEVERITY,
        topic="corrected_drg",
        rule="42 CFR 412.60(c)(1)",
        expected=drg_words(key.correct),
        given=None if answer is None else named_drg(answer.drg),
        feedback=f"{lead}{story}",
    )


def _payment(
    base: dict[str, Any], key: DrgValidationKey, answer: DrgValidationAnswer | None
) -> Finding:
    worth = points(PAYMENT_SEVERITY)
    right = answer is not None and answer.payment == key.payment
    if key.error is not None and key.error.error == "wrong_disposition":
        shorter = key.payment == "down"
        why = (
            f"The DRG stays {key.correct.drg:03d}; what changes is how it is paid. Its "
            f"geometric mean length of stay is {key.correct.gmlos} days, and this stay plus "
            f"one day is {'shorter' if shorter else 'not shorter'}, so as a transfer it is "
            f"{'paid less than' if shorter else 'still paid'} the full DRG payment "
            "(42 CFR 412.4(f)(1))."
        )
        rule = "42 CFR 412.4(f)(1)"
    else:
        before = key.billed.weight or 0.0
        after = key.correct.weight or 0.0
        why = (
            f"The relative weight stays {after:.4f}."
            if before == after
            else f"The relative weight goes from {before:.4f} to {after:.4f}."
        )
        rule = "42 CFR 412.60(b)"
    lead = "Right. " if right else "Not reviewed. " if answer is None else ""
    return Finding(
        **base,
        outcome="correct" if right else "missed",
        earned=worth if right else 0,
        possible=worth,
        severity=PAYMENT_SEVERITY,
        topic="payment_direction",
        rule=rule,
        expected=f"The payment {_MOVES[key.payment]}",
        given=None if answer is None else f"The payment {_MOVES[answer.payment]}",
        feedback=f"{lead}{why}",
    )
