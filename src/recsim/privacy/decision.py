"""Walking the release decision table: which row governs a request, and why the others do not.

The table is release_rules.yaml's ``decide``. :func:`select` returns the first row
whose conditions all hold; :func:`walk` says, for every row up to it, what held
and what did not, in words, for ``recsim rules explain``. Neither decides
anything itself: the conditions and their order are the file's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.predicates import PREDICATES
from recsim.privacy.rulebook import Row, rulebook

PAPERS: dict[str, str] = {
    "authorization": "authorization",
    "court_order": "court order",
    "subpoena": "subpoena",
    "warrant": "warrant",
    "direction": "patient's direction to send a copy to a third party",
}
"""The papers a row may ask about, as nouns."""


def article(noun: str) -> str:
    """A noun with "a" or "an"."""
    return ("an " if noun[0] in "aeiou" else "a ") + noun


@dataclass(frozen=True, slots=True)
class Verdict:
    """One row of the table as it reads for one request."""

    row: Row
    matched: bool
    reasons: tuple[str, ...]
    """Why it matched (every condition, in words), or the first condition that failed."""


def select(request: ReleaseRequest) -> Row:
    """The row that governs ``request``: the first whose conditions all hold."""
    for row in rulebook().table:
        if _failure(row, request) is None:
            return row
    raise LookupError("the decision table has no row for this request")  # its last row always holds


def walk(request: ReleaseRequest) -> list[Verdict]:
    """Every row up to and including the one that governs, each with its reasons."""
    verdicts = []
    for row in rulebook().table:
        failure = _failure(row, request)
        if failure is not None:
            verdicts.append(Verdict(row, False, (failure,)))
            continue
        verdicts.append(Verdict(row, True, tuple(_holds(row, request))))
        break
    return verdicts


def conditions(row: Row) -> str:
    """A row's conditions in words: "the requester is a patient; the patient has died"."""
    book = rulebook()
    parts = []
    if row.roles:
        parts.append("the requester is " + either(role_words(r) for r in row.roles))
    if row.purposes:
        parts.append("the purpose is " + either(p.replace("_", " ") for p in row.purposes))
    parts.extend(f"{article(PAPERS[d])} came with it" for d in row.documents)
    parts.extend(f"no {PAPERS[d]} came with it" for d in row.without)
    for test in row.tests:
        yes, no = book.predicates[test.name]
        parts.append(yes if test.wanted else no)
    return "; ".join(parts) if parts else "always (the last row)"


def _failure(row: Row, request: ReleaseRequest) -> str | None:
    """The first condition of ``row`` that ``request`` fails, in words (None: all hold)."""
    role, purpose = request.requester.role, request.purpose
    if row.roles and role not in row.roles:
        return (
            f"the requester is {role_words(role)}, not {either(role_words(r) for r in row.roles)}"
        )
    if row.purposes and purpose not in row.purposes:
        return f"the purpose is {purpose.replace('_', ' ')}, not " + either(
            p.replace("_", " ") for p in row.purposes
        )
    papers = request.documents
    for document in row.documents:
        if getattr(papers, document) is None:
            return f"no {PAPERS[document]} came with it"
    for document in row.without:
        if getattr(papers, document) is not None:
            return f"{article(PAPERS[document])} came with it"
    book = rulebook()
    for test in row.tests:
        if PREDICATES[test.name](request) != test.wanted:
            yes, no = book.predicates[test.name]
            return no if test.wanted else yes
    return None


def _holds(row: Row, request: ReleaseRequest) -> list[str]:
    return (
        [conditions(row)]
        if row.roles or row.purposes or row.documents or row.tests
        else ["no earlier row applies"]
    )


def role_words(role: str) -> str:
    """A requester role as a phrase: "an insurer", "the patient"."""
    return {
        "patient": "the patient",
        "personal_representative": "a personal representative",
        "attorney": "an attorney",
        "insurer": "an insurer",
        "employer": "an employer",
        "law_enforcement": "a law enforcement officer",
        "public_health": "a public health authority",
        "media": "a reporter",
        "other": "someone else",
    }.get(role, "a " + role.replace("_", " "))


def either(words: Iterable[str]) -> str:
    """Phrases joined with "or"."""
    items = list(words)
    if len(items) == 1:
        return str(items[0])
    return ", ".join(items[:-1]) + " or " + str(items[-1])
