"""An authored request's key, and the checks ``recsim validate`` runs on authored requests.

When the instructor writes ``expect``, it is the key (the scenario's author has
the last word) and the rule engine's view is kept beside it; ``validate`` warns
when they disagree, naming both, so a slip in the file is caught before class.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from recsim.core.scenario.release import Expectation, ReleaseRequest
from recsim.privacy.authorization import read_date, read_expiry
from recsim.privacy.citations import join_cites
from recsim.privacy.handling import DISCLOSING, Handling
from recsim.privacy.record_types import expand, labels, ordered
from recsim.privacy.release import derive
from recsim.tasks.release.models import ReleaseKey
from recsim.tasks.release.scoring import decision_words

Problem = tuple[tuple[str | int, ...], str, str]
ACCOUNTING_RULE = "45 CFR 164.528(a)"


def keyed(
    request: ReleaseRequest,
    as_of: date,
    *,
    archetype: str | None = None,
    authored_id: str | None = None,
) -> ReleaseKey:
    """The key of a request: the engine's handling, or the instructor's ``expect``."""
    engine = derive(request, as_of)
    expect = request.expect
    if expect is None:
        return ReleaseKey(
            handling=engine, archetype=archetype, explain=request.explain, authored_id=authored_id
        )
    if agrees(expect, engine):
        handling = engine.model_copy(
            update={
                "cite": expect.cite or engine.cite,
                "acceptable": list(expect.acceptable or engine.acceptable),
            }
        )
        return ReleaseKey(
            handling=handling,
            source="instructor",
            archetype=archetype,
            explain=request.explain,
            authored_id=authored_id,
        )
    return ReleaseKey(
        handling=_instructors(expect, engine),
        source="instructor",
        engine=engine,
        archetype=archetype,
        explain=request.explain,
        authored_id=authored_id,
    )


def agrees(expect: Expectation, engine: Handling) -> bool:
    """Whether the instructor's decision, released set and accounting entry match the engine's."""
    disclosing = expect.decision in DISCLOSING
    return (
        expect.decision == engine.decision
        and (not disclosing or expand(expect.release) == expand(engine.release))
        and (not disclosing or expect.log_disclosure == engine.log_disclosure)
    )


def _instructors(expect: Expectation, engine: Handling) -> Handling:
    disclosing = expect.decision in DISCLOSING
    release = ordered(expect.release) if disclosing else []
    cite = expect.cite or engine.cite
    log = expect.log_disclosure and disclosing
    if disclosing and log == engine.log_disclosure and engine.discloses:
        note, log_cite = engine.accounting_note, engine.accounting_cite
    else:
        entry = "an entry" if log else "no entry"
        note, log_cite = (
            f"Your instructor expects {entry} in the accounting of disclosures "
            f"({ACCOUNTING_RULE}).",
            ACCOUNTING_RULE,
        )
    return engine.model_copy(
        update={
            "decision": expect.decision,
            "release": release,
            "log_disclosure": log,
            "cite": cite,
            "acceptable": [d for d in expect.acceptable if d != expect.decision],
            "withheld": [w for w in engine.withheld if w.record not in expand(release)],
            "discretionary": list(engine.discretionary) if disclosing and engine.discloses else [],
            "right_of_access": engine.right_of_access and disclosing,
            "explanation": "Your instructor's answer: "
            f"{decision_words(expect.decision, release)} ({cite}).",
            "accounting_note": note,
            "accounting_cite": log_cite,
        }
    )


def request_problems(request: ReleaseRequest, as_of: date) -> Iterator[Problem]:
    """Dates that cannot be read, and an ``expect`` that is inconsistent or not the engine's."""
    form = request.documents.authorization
    if form is not None:
        try:
            read_date(form.signed_on, as_of)
        except ValueError:
            yield (
                ("documents", "authorization", "signed_on"),
                (
                    f"{form.signed_on!r} is not a date: write a date (2026-02-20) "
                    "or an offset from as_of such as -10d"
                ),
                "error",
            )
        try:
            read_expiry(form.expires, as_of)
        except ValueError:
            yield (
                ("documents", "authorization", "expires"),
                (
                    f"{form.expires!r} is not a date: write a date, an offset such as +80d, "
                    "or the expiration event in words"
                ),
                "error",
            )
    if request.expect is not None:
        yield from _expectation_problems(request, as_of)


def _expectation_problems(request: ReleaseRequest, as_of: date) -> Iterator[Problem]:
    expect = request.expect
    assert expect is not None
    disclosing = expect.decision in DISCLOSING
    if disclosing and not expect.release:
        yield (
            ("expect", "release"),
            f"'{expect.decision}' needs the records released: list them under release",
            "error",
        )
        return
    if not disclosing and expect.release:
        yield (
            ("expect", "release"),
            f"'{expect.decision}' sends nothing out: leave release empty",
            "error",
        )
        return
    extra = expand(expect.release) - expand(request.requested)
    if extra:
        yield (
            ("expect", "release"),
            f"lists records that were not requested: {labels(extra)}",
            "warning",
        )
    if not disclosing and expect.log_disclosure:
        yield (
            ("expect", "log_disclosure"),
            f"'{expect.decision}' discloses nothing, "
            "so there is nothing to enter in the accounting",
            "warning",
        )
    if not disclosing and any(d in DISCLOSING for d in expect.acceptable):
        yield (
            ("expect", "acceptable"),
            (
                "a release is listed as acceptable, but the expected decision "
                f"'{expect.decision}' sends nothing; "
                "recsim scores any record sent as a privacy violation"
            ),
            "warning",
        )
    engine = derive(request, as_of)
    if not agrees(expect, engine):
        yours = _summary(expect.decision, expect.release, expect.log_disclosure)
        engines = _summary(engine.decision, engine.release, engine.log_disclosure)
        yield (
            ("expect",),
            (
                f"your expected answer ({yours}) differs from recsim's rule engine ({engines}; "
                f"{join_cites([engine.cite])}); recsim will score your answer, so check it"
            ),
            "warning",
        )


def _summary(decision: str, release: Sequence[str], log: bool) -> str:
    if decision not in DISCLOSING:
        return decision
    records = release if "full_record" in release else ordered(expand(release))
    entered = "entered" if log else "not entered"
    return f"{decision} {', '.join(records)}, {entered} in the accounting"
