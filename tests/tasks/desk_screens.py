"""What each desk kind's screen shows, and whether the key's deciding facts are among it.

Each ``shows_*`` function reads only the item's view, as the workspace renders it,
and returns the key's deciding facts it cannot find there (empty: all visible).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from recsim.core.form import Item
from recsim.tasks.audit.models import AuditKey, AuditView
from recsim.tasks.audit.task import within
from recsim.tasks.claims.members import PLAN
from recsim.tasks.claims.models import ClaimKey, ClaimView
from recsim.tasks.deficiency.content import deficiency_content
from recsim.tasks.deficiency.models import DeficiencyKey, DeficiencyView
from recsim.tasks.release.archetypes import catalog
from recsim.tasks.release.models import ReleaseView
from tests.tasks.audit.detectors import DETECTORS
from tests.tasks.test_claims_problems import found as claim_problems


def release_screen(view: ReleaseView) -> str:
    """The text the release workspace shows: story, checks, patient and paperwork."""
    subject = view.subject
    lines = [view.requester, view.received, view.story, view.verification]
    lines += [f"Age {subject.age}", f"Died {subject.deceased_on}" if subject.deceased_on else ""]
    lines += [line for document in view.documents for line in document.lines]
    return "\n".join(lines)


def shows_release(item: Item) -> list[str]:
    view: ReleaseView = item.view  # type: ignore[assignment]
    request, screen = view.request, release_screen(view)
    unseen = []
    facts = request.patient
    if facts.minor_consented_alone and "alone" not in view.story:
        unseen.append("the minor consented alone")
    if facts.agreed_to_share and "may talk with" not in screen:
        unseen.append("the patient agreed to share with this person")
    if facts.deceased != (view.subject.deceased_on is not None):
        unseen.append("whether the patient has died")
    unverified = set(catalog()["verification"]["unverified"].values())
    if request.requester.verified == (view.verification in unverified):
        unseen.append("whether the requester was verified")
    form = request.documents.authorization
    if form is not None:
        blanks = {
            "Signature: (blank)": form.signed_by == "none",
            "Disclose to: (blank)": form.recipient == "missing",
            "Purpose: (blank)": not form.purpose_stated,
            "Information to disclose: (blank)": not form.describes,
            "revocation": form.revoked,
            "Disclose from: (blank)": form.discloser == "missing",
            "Representative's authority to act: (blank)": not form.authority_described
            and form.signed_by == "personal_representative",
            "Statements printed on the form:": len(form.statements) < 3,
        }
        unseen += [line for line, expected in blanks.items() if (line in screen) != expected]
    direction = request.documents.direction
    if direction is not None:
        shown = {
            "Copy wanted: paper": direction.format == "paper",
            "outside the EHR": not direction.from_ehr,
        }
        unseen += [line for line, expected in shown.items() if (line in screen) != expected]
    return unseen


def shows_claim(item: Item) -> list[str]:
    view: ClaimView = item.view  # type: ignore[assignment]
    key: ClaimKey = item.key  # type: ignore[assignment]
    unseen = []
    if view.eligibility.payer != PLAN:
        unseen.append(f"coverage on file is {view.eligibility.payer}, not the desk's plan")
    expected = set() if key.problem == "clean" else {key.problem}
    if claim_problems(view) != expected:
        unseen.append(f"a reviewer finds {sorted(claim_problems(view))}, the key {key.problem}")
    if key.deny_line is not None and key.deny_line not in {line.line for line in view.claim.lines}:
        unseen.append(f"line {key.deny_line} is not on the claim")
    return unseen


def shows_audit(item: Item) -> list[str]:
    view: AuditView = item.view  # type: ignore[assignment]
    key: AuditKey = item.key  # type: ignore[assignment]
    unseen = []
    for error in key.errors:
        seen = DETECTORS[error.kind](view.record, view.as_of)
        places = [error.location, *error.also]
        if not any(within(a, b) or within(b, a) for a in seen for b in places):
            unseen.append(f"{error.kind} at {error.location}")
    return unseen


def shows_deficiency(item: Item) -> list[str]:
    view: DeficiencyView = item.view  # type: ignore[assignment]
    key: DeficiencyKey = item.key  # type: ignore[assignment]
    kinds = deficiency_content().kinds
    documents = {d.id: d for d in view.documents}
    staff = {p.npi for p in view.providers}
    admitted = view.stay.admitted_at
    unseen = []
    for deficiency in key.deficiencies:
        info = kinds[deficiency.kind]
        document = documents.get(deficiency.document or "")
        if deficiency.provider.npi not in staff:
            unseen.append(f"{deficiency.kind}: the provider is not on the staff list")
        if info.problem == "missing":
            if any(d.type == info.document for d in view.documents):
                unseen.append(f"{deficiency.kind}: a {info.document} is on the chart")
            updates = info.document == "history_physical_update"
            if updates and not any(
                d.type == "history_physical" and d.written_at < admitted for d in view.documents
            ):
                unseen.append(f"{deficiency.kind}: no history and physical before admission")
        elif document is None or document.type != info.document:
            unseen.append(f"{deficiency.kind}: its document is not on the chart")
        elif info.problem == "unsigned" and document.signed_at is not None:
            unseen.append(f"{deficiency.kind}: the document shows a signature")
        elif info.problem == "out_of_window" and (
            admitted - timedelta(days=30) <= document.written_at <= admitted + timedelta(hours=24)
        ):
            unseen.append(f"{deficiency.kind}: the document is dated inside the window")
    return unseen


SCREENS: dict[str, Callable[[Item], list[str]]] = {
    "release": shows_release,
    "claims": shows_claim,
    "audit": shows_audit,
    "deficiency": shows_deficiency,
    "analysis": lambda item: [],  # its key is computed from the very batch on the screen
}
"""The desk kinds, each with its screen check."""
