"""The access log as an auditor reads it, for the results screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from recsim.tui.widgets.paper import heading

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt

INTRODUCTION = (
    "Every chart you opened, as the privacy office reviews the log "
    "(45 CFR 164.308(a)(1)(ii)(D)): a chart is work only when an item in your work concerns it."
)


def access_log_content(attempt: Attempt) -> Content:
    """The log, one entry a paragraph: when, who, which patient, the reason and the verdict."""
    from recsim.session.forms import Variant

    grader, who = attempt.grader, attempt.row.trainee
    lines = grader.access_log(attempt.opened) if isinstance(grader, Variant) else []
    parts = [heading("Access log"), Content(INTRODUCTION)]
    for line in lines:
        when = f"{line.at:%Y-%m-%d %H:%M %Z}".strip() if line.at else "(time not recorded)"
        verdict = (
            Content.styled("✔ work", "$text-success bold")
            if line.justified
            else Content.styled("✘ no job reason", "$text-error bold")
        )
        parts.append(
            Content("\n").join(
                [
                    Content.assemble(verdict, f"  {when} · {who or '(no name)'}"),
                    Content(f"Patient: {line.patient}"),
                    Content(f"Reason given: {line.reason or '(none)'}"),
                    Content(f"Opened from: {line.item or 'the patient lookup'}"),
                    Content(line.reading),
                ]
            )
        )
    return Content("\n\n").join(parts)
