"""The erroneous claims a stay can be billed with, each checked with the grouper.

A candidate error is the key's coding changed one way: a CC or MCC the record does not
support added, a hospital-acquired condition billed as present on admission, a home
discharge billed for a post-acute transfer (errors.yaml, per case), a secondary condition
that groups higher sequenced first or a procedure left off (from any key, by rule). Only
changes that move the DRG are kept (a discharge status moves the payment, not the DRG),
checked at the youngest and oldest age of the case and each sex it allows, so that every
trainee's version of the stay carries the error. A payer only ever receives a claim that
groups to a DRG with a weight and passes the code editor, so an error whose claim (or whose
key) groups to DRG 998 or 999 or trips an edit is never planted: a delivery billed without
its delivery procedure groups to 998 and is not a candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from recsim.coding.code_shapes import dotted, undotted
from recsim.coding.drg_weights import table5
from recsim.coding.grouper import Stay, group
from recsim.coding.grouper_result import Grouping
from recsim.tasks.drg_validation.content import (
    HiddenHac,
    UnsupportedCode,
    WrongDisposition,
    WrongPrincipal,
    drg_content,
)
from recsim.tasks.stays import KeyedDiagnosis, StayCase, StayKey

REFERENCE_DISCHARGE = date(2026, 3, 1)
"""The FY2026 discharge date candidates are checked on (every stay is discharged in FY2026)."""
POST_ACUTE_STATUSES = frozenset({3, 6, 50, 51, 62, 63, 65})
"""Discharge statuses that make a stay on a qualifying DRG a post-acute care transfer
(42 CFR 412.4(c)(1)-(4): an excluded hospital or unit, a SNF, home health, hospice)."""
_NOT_PRINCIPAL = ("Z", "V", "W", "X", "Y")
"""Chapters a generic resequencing leaves alone: status and external cause codes."""
UNGROUPABLE_DRGS = frozenset({998, 999})
"""DRG 998 (principal diagnosis invalid as discharge diagnosis) and 999 (ungroupable): no
weight, no payment; a claim that groups there is returned, never paid and reviewed."""


@dataclass(frozen=True)
class Candidate:
    """One way to bill a case wrongly."""

    error: str
    code: str
    """The code concerned as billed (for a discharge status, its number)."""
    corrected: str | None
    why: str
    claim: StayKey
    """The coding as billed."""
    generic: bool = False
    """Made by a rule rather than listed for the case (a resequencing must then pay more)."""


def grouper_stay(key: StayKey, *, age: int, sex: str, discharged: date) -> Stay:
    """A key (or a claim's coding) as the grouper reads it; an exempt POA is reported as 1."""
    return Stay(
        principal=key.principal,
        discharged=discharged,
        secondary=tuple(d.code for d in key.secondary),
        procedures=tuple(key.procedures),
        poa={d.code: "1" if d.poa == "exempt" else d.poa for d in key.secondary},
        age=age,
        sex=sex,
        disposition=key.disposition,
    )


def variants(case: StayCase) -> list[tuple[int, str]]:
    """The (age, sex) pairs a case's key must group alike at: both ends of its age range."""
    low, high = case.patient.age
    sexes = ["F", "M"] if case.patient.sex == "any" else [case.patient.sex]
    return [(age, sex) for age in dict.fromkeys((low, high)) for sex in sexes]


@cache
def candidates(case_id: str) -> tuple[Candidate, ...]:
    """Every erroneous claim the case can be billed with, in a fixed order."""
    from recsim.tasks.stays import case_by_id

    case = case_by_id(case_id)
    if not key_payable(case_id):
        return ()
    found = [c for c in _proposed(case) if _holds(case, c)]
    return tuple(found)


@cache
def key_payable(case_id: str) -> bool:
    """Whether the case's key, billed as it is, is a claim a payer could receive at every age
    and sex of the case (a clean claim is the key)."""
    from recsim.tasks.stays import case_by_id

    case = case_by_id(case_id)
    return all(
        payable(group(grouper_stay(case.key, age=age, sex=sex, discharged=REFERENCE_DISCHARGE)))
        for age, sex in variants(case)
    )


def _proposed(case: StayCase) -> list[Candidate]:
    key = case.key
    content = drg_content()
    proposed: list[Candidate] = []
    listed = content.cases.get(case.id, [])
    for entry in listed:
        if isinstance(entry, UnsupportedCode):
            added = [*key.secondary, KeyedDiagnosis(code=entry.code, poa=entry.poa)]
            claim = key.model_copy(update={"secondary": added})
            proposed.append(Candidate(entry.error, entry.code, None, entry.why, claim))
        elif isinstance(entry, WrongPrincipal):
            proposed.append(_resequenced(key, entry.code, entry.why))
        elif isinstance(entry, HiddenHac):
            hidden = [
                KeyedDiagnosis(code=d.code, poa="Y") if d.code == entry.code else d
                for d in key.secondary
            ]
            claim = key.model_copy(update={"secondary": hidden})
            proposed.append(Candidate(entry.error, entry.code, "N", entry.why, claim))
        elif isinstance(entry, WrongDisposition):
            claim = key.model_copy(update={"disposition": entry.billed})
            proposed.append(
                Candidate(
                    entry.error, f"{entry.billed:02d}", f"{key.disposition:02d}", entry.why, claim
                )
            )
    named = {e.code for e in listed if isinstance(e, WrongPrincipal)}
    allowed = {undotted(c) for c in case.principal_alternatives}
    template = content.errors["wrong_principal"].why or ""
    for diagnosis in key.secondary:
        code = diagnosis.code
        if (
            code in named
            or undotted(code) in allowed
            or code.startswith(_NOT_PRINCIPAL)
            or code.startswith(tuple(content.never_first))
            or diagnosis.poa not in ("Y", "W")
        ):
            continue
        why = template.format(code=dotted(code), principal=dotted(key.principal))
        proposed.append(_resequenced(key, code, why, generic=True))
    template = content.errors["missed_procedure"].why or ""
    for position, procedure in enumerate(key.procedures):
        kept = [p for i, p in enumerate(key.procedures) if i != position]
        claim = key.model_copy(update={"procedures": kept})
        why = template.format(code=procedure, principal=dotted(key.principal))
        proposed.append(Candidate("missed_procedure", procedure, None, why, claim, generic=True))
    return proposed


def _resequenced(key: StayKey, code: str, why: str, *, generic: bool = False) -> Candidate:
    """The claim with ``code`` billed first: a secondary of the key swapped with the principal,
    or (listed per case) a condition the record does not support billed before it."""
    if any(d.code == code for d in key.secondary):
        secondary = [
            KeyedDiagnosis(code=key.principal, poa="Y") if d.code == code else d
            for d in key.secondary
        ]
    else:
        secondary = [KeyedDiagnosis(code=key.principal, poa="Y"), *key.secondary]
    claim = key.model_copy(update={"principal": code, "secondary": secondary})
    return Candidate(
        "wrong_principal", dotted(code), dotted(key.principal), why, claim, generic=generic
    )


def _holds(case: StayCase, candidate: Candidate) -> bool:
    """Whether the error shows at every age and sex of the case: the claim groups to a DRG a
    payer could receive (the key was checked first), the DRG moves (a discharge status: the DRG
    stays, is a post-acute transfer DRG, and the shortest stay the case allows is paid less as
    a transfer), a procedure left off lowers the weight, and a resequencing made by rule
    raises it."""
    for age, sex in variants(case):
        right = group(grouper_stay(case.key, age=age, sex=sex, discharged=REFERENCE_DISCHARGE))
        wrong = group(
            grouper_stay(candidate.claim, age=age, sex=sex, discharged=REFERENCE_DISCHARGE)
        )
        if not payable(wrong):
            return False
        if candidate.error == "wrong_disposition":
            if not _pays_less_as_transfer(case, candidate, right, wrong):
                return False
        elif wrong.drg == right.drg or not _moves_as_taught(candidate, right, wrong):
            return False
    return True


def payable(grouping: Grouping) -> bool:
    """Whether a payer could receive a claim that groups so: a DRG with a weight, not 998 or
    999, and no edit of the Medicare Code Editor, which checks a claim's codes before it is
    grouped and paid (CMS, Definition of Medicare Code Edits)."""
    return (
        grouping.grouped
        and grouping.drg not in UNGROUPABLE_DRGS
        and grouping.weight is not None
        and not grouping.editor
        and not grouping.invalid_codes
    )


def _moves_as_taught(candidate: Candidate, right: Grouping, wrong: Grouping) -> bool:
    """A procedure left off must lower the weight (the lesson: the review raises the payment);
    a resequencing made by rule must raise it (the upcoding a hospital is audited for)."""
    if candidate.error == "missed_procedure":
        return (right.weight or 0.0) > (wrong.weight or 0.0)
    if candidate.generic and candidate.error == "wrong_principal":
        return _upcoded(right, wrong)
    return True


def _pays_less_as_transfer(
    case: StayCase, candidate: Candidate, right: Grouping, wrong: Grouping
) -> bool:
    row = table5().get(right.drg)
    return (
        wrong.drg == right.drg
        and row is not None
        and row.post_acute_transfer
        and case.key.disposition in POST_ACUTE_STATUSES
        and candidate.claim.disposition not in POST_ACUTE_STATUSES
        and row.gmlos is not None
        and case.stay[0] + 1 < row.gmlos
    )


def _upcoded(right: Grouping, wrong: Grouping) -> bool:
    """The rule makes the upcoding a hospital is audited for: a secondary condition that
    groups higher than the principal, billed first. A procedure unrelated to the principal
    (DRGs 981-989) sends the claim back to the hospital before payment (42 CFR 412.60(c)(3)),
    so it is not a DRG a claim is paid on."""
    return (wrong.weight or 0.0) > (right.weight or 0.0) and not 981 <= wrong.drg <= 989


def payment(billed: Grouping, correct: Grouping, error: str | None, stay_days: int) -> str:
    """Which way the review moves the payment: ``up``, ``down`` or ``unchanged``.

    A DRG change moves it with the relative weight. A post-acute transfer billed as a
    discharge is paid at most the full DRG: a per diem (the payment over the geometric mean
    length of stay), twice for the first day (42 CFR 412.4(f)(1)), so it falls only when the
    stay plus one day is shorter than the geometric mean.
    """
    if error == "wrong_disposition":
        gmlos = correct.gmlos
        return "down" if gmlos is not None and stay_days + 1 < gmlos else "unchanged"
    before, after = billed.weight or 0.0, correct.weight or 0.0
    if after > before:
        return "up"
    return "down" if after < before else "unchanged"
