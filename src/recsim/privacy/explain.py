"""``recsim rules explain`` in words: a request, the rows of the table it was tried against, and
the handling that follows (recsim.privacy.decision walks; recsim.privacy.release applies)."""

from __future__ import annotations

from datetime import date

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.decision import PAPERS, article, either, role_words, walk
from recsim.privacy.release import derive
from recsim.privacy.rulebook import rulebook


def explanation(request: ReleaseRequest, as_of: date) -> list[str]:
    """``recsim rules explain`` in lines: the request, each row walked, and the outcome."""
    book = rulebook()
    lines = [f"The request: {requestrole_words(request)}.", ""]
    lines.append(
        "release_rules.yaml, decide: rows are tried from the top; the first whose "
        "conditions all hold decides."
    )
    for verdict in walk(request):
        row, rule = verdict.row, book.rules[verdict.row.rule]
        head = f"  row {row.number:>2} {row.rule} ({rule.cite or 'see the reasons'})"
        if verdict.matched:
            lines.append(f"{head}: MATCHES, because {'; '.join(verdict.reasons)}")
        else:
            lines.append(f"{head}: does not apply, because {verdict.reasons[0]}")
    handling = derive(request, as_of)
    lines += ["", f"Outcome: {handling.decision} ({handling.cite})"]
    if handling.release:
        lines.append(f"  release: {', '.join(handling.release)}")
    lines.append(f"  why: {handling.explanation}")
    return lines


def requestrole_words(request: ReleaseRequest) -> str:
    """The facts of a request the table looks at, as one sentence."""
    facts = [
        f"{role_words(request.requester.role)} asks"
        + ("" if request.requester.verified else " (identity not yet checked)"),
        f"purpose {request.purpose.replace('_', ' ')}",
        "for " + ", ".join(r.replace("_", " ") for r in request.requested),
    ]
    papers = [
        article(PAPERS[name]) for name in PAPERS if getattr(request.documents, name) is not None
    ]
    facts.append("with " + either(papers) if papers else "with no papers")
    patient = request.patient
    status = [f"aged {patient.age}" if patient.age is not None else "age not given"]
    if patient.deceased:
        status.append("has died")
    if patient.minor_consented_alone:
        status.append("consented to the care alone")
    if patient.agreed_to_share:
        status.append("agreed to sharing with this person")
    facts.append("the patient " + ", ".join(status))
    return "; ".join(facts)
