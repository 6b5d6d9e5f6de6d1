"""The access audit trail rule: a chart may be opened only for a job reason.

An EHR logs every chart a user opens, with the time and the reason given, and
the privacy office reviews that log (45 CFR 164.308(a)(1)(ii)(D), 164.312(b)).
A workforce member may use only the PHI the job needs (164.502(b), with the
role-based access policy of 164.514(d)(2)); looking at a famous person's,
a co-worker's or a relative's chart out of curiosity is a violation, whatever
the user later says about it.

The rule here is pure: given the opens of the trail and the queue items whose
work concerns a chart, it says which opens had a job reason. An open counts as
work only when it was made for an item whose work concerns that very chart; a
free-text reason is recorded and shown, but a reason with no assignment behind
it is not a job reason.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

Verdict = Literal["job", "no_reason", "reason_without_assignment", "outside_assignment"]

RULE = "45 CFR 164.502(b), 164.514(d)(2)"
"""Minimum necessary, and access limited to what the workforce member's role needs."""
REVIEW_RULE = "45 CFR 164.308(a)(1)(ii)(D), 164.312(b)"
"""Information system activity review and audit controls: how snooping is found."""
CONSEQUENCE = (
    "Every open is logged with your user name and the time; the privacy office reviews the log, "
    "and access without a job reason leads to sanctions up to dismissal (45 CFR 164.530(e)), may "
    "be a breach the patient must be told about (164.402), and knowingly obtaining health "
    "information without authority is a federal crime (42 U.S.C. 1320d-6)."
)


class Access(Protocol):
    """One entry of an access trail, as any layer records it."""

    @property
    def mrn(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def item(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class AccessReview:
    """The privacy office's reading of one logged open."""

    mrn: str
    item: str | None
    reason: str
    at: datetime | None
    verdict: Verdict

    @property
    def justified(self) -> bool:
        """Whether the open had a job reason."""
        return self.verdict == "job"

    def describe(self) -> str:
        """The log entry and the reading of it, as a sentence for feedback."""
        when = f" at {self.at:%H:%M}" if self.at else ""
        if self.verdict == "job":
            return f"Opened{when} for queue item {self.item}: a job reason."
        if self.verdict == "no_reason":
            return f"Opened{when} from a search with no reason given."
        if self.verdict == "reason_without_assignment":
            return (
                f"Opened{when} from a search with the reason '{self.reason.strip()}', but no item "
                "in your work concerns this patient, so it is not a job reason."
            )
        return f"Opened{when} while working on {self.item}, which does not concern this patient."


def review(entry: Access, assigned: Collection[str]) -> AccessReview:
    """Whether one open had a job reason.

    ``assigned`` holds the items whose work concerns the opened chart.
    """
    at = getattr(entry, "at", None)
    reason = entry.reason or ""
    if entry.item is not None and entry.item in assigned:
        verdict: Verdict = "job"
    elif entry.item is not None:
        verdict = "outside_assignment"
    elif reason.strip():
        verdict = "reason_without_assignment"
    else:
        verdict = "no_reason"
    return AccessReview(entry.mrn, entry.item, reason, at, verdict)


def opens_of(entries: Iterable[Access], mrn: str) -> list[Access]:
    """The trail's opens of one chart, in order (MRNs compared without case or spaces)."""
    wanted = _normal(mrn)
    return [entry for entry in entries if _normal(entry.mrn) == wanted]


def unjustified_opens(
    entries: Iterable[Access], mrn: str, assigned: Collection[str] = ()
) -> list[AccessReview]:
    """Every open of ``mrn`` without a job reason (a chart no item concerns: ``assigned`` empty)."""
    reviews = (review(entry, assigned) for entry in opens_of(entries, mrn))
    return [r for r in reviews if not r.justified]


def unconcerned_opens(
    entries: Iterable[Access], concerned: Collection[str]
) -> dict[str, list[AccessReview]]:
    """The opens of every chart no item concerns, grouped by chart in the order first opened.

    Each such open is without a job reason whatever reason was typed: no assignment
    stands behind it. ``concerned`` holds the MRNs some item's work concerns.
    """
    skip = {_normal(mrn) for mrn in concerned}
    grouped: dict[str, list[AccessReview]] = {}
    for entry in entries:
        key = _normal(entry.mrn)
        if key not in skip:
            grouped.setdefault(key, []).append(review(entry, ()))
    return grouped


def _normal(mrn: str) -> str:
    return "".join(mrn.split()).upper()
