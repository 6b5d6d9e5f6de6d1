"""The access log as a privacy office reviews it: charts opened that no work item concerns.

A trainee may open any chart the patient index finds. An open is work only when an
item of the queue concerns that chart (:meth:`recsim.tasks.base.TaskKind.charts`);
a trap's chart is scored by its trap. Every other chart opened is an access
violation (45 CFR 164.502(b) and 164.514(d)(2), minimum necessary and role-based
access for the workforce; found by the information system activity review of
164.308(a)(1)(ii)(D) and the audit controls of 164.312(b)), once per patient
however often it was opened, and whatever reason was typed: no assignment stands
behind it.

Scored as a trap's access_without_job_reason is: severity 4, -5 points on a finding
worth 5, so each such patient makes the attempt worth 5 privacy points more and
earns none of them. The findings belong to the pseudo-item :data:`ACCESS_LOG`,
which follows the form's items.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from recsim.core.scoring import Finding, points
from recsim.core.trail import RecordOpen
from recsim.privacy import audit_trail

ACCESS_LOG = "access-log"
"""Item id of the access log's findings (no item of a form has this id)."""
SEVERITY = 4
"""Unlawful access: the highest severity, as for traps."""

Naming = Callable[[str], "str | None"]
"""A patient's name ("First Last") from their MRN, or None when the index has no such chart."""


def access_findings(
    opens: Sequence[RecordOpen], concerned: Collection[str], name_of: Naming
) -> list[Finding]:
    """One violation per chart opened that no item concerns (``concerned``: their MRNs)."""
    findings = []
    for reviews in audit_trail.unconcerned_opens(opens, concerned).values():
        mrn = reviews[0].mrn
        log = " ".join(r.describe() for r in reviews)
        findings.append(
            Finding(
                item=ACCESS_LOG,
                category="privacy",
                outcome="violation",
                earned=-points(SEVERITY),
                possible=points(SEVERITY),
                severity=SEVERITY,
                topic="access_without_job_reason",
                rule=f"{audit_trail.RULE}; {audit_trail.REVIEW_RULE}",
                expected="no access to this chart",
                given=f"opened {mrn} {_times(len(reviews))}",
                feedback=(
                    f"The access log shows you opened {_whose(name_of, mrn)}, which no item in "
                    "your work concerns: the minimum necessary standard limits each workforce "
                    f"member to the charts their job needs. {log} {audit_trail.CONSEQUENCE}"
                ),
            )
        )
    return findings


@dataclass(frozen=True, slots=True)
class LogLine:
    """One open as an auditor's report lists it."""

    at: datetime | None
    patient: str
    """Name and MRN, or the MRN alone for a chart outside the index."""
    reason: str
    item: str | None
    justified: bool
    """Whether an item of the queue that concerns the chart stood behind the open."""
    reading: str
    """The reading of the open, in a sentence."""


def access_log(
    opens: Sequence[RecordOpen], concerned: Mapping[str, Collection[str]], name_of: Naming
) -> list[LogLine]:
    """Every open of the trail, in order; ``concerned`` maps an MRN to the items it is work for."""
    work = {_normal(mrn): items for mrn, items in concerned.items()}
    lines = []
    for entry in opens:
        items = work.get(_normal(entry.mrn))
        review = audit_trail.review(entry, items or ())
        if items and not review.justified:
            when = f" at {entry.at:%H:%M}" if entry.at else ""
            reading = (
                f"Opened{when} outside its work item; the chart is in your work "
                f"({', '.join(sorted(items))}), so this open is not scored."
            )
        else:
            reading = review.describe()
        lines.append(
            LogLine(
                at=entry.at,
                patient=_whose(name_of, entry.mrn),
                reason=entry.reason,
                item=entry.item,
                justified=review.justified,
                reading=reading,
            )
        )
    return lines


def _whose(name_of: Naming, mrn: str) -> str:
    name = name_of(mrn)
    return f"the chart of {name} ({mrn})" if name else f"chart {mrn}"


def _normal(mrn: str) -> str:
    return "".join(mrn.split()).upper()


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
