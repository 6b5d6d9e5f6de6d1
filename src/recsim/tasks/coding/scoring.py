"""Scoring one coded encounter: credit by code, sequencing, extra codes and claim edits.

Points: the principal or first-listed diagnosis is worth 2, each other expected
code 1, listing a right code first 1, each expected procedure 1. A near miss
(wrong side, wrong encounter, unspecified for specific) earns half; a code that
contradicts the key earns nothing (see :mod:`recsim.tasks.coding.credit`).
One error is charged once: an extra code costs
:data:`~recsim.core.scoring.FALSE_ALARM_PENALTY` and its feedback explains the
claim edits it causes; an edit the right codes cause in the wrong order is
explained by the sequencing finding. An item never scores below zero.
docs/coding.md, "Partial credit", states the rules with worked examples.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from recsim.coding import CodeSet, codeset
from recsim.coding.alphabetic import index_note
from recsim.coding.edits import Edit, check_codes
from recsim.core.scoring import Finding, points
from recsim.tasks.coding.charges import (
    GUIDELINES,
    Describe,
    Owners,
    assign,
    cite,
    edit_findings,
    edits_cited,
    edits_said,
    extra_findings,
)
from recsim.tasks.coding.credit import PARTIAL, Credit, Matching, match
from recsim.tasks.coding.models import CodingAnswer, CodingKey
from recsim.tasks.coding.pcs_scoring import is_pcs_key, pcs_findings, unanswered_pcs
from recsim.tasks.coding.procedure_scoring import (
    PROCEDURE_RULE,
    PROCEDURE_SEVERITY,
    procedure_findings,
    procedure_set,
)

__all__ = ["GUIDELINES", "VALIDITY_EDITS", "cite", "grade", "procedure_set"]

PRINCIPAL_SEVERITY = 2
OTHER_SEVERITY = 1
SEQUENCE_SEVERITY = 1
VALIDITY_EDITS = frozenset(
    {"invalid_code", "not_billable", "missing_seventh_character", "invalid_seventh_character"}
)
"""Edits that mean a typed code is not a code at all: it earns nothing and is charged once."""
_PARTIAL_WORDS = {
    "laterality": ("Laterality", "I.B.13"),
    "seventh_character": ("7th character (encounter)", "I.A.5"),
    "specificity": ("Specificity", "I.B.2"),
}


def _key_rule(key: CodingKey, *sections: str) -> str:
    """The sections given, then the case's own citations."""
    return "; ".join([cite(*sections, *key.guidelines), *key.sources])


def grade(
    item_id: str,
    objective: str | None,
    key: CodingKey,
    answer: CodingAnswer | None,
    discharged: date | None = None,
) -> list[Finding]:
    """Every finding for one coded encounter (``answer`` None: not coded at all).

    ``discharged`` (the discharge date of an inpatient stay) is the date ICD-10-PCS
    codes are checked for validity on.
    """
    base: dict[str, Any] = {"item": item_id, "category": "coding", "objective": objective}
    codes = codeset()
    describe = _describer(codes, key)
    if answer is None:
        return _unanswered(base, key, describe)
    given = list(dict.fromkeys(answer.diagnoses))
    edits = _charged_edits(key, answer.diagnoses)
    invalid = [e for e in edits if e.edit in VALIDITY_EDITS]
    unusable = {c for e in invalid for c in e.codes}
    usable = [c for c in given if c not in unusable and _billable(codes, c)]
    matching = match(key, usable, codes)
    in_order = _first_is_right(key, given, matching)
    owners, standalone = assign([e for e in edits if e not in invalid], matching, in_order)
    stand_ins, invalid = _stand_ins(key, matching, invalid)

    findings = _diagnosis_findings(base, key, matching, describe, stand_ins, owners)
    findings.append(_sequence_finding(base, key, given, in_order, describe, owners))
    findings.extend(_optional_findings(base, key, matching.optional, describe))
    findings.extend(extra_findings(base, key, matching, describe, owners))
    findings.extend(edit_findings(base, invalid, "Invalid code"))
    findings.extend(edit_findings(base, standalone, "Claim edit"))
    if is_pcs_key(key):
        findings.extend(pcs_findings(base, key, answer.procedures, discharged))
    else:
        findings.extend(procedure_findings(base, key, answer.procedures))
    return findings


def _stand_ins(
    key: CodingKey, matching: Matching, invalid: list[Edit]
) -> tuple[dict[str, Edit], list[Edit]]:
    """Incomplete or invalid codes typed for an expected code of their category, and the rest.

    One stands in for an unanswered expected code: that code's missed finding explains it,
    so it is not charged again; any other invalid code is charged once as an invalid code.
    """
    stand_ins: dict[str, Edit] = {}
    left = list(invalid)
    for code in key.diagnoses:
        if code in matching.credits:
            continue
        edit = next((e for e in left if len(e.codes) == 1 and e.codes[0][:3] == code[:3]), None)
        if edit is not None:
            stand_ins[code] = edit
            left.remove(edit)
    return stand_ins, left


def _describer(codes: CodeSet, key: CodingKey) -> Describe:
    def describe(code: str) -> str:
        if code in key.descriptions:
            return key.descriptions[code]
        info = codes.get(code)
        return info.description if info is not None else "not an ICD-10-CM code"

    return describe


def _index_path(code: str) -> str:
    """The Alphabetic Index path to ``code`` when the index is added ("" otherwise)."""
    note = index_note(code)
    return (
        f" {note} (Guidelines I.B.1: look it up in the Index, verify it in the Tabular List)."
        if note
        else ""
    )


def _billable(codes: CodeSet, code: str) -> bool:
    info = codes.get(code)
    return info is not None and info.billable


def _charged_edits(key: CodingKey, diagnoses: list[str]) -> list[Edit]:
    """The edits the answer triggers, less any the key's own codes trigger (an authored quirk)."""
    found = check_codes(diagnoses, sex=key.sex, age=key.age, setting=key.encounter).edits
    own = {
        (e.edit, tuple(e.codes))
        for e in check_codes(key.diagnoses, sex=key.sex, age=key.age, setting=key.encounter).edits
    }
    return [e for e in found if (e.edit, tuple(e.codes)) not in own]


def _first_is_right(key: CodingKey, given: list[str], matching: Matching) -> bool:
    """Whether the code listed first answers a condition that may be listed first."""
    if not given:
        return False
    allowed = {key.diagnoses[0], *key.first_listed}
    return matching.owner(given[0]) in allowed


def _worth(position: int) -> tuple[int, float]:
    severity = PRINCIPAL_SEVERITY if position == 0 else OTHER_SEVERITY
    return severity, points(severity)


def _diagnosis_findings(
    base: dict[str, Any],
    key: CodingKey,
    matching: Matching,
    describe: Describe,
    stand_ins: dict[str, Edit],
    owners: Owners,
) -> list[Finding]:
    """One finding per expected code: correct, a named near miss, or missing."""
    findings = []
    for position, code in enumerate(key.diagnoses):
        severity, worth = _worth(position)
        common = {**base, "possible": worth, "severity": severity}
        common["expected"] = f"{code} {describe(code)}"
        why = f" {key.explanation}" if position == 0 and key.explanation else ""
        credit = matching.credits.get(code)
        said = f"{code} ({describe(code)})"
        if credit is None:
            near = stand_ins.get(code)
            attempt = (
                f" You listed {near.codes[0]}, which is not a complete, valid code: {near.message}"
                if near is not None
                else ""
            )
            findings.append(
                Finding(
                    **common,
                    outcome="missed",
                    earned=0,
                    topic="code",
                    rule="; ".join([_key_rule(key), *edits_cited([near] if near else [])]),
                    given=near.codes[0] if near is not None else None,
                    feedback=f"Missing code: {said}.{attempt}{why}{_index_path(code)}",
                )
            )
        else:
            edits = owners.get(f"code:{code}", [])
            findings.append(_credited(common, key, code, credit, describe, edits, why))
    return findings


def _credited(
    common: dict[str, Any],
    key: CodingKey,
    code: str,
    credit: Credit,
    describe: Describe,
    edits: list[Edit],
    why: str,
) -> Finding:
    """The finding of an expected code some given code answered, by how close it came."""
    worth = float(common["possible"])
    said = f"{code} ({describe(code)})"
    given = f"{credit.given} ({describe(credit.given)})"
    if credit.relation in ("exact", "also_accepted"):
        instead = f" is accepted in place of {said}" if credit.relation != "exact" else ""
        return Finding(
            **common,
            outcome="correct",
            earned=worth,
            topic="code",
            rule=_key_rule(key),
            given=credit.given,
            feedback=f"Correct: {given}{instead}.{why}",
        )
    if credit.relation in PARTIAL:
        words, section = _PARTIAL_WORDS[credit.relation]
        return Finding(
            **common,
            outcome="partial",
            earned=worth / 2,
            topic=credit.relation,
            rule=_key_rule(key, section),
            given=f"{credit.given} {describe(credit.given)}",
            feedback=f"{words}: you coded {given}, but the documentation supports {said}; "
            f"{credit.detail}. Half credit.{why}{_index_path(code)}",
        )
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        topic="code",
        rule="; ".join([_key_rule(key, "I.B.2"), *edits_cited(edits)]),
        given=f"{credit.given} {describe(credit.given)}",
        feedback=f"Missing code: {said}. You coded {given} instead, which says something the "
        f"documentation does not, so it earns nothing ({credit.detail}).{edits_said(edits)}{why}"
        f"{_index_path(code)}",
    )


def _sequence_finding(
    base: dict[str, Any],
    key: CodingKey,
    given: list[str],
    in_order: bool,
    describe: Describe,
    owners: Owners,
) -> Finding:
    inpatient = key.encounter == "inpatient"
    label = "principal diagnosis" if inpatient else "first-listed diagnosis"
    sections = ("II", "II.C") if inpatient and key.first_listed else ("II",)
    rule = cite(*sections) if inpatient else cite("IV.A", "IV.G")
    worth = points(SEQUENCE_SEVERITY)
    allowed = [key.diagnoses[0], *key.first_listed]
    choices = " or ".join(f"{c} ({describe(c)})" for c in allowed)
    common = {**base, "possible": worth, "severity": SEQUENCE_SEVERITY, "topic": "sequencing"}
    common["expected"] = " or ".join(allowed)
    first = given[0] if given else None
    if in_order:
        return Finding(
            **common,
            outcome="correct",
            rule=rule,
            earned=worth,
            given=first,
            feedback=f"Sequencing: {first} is listed first, and its condition is the {label}.",
        )
    said = (
        "you listed no codes" if first is None else f"you listed {first} ({describe(first)}) first"
    )
    why = (
        " The principal diagnosis is the condition established after study to be chiefly "
        "responsible for the admission."
        if inpatient
        else " The first-listed diagnosis is the condition chiefly responsible for the visit."
    )
    edits = owners.get("sequencing", [])
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        rule="; ".join([rule, *edits_cited(edits)]),
        given=first,
        feedback=f"Sequencing: the {label} is {choices}, but {said}.{why}{edits_said(edits)}",
    )


def _optional_findings(
    base: dict[str, Any], key: CodingKey, accepted: list[str], describe: Describe
) -> Iterable[Finding]:
    for code in accepted:
        yield Finding(
            **base,
            outcome="correct",
            earned=0,
            possible=0,
            severity=1,
            topic="optional_code",
            rule=_key_rule(key),
            given=code,
            feedback=f"Accepted: {code} ({describe(code)}) may be reported here but is not "
            "required.",
        )


def _unanswered(base: dict[str, Any], key: CodingKey, describe: Describe) -> list[Finding]:
    findings = []
    for position, code in enumerate(key.diagnoses):
        severity, worth = _worth(position)
        why = f" {key.explanation}" if position == 0 and key.explanation else ""
        findings.append(
            Finding(
                **base,
                outcome="missed",
                earned=0,
                possible=worth,
                severity=severity,
                topic="code",
                rule=_key_rule(key),
                expected=f"{code} {describe(code)}",
                feedback=f"Missing code (not coded): {code} ({describe(code)}).{why}",
            )
        )
    findings.append(
        Finding(
            **base,
            outcome="missed",
            earned=0,
            possible=points(SEQUENCE_SEVERITY),
            severity=SEQUENCE_SEVERITY,
            topic="sequencing",
            rule=cite("II") if key.encounter == "inpatient" else cite("IV.A"),
            expected=key.diagnoses[0],
            feedback="Sequencing: nothing was coded, so nothing was listed first.",
        )
    )
    if is_pcs_key(key):
        findings.extend(unanswered_pcs(base, key))
        return findings
    for code in key.procedures:
        findings.append(
            Finding(
                **base,
                outcome="missed",
                earned=0,
                possible=points(PROCEDURE_SEVERITY),
                severity=PROCEDURE_SEVERITY,
                topic="procedure",
                rule=PROCEDURE_RULE,
                expected=code,
                feedback=f"Missing procedure code (not coded): {code}.",
            )
        )
    return findings
