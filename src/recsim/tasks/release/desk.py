"""The release desk's view of a request: the patient, who is asking, and the paperwork.

Names come from the seeded Faker instance (synthetic only); the patient is a
chart from the scenario's population when one of the right age is near, so the
trainee can open it, and a made-up person otherwise.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from recsim.core.clock import add_years, age_on
from recsim.core.generate.population import PAYERS
from recsim.core.ids import make_mrn
from recsim.core.scenario.release import (
    STATEMENTS,
    Authorization,
    Direction,
    ReleaseRequest,
    Subpoena,
)
from recsim.privacy.authorization import purpose_words, read_date, read_expiry
from recsim.privacy.record_types import labels
from recsim.tasks.base import BuildContext
from recsim.tasks.release.archetypes import Draft, catalog
from recsim.tasks.release.models import Document, ReleaseView, RequestSubject

AT_THEIR_REQUEST = "at the request of the individual"
"""The purpose a form states when the patient initiates it and names none (164.508(c)(1)(iv))."""
SCAN = 40
"""Population charts looked at for a patient of the right age before making one up."""


DESK_STREAM = "release-desk"
"""The desk's own Faker stream: finding a patient may generate population charts mid-request."""


@dataclass(frozen=True, slots=True)
class Patient:
    """The subject of a request, with what the wording needs."""

    subject: RequestSubject
    first_name: str
    last_name: str
    chart: str | None
    """MRN of the population chart, or None for a made-up patient."""
    payer: str


def find_patient(
    context: BuildContext,
    index: int,
    ages: tuple[int, int],
    *,
    deceased: bool,
    rng: random.Random,
    fake: Faker,
    spread: int = 1,
) -> Patient:
    """A patient aged within ``ages``: from the population when one is near, else made up.

    Item ``index`` looks at its own patient first, then every ``spread``-th one
    after it (with ``spread`` the task's item count, no other item looks at those),
    then at its neighbours, which another item may share.
    """
    as_of = context.scenario.as_of
    size = context.scenario.population.patients
    low, high = ages
    spread = max(1, spread)
    own = [index + step * spread for step in range(max(1, size // spread))]
    shared = [index + step for step in range(1, SCAN)]
    for number in dict.fromkeys(context.patient_number(n) for n in [*own, *shared][:SCAN]):
        # the age first, from the chart's first draws: only the chart chosen is made whole
        if not low <= age_on(context.population.date_of_birth(number), as_of) <= high:
            continue
        record = context.population.patient(number)
        person = record.patient
        last_seen = max((e.discharge_date for e in record.encounters), default=None)
        died = _death_date(as_of, last_seen, rng) if deceased else None
        subject = RequestSubject(
            name=person.full_name,
            mrn=person.mrn,
            date_of_birth=person.date_of_birth,
            age=age_on(person.date_of_birth, died or as_of),
            deceased_on=died,
        )
        return Patient(
            subject, person.first_name, person.last_name, person.mrn, record.coverage.payer
        )
    age = rng.randint(low, high)
    birth = add_years(as_of, -age) - timedelta(days=rng.randint(1, 364))
    first, last = fake.first_name(), fake.last_name()
    died = _death_date(as_of, None, rng) if deceased else None
    subject = RequestSubject(
        name=f"{first} {last}",
        mrn=make_mrn(rng.randrange(10**7)),
        date_of_birth=birth,
        age=age_on(birth, died or as_of),
        deceased_on=died,
    )
    return Patient(subject, first, last, None, rng.choice(PAYERS)[0])


def _death_date(as_of: date, last_seen: date | None, rng: random.Random) -> date:
    died = as_of - timedelta(days=rng.randint(3, 40))
    return max(died, last_seen) if last_seen and last_seen <= as_of else died


def organization(kind: str | None, rng: random.Random, fake: Faker, patient: Patient) -> str | None:
    """A name for an organization of ``kind`` (law_firm, police, ...)."""
    if kind is None:
        return None
    template = rng.choice(catalog()["organizations"][kind])
    return str(
        template.format(
            last=fake.last_name(),
            last2=fake.last_name(),
            first=fake.first_name(),
            city=fake.city(),
            company=fake.company(),
            payer=patient.payer,
            n=rng.randint(2, 13),
        )
    )


def requester_name(name_kind: str, request: ReleaseRequest, fake: Faker, patient: Patient) -> str:
    """The requester's name: the patient's own, a relative's (same surname), or anyone's."""
    if request.requester.name != "auto":
        return request.requester.name
    if name_kind == "patient" and request.requester.role == "patient":
        return patient.subject.name
    if name_kind == "relative":
        return f"{fake.first_name()} {patient.last_name}"
    return f"{fake.first_name()} {fake.last_name()}"


def view(
    draft: Draft,
    request: ReleaseRequest,
    patient: Patient,
    *,
    as_of: date,
    reference: str,
    rng: random.Random,
    fake: Faker,
) -> ReleaseView:
    """The desk's view of a request."""
    data = catalog()
    org = organization(draft.organization_kind, rng, fake, patient)
    who = requester_name(draft.name_kind, request, fake, patient)
    relation = draft.relation or data["roles"][request.requester.role]
    facts = {
        "requester": who,
        "patient": patient.subject.name,
        "records": labels(request.requested),
        "org": org or "",
        "relation": relation,
        "age": patient.subject.age,
        "care": rng.choice(data["minor_care"]),
        "department": draft.department or "",
        "received": data["channels"][request.channel],
        "purpose": purpose_words(request.purpose),
    }
    note = draft.verified_note if request.requester.verified and draft.verified_note else None
    verified = "verified" if request.requester.verified else "unverified"
    verification = (note or data["verification"][verified][request.channel]).format(**facts)
    shown = _as_seen(request, who, as_of)
    return ReleaseView(
        as_of=as_of,
        reference=reference,
        requester=who if request.requester.role == "patient" else f"{who}, {relation}",
        role=request.requester.role,
        organization=org,
        channel=request.channel,
        received=data["channels"][request.channel],
        purpose=request.purpose,
        story=" ".join(draft.story.format(**facts).split()),
        verification=verification,
        requested=list(request.requested),
        subject=patient.subject,
        documents=paperwork(shown, patient, org or who, as_of=as_of, rng=rng, fake=fake),
        request=shown,
    )


def _as_seen(request: ReleaseRequest, who: str, as_of: date) -> ReleaseRequest:
    """The request with its dates written out and its id and expected answer removed."""
    # The instructor's id names the trap ("minor-signed"): the desk never sees it.
    update: dict[str, object] = {
        "id": None,
        "expect": None,
        "explain": None,
        "requester": request.requester.model_copy(update={"name": who}),
    }
    form = request.documents.authorization
    if form is not None:
        update["documents"] = request.documents.model_copy(
            update={
                "authorization": form.model_copy(
                    update={
                        "signed_on": _readable(form.signed_on, as_of),
                        "expires": _readable(form.expires, as_of, expiry=True),
                    }
                )
            }
        )
    return request.model_copy(update=update)


def _readable(value: date | str | None, as_of: date, *, expiry: bool = False) -> date | str | None:
    try:
        return read_expiry(value, as_of) if expiry else read_date(value, as_of)
    except ValueError:
        return value


def paperwork(
    request: ReleaseRequest,
    patient: Patient,
    recipient: str,
    *,
    as_of: date,
    rng: random.Random,
    fake: Faker,
) -> list[Document]:
    """Each document that came with the request, as lines the desk reads."""
    docs = request.documents
    found: list[Document] = []
    if docs.authorization is not None:
        found.append(_authorization(docs.authorization, request, patient, recipient, as_of, rng))
    if docs.court_order is not None:
        found.append(_court_order(docs.court_order.covers, patient, as_of, rng, fake))
    if docs.warrant is not None:
        found.append(_warrant(docs.warrant.covers, patient, fake))
    if docs.subpoena is not None:
        found.append(_subpoena(docs.subpoena, request, recipient, rng))
    if docs.direction is not None:
        found.append(_direction(docs.direction, request, patient, recipient, as_of, rng))
    return found


def _covered(covers: Sequence[str]) -> str:
    return labels(covers) if covers else "(nothing listed)"


def _court_order(
    covers: Sequence[str], patient: Patient, as_of: date, rng: random.Random, fake: Faker
) -> Document:
    return Document(
        title="Court order",
        lines=[
            f"Case no. {as_of.year}-CV-{rng.randint(1000, 9999)}",
            f"In the matter of: {patient.subject.name}",
            f"The court orders release of: {_covered(covers)}",
            f"Signed: Judge {fake.first_name()} {fake.last_name()}",
        ],
    )


def _warrant(covers: Sequence[str], patient: Patient, fake: Faker) -> Document:
    return Document(
        title="Search warrant",
        lines=[
            f"Signed: Judge {fake.first_name()} {fake.last_name()}",
            f"Covers the health records of {patient.subject.name}: {_covered(covers)}",
        ],
    )


def _subpoena(
    subpoena: Subpoena, request: ReleaseRequest, recipient: str, rng: random.Random
) -> Document:
    issuer = {
        "attorney": f"signed by {recipient}, attorney for a party to the case",
        "court_clerk": "issued by the clerk of court at a party's request (not signed by a judge)",
        "grand_jury": "issued for a grand jury",
    }[subpoena.issued_by]
    assurance = (
        rng.choice(
            (
                "Attached: a written statement, with a copy of the notice sent, that the "
                "patient was told of the request and the time to object has passed.",
                "Attached: a qualified protective order entered by the court.",
            )
        )
        if subpoena.satisfactory_assurance
        else "Attached: nothing showing notice to the patient, and no protective order."
    )
    return Document(
        title="Subpoena for records (no court order)",
        lines=[
            f"Subpoena {issuer}",
            f"Records demanded: {labels(request.requested)}",
            assurance,
        ],
    )


def _direction(
    direction: Direction,
    request: ReleaseRequest,
    patient: Patient,
    recipient: str,
    as_of: date,
    rng: random.Random,
) -> Document:
    lines = [
        f"Send copies of: {labels(request.requested)}",
        f"Send to: {recipient if direction.recipient == 'named' else '(blank)'}",
        f"Signed: {_signer(direction.signed_by, patient, request)}",
        f"Date: {(as_of - timedelta(days=rng.randint(1, 20))).isoformat()}",
    ]
    # Written only for a direction that says more than format 1 could (forms stay as they were).
    if direction.format != "electronic" or not direction.from_ehr:
        form = "paper copies, by mail" if direction.format == "paper" else "an electronic copy"
        where = "" if direction.from_ehr else " (records kept on paper, outside the EHR)"
        lines.insert(1, f"Copy wanted: {form}{where}")
    return Document(title="Patient's signed request to send copies to a third party", lines=lines)


def _authorization(
    form: Authorization,
    request: ReleaseRequest,
    patient: Patient,
    recipient: str,
    as_of: date,
    rng: random.Random,
) -> Document:
    stated = form.purpose or request.purpose
    # A form that states a purpose the request leaves unnamed reads as the patient's own request:
    # "at the request of the individual" is a sufficient purpose (45 CFR 164.508(c)(1)(iv)).
    purpose = purpose_words(stated) if stated != "none" else AT_THEIR_REQUEST
    lines = [
        f"Patient: {patient.subject.name}, born {patient.subject.date_of_birth.isoformat()}",
        f"Disclose from: {'this facility' if form.discloser == 'named' else '(blank)'}",
        f"Information to disclose: {labels(form.describes) if form.describes else '(blank)'}",
        f"Disclose to: {recipient if form.recipient == 'named' else '(blank)'}",
        f"Purpose: {purpose if form.purpose_stated else '(blank)'}",
        f"Expires: {_shown(form.expires)}",
        f"Signature: {_signer(form.signed_by, patient, request)}",
        f"Date signed: {_shown(form.signed_on)}",
    ]
    lines.extend(_later_elements(form))
    if form.revoked:
        signed = form.signed_on if isinstance(form.signed_on, date) else as_of - timedelta(days=60)
        span = max(1, (as_of - signed).days)
        revoked_on = signed + timedelta(days=rng.randint(1, span)) if signed < as_of else as_of
        lines.append(
            "On file: the patient's signed revocation of this authorization, "
            f"dated {revoked_on.isoformat()}"
        )
    return Document(title="Authorization to release health information", lines=lines)


def _later_elements(form: Authorization) -> list[str]:
    """Lines for the elements added after format 1, written only when one is missing.

    A form that has them all reads as it always did, so existing forms stay byte-identical.
    """
    missing = [s for s in STATEMENTS if s not in form.statements]
    if not missing and form.authority_described:
        return []
    lines = []
    words = {
        "revocation": "the right to revoke in writing",
        "conditioning": "whether care depends on signing",
        "redisclosure": "that the recipient may redisclose",
    }
    lines.append(
        "Statements printed on the form: "
        + (", ".join(words[s] for s in STATEMENTS if s in form.statements) or "(none)")
    )
    if form.signed_by == "personal_representative":
        authority = "described" if form.authority_described else "(blank)"
        lines.append(f"Representative's authority to act: {authority}")
    return lines


def _shown(value: date | str | None) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "(blank)"
    return value.isoformat() if isinstance(value, date) else value


def _signer(signed_by: str, patient: Patient, request: ReleaseRequest) -> str:
    if signed_by == "patient":
        return patient.subject.name
    if signed_by == "personal_representative":
        return f"{request.requester.name}, as personal representative"
    return "(blank)"
