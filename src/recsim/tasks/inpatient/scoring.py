"""Scoring the codes of one stay: principal, secondary diagnoses with POA, extra codes.

Points: the principal diagnosis is worth 3, each required secondary diagnosis 1
and its POA indicator 1. A near miss (wrong side, wrong encounter, unspecified
for specific: :mod:`recsim.coding.near_miss`) earns half, as in the coding
kind; a code that contradicts the key earns nothing. A code the record does
not support costs :data:`~recsim.core.scoring.FALSE_ALARM_PENALTY`.
Procedures and the disposition are scored in :mod:`recsim.tasks.inpatient.procedures`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from recsim.coding import codeset
from recsim.coding.near_miss import PARTIAL, relate
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.tasks.inpatient.models import InpatientAnswer, InpatientKey
from recsim.tasks.inpatient.rules import (
    CM_GUIDELINES,
    POA_RULE,
    PRINCIPAL_RULE,
    SECONDARY_RULE,
)

PRINCIPAL_SEVERITY = 3
SECONDARY_SEVERITY = 1
POA_SEVERITY = 1
POA_WORDS = {
    "Y": "Y (present at the time of the inpatient admission)",
    "N": "N (not present at the time of the inpatient admission)",
    "U": "U (documentation insufficient to determine)",
    "W": "W (clinically undetermined)",
    "": "blank (exempt from POA reporting)",
    "1": "1 (exempt from POA reporting)",
}
Describe = Callable[[str], str]


@dataclass
class Placed:
    """Each given diagnosis matched with the key's codes."""

    credits: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Expected secondary -> (given code, relation, detail)."""
    optional: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def describer(key: InpatientKey) -> Describe:
    """Code -> its description, from the key or the code set."""
    codes = codeset()

    def describe(code: str) -> str:
        if code in key.descriptions:
            return key.descriptions[code]
        info = codes.get(code)
        return info.description if info is not None else "not an ICD-10-CM FY2026 code"

    return describe


def label(code: str, describe: Describe) -> str:
    """``J96.01 Acute respiratory failure with hypoxia``."""
    return f"{code} {describe(code)}"


def required(key: InpatientKey) -> list[str]:
    """The secondary codes the trainee must report."""
    return [d.code for d in key.stay.secondary if d.code not in key.optional]


def place(key: InpatientKey, answer: InpatientAnswer) -> Placed:
    """Match the answer's secondary codes (and a misplaced principal) to the key's."""
    codes = codeset()
    placed = Placed()
    given = [row.code for row in answer.secondary]
    if answer.principal and answer.principal[:3] != key.stay.principal[:3]:
        given.insert(0, answer.principal)  # a secondary chosen as principal is still coded
    left = [c for c in dict.fromkeys(given) if c not in _principals(key)]
    wanted = required(key)
    for code in wanted:
        if code in left:
            placed.credits[code] = (code, "exact", "")
            left.remove(code)
    placed.optional = [c for c in left if c in key.optional]
    left = [c for c in left if c not in placed.optional]
    for code in wanted:
        near = [c for c in left if c[:3] == code[:3] and code not in placed.credits]
        if near:
            relation, detail = relate(code, near[0], codes)
            placed.credits[code] = (near[0], relation, detail)
            left.remove(near[0])
    placed.extras = left
    return placed


def _principals(key: InpatientKey) -> list[str]:
    return [key.stay.principal, *key.principal_alternatives]


def principal_finding(
    base: dict[str, Any], key: InpatientKey, answer: InpatientAnswer, describe: Describe
) -> Finding:
    """The principal diagnosis: right, a near miss, another listed condition, or missing."""
    worth = points(PRINCIPAL_SEVERITY)
    right = key.stay.principal
    common = {
        **base,
        "possible": worth,
        "severity": PRINCIPAL_SEVERITY,
        "topic": "principal_diagnosis",
        "rule": _rule(PRINCIPAL_RULE, key),
        "expected": label(right, describe),
        "given": label(answer.principal, describe) if answer.principal else None,
    }
    given = answer.principal
    if given in _principals(key):
        also = "" if given == right else " (the Guidelines allow it here, II.C)"
        return Finding(
            **common,
            outcome="correct",
            earned=worth,
            feedback=f"Correct principal diagnosis: {label(given, describe)}{also}.",
        )
    why = f" {key.explanation}" if key.explanation else ""
    if not given:
        return Finding(
            **common,
            outcome="missed",
            earned=0,
            feedback=f"No principal diagnosis: it is {label(right, describe)}, the condition "
            f"established after study to be chiefly responsible for the admission.{why}",
        )
    if given[:3] == right[:3]:
        relation, detail = relate(right, given, codeset())
        if relation in PARTIAL:
            return Finding(
                **common,
                outcome="partial",
                earned=worth / 2,
                feedback=f"Principal diagnosis: the right condition, less precisely coded "
                f"({detail}). Half credit.",
            )
    listed = {d.code for d in key.stay.secondary}
    choice = (
        f"{given} is a secondary diagnosis of this stay, not the reason for the admission"
        if given in listed
        else f"the record does not support {given} as the reason for the admission"
    )
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        feedback=f"Principal diagnosis choice: {choice}; the principal diagnosis is "
        f"{label(right, describe)}.{why}",
    )


def secondary_findings(
    base: dict[str, Any], key: InpatientKey, answer: InpatientAnswer, describe: Describe
) -> Iterator[Finding]:
    """One finding per required secondary diagnosis and, once it is coded, one for its POA."""
    placed = place(key, answer)
    poa_given = {row.code: row.poa for row in answer.secondary}
    keyed = {d.code: d.poa for d in key.stay.secondary}
    worth = points(SECONDARY_SEVERITY)
    for code in required(key):
        common = {
            **base,
            "possible": worth,
            "severity": SECONDARY_SEVERITY,
            "topic": "secondary_diagnosis",
            "rule": _rule(SECONDARY_RULE, key),
            "expected": label(code, describe),
        }
        if code not in placed.credits:
            yield Finding(
                **common,
                outcome="missed",
                earned=0,
                feedback=f"Missing secondary diagnosis: {label(code, describe)}. It was "
                "monitored, evaluated or treated during the stay, so it is reported.",
            )
            continue
        given, relation, detail = placed.credits[code]
        if relation == "exact":
            yield Finding(
                **common,
                outcome="correct",
                earned=worth,
                given=given,
                feedback=f"Correct secondary diagnosis: {label(code, describe)}.",
            )
        elif relation in PARTIAL:
            yield Finding(
                **common,
                outcome="partial",
                earned=worth / 2,
                given=given,
                feedback=f"Secondary diagnosis {given} is near {code} ({detail}). Half credit.",
            )
        else:
            yield Finding(
                **common,
                outcome="missed",
                earned=0,
                given=given,
                feedback=f"{given} says something else than {label(code, describe)} ({detail}).",
            )
        if given == answer.principal:
            yield _principal_poa(base, code, keyed[code])
        else:
            yield poa_finding(base, code, keyed[code], poa_given.get(given, ""), describe)


def _principal_poa(base: dict[str, Any], code: str, expected: str) -> Finding:
    """A secondary diagnosis reported as the principal one: its POA point is not charged again.

    The principal diagnosis finding already costs the choice; a principal diagnosis has no
    POA indicator to give on the claim, so this point is credited, with the indicator said.
    """
    want = "" if expected == "exempt" else expected
    worth = points(POA_SEVERITY)
    return Finding(
        **base,
        outcome="correct",
        earned=worth,
        possible=worth,
        severity=POA_SEVERITY,
        topic="poa",
        rule=POA_RULE,
        expected=f"{code} POA {POA_WORDS[want]}",
        feedback=f"POA indicator for {code}: not charged, since you reported {code} as the "
        "principal diagnosis (that choice is scored once, in the principal diagnosis "
        f"finding). As a secondary diagnosis its indicator is {POA_WORDS[want]}.",
    )


def poa_finding(
    base: dict[str, Any], code: str, expected: str, given: str, describe: Describe
) -> Finding:
    """Whether the POA indicator of a coded secondary diagnosis is the right one."""
    worth = points(POA_SEVERITY)
    want = "" if expected == "exempt" else expected
    have = "" if given == "1" else given
    common = {
        **base,
        "possible": worth,
        "severity": POA_SEVERITY,
        "topic": "poa",
        "rule": POA_RULE,
        "expected": f"{code} POA {POA_WORDS[want]}",
        "given": f"{code} POA {POA_WORDS[given]}",
    }
    if want == have:
        return Finding(
            **common,
            outcome="correct",
            earned=worth,
            feedback=f"Right POA indicator for {code}: {POA_WORDS[want]}.",
        )
    if not want:
        why = (
            f"{code} ({describe(code)}) is on the POA exempt list, so the indicator is "
            "left blank (or 1 where the claim needs a character)"
        )
    elif not have:
        why = (
            f"{code} is not on the POA exempt list: it needs Y, N, U or W; the record "
            f"supports {POA_WORDS[want]}"
        )
    else:
        why = f"the record supports {POA_WORDS[want]} for {code}, not {POA_WORDS[have]}"
        if want == "N" and have in ("Y", "W"):
            why += (
                "; reporting a condition that arose in the hospital as present on admission "
                "hides a hospital-acquired condition from the payment rules"
            )
    return Finding(**common, outcome="missed", earned=0, feedback=f"POA indicator: {why}.")


def extra_findings(
    base: dict[str, Any], key: InpatientKey, answer: InpatientAnswer, describe: Describe
) -> Iterator[Finding]:
    """Accepted optional codes (no points either way) and codes the record does not support."""
    placed = place(key, answer)
    for code in placed.optional:
        yield Finding(
            **base,
            outcome="correct",
            earned=0,
            possible=0,
            severity=1,
            topic="optional_code",
            rule=_rule(SECONDARY_RULE, key),
            given=label(code, describe),
            feedback=f"Accepted: {label(code, describe)} may be reported here but is not required.",
        )
    for code in placed.extras:
        known = codeset().get(code)
        reason = (
            "the record does not support it as a diagnosis of this stay (Section III reports "
            "conditions that affect the care given)"
            if known is not None and known.billable
            else f"it is not a complete ICD-10-CM FY2026 code ({CM_GUIDELINES}, I.B.2)"
        )
        yield Finding(
            **base,
            outcome="false_alarm",
            earned=-FALSE_ALARM_PENALTY,
            possible=0,
            severity=1,
            topic="extra_code",
            rule=_rule(SECONDARY_RULE, key),
            given=label(code, describe),
            feedback=f"Extra code: {label(code, describe)}: {reason}.",
        )


def _rule(first: str, key: InpatientKey) -> str:
    """The finding's own rule, then the case's other Guidelines sections (none cited twice)."""
    sections = [
        g
        for g in key.guidelines
        if not g.startswith("PCS ")
        and g != "UHDDS"
        and not re.search(rf"(?<![\w.]){re.escape(g)}(?![\w.])", first)
    ]
    return f"{first}; see also {', '.join(sections)}" if sections else first
