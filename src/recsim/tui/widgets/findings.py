"""How one finding reads: outcome (a symbol and a word), points, feedback, rule, expected, given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from recsim.session.topics import topic_words
from recsim.tui.words import outcome_text, points_number

if TYPE_CHECKING:
    from recsim.core.scoring import Finding

OUTCOME_STYLE = {
    "correct": "$text-success",
    "partial": "$text-warning",
    "missed": "$text-error",
    "false_alarm": "$text-error",
    "violation": "$text-error",
}


def points_text(earned: float, possible: float) -> str:
    """``3 of 5 points``, or ``-1 point`` for a penalty with nothing possible."""
    if possible == 0:
        return f"{points_number(earned)} point" + ("" if abs(earned) == 1 else "s")
    return f"{points_number(earned)} of {points_number(possible)} point" + (
        "" if possible == 1 else "s"
    )


def finding_heading(finding: Finding) -> Content:
    """One line: outcome, points and topic."""
    style = OUTCOME_STYLE.get(finding.outcome, "")
    return Content.assemble(
        (outcome_text(finding.outcome, finding.category), f"{style} bold"),
        # points first: a narrow pane cuts the topic
        f" · {points_text(finding.earned, finding.possible)} · {topic_words(finding.topic)}",
    )


def finding_content(finding: Finding) -> Content:
    """The whole finding, as the trainee reads it."""
    lines = [
        finding_heading(finding),
        Content(finding.feedback),
        Content.assemble(("Rule: ", "bold"), finding.rule),
    ]
    if finding.expected:
        lines.append(Content.assemble(("Expected: ", "bold"), finding.expected))
    if finding.given:
        lines.append(Content.assemble(("You gave: ", "bold"), finding.given))
    return Content("\n").join(lines)
