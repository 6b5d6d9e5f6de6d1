"""The release-of-information rule engine: from a request to its correct handling.

:func:`derive` is pure. It finds the rule that governs a request, in the order a
release desk reasons:

1. the patient's own right of access: the patient, a personal representative,
   a parent of a minor, or anyone carrying the patient's signed direction;
2. legal process: a court order, then a warrant, then a subpoena;
3. what the requester's role permits without authorization: treatment and
   payment, public health, the medical examiner, family involved in care;
4. the patient's authorization (which may also add to 2 and 3);
5. otherwise, the refusal that explains why nothing permits it.

Psychotherapy notes and Part 2 substance-use records are then held back unless
the governing rule lets them go, and a disclosure to someone whose identity is
not verified becomes ``verify_identity``. The ruling becomes the handling in
:mod:`recsim.privacy.ruling`; wording and citations come from release_rules.yaml
(:mod:`recsim.privacy.rulebook`).
"""

from __future__ import annotations

from datetime import date

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.authorization import (
    authorization_defects,
    covered,
    describe_defects,
    direction_problem,
)
from recsim.privacy.handling import Handling
from recsim.privacy.record_types import (
    PSYCHOTHERAPY,
    SUBSTANCE_USE,
    expand,
    labels,
)
from recsim.privacy.rulebook import rulebook
from recsim.privacy.ruling import Ruling, handling_for

SPECIAL = frozenset({PSYCHOTHERAPY, SUBSTANCE_USE})
CARE_RELEVANT = frozenset({"medication_list", "discharge_summary", "immunizations"})
"""What a relative helping with care needs (164.510(b)(1)(i)); billing too when they pay."""


def derive(request: ReleaseRequest, as_of: date) -> Handling:
    """The correct handling of ``request`` on the simulated day ``as_of``."""
    requested = expand(request.requested)
    return handling_for(request, requested, _govern(request, requested, as_of))


def _govern(request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    if request.documents.direction is not None:
        return _direction(request, requested)
    individual = _individual(request, requested)
    if individual is not None:
        return individual
    primary = _legal_process(request, requested) or _role_permission(request, requested)
    if request.documents.authorization is None:
        return primary or Ruling(rulebook().no_basis.get(request.requester.role, "no_permission"))
    authorized = _authorization(request, requested, as_of)
    return authorized if primary is None else _combine(primary, authorized)


def _access(rule: str, requested: frozenset[str], *, substance_use: str | None = None) -> Ruling:
    """The right of access: everything asked for except psychotherapy notes."""
    ruling = Ruling(rule, allowed=set(requested - {PSYCHOTHERAPY}), individual=True)
    if PSYCHOTHERAPY in requested:
        ruling.withheld[PSYCHOTHERAPY] = "psychotherapy_access"
    if SUBSTANCE_USE in requested:
        if substance_use:
            ruling.allowed.discard(SUBSTANCE_USE)
            ruling.withheld[SUBSTANCE_USE] = substance_use
        else:
            ruling.allowances.append("substance_use_access")
    return ruling


def _individual(request: ReleaseRequest, requested: frozenset[str]) -> Ruling | None:
    role, facts = request.requester.role, request.patient
    minor = facts.age is not None and facts.age < 18
    if role == "patient":
        if facts.deceased:
            return Ruling("deceased_requester")
        if minor and not facts.minor_consented_alone:
            return Ruling("minor_self_request")
        return _access("minor_own_care" if minor else "right_of_access", requested)
    if role == "personal_representative":
        return _access("executor" if facts.deceased else "personal_representative", requested)
    if role == "parent":
        if facts.deceased:
            return Ruling("parent_of_deceased")
        if facts.age is not None and facts.age >= 18:
            return None  # a parent of an adult is family, not a representative
        if facts.minor_consented_alone:
            return Ruling("parent_minor_consented_alone")
        return _access("parent_of_minor", requested, substance_use="substance_use_minor")
    return None


def _direction(request: ReleaseRequest, requested: frozenset[str]) -> Ruling:
    """The patient's signed direction to send a copy to a third party (164.524(c)(3)(ii))."""
    assert request.documents.direction is not None
    problem = direction_problem(request.documents.direction)
    if problem is not None:
        return Ruling(problem)
    ruling = Ruling("direction", allowed=set(requested - SPECIAL))
    _hold_special(
        ruling,
        requested,
        psychotherapy="psychotherapy_authorization",
        substance_use="substance_use_consent",
    )
    return ruling


def _legal_process(request: ReleaseRequest, requested: frozenset[str]) -> Ruling | None:
    docs = request.documents
    law_enforcement = (
        request.requester.role == "law_enforcement" or request.purpose == "law_enforcement"
    )
    if docs.court_order is not None:
        rule = "court_order_law_enforcement" if law_enforcement else "court_order"
        return _covering(rule, expand(docs.court_order.covers), requested, "not_in_order", None)
    if docs.warrant is not None:
        return _covering(
            "warrant",
            expand(docs.warrant.covers),
            requested,
            "not_in_warrant",
            "substance_use_law_enforcement",
        )
    if docs.subpoena is None:
        return None
    if docs.subpoena.issued_by == "grand_jury":
        ruling = Ruling("grand_jury_subpoena", allowed=set(requested - SPECIAL))
        substance_use = "substance_use_law_enforcement"
    elif law_enforcement:
        return Ruling("administrative_request")
    else:
        ruling = Ruling(
            "subpoena_assured" if docs.subpoena.satisfactory_assurance else "subpoena_no_assurance",
            allowed=set(requested - SPECIAL),
        )
        substance_use = "substance_use_subpoena"
    _hold_special(
        ruling, requested, psychotherapy="psychotherapy_authorization", substance_use=substance_use
    )
    return ruling


def _covering(
    rule: str,
    covers: frozenset[str],
    requested: frozenset[str],
    missing: str,
    substance_use: str | None,
) -> Ruling:
    """An order or warrant: only what it covers.

    ``substance_use`` None: an order that may be a Part 2 order.
    """
    ruling = Ruling(rule, allowed=set(requested & covers))
    ruling.withheld.update(dict.fromkeys(requested - covers, missing))
    if PSYCHOTHERAPY in ruling.allowed:
        ruling.allowances.append("psychotherapy_required_by_law")
    if SUBSTANCE_USE in ruling.allowed:
        if substance_use is None:
            ruling.rule = "part2_court_order"
        else:
            ruling.allowed.discard(SUBSTANCE_USE)
            ruling.withheld[SUBSTANCE_USE] = substance_use
    return ruling


def _role_permission(request: ReleaseRequest, requested: frozenset[str]) -> Ruling | None:
    """What the requester's role and purpose permit without authorization."""
    role, purpose, facts = request.requester.role, request.purpose, request.patient
    if role == "provider" and purpose == "treatment":
        return _tpo("treatment", requested)
    if role == "provider" and purpose == "payment":
        return _tpo("payment_other_entity", requested)
    if role == "provider" and purpose == "operations":
        return Ruling("operations_other_entity")
    if role == "insurer" and purpose == "payment":
        return (
            Ruling("entire_record")
            if "full_record" in request.requested
            else _tpo("payment", requested)
        )
    if role == "public_health" and purpose == "public_health":
        ruling = Ruling("public_health", allowed=set(requested - SPECIAL))
        _hold_special(
            ruling,
            requested,
            psychotherapy="psychotherapy_authorization",
            substance_use="substance_use_public_health",
        )
        return ruling
    if role == "medical_examiner" and facts.deceased:
        ruling = Ruling("medical_examiner", allowed=set(requested))
        if PSYCHOTHERAPY in requested:
            ruling.allowances.append("psychotherapy_medical_examiner")
        if SUBSTANCE_USE in requested:
            ruling.allowances.append("substance_use_cause_of_death")
        return ruling
    if role in ("family_member", "spouse", "parent") and facts.agreed_to_share:
        relevant = CARE_RELEVANT | ({"billing_records"} if purpose == "payment" else set())
        ruling = Ruling("involved_in_care", allowed=set(requested & relevant))
        ruling.withheld.update(
            dict.fromkeys(requested - relevant - SPECIAL, "not_relevant_to_care")
        )
        _hold_special(
            ruling,
            requested,
            psychotherapy="psychotherapy_authorization",
            substance_use="substance_use_consent",
        )
        return ruling
    return None


def _tpo(rule: str, requested: frozenset[str]) -> Ruling:
    ruling = Ruling(rule, allowed=set(requested - SPECIAL))
    _hold_special(
        ruling,
        requested,
        psychotherapy="psychotherapy_authorization",
        substance_use="substance_use_consent",
    )
    return ruling


def _hold_special(
    ruling: Ruling, requested: frozenset[str], *, psychotherapy: str, substance_use: str
) -> None:
    if PSYCHOTHERAPY in requested:
        ruling.withheld[PSYCHOTHERAPY] = psychotherapy
    if SUBSTANCE_USE in requested:
        ruling.withheld[SUBSTANCE_USE] = substance_use


def _authorization(request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    defects = authorization_defects(request, as_of)
    if defects:
        return Ruling(
            "authorization_defective",
            topic=f"authorization_{defects[0].kind}",
            notes=[describe_defects(defects)],
            cites=[d.cite for d in defects],
        )
    described = covered(request)
    ruling = Ruling("authorization", allowed=set(described))
    special: dict[str, str] = {
        PSYCHOTHERAPY: "psychotherapy_authorization",
        SUBSTANCE_USE: "substance_use_consent",
    }
    for record in requested - described:
        ruling.withheld[record] = special.get(record, "not_described")
    if PSYCHOTHERAPY in described:
        ruling.allowances.append("psychotherapy_authorization")
    if SUBSTANCE_USE in described:
        ruling.allowances.append("substance_use_consent")
    return ruling


def _combine(primary: Ruling, authorized: Ruling) -> Ruling:
    """Another basis plus an authorization: the authorization may add what the other withholds."""
    book = rulebook().rules
    if authorized.rule != "authorization":
        primary.notes.append(authorized.notes[0] + " The request does not rest on it.")
        primary.cites.extend(authorized.cites)
        return primary
    if not book[primary.rule].discloses or authorized.allowed >= primary.allowed:
        return authorized if authorized.allowed else primary
    extra = authorized.allowed - primary.allowed
    if extra:
        primary.allowed |= extra
        for record in extra:
            primary.withheld.pop(record, None)
        primary.allowances.extend(authorized.allowances)
        primary.notes.append(
            f"The patient's authorization also covers the {labels(extra)}, so they go too."
        )
        primary.cites.append(book["authorization"].cite)
    return primary
