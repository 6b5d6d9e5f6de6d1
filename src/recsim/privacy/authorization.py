"""Checking an authorization (45 CFR 164.508) and a patient's direction (164.524(c)(3)(ii)).

An authorization is valid only with every core element of 164.508(c)(1) (with a
representative's description of authority), the required statements of
164.508(c)(2), and none of the defects of 164.508(b)(2). Each check here looks at
one element, so feedback can name exactly what is wrong, and in the order a
records clerk reads the form: signature, dates, who discloses, recipient,
description, purpose, statements, status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from recsim.core.clock import parse_relative
from recsim.core.scenario.release import (
    STATEMENTS,
    Authorization,
    RelativeDate,
    ReleaseRequest,
)
from recsim.privacy.record_types import PSYCHOTHERAPY, expand
from recsim.privacy.rulebook import rulebook

DefectKind = Literal[
    "unsigned",
    "undated",
    "misdated",
    "signed_by_minor",
    "no_expiration",
    "expired",
    "no_authority",
    "no_discloser",
    "no_recipient",
    "no_description",
    "no_purpose",
    "wrong_purpose",
    "no_revocation_statement",
    "no_conditioning_statement",
    "no_redisclosure_statement",
    "revoked",
    "compound_psychotherapy",
]
_STATEMENT_DEFECTS: dict[str, DefectKind] = {
    "revocation": "no_revocation_statement",
    "conditioning": "no_conditioning_statement",
    "redisclosure": "no_redisclosure_statement",
}
DEFECT_KINDS: tuple[str, ...] = DefectKind.__args__  # type: ignore[attr-defined]

_LOOKS_RELATIVE = re.compile(r"^\s*[+-]\s*\d")
_PURPOSE_WORDS = {
    "treatment": "treatment",
    "payment": "payment",
    "operations": "health care operations",
    "personal": "the patient's personal use",
    "litigation": "litigation",
    "law_enforcement": "law enforcement",
    "public_health": "public health",
    "research": "research",
    "employment": "employment",
    "marketing": "marketing",
    "none": "no stated purpose",
}


@dataclass(frozen=True, slots=True)
class Defect:
    """One thing that makes an authorization invalid."""

    kind: DefectKind
    cite: str
    text: str
    """What is wrong, as a clause: "it expired on 2026-01-10 (today is 2026-03-02)"."""


def read_date(value: RelativeDate | None, as_of: date) -> date | None:
    """A written date: a date, an ISO date in text, or an offset such as ``-10d``.

    ``None`` when absent; ``ValueError`` when the text is none of these.
    """
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if _LOOKS_RELATIVE.match(text):
        return parse_relative(text, as_of)
    return date.fromisoformat(text)


def read_expiry(value: RelativeDate | None, as_of: date) -> date | str | None:
    """An expiration: a date (written as in :func:`read_date`) or an expiration event.

    Text that is not a date is an event ("end of the litigation"), which counts as
    an expiration element (164.508(c)(1)(v)); blank text counts as none. Text
    that looks like an offset but cannot be read raises ``ValueError``.
    """
    if value is None or isinstance(value, date):
        return value
    text = " ".join(value.split())
    if not text:
        return None
    if _LOOKS_RELATIVE.match(text):
        return parse_relative(text, as_of)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def purpose_words(purpose: str) -> str:
    """A purpose as a phrase."""
    return _PURPOSE_WORDS.get(purpose, purpose.replace("_", " "))


def authorization_defects(request: ReleaseRequest, as_of: date) -> list[Defect]:
    """Every defect of the request's authorization, in reading order (empty: valid)."""
    form = request.documents.authorization
    if form is None:
        return []
    found: list[tuple[DefectKind, dict[str, str]]] = []
    found.extend(_signature(form, request, as_of))
    found.extend(_expiration(form, as_of))
    if form.discloser != "named":
        found.append(("no_discloser", {}))
    if form.recipient != "named":
        found.append(("no_recipient", {}))
    if not form.describes:
        found.append(("no_description", {}))
    if not form.purpose_stated:
        found.append(("no_purpose", {}))
    elif form.purpose is not None and request.purpose != "none" and form.purpose != request.purpose:
        found.append(
            (
                "wrong_purpose",
                {
                    "authorized": purpose_words(form.purpose),
                    "requested": purpose_words(request.purpose),
                },
            )
        )
    found.extend((_STATEMENT_DEFECTS[s], {}) for s in STATEMENTS if s not in form.statements)
    if form.revoked:
        found.append(("revoked", {}))
    described = expand(form.describes)
    if PSYCHOTHERAPY in described and len(described) > 1:
        found.append(("compound_psychotherapy", {}))
    book = rulebook().defects
    return [
        Defect(kind, book[kind].cite, book[kind].text.format(as_of=as_of.isoformat(), **facts))
        for kind, facts in found
    ]


def _signature(
    form: Authorization, request: ReleaseRequest, as_of: date
) -> list[tuple[DefectKind, dict[str, str]]]:
    found: list[tuple[DefectKind, dict[str, str]]] = []
    if form.signed_by == "none":
        found.append(("unsigned", {}))
    try:
        signed_on = read_date(form.signed_on, as_of)
    except ValueError:
        signed_on = None
    if signed_on is None:
        found.append(("undated", {}))
    elif signed_on > as_of:
        found.append(("misdated", {"signed_on": signed_on.isoformat()}))
    patient = request.patient
    minor = patient.age is not None and patient.age < 18 and not patient.minor_consented_alone
    if form.signed_by == "patient" and minor:
        found.append(("signed_by_minor", {}))
    if form.signed_by == "personal_representative" and not form.authority_described:
        found.append(("no_authority", {}))
    return found


def _expiration(form: Authorization, as_of: date) -> list[tuple[DefectKind, dict[str, str]]]:
    try:
        expires = read_expiry(form.expires, as_of)
    except ValueError:
        expires = None
    if expires is None:
        return [("no_expiration", {})]
    if isinstance(expires, date) and expires < as_of:
        return [("expired", {"expires": expires.isoformat()})]
    return []


def describe_defects(defects: list[Defect]) -> str:
    """The defects as one sentence with their citations."""
    clauses = [f"{d.text} ({d.cite})" for d in defects]
    if len(clauses) == 1:
        return f"The authorization is defective: {clauses[0]}."
    return "The authorization is defective: " + "; ".join(clauses[:-1]) + f"; and {clauses[-1]}."


def covered(request: ReleaseRequest) -> frozenset[str]:
    """The requested records that the request's authorization describes."""
    form = request.documents.authorization
    if form is None:
        return frozenset()
    return expand(form.describes) & expand(request.requested)


__all__ = [
    "DEFECT_KINDS",
    "Defect",
    "DefectKind",
    "authorization_defects",
    "covered",
    "describe_defects",
    "purpose_words",
    "read_date",
    "read_expiry",
]
