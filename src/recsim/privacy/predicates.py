"""The questions the release decision table asks about a request, one small function each.

release_rules.yaml names them (with their words for ``recsim rules explain``);
the table's loader refuses a name that is not here, and a function here that the
file does not describe. Each answers one yes-or-no question and decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.record_types import SUBSTANCE_USE, expand

Predicate = Callable[[ReleaseRequest], bool]


def deceased(request: ReleaseRequest) -> bool:
    """The patient has died."""
    return request.patient.deceased


def minor(request: ReleaseRequest) -> bool:
    """The patient's age is known and under 18."""
    age = request.patient.age
    return age is not None and age < 18


def adult(request: ReleaseRequest) -> bool:
    """The patient's age is known and 18 or over."""
    age = request.patient.age
    return age is not None and age >= 18


def minor_consented_alone(request: ReleaseRequest) -> bool:
    """The minor consented to the care alone, as the law allows (164.502(g)(3)(i))."""
    return request.patient.minor_consented_alone


def agreed_to_share(request: ReleaseRequest) -> bool:
    """The chart shows the requester is involved in care and the patient did not object."""
    return request.patient.agreed_to_share


def law_enforcement(request: ReleaseRequest) -> bool:
    """The requester, or the stated purpose, is law enforcement."""
    return request.requester.role == "law_enforcement" or request.purpose == "law_enforcement"


def direction_signed(request: ReleaseRequest) -> bool:
    """The patient's direction is signed."""
    direction = request.documents.direction
    return direction is not None and direction.signed_by != "none"


def direction_names_recipient(request: ReleaseRequest) -> bool:
    """The patient's direction names who receives the copy."""
    direction = request.documents.direction
    return direction is not None and direction.recipient == "named"


def direction_binding(request: ReleaseRequest) -> bool:
    """The direction asks for an electronic copy of PHI in an EHR (Ciox Health v. Azar)."""
    direction = request.documents.direction
    return direction is not None and direction.format == "electronic" and direction.from_ehr


def grand_jury(request: ReleaseRequest) -> bool:
    """A grand jury issued the subpoena."""
    subpoena = request.documents.subpoena
    return subpoena is not None and subpoena.issued_by == "grand_jury"


def assured(request: ReleaseRequest) -> bool:
    """The subpoena comes with satisfactory assurance (164.512(e)(1)(ii))."""
    subpoena = request.documents.subpoena
    return subpoena is not None and subpoena.satisfactory_assurance


def order_names_part2(request: ReleaseRequest) -> bool:
    """The court order covers Part 2 records that were asked for."""
    order = request.documents.court_order
    if order is None:
        return False
    return SUBSTANCE_USE in expand(order.covers) & expand(request.requested)


def full_record(request: ReleaseRequest) -> bool:
    """The whole record is asked for."""
    return "full_record" in request.requested


def only_part2(request: ReleaseRequest) -> bool:
    """Only Part 2 substance-use treatment records are asked for."""
    return expand(request.requested) == {SUBSTANCE_USE}


PREDICATES: dict[str, Predicate] = {
    function.__name__: function
    for function in (
        deceased,
        minor,
        adult,
        minor_consented_alone,
        agreed_to_share,
        law_enforcement,
        direction_signed,
        direction_names_recipient,
        direction_binding,
        grand_jury,
        assured,
        order_names_part2,
        full_record,
        only_part2,
    )
}
"""Every predicate the decision table may name, by name."""
