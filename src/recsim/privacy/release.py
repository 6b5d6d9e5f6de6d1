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
not verified becomes ``verify_identity``. Wording and citations come from
release_rules.yaml (:mod:`recsim.privacy.rulebook`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.authorization import (
    authorization_defects,
    covered,
    describe_defects,
    direction_problem,
)
from recsim.privacy.citations import join_cites
from recsim.privacy.handling import Handling, Withheld
from recsim.privacy.record_types import (
    PSYCHOTHERAPY,
    RECORD_TYPES,
    SUBSTANCE_USE,
    compress,
    expand,
    labels,
    ordered,
)
from recsim.privacy.rulebook import Rule, rulebook

SPECIAL = frozenset({PSYCHOTHERAPY, SUBSTANCE_USE})
CARE_RELEVANT = frozenset({"medication_list", "discharge_summary", "immunizations"})
"""What a relative helping with care typically needs (164.510(b)(1)(i)); billing too when they pay."""


@dataclass
class Ruling:
    """The governing rule and what it does with each requested record."""

    rule: str
    allowed: set[str] = field(default_factory=set)
    withheld: dict[str, str] = field(default_factory=dict)
    """Record -> withholding reason (release_rules.yaml ``withholding``)."""
    allowances: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Extra sentences, already cited."""
    cites: list[str] = field(default_factory=list)
    topic: str | None = None
    individual: bool = False
    """Records go to the patient or someone standing in the patient's place."""


def derive(request: ReleaseRequest, as_of: date) -> Handling:
    """The correct handling of ``request`` on the simulated day ``as_of``."""
    requested = expand(request.requested)
    return _finish(request, requested, _govern(request, requested, as_of))


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
    """An order or warrant: only what it covers. ``substance_use`` None: an order that may be a Part 2 order."""
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


def _finish(request: ReleaseRequest, requested: frozenset[str], ruling: Ruling) -> Handling:
    book = rulebook()
    rule = book.rules[ruling.rule]
    withheld = [
        Withheld(
            record=record,
            cite=book.withholding[name].cite,
            reason=book.withholding[name].text,
            forbidden=book.withholding[name].forbidden,
        )
        for record, name in sorted(
            ruling.withheld.items(), key=lambda pair: RECORD_TYPES.index(pair[0])
        )
        if record in requested
    ]
    allowed = ruling.allowed & requested
    cites = [rule.cite]
    explanation = [rule.explain]
    if rule.discloses and not allowed:
        # the governing rule permits, but nothing asked for is within it
        discretionary_only = withheld and not any(w.forbidden for w in withheld)
        ruling.topic = ruling.topic or ruling.rule
        rule = book.rules[
            "psychotherapy_notes_access" if discretionary_only else "nothing_permitted"
        ]
        cites.append(rule.cite)
        explanation.append(rule.explain)
    cites += [
        *(w.cite for w in withheld),
        *(book.allowances[a].cite for a in ruling.allowances),
        *ruling.cites,
    ]
    explanation += ruling.notes
    if not rule.discloses:
        explanation.extend(_withheld_sentences(withheld))
        return Handling(
            decision=rule.decision,
            cite=join_cites(cites),
            rule=rule.name,
            topic=ruling.topic or rule.name,
            acceptable=[d for d in rule.acceptable if d != rule.decision],
            withheld=withheld,
            explanation=_sentences(explanation),
        )
    release = compress(allowed, as_full_record="full_record" in request.requested)
    accounting = _accounting_sentence(rule)
    explanation.extend(
        [
            f"Release the {labels(allowed)}.",
            *_withheld_sentences(withheld),
            *(_cited(book.allowances[a].text, book.allowances[a].cite) for a in ruling.allowances),
            accounting,
            _minimum_necessary_sentence(rule),
        ]
    )
    forbidden = {w.record for w in withheld if w.forbidden}
    if ruling.individual:
        discretionary = set(RECORD_TYPES) - set(expand(release)) - forbidden - {"full_record"}
    else:
        discretionary = {w.record for w in withheld if not w.forbidden}
    handling = Handling(
        decision="release" if allowed == requested else "release_partial",
        release=release,
        withheld=withheld,
        discretionary=ordered(discretionary),
        log_disclosure=rule.log,
        minimum_necessary=rule.minimum_necessary,
        cite=join_cites(cites),
        acceptable=list(rule.acceptable),
        right_of_access=rule.right_of_access,
        rule=rule.name,
        topic=ruling.topic or rule.name,
        explanation=_sentences(explanation),
        accounting_note=accounting,
        accounting_cite=rule.log_cite,
    )
    return handling if request.requester.verified else _verify_first(handling, rule)


def _verify_first(handling: Handling, rule: Rule) -> Handling:
    """A disclosure to someone not yet verified waits for verification (164.514(h)(1))."""
    verify = rulebook().rules["verify_identity"]
    return handling.model_copy(
        update={
            "decision": "verify_identity",
            "release": [],
            "discretionary": [],
            "log_disclosure": False,
            "cite": join_cites([verify.cite, handling.cite]),
            "acceptable": list(verify.acceptable),
            "rule": verify.name,
            "topic": verify.name,
            "explanation": _sentences([verify.explain, "Once verified: " + handling.explanation]),
        }
    )


def _withheld_sentences(withheld: list[Withheld]) -> list[str]:
    groups: dict[tuple[str, str, bool], list[str]] = {}
    for entry in withheld:
        groups.setdefault((entry.reason, entry.cite, entry.forbidden), []).append(entry.record)
    return [
        _cited(
            f"{'Hold back' if forbidden else 'You need not release'} the {labels(records)}: "
            f"{reason[0].lower()}{reason[1:]}",
            cite,
        )
        for (reason, cite, forbidden), records in groups.items()
    ]


def _cited(text: str, cite: str) -> str:
    """A sentence with its citation before the full stop."""
    return f"{text.rstrip().rstrip('.')} ({cite})."


def _accounting_sentence(rule: Rule) -> str:
    why = rulebook().accounting.get(rule.log_cite, "")
    if rule.log:
        return f"Enter it in the accounting of disclosures: {why} ({rule.log_cite})"
    return f"No entry in the accounting of disclosures: {why} ({rule.log_cite})"


def _minimum_necessary_sentence(rule: Rule) -> str:
    if rule.minimum_necessary:
        return f"Minimum necessary applies: send only what the purpose needs ({rule.mn_cite})"
    return f"Minimum necessary does not apply to this disclosure ({rule.mn_cite})"


def _sentences(parts: Iterable[str]) -> str:
    text = []
    for part in parts:
        part = " ".join(part.split())
        if part:
            text.append(part if part.endswith((".", "!", "?")) else part + ".")
    return " ".join(text)
