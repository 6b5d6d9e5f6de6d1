"""The access log of a graded attempt, as ``recsim results show`` prints it for an auditor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recsim.core.grading import GradedAttempt
    from recsim.session.access_log import LogLine


def log_lines(graded: GradedAttempt) -> list[LogLine]:
    """Every chart the attempt opened, read against the trainee's own form (none without
    the scenario it was played on)."""
    from recsim.session.forms import make_variant

    document = graded.results.document
    if graded.scenario is None or not document.opened:
        return []
    return make_variant(graded.scenario, document.trainee).access_log(document.opened)


def log_json(graded: GradedAttempt) -> list[dict[str, Any]]:
    """The log as ``show --json`` prints it."""
    who = graded.results.document.trainee
    return [
        {
            "who": who,
            "at": line.at.isoformat() if line.at else None,
            "patient": line.patient,
            "reason": line.reason,
            "item": line.item,
            "justified": line.justified,
            "reading": line.reading,
        }
        for line in log_lines(graded)
    ]


def log_text(graded: GradedAttempt) -> list[Any]:
    """The log as text: one paragraph an open (when, who, patient, reason, the reading)."""
    from rich.padding import Padding
    from rich.text import Text

    from recsim.commands.output import plain_text
    from recsim.privacy import audit_trail

    lines = log_lines(graded)
    if not lines:
        return []
    who = plain_text(graded.results.document.trainee) or "(no name)"
    shown: list[Any] = [
        Text(""),
        Text(
            "Access log, as the privacy office reviews it (45 CFR 164.308(a)(1)(ii)(D)); a chart "
            f"no item concerns is opened without a job reason ({audit_trail.RULE}):"
        ),
    ]
    for line in lines:
        when = f"{line.at:%Y-%m-%d %H:%M %z}" if line.at else "(no time)"
        mark = "work" if line.justified else "NO JOB REASON"
        shown.append(
            Padding(
                Text(
                    f"{mark}: {when} {who} opened {plain_text(line.patient)} from "
                    f"{line.item or 'the patient lookup'}, reason "
                    f"'{plain_text(line.reason) or '(none)'}'. {line.reading}"
                ),
                (0, 0, 0, 2),
            )
        )
    return shown
