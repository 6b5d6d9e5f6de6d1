"""Scoring one coded encounter: partial credit by code, sequencing, extras and claim edits.

Points: the principal or first-listed diagnosis is worth 2, each other expected
code 1, listing the right code first 1, each expected procedure 1. A code in
the right category with a wrong character earns half. Each unsupported extra
code and each claim edit the answer triggers costs
:data:`~recsim.core.scoring.FALSE_ALARM_PENALTY`; an item never scores below zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from recsim.coding import CodeSet, codeset
from recsim.coding.edits import Edit, check_codes
from recsim.coding.procedures import ProcedureCodeSet, load_procedure_codes
from recsim.core.scenario.errors import InvalidFile
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.tasks.coding.models import CodingAnswer, CodingKey

PRINCIPAL_SEVERITY = 2
OTHER_SEVERITY = 1
SEQUENCE_SEVERITY = 1
PROCEDURE_SEVERITY = 1
EDIT_PENALTY = FALSE_ALARM_PENALTY
"""What a claim edit costs: the same as any other wrong call."""
GUIDELINES = "ICD-10-CM Official Guidelines"
PROCEDURE_RULE = "45 CFR 162.1002 (HIPAA code sets: report procedures from the adopted code set)"
VALIDITY_EDITS = frozenset(
    {"invalid_code", "not_billable", "missing_seventh_character", "invalid_seventh_character"}
)
"""Edits that mean a typed code is not a code at all: such a code earns nothing and is charged once, as its edit."""
_SIDES = ("right", "left", "bilateral")


def cite(*sections: str) -> str:
    """A short citation of Official Guidelines sections, without repeats."""
    unique = list(dict.fromkeys(s for s in sections if s))
    return f"{GUIDELINES} {', '.join(unique)}" if unique else GUIDELINES


def grade(
    item_id: str, objective: str | None, key: CodingKey, answer: CodingAnswer | None
) -> list[Finding]:
    """Every finding for one coded encounter (``answer`` None: not coded at all)."""
    base: dict[str, Any] = {"item": item_id, "category": "coding", "objective": objective}
    codes = codeset()
    describe = _describer(codes, key)
    if answer is None:
        return _unanswered(base, key, describe)
    given = list(dict.fromkeys(answer.diagnoses))
    edits = _charged_edits(key, answer.diagnoses)
    unusable = {c for e in edits if e.edit in VALIDITY_EDITS for c in e.codes}
    usable = [c for c in given if c not in unusable and _billable(codes, c)]
    matches, accepted, extras = _match(key, usable)

    findings = _diagnosis_findings(base, key, matches, describe, codes, sorted(unusable))
    findings.append(_sequence_finding(base, key, given, matches, describe))
    findings.extend(_accepted_findings(base, key, accepted, describe))
    findings.extend(_extra_findings(base, key, extras, matches, describe))
    findings.extend(_edit_findings(base, edits))
    findings.extend(_procedure_findings(base, key, answer.procedures))
    return findings


def _describer(codes: CodeSet, key: CodingKey) -> Callable[[str], str]:
    def describe(code: str) -> str:
        if code in key.descriptions:
            return key.descriptions[code]
        info = codes.get(code)
        return info.description if info is not None else "not an ICD-10-CM code"

    return describe


def _billable(codes: CodeSet, code: str) -> bool:
    info = codes.get(code)
    return info is not None and info.billable


def _charged_edits(key: CodingKey, diagnoses: list[str]) -> list[Edit]:
    """The edits the answer triggers, less any the key's own codes trigger (an authored key's quirk)."""
    found = check_codes(diagnoses, sex=key.sex, age=key.age, setting=key.encounter).edits
    own = {
        (e.edit, tuple(e.codes))
        for e in check_codes(key.diagnoses, sex=key.sex, age=key.age, setting=key.encounter).edits
    }
    return [e for e in found if (e.edit, tuple(e.codes)) not in own]


def _match(key: CodingKey, given: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Pair expected codes with given ones: exact first, then same category; the rest is optional or extra."""
    matches: dict[str, str] = {}
    left = list(given)
    for code in key.diagnoses:
        if code in left:
            matches[code] = code
            left.remove(code)
    accepted = [c for c in left if c in key.optional]
    left = [c for c in left if c not in accepted]
    for code in key.diagnoses:
        if code in matches:
            continue
        near = [c for c in left if c[:3] == code[:3]]
        if near:
            best = max(near, key=lambda c: (_common_prefix(c, code), -left.index(c)))
            matches[code] = best
            left.remove(best)
    accepted += [c for c in left if any(c.startswith(prefix) for prefix in key.optional)]
    extras = [c for c in left if c not in accepted]
    return matches, accepted, extras


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def _worth(position: int) -> tuple[int, float]:
    severity = PRINCIPAL_SEVERITY if position == 0 else OTHER_SEVERITY
    return severity, points(severity)


def _diagnosis_findings(
    base: dict[str, Any],
    key: CodingKey,
    matches: dict[str, str],
    describe: Callable[[str], str],
    codes: CodeSet,
    unusable: list[str],
) -> list[Finding]:
    findings = []
    for position, code in enumerate(key.diagnoses):
        severity, worth = _worth(position)
        common = {
            **base,
            "possible": worth,
            "severity": severity,
            "expected": f"{code} {describe(code)}",
        }
        why = f" {key.explanation}" if position == 0 and key.explanation else ""
        given = matches.get(code)
        if given == code:
            findings.append(
                Finding(
                    **common,
                    outcome="correct",
                    earned=worth,
                    topic="code",
                    rule=cite(*key.guidelines),
                    given=code,
                    feedback=f"Correct: {code} ({describe(code)}).{why}",
                )
            )
        elif given is not None:
            sentence, topic, section = _difference(code, given, codes, describe)
            findings.append(
                Finding(
                    **common,
                    outcome="partial",
                    earned=worth / 2,
                    topic=topic,
                    rule=cite(section, *key.guidelines),
                    given=f"{given} {describe(given)}",
                    feedback=f"Right category, wrong specificity: you coded {given} ({describe(given)}), but the "
                    f"documentation supports {code} ({describe(code)}); {sentence}.{why}",
                )
            )
        else:
            near = next((c for c in unusable if c[:3] == code[:3]), None)
            attempt = (
                f" You listed {near}, which is not a complete, valid code (see the claim edit)."
                if near is not None
                else ""
            )
            findings.append(
                Finding(
                    **common,
                    outcome="missed",
                    earned=0,
                    topic="code",
                    rule=cite(*key.guidelines),
                    given=near,
                    feedback=f"Missing: {code} ({describe(code)}).{attempt}{why}",
                )
            )
    return findings


def _difference(
    expected: str, given: str, codes: CodeSet, describe: Callable[[str], str]
) -> tuple[str, str, str]:
    """Which characters differ, said for a trainee, with the topic and the section that governs them."""
    want, have = expected.replace(".", ""), given.replace(".", "")
    places = [i for i in range(min(len(want), len(have))) if want[i] != have[i]]
    parts = [f"character {i + 1} should be {want[i]}, not {have[i]}" for i in places[:3]]
    if len(want) != len(have):
        parts.append(f"the right code has {len(want)} characters, yours {len(have)}")
    sentence = "; ".join(parts)
    info = codes.get(expected)
    if places == [6] and info is not None and info.seventh_character:
        meanings = info.seventh_characters
        sentence += (
            f" (the 7th character {want[6]} means {meanings.get(want[6], '?')}; "
            f"{have[6]} means {meanings.get(have[6], '?')})"
        )
        return sentence, "seventh_character", "I.A.5"
    said, heard = describe(expected).lower(), describe(given).lower()
    if any((side in said) != (side in heard) for side in _SIDES):
        return sentence + " (the side of the body is part of the code)", "laterality", "I.B.13"
    return sentence, "specificity", "I.B.2"


def _sequence_finding(
    base: dict[str, Any],
    key: CodingKey,
    given: list[str],
    matches: dict[str, str],
    describe: Callable[[str], str],
) -> Finding:
    principal = key.diagnoses[0]
    inpatient = key.encounter == "inpatient"
    label = "principal diagnosis" if inpatient else "first-listed diagnosis"
    rule = (
        cite("II") + " (principal diagnosis)"
        if inpatient
        else cite("IV.A", "IV.G") + " (first-listed diagnosis)"
    )
    worth = points(SEQUENCE_SEVERITY)
    common = {
        **base,
        "possible": worth,
        "severity": SEQUENCE_SEVERITY,
        "topic": "sequencing",
        "rule": rule,
        "expected": principal,
    }
    first = given[0] if given else None
    if first is not None and matches.get(principal) == first:
        said = (
            f"{first} is listed first, and it is the {label}."
            if first == principal
            else f"{first} is listed first: the right condition for the {label} (its code is scored above)."
        )
        return Finding(
            **common, outcome="correct", earned=worth, given=first, feedback=f"Sequencing: {said}"
        )
    if first is None:
        said = "you listed no codes"
    else:
        said = f"you listed {first} ({describe(first)}) first"
    why = (
        " The principal diagnosis is the condition established after study to be chiefly responsible for the admission."
        if inpatient
        else " The first-listed diagnosis is the condition chiefly responsible for the visit."
    )
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        given=first,
        feedback=f"Sequencing: the {label} is {principal} ({describe(principal)}), but {said}.{why}",
    )


def _accepted_findings(
    base: dict[str, Any], key: CodingKey, accepted: list[str], describe: Callable[[str], str]
) -> Iterable[Finding]:
    for code in accepted:
        yield Finding(
            **base,
            outcome="correct",
            earned=0,
            possible=0,
            severity=1,
            topic="optional_code",
            rule=cite(*key.guidelines),
            given=code,
            feedback=f"Accepted: {code} ({describe(code)}) may be reported here but is not required.",
        )


def _extra_findings(
    base: dict[str, Any],
    key: CodingKey,
    extras: list[str],
    matches: dict[str, str],
    describe: Callable[[str], str],
) -> Iterable[Finding]:
    inpatient = key.encounter == "inpatient"
    rule = (
        cite("III") + " (additional diagnoses)"
        if inpatient
        else cite("IV.J") + " (coexisting conditions)"
    )
    definitive = any(c[0] not in "RZ" for c in key.diagnoses)
    for code in extras:
        reason = (
            "Every code on a claim must be supported by the documentation and must affect this "
            "encounter's care."
        )
        twin = next((c for c, g in matches.items() if g[:3] == code[:3]), None)
        if twin is not None:
            reason = (
                f"Category {code[:3]} is already reported as {twin}; one condition gets one code."
            )
        elif code.startswith("R") and definitive:
            reason = (
                "Signs and symptoms that are a routine part of a confirmed diagnosis are not coded "
                "separately (Official Guidelines I.B.5)."
            )
        yield Finding(
            **base,
            outcome="false_alarm",
            earned=-FALSE_ALARM_PENALTY,
            possible=0,
            severity=1,
            topic="extra_code",
            rule=rule,
            given=f"{code} {describe(code)}",
            feedback=f"Not supported: {code} ({describe(code)}). {reason}",
        )


def _edit_findings(base: dict[str, Any], edits: list[Edit]) -> Iterable[Finding]:
    for edit in edits:
        yield Finding(
            **base,
            outcome="violation",
            earned=-EDIT_PENALTY,
            possible=0,
            severity=1 if edit.edit == "sex_conflict" else 2,
            topic=edit.edit,
            rule=edit.source,
            given=", ".join(edit.codes),
            feedback=f"Claim edit: {edit.message}",
        )


def _procedure_findings(
    base: dict[str, Any], key: CodingKey, procedures: list[str]
) -> list[Finding]:
    worth = points(PROCEDURE_SEVERITY)
    given = list(dict.fromkeys(procedures))
    findings = []
    for code in key.procedures:
        label = f"{code} {key.descriptions.get(code, '')}".strip()
        common = {
            **base,
            "possible": worth,
            "severity": PROCEDURE_SEVERITY,
            "topic": "procedure",
            "rule": PROCEDURE_RULE,
            "expected": label,
        }
        if code in given:
            given.remove(code)
            findings.append(
                Finding(
                    **common,
                    outcome="correct",
                    earned=worth,
                    given=code,
                    feedback=f"Correct procedure: {label}.",
                )
            )
        else:
            findings.append(
                Finding(
                    **common, outcome="missed", earned=0, feedback=f"Missing procedure: {label}."
                )
            )
    known = procedure_set(key.procedure_file)
    for code in given:
        if known is not None and code not in known:
            why = f"{code} is not in this scenario's procedure code set."
        else:
            why = f"{code} is not supported by the documentation of this encounter."
        findings.append(
            Finding(
                **base,
                outcome="false_alarm",
                earned=-FALSE_ALARM_PENALTY,
                possible=0,
                severity=1,
                topic="extra_procedure",
                rule=PROCEDURE_RULE,
                given=code,
                feedback=why,
            )
        )
    return findings


@lru_cache(maxsize=8)
def procedure_set(path: str | None) -> ProcedureCodeSet | None:
    """The scenario's procedure code set, read once per process; None when there is none or it can't be read."""
    if path is None:
        return None
    try:
        return load_procedure_codes(Path(path))
    except InvalidFile:
        return None  # validation reports an unreadable file; scoring still treats the code as extra


def _unanswered(
    base: dict[str, Any], key: CodingKey, describe: Callable[[str], str]
) -> list[Finding]:
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
                rule=cite(*key.guidelines),
                expected=f"{code} {describe(code)}",
                feedback=f"Not coded: {code} ({describe(code)}).{why}",
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
            feedback="Not coded: nothing was listed first.",
        )
    )
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
                feedback=f"Not coded: procedure {code}.",
            )
        )
    return findings
