"""What a coded answer is charged for: extra codes, invalid codes and claim edits, each once.

An edit is explained by the finding that already charges its cause: an extra
code's own finding, the sequencing point when the right codes are in the wrong
order, or the finding of the expected code a contradicting code stood in for.
Only an edit nothing else explains is charged as a claim edit of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from recsim.coding.edits import Edit
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding
from recsim.tasks.coding.credit import Matching
from recsim.tasks.coding.models import CodingKey

GUIDELINES = "ICD-10-CM Official Guidelines FY2026"
_UNDATED = "ICD-10-CM Official Guidelines"
EDIT_PENALTY = FALSE_ALARM_PENALTY
"""What a claim edit costs when no other finding already charges its cause."""
SEQUENCE_EDITS = frozenset(
    {
        "external_cause_as_principal",
        "manifestation_as_principal",
        "unacceptable_principal",
        "code_first_sequence",
    }
)
"""Edits about order: the right codes in the wrong order trigger them."""
_UNSPECIFIED_EXTERNAL = {
    "Y92.9": ("place of occurrence", "I.C.20.b"),
    "Y93.9": ("activity", "I.C.20.c"),
    "Y99.9": ("external cause status", "I.C.20.k"),
}
"""Unspecified external cause codes the Guidelines say never to assign."""
Owners = dict[str, list[Edit]]
"""Edits by the finding that explains them: ``extra:CODE``, ``code:CODE`` or ``sequencing``."""
Describe = Callable[[str], str]


def dated(source: str) -> str:
    """An edit's source with the Guidelines' edition named, as every coding rule line names it."""
    return source.replace(f"{_UNDATED} ", f"{GUIDELINES} ").replace(
        f"{GUIDELINES} FY2026", GUIDELINES
    )


def cite(*sections: str) -> str:
    """A short citation of Official Guidelines sections, without repeats."""
    unique = list(dict.fromkeys(s for s in sections if s))
    return f"{GUIDELINES} {', '.join(unique)}" if unique else GUIDELINES


def assign(edits: list[Edit], matching: Matching, in_order: bool) -> tuple[Owners, list[Edit]]:
    """Give each edit to the finding that already charges its cause; the rest stand alone."""
    owners: Owners = {}
    standalone = []
    for edit in edits:
        extra = next((c for c in edit.codes if c in matching.extras), None)
        wrong = next(
            (
                owner
                for c in edit.codes
                if (owner := matching.owner(c)) is not None
                and matching.credits[owner].relation == "contradicts"
            ),
            None,
        )
        if extra is not None:
            owners.setdefault(f"extra:{extra}", []).append(edit)
        elif edit.edit in SEQUENCE_EDITS and not in_order:
            owners.setdefault("sequencing", []).append(edit)
        elif wrong is not None:
            owners.setdefault(f"code:{wrong}", []).append(edit)
        else:
            standalone.append(edit)
    return owners, standalone


def edits_said(edits: Iterable[Edit]) -> str:
    """The edits as sentences appended to the feedback of the finding that explains them."""
    said = [f" Claim edit this causes ({e.edit.replace('_', ' ')}): {e.message}" for e in edits]
    return "".join(said)


def edits_cited(edits: Iterable[Edit]) -> list[str]:
    """The edits' sources, without repeats, for the explaining finding's rule."""
    return list(dict.fromkeys(dated(e.source) for e in edits))


def extra_findings(
    base: dict[str, Any],
    key: CodingKey,
    matching: Matching,
    describe: Describe,
    owners: Owners,
) -> Iterable[Finding]:
    """One charge per extra code, with why it is not supported and the edits it causes."""
    inpatient = key.encounter == "inpatient"
    section = "III" if inpatient else "IV.J"
    definitive = any(c[0] not in "RZ" for c in key.diagnoses)
    for code in matching.extras:
        reason = (
            "Every code on a claim must be supported by the documentation and must affect this "
            "encounter's care."
        )
        sections = [section]
        twin = next((k for k, c in matching.credits.items() if c.given[:3] == code[:3]), None)
        if twin is not None:
            reason = f"Category {code[:3]} is already reported as {matching.credits[twin].given}; "
            reason += "one condition gets one code."
        elif code in _UNSPECIFIED_EXTERNAL:
            what, rule = _UNSPECIFIED_EXTERNAL[code]
            reason = (
                f"{code} is never assigned: when the note states the {what}, code what it "
                f"states; when it does not, leave the {what} out ({rule})."
            )
            sections.append(rule)
        elif code.startswith("R") and definitive:
            reason = (
                "Signs and symptoms that are a routine part of a confirmed diagnosis are not coded "
                "separately (I.B.5)."
            )
            sections.append("I.B.5")
        edits = owners.get(f"extra:{code}", [])
        yield Finding(
            **base,
            outcome="false_alarm",
            earned=-FALSE_ALARM_PENALTY,
            possible=0,
            severity=1,
            topic="extra_code",
            rule="; ".join([cite(*sections), *edits_cited(edits)]),
            given=f"{code} {describe(code)}",
            feedback=f"Extra code: {code} ({describe(code)}). {reason}{edits_said(edits)}",
        )


def edit_findings(base: dict[str, Any], edits: list[Edit], words: str) -> Iterable[Finding]:
    """One charge per edit nothing else explains (``words`` opens the feedback)."""
    for edit in edits:
        said = words if words != "Claim edit" else f"{words} ({edit.edit.replace('_', ' ')})"
        yield Finding(
            **base,
            outcome="false_alarm",
            earned=-EDIT_PENALTY,
            possible=0,
            severity=1 if edit.edit == "sex_conflict" else 2,
            topic=edit.edit,
            rule=dated(edit.source),
            given=", ".join(edit.codes),
            feedback=f"{said}: {edit.message}",
        )
