"""Scoring the procedures and the discharge disposition of one stay.

Each expected ICD-10-PCS code is worth 2: a code of the same table that differs
in one axis (body part, approach, device, qualifier...) earns half, with the axis
named (recsim.coding.pcs_axes); two or more differences earn nothing. Listing
another procedure first costs the principal-procedure point (UHDDS). The
disposition is worth 2; a wrong one says what it does to a transfer DRG's payment.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from recsim.coding.code_shapes import is_procedure
from recsim.coding.drg_weights import table5_row
from recsim.coding.pcs_axes import describe as describe_pcs
from recsim.coding.pcs_axes import differences
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.tasks.inpatient.models import InpatientAnswer, InpatientKey
from recsim.tasks.inpatient.rules import (
    ACUTE_TRANSFER,
    DISPOSITION_RULE,
    POST_ACUTE,
    PROCEDURE_RULE,
    TRANSFER_RULE,
    status,
)

PROCEDURE_SEVERITY = 2
SEQUENCE_SEVERITY = 1
DISPOSITION_SEVERITY = 2


def pcs_label(code: str) -> str:
    """``0DTJ4ZZ Resection of Appendix; approach Percutaneous Endoscopic...``."""
    words = describe_pcs(code) if is_procedure(code) else None
    return f"{code} {words}" if words else code


def _near(expected: str, given: list[str]) -> tuple[str, int] | None:
    """The given code of the expected one's table (first 3 characters) nearest to it."""
    same = [(len(differences(g, expected)), g) for g in given if g[:3] == expected[:3]]
    if not same:
        return None
    count, code = min(same)
    return code, count


def procedure_findings(
    base: dict[str, Any], key: InpatientKey, answer: InpatientAnswer
) -> Iterator[Finding]:
    """One finding per expected procedure, the principal procedure's place, and extras."""
    given = [c for c in dict.fromkeys(answer.procedures) if is_procedure(c)]
    left = [c for c in given if c not in key.stay.procedures]
    worth = points(PROCEDURE_SEVERITY)
    for code in key.stay.procedures:
        common = {
            **base,
            "possible": worth,
            "severity": PROCEDURE_SEVERITY,
            "topic": "procedure",
            "rule": PROCEDURE_RULE,
            "expected": pcs_label(code),
        }
        if code in given:
            yield Finding(
                **common,
                outcome="correct",
                earned=worth,
                given=code,
                feedback=f"Correct procedure: {pcs_label(code)}.",
            )
            continue
        near = _near(code, left)
        if near is not None and near[1] == 1:
            other = near[0]
            left.remove(other)
            axis = differences(other, code)[0]
            yield Finding(
                **{**common, "topic": f"pcs_{axis.axis}" if axis.named else "pcs_character"},
                outcome="partial",
                earned=worth / 2,
                given=other,
                feedback=f"{axis.heading}: {axis.said()} is {axis.given} in your "
                f"code and {axis.expected} in the documentation. You coded {other}; "
                f"the record supports {pcs_label(code)}. Half credit.",
            )
            continue
        yield Finding(
            **common, outcome="missed", earned=0, feedback=f"Missing procedure: {pcs_label(code)}."
        )
    yield from _sequence(base, key, given)
    for code in left:
        yield Finding(
            **base,
            outcome="false_alarm",
            earned=-FALSE_ALARM_PENALTY,
            possible=0,
            severity=1,
            topic="extra_procedure",
            rule=PROCEDURE_RULE,
            given=pcs_label(code),
            feedback=f"Extra procedure: {pcs_label(code)} is not supported by the "
            "operative or procedure documentation of this stay.",
        )
    bad = [c for c in answer.procedures if not is_procedure(c)]
    for code in bad:
        yield Finding(
            **base,
            outcome="false_alarm",
            earned=-FALSE_ALARM_PENALTY,
            possible=0,
            severity=1,
            topic="extra_procedure",
            rule=PROCEDURE_RULE,
            given=code,
            feedback=f"{code} is not an ICD-10-PCS code (7 characters, digits and "
            "letters other than I and O).",
        )


def _sequence(base: dict[str, Any], key: InpatientKey, given: list[str]) -> Iterator[Finding]:
    """With two or more procedures, the principal one listed first (UHDDS)."""
    if len(key.stay.procedures) < 2 or not given:
        return
    first = key.stay.procedures[0]
    worth = points(SEQUENCE_SEVERITY)
    right = given[0] == first
    yield Finding(
        **base,
        outcome="correct" if right else "missed",
        earned=worth if right else 0,
        possible=worth,
        severity=SEQUENCE_SEVERITY,
        topic="principal_procedure",
        rule=PROCEDURE_RULE,
        expected=first,
        given=given[0],
        feedback=f"Principal procedure: {first} is listed first."
        if right
        else f"Principal procedure: list {pcs_label(first)} first: it is the "
        "procedure done for definitive treatment and most related to the principal "
        "diagnosis.",
    )


def disposition_finding(
    base: dict[str, Any],
    key: InpatientKey,
    answer: InpatientAnswer,
    stay_days: int,
    discharged: date,
) -> Finding:
    """The discharge status, and what a wrong one does to a transfer DRG's payment."""
    worth = points(DISPOSITION_SEVERITY)
    want, have = key.stay.disposition, answer.disposition
    common = {
        **base,
        "possible": worth,
        "severity": DISPOSITION_SEVERITY,
        "topic": "disposition",
        "expected": status(want),
        "given": status(have) if have is not None else None,
    }
    if have == want:
        return Finding(
            **common,
            outcome="correct",
            earned=worth,
            rule=DISPOSITION_RULE,
            feedback=f"Right discharge status: {status(want)}.",
        )
    said = "No discharge status" if have is None else f"Discharge status {status(have)}"
    why = transfer_words(key.stay.drg, want, have, stay_days, discharged)
    rule = f"{DISPOSITION_RULE}; {TRANSFER_RULE}" if why else DISPOSITION_RULE
    return Finding(
        **common,
        outcome="missed",
        earned=0,
        rule=rule,
        feedback=f"{said}: the record says {status(want)}.{why}",
    )


def transfer_words(drg: int, want: int, have: int | None, days: int, discharged: date) -> str:
    """What the transfer rules make of the wrong status, for the key's DRG ('' if nothing)."""
    row = table5_row(drg, 2026 if discharged >= date(2025, 10, 1) else discharged.year)
    if have is not None and (want in ACUTE_TRANSFER) != (have in ACUTE_TRANSFER):
        return (
            " A discharge to another acute care hospital is a transfer (42 CFR 412.4(b)): "
            "the hospital is paid a per diem capped at the full DRG payment, so the status "
            "changes the payment."
        )
    if row is None or not row.post_acute_transfer:
        return ""
    if have is not None and (want in POST_ACUTE) == (have in POST_ACUTE):
        return ""
    short = row.gmlos is not None and days + 1 < row.gmlos
    length = (
        f" This stay of {days} days is short of the DRG's geometric mean length of stay "
        f"({row.gmlos} days), so the difference is real money."
        if short
        else f" This stay ({days} days, geometric mean {row.gmlos}) is long enough that the "
        "per diem reaches the full payment, but the status must still be right."
    )
    return (
        f" DRG {drg} is on the post-acute care transfer list: a discharge to a skilled "
        "nursing facility, home health care or an excluded hospital or unit is paid as a "
        f"transfer, a per diem capped at the full DRG payment (42 CFR 412.4(c), (f)).{length}"
    )
