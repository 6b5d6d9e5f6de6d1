"""Release-of-information requests as a scenario writes them (DESIGN.md, "Release requests").

These models are the public contract; the rule engine in :mod:`recsim.privacy`
derives the expected decision when a request gives none.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from recsim.core.model import Model

Role = Literal[
    "patient",
    "personal_representative",
    "parent",
    "spouse",
    "family_member",
    "attorney",
    "law_enforcement",
    "court",
    "insurer",
    "employer",
    "provider",
    "researcher",
    "public_health",
    "medical_examiner",
    "media",
    "coworker",
    "other",
]
Channel = Literal["walk_in", "phone", "fax", "mail", "email", "portal"]
Purpose = Literal[
    "treatment",
    "payment",
    "operations",
    "personal",
    "litigation",
    "law_enforcement",
    "public_health",
    "research",
    "employment",
    "marketing",
    "none",
]
RecordType = Literal[
    "discharge_summary",
    "history_physical",
    "progress_notes",
    "lab_results",
    "imaging",
    "medication_list",
    "billing_records",
    "immunizations",
    "psychotherapy_notes",
    "substance_use_treatment",
    "hiv_results",
    "full_record",
]
Decision = Literal["release", "release_partial", "deny", "verify_identity", "refer_privacy_officer"]
RelativeDate = date | str
"""A date (2026-03-01) or an offset from ``as_of`` such as ``-10d``, ``+3w``, ``+6m``."""
Statement = Literal["revocation", "conditioning", "redisclosure"]
"""A statement 164.508(c)(2) requires: the right to revoke, whether care depends on signing,
and that the information may be redisclosed."""
STATEMENTS: tuple[Statement, ...] = ("revocation", "conditioning", "redisclosure")


class _Extended(Model):
    """A model with fields added after format 1 that are written out only when set.

    Forms and results written before the fields existed stay byte-identical: a field
    at its default (the reading older files always had) is left out of the output.
    """

    _later: tuple[str, ...] = ()

    @model_serializer(mode="wrap")
    def _without_unset_later(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        for name in self._later:
            if getattr(self, name) == type(self).model_fields[name].get_default(
                call_default_factory=True
            ):
                data.pop(name, None)
        return data


class Requester(Model):
    """Who is asking."""

    role: Role
    """Requester's role."""
    name: str = "auto"
    """Name on the request; ``auto`` lets recsim make one up."""
    verified: bool = False
    """Identity and authority have been checked (45 CFR 164.514(h))."""


class Authorization(_Extended):
    """A HIPAA authorization form (45 CFR 164.508). An absent element is a defect.

    ``discloser``, ``statements`` and ``authority_described`` were added later; a form that
    does not mention them has them (older scenario files keep their meaning).
    """

    _later = ("discloser", "statements", "authority_described")

    signed_by: Literal["patient", "personal_representative", "none"] = "none"
    """Who signed it."""
    signed_on: RelativeDate | None = None
    """Date signed."""
    expires: RelativeDate | None = None
    """Expiration date, a relative date, or an expiration event written as text."""
    recipient: Literal["named", "missing"] = "missing"
    """Whether the form names who receives the information."""
    describes: list[RecordType] = Field(default_factory=list)
    """The information the form describes."""
    purpose_stated: bool = False
    """Whether the form states the purpose of the disclosure."""
    purpose: Purpose | None = None
    """The purpose the form states, when it differs from the request's."""
    revoked: bool = False
    """The patient has revoked it in writing."""
    discloser: Literal["named", "missing"] = "named"
    """Whether the form names who may disclose the information (164.508(c)(1)(ii))."""
    statements: list[Statement] = Field(default_factory=lambda: list(STATEMENTS))
    """The required statements the form makes (164.508(c)(2)): revocation, conditioning,
    redisclosure. A statement left out is a defect."""
    authority_described: bool = True
    """When a personal representative signs: the form describes their authority to act for
    the patient (164.508(c)(1)(vi))."""


class CourtOrder(Model):
    """An order of a court or administrative tribunal (45 CFR 164.512(e)(1)(i))."""

    covers: list[RecordType]
    """What the order expressly authorizes."""


class Subpoena(Model):
    """A subpoena or discovery request not accompanied by a court order."""

    issued_by: Literal["attorney", "court_clerk", "grand_jury"] = "attorney"
    """Who issued it."""
    satisfactory_assurance: bool = False
    """Notice to the individual or a qualified protective order is on file (164.512(e)(1)(ii))."""


class Warrant(Model):
    """A court-ordered warrant (164.512(f)(1)(ii)(A))."""

    covers: list[RecordType]
    """What the warrant covers."""


class Direction(_Extended):
    """The patient's signed direction to send a copy to a third party (164.524(c)(3)(ii)).

    It binds the facility only for an electronic copy of PHI in an electronic health
    record (Ciox Health v. Azar, D.D.C. 2020); anything else needs an authorization.
    """

    _later = ("format", "from_ehr")

    signed_by: Literal["patient", "personal_representative", "none"] = "patient"
    """Who signed it."""
    recipient: Literal["named", "missing"] = "named"
    """Whether it names the recipient."""
    format: Literal["electronic", "paper"] = "electronic"
    """The copy it asks for: an electronic copy, or paper copies."""
    from_ehr: bool = True
    """The records are held in the electronic health record."""


class Paperwork(Model):
    """Documents that came with the request."""

    authorization: Authorization | None = None
    """An authorization form."""
    court_order: CourtOrder | None = None
    """A court order."""
    subpoena: Subpoena | None = None
    """A subpoena without a court order."""
    warrant: Warrant | None = None
    """A warrant."""
    direction: Direction | None = None
    """A patient's direction to send records to a third party."""


class PatientFacts(Model):
    """Facts about the patient that change the answer."""

    age: int | None = Field(default=None, ge=0, le=124)
    """Age in years; under 18 is a minor."""
    deceased: bool = False
    """The patient has died."""
    minor_consented_alone: bool = False
    """A minor consented to the care alone where the law allows it (164.502(g)(3))."""
    agreed_to_share: bool = False
    """The patient, given the chance, agreed (or did not object) to sharing with the family
    member or friend who asks, as someone involved in their care (164.510(b)). For a patient
    who has died: the person was involved in the care or its payment before the death, and
    nothing on file says the patient wished otherwise (164.510(b)(5))."""


class Expectation(Model):
    """The correct handling of a request."""

    decision: Decision
    """The correct decision."""
    release: list[RecordType] = Field(default_factory=list)
    """What may go out (for release and release_partial)."""
    log_disclosure: bool = False
    """Whether the disclosure is entered in the accounting of disclosures (164.528)."""
    cite: str = ""
    """Citation of the deciding rule."""
    acceptable: list[Decision] = Field(default_factory=list)
    """Other decisions that are safe though not ideal (partial credit)."""


class ReleaseRequest(Model):
    """One release-of-information request."""

    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,40}$")
    """Your own name for the request, shown in ``recsim preview`` but never to the trainee, who
    sees a request number (ROI-2026-1234). Answers and results name the item ``release-N``."""
    requester: Requester
    """Who is asking."""
    channel: Channel = "walk_in"
    """How the request arrived."""
    purpose: Purpose = "none"
    """Purpose stated by the requester."""
    requested: list[RecordType] = Field(min_length=1)
    """Records asked for."""
    documents: Paperwork = Field(default_factory=Paperwork)
    """Documents that came with the request."""
    patient: PatientFacts = Field(default_factory=PatientFacts)
    """Relevant facts about the patient."""
    expect: Expectation | None = None
    """The correct handling; when absent, the rule engine derives it."""
    explain: str | None = None
    """Feedback the instructor wants shown after the decision."""
