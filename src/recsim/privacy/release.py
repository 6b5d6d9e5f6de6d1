"""The release-of-information rule engine: from a request to its correct handling.

:func:`derive` is pure. Which rule governs a request is not decided here: the
decision table in release_rules.yaml (walked by :mod:`recsim.privacy.decision`)
picks the row, in the order a release desk reasons (a direction, the patient and
those in the patient's place, legal process, what the requester's role permits,
the patient's authorization, and the refusal that explains why nothing permits
it). This module applies the matched row: its grant says which requested records
go, its holds keep specially protected records back, its notes explain why some
may go, and an authorization that came too may add what the row holds back.
The ruling becomes the handling in :mod:`recsim.privacy.ruling`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.authorization import authorization_defects, covered, describe_defects
from recsim.privacy.decision import select
from recsim.privacy.handling import Handling
from recsim.privacy.record_types import GENERAL_RECORDS, PSYCHOTHERAPY, expand, labels
from recsim.privacy.rulebook import Row, rulebook
from recsim.privacy.ruling import Ruling, handling_for

Grant = Callable[[Row, ReleaseRequest, frozenset[str], date], Ruling]


def derive(request: ReleaseRequest, as_of: date) -> Handling:
    """The correct handling of ``request`` on the simulated day ``as_of``."""
    requested = expand(request.requested)
    return handling_for(request, requested, govern(request, requested, as_of))


def govern(request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    """The ruling of the table row that governs ``request``."""
    row = select(request)
    ruling = GRANTS[row.grant](row, request, requested, as_of)
    if row.grant != "authorization":  # the authorization grant applies its own
        _apply_holds_and_notes(row, ruling, requested)
    if row.combine and request.documents.authorization is not None:
        return _combine(ruling, _authorization(row, request, requested, as_of))
    return ruling


def _nothing(row: Row, request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    """A rule that sends nothing."""
    return Ruling(row.rule)


def _access(row: Row, request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    """The right of access: everything asked for except psychotherapy notes (164.524(a)(1)(i))."""
    ruling = Ruling(row.rule, allowed=set(requested - {PSYCHOTHERAPY}), individual=True)
    if PSYCHOTHERAPY in requested:
        ruling.withheld[PSYCHOTHERAPY] = "psychotherapy_access"
    return ruling


def _requested(row: Row, request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    """Everything asked for (the row's holds keep the protected records back)."""
    return Ruling(row.rule, allowed=set(requested))


def _order(row: Row, request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    """Only what the court order expressly authorizes (164.512(e)(1)(i))."""
    assert request.documents.court_order is not None
    return _covering(
        row.rule, expand(request.documents.court_order.covers), requested, "not_in_order"
    )


def _warrant(row: Row, request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    """Only what the warrant covers (164.512(f)(1)(ii)(A))."""
    assert request.documents.warrant is not None
    return _covering(
        row.rule, expand(request.documents.warrant.covers), requested, "not_in_warrant"
    )


def _covering(rule: str, covers: frozenset[str], requested: frozenset[str], missing: str) -> Ruling:
    ruling = Ruling(rule, allowed=set(requested & covers))
    ruling.withheld.update(dict.fromkeys(requested - covers, missing))
    return ruling


def _care(row: Row, request: ReleaseRequest, requested: frozenset[str], as_of: date) -> Ruling:
    """What is relevant to a relative's or friend's part in the care (164.510(b)(1)(i), (b)(5)).

    The records the file calls relevant go; other general records are left to professional
    judgment (164.510(b)(3)). When nothing asked for is plainly relevant, the judgment records
    are what the request is about, so they are what may go.
    """
    book = rulebook()
    relevant = book.care_relevant | (
        book.payment_relevant if request.purpose == "payment" else set()
    )
    general = requested & set(GENERAL_RECORDS)
    plain = general & relevant
    ruling = Ruling(row.rule, allowed=set(plain or general))
    ruling.withheld.update(dict.fromkeys(general - ruling.allowed, "care_judgment"))
    return ruling


def _authorization(
    row: Row, request: ReleaseRequest, requested: frozenset[str], as_of: date
) -> Ruling:
    """What a valid authorization describes (164.508); a defective one permits nothing."""
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
    ruling.withheld.update(dict.fromkeys(requested - described, "not_described"))
    # Combined with another row, the authorization's own row says what stays back.
    own = row if row.grant == "authorization" else _authorization_row()
    _apply_holds_and_notes(own, ruling, requested)
    return ruling


def _authorization_row() -> Row:
    """The table's plain authorization row (its holds and notes apply to any authorization)."""
    return next(r for r in rulebook().table if r.grant == "authorization" and not r.tests)


GRANTS: dict[str, Grant] = {
    "none": _nothing,
    "access": _access,
    "requested": _requested,
    "order": _order,
    "warrant": _warrant,
    "care": _care,
    "authorization": _authorization,
}
"""What each ``grant`` of the decision table lets go."""


def _apply_holds_and_notes(row: Row, ruling: Ruling, requested: frozenset[str]) -> None:
    """The row's holds keep records back; its notes explain the protected records that go.

    Under an authorization a hold names why an undescribed record stays back: a described one
    goes (the authorization is the permission the hold asks for).
    """
    for record, reason in row.hold:
        if record not in requested:
            continue
        if row.grant == "authorization" and record in ruling.allowed:
            continue
        ruling.allowed.discard(record)
        ruling.withheld[record] = reason
    for record, allowance in row.note:
        if record in ruling.allowed and allowance not in ruling.allowances:
            ruling.allowances.append(allowance)


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
